import path from 'node:path';

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  masterKeyBase64: string | undefined;
  logLevel: string;
  /** Secure cookies need HTTPS; off for plain http://localhost. */
  secureCookies: boolean;
  webDist: string;
  /**
   * Benchmarks only (`CUSTOS_BENCH_BASELINE=1`): no audit trail and no encryption, to measure what
   * they cost. Never for real data: nothing is accountable or encrypted in this mode.
   */
  benchBaseline: boolean;
  /**
   * The erasure journal (`CUSTOS_ERASURE_JOURNAL`, default `<dataDir>/erasure-journal.jsonl`): an
   * append-only file OUTSIDE the database, so a restore of an older dump can re-apply every erasure;
   * or a directory (trailing `/`, or an existing directory) where each instance appends to its own file.
   */
  erasureJournalPath: string;
  /** `SMTP_URL` (e.g. smtp://user:pass@mail.example.de:587): without it, mail lands in the outbox only. */
  smtpUrl: string | undefined;
  /** `CUSTOS_PUBLIC_URL`: the base of links in mails (confirmation, one-click, portal); default http://localhost:PORT */
  publicUrl: string;
  /** `CUSTOS_MAIL_FROM`: the sender until a tenant sets its own (default custos@localhost) */
  mailFrom: string;
  /** `CUSTOS_SCHEDULER=0` switches off the campaign scheduler in the server (the CLI still runs due campaigns). */
  schedulerEnabled: boolean;
  /**
   * `CUSTOS_RATE_LIMIT_STORE`: where the rate limits count. `database` (the default with `DATABASE_URL`)
   * shares the counters of all instances on one PostgreSQL; `memory` (the default on the embedded
   * database, one process) counts per process.
   */
  rateLimitStore: RateLimitStore;
};

export const RATE_LIMIT_STORES = ['memory', 'database'] as const;
export type RateLimitStore = (typeof RATE_LIMIT_STORES)[number];

/** A configuration value Custos cannot start with; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const rateLimitStoreOf = (env: NodeJS.ProcessEnv): RateLimitStore => {
  const value = env.CUSTOS_RATE_LIMIT_STORE || (env.DATABASE_URL ? 'database' : 'memory');
  if ((RATE_LIMIT_STORES as readonly string[]).includes(value)) return value as RateLimitStore;
  throw new ConfigError(
    `CUSTOS_RATE_LIMIT_STORE must be ${RATE_LIMIT_STORES.join(' or ')}, not "${value.slice(0, 40)}"; Custos will not start.`,
  );
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const dataDir = path.resolve(env.CUSTOS_DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    smtpUrl: env.SMTP_URL || undefined,
    publicUrl: (env.CUSTOS_PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
    mailFrom: env.CUSTOS_MAIL_FROM || 'custos@localhost',
    schedulerEnabled: env.CUSTOS_SCHEDULER !== '0',
    rateLimitStore: rateLimitStoreOf(env),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    // a trailing slash names a directory of per-instance journal files: keep it
    erasureJournalPath:
      path.resolve(env.CUSTOS_ERASURE_JOURNAL || path.join(dataDir, 'erasure-journal.jsonl')) +
      (/[\\/]$/.test(env.CUSTOS_ERASURE_JOURNAL ?? '') ? path.sep : ''),
    databaseUrl: env.DATABASE_URL || undefined,
    masterKeyBase64: env.CUSTOS_MASTER_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.CUSTOS_SECURE_COOKIES === '1',
    benchBaseline: env.CUSTOS_BENCH_BASELINE === '1',
    webDist: path.resolve(env.CUSTOS_WEB_DIST ?? path.join(import.meta.dirname, '..', 'web', 'dist')),
  };
};
