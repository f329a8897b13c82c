import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// One internal secret per run, shared by the federation the global setup starts (this process's
// environment) and the test workers (test.env), so tests can sign requests as the gateway does.
process.env.YIYE_INTERNAL_SECRET ??= randomBytes(32).toString('hex');
// The domain clock of the whole run (shared/platform/clock.ts), the same in the federation and the tests:
// no test depends on the calendar. Its quarter, 2026-Q4, belongs to joint-task-walk.test.ts (see
// test/README.md for which file owns which periods and townships).
process.env.YIYE_NOW ??= '2026-11-16T10:00:00+08:00';
process.env.YIYE_NOW_SET_AT ??= String(Date.now());

export default defineConfig({
  resolve: {
    // graphql ships ESM (index.mjs) and CJS (index.js); Apollo loads the CJS copy, so our code must
    // too, or schemas built by type-graphql are "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    env: { YIYE_INTERNAL_SECRET: process.env.YIYE_INTERNAL_SECRET, YIYE_NOW: process.env.YIYE_NOW, YIYE_NOW_SET_AT: process.env.YIYE_NOW_SET_AT },
    // The end-to-end files share one federation and count SQL statements on it: one file at a time.
    fileParallelism: false,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
