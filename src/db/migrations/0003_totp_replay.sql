-- 0003 a TOTP code is accepted once: the last accepted time step per user (RFC 6238 section 5.2).
alter table users add column totp_last_step bigint;
