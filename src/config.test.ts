import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: CUSTOS_RATE_LIMIT_STORE', () => {
  it('defaults to the database with DATABASE_URL (several instances) and to memory on the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://custos@db/custos' }).rateLimitStore).toBe('database');
    expect(loadConfig({}).rateLimitStore).toBe('memory');
  });

  it('takes either value explicitly, whatever the database', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://x@y/z', CUSTOS_RATE_LIMIT_STORE: 'memory' }).rateLimitStore,
    ).toBe('memory');
    expect(loadConfig({ CUSTOS_RATE_LIMIT_STORE: 'database' }).rateLimitStore).toBe('database');
  });

  it('refuses any other value with an error naming the variable and the allowed values', () => {
    for (const value of ['redis', 'Database', ' memory']) {
      const error = (() => {
        try {
          loadConfig({ CUSTOS_RATE_LIMIT_STORE: value });
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(
        `CUSTOS_RATE_LIMIT_STORE must be memory or database, not "${value}"; Custos will not start.`,
      );
    }
  });
});
