-- 0025 shared rate limits (docs/scaling.md): the counters of the HTTP rate limits and of the failed
-- logins per address, in the database, so that several instances on one PostgreSQL count together
-- (CUSTOS_RATE_LIMIT_STORE=database, src/modules/rate-limits).
--
-- Global bookkeeping, no tenant: a request is limited before its tenant is known, and the limits count
-- per client address. The key is an HMAC-SHA256 (key derived from the master key) of the route and the
-- rate-limit key; neither the client address nor an e-mail address is stored. A row lives for one
-- window (a minute); expired rows are deleted in bounded batches by the store itself.
create table rate_limits (
  key_hash text primary key check (key_hash ~ '^[0-9a-f]{64}$'),
  hits integer not null check (hits > 0),
  expires_at timestamptz not null
);
create index rate_limits_expires_at on rate_limits (expires_at);

-- Only the owner role counts, outside any tenant transaction (like the login lookups of asSystem). The
-- application role custos_app gets no grant; and with row-level security on and no policy it would
-- see no row even if it had one.
alter table rate_limits enable row level security;
revoke all on rate_limits from custos_app;
