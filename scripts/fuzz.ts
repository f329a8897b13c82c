/**
 * npm run fuzz [-- --per-field N] [-- --seed S] [-- --gateway URL]
 *
 * The long fuzz run: N bad-argument cases per public field and caller (the public, a fire-rescue
 * department admin, a coordinator), generated from the gateway's schema (scripts/fuzz-cases.ts).
 * Starts its own PostgreSQL (embedded, throw-away; or DATABASE_URL) and federation, like the
 * tests, unless --gateway names a running one (then tokens need that gateway's YIYE_JWT_SECRET).
 * Prints answers by code and every problem; exit code 1 when there is any.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { issueUserToken } from '../shared/platform/auth.js';
import { databaseName, dropDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { CATALOG } from '../subgraphs/catalog.js';
import { startPostgres, tempDataDir } from './postgres.js';
import { startFederation } from './federation.js';
import { introspect, runCases, sampleCases } from './fuzz-cases.js';

const { values } = parseArgs({
  options: { 'per-field': { type: 'string', default: '20' }, seed: { type: 'string', default: '20261201' }, gateway: { type: 'string' } },
});
const perField = Number(values['per-field']);
const seed = Number(values.seed);

let gatewayUrl = values.gateway;
let cleanup = async () => {};
let rowCounts: (() => Promise<Record<string, number>>) | undefined;
if (!gatewayUrl) {
  const dataDir = tempDataDir('fuzz');
  const pgServer = await startPostgres({ dataDir, ephemeral: true, log: () => {} });
  const dbPrefix = `yiye_fuzz_${Date.now().toString(36)}`;
  console.log('starting the federation…');
  const fed = await startFederation({ pgUrl: pgServer.url, dbPrefix, ports: 'free' }).catch(async (e) => {
    await pgServer.stop();
    throw e;
  });
  gatewayUrl = fed.gatewayUrl;
  cleanup = async () => {
    await fed.stop();
    for (const c of CATALOG) await dropDatabase(pgServer.url, databaseName(c.name, dbPrefix)).catch(() => {});
    await pgServer.stop();
  };
  // Rows of every table but the trail, per subgraph: a refused mutation must not change them.
  rowCounts = async () => {
    const out: Record<string, number> = {};
    for (const c of CATALOG) {
      const client = new pg.Client({ connectionString: urlForDatabase(pgServer.url, databaseName(c.name, dbPrefix)) });
      await client.connect();
      try {
        const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'trail'`)).rows;
        for (const { tablename } of tables) out[`${c.name}.${tablename}`] = (await client.query(`SELECT count(*)::int AS n FROM "${tablename}"`)).rows[0].n;
      } finally {
        await client.end();
      }
    }
    return out;
  };
}

try {
  const tokens = {
    public: undefined,
    'department-admin': await issueUserToken({ subject: 'fuzz-admin', department: 'fire-rescue', roles: ['department-admin'] }),
    coordinator: await issueUserToken({ subject: 'fuzz-coordinator', department: 'double-random-office', roles: ['coordinator'] }),
  };
  const schema = await introspect(gatewayUrl, tokens.coordinator);
  const cases = sampleCases(schema, perField, seed, Object.keys(tokens));
  console.log(`${cases.length} requests (${perField} per field and caller, seed ${seed}) against ${gatewayUrl}`);
  const before = await rowCounts?.();
  const started = Date.now();
  const report = await runCases(gatewayUrl, cases, tokens);
  const after = await rowCounts?.();
  console.log(`\n${report.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; answers by code:`);
  for (const [code, n] of Object.entries(report.byCode).sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(28)} ${n}`);
  console.log(`accepted mutations: ${report.acceptedMutations}`);
  if (before && after) {
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    console.log(`tables changed: ${changed.length ? changed.map((k) => `${k} ${before[k]}→${after[k]}`).join(', ') : 'none'}`);
  }
  console.log(`problems: ${report.problems.length}`);
  for (const p of report.problems.slice(0, 200)) console.log(`  [${p.problem}] ${p.caller} ${p.field} ${p.label}: ${p.detail}`);
  process.exitCode = report.problems.length ? 1 : 0;
} finally {
  await cleanup();
}
