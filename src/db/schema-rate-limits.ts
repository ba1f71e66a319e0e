import type { ColumnType } from 'kysely';

/** Kysely table types of migration 0025 (shared rate limits); part of `DB` in schema.ts. */
export type RateLimitsTable = {
  /** HMAC-SHA256 (hex) of the route and the rate-limit key; never the address or e-mail itself */
  key_hash: string;
  hits: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
};

export type RateLimitTables = { rate_limits: RateLimitsTable };
