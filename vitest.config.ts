import { defineConfig } from 'vitest/config';

/** Unit and integration tests (PGlite always; PostgreSQL too when TEST_DATABASE_URL is set). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
