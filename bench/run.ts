/**
 * npm run bench [-- --only federation,import,draw,merge,merge-gateway,trail,report,optimizer] [-- --requests 300] [-- --rows N]
 *               [-- --pool 1000000] [-- --pairs 1000000] [-- --records 1000000]
 * Starts its own PostgreSQL (embedded, throw-away; or DATABASE_URL) and, for the benchmarks that
 * need it, the federation; runs each benchmark, prints its figures as Markdown tables (paste
 * them into the README), and writes bench/out/latest.json.
 *
 * --rows: size of the import benchmark; default 1,000,000 with `--only import`, else 100,000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres, tempDataDir } from '../scripts/postgres.js';
import { startFederation } from '../scripts/federation.js';
import { dropDatabase, databaseName } from '../shared/platform/orm.js';
import { CATALOG } from '../subgraphs/catalog.js';
import * as federationBench from './federation.bench.js';
import * as importBench from './import.bench.js';
import * as drawBench from './draw.bench.js';
import * as mergeBench from './merge.bench.js';
import * as mergeGatewayBench from './merge-gateway.bench.js';
import * as trailBench from './trail.bench.js';
import * as reportBench from './report.bench.js';
import * as optimizerBench from './optimizer.bench.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    requests: { type: 'string', default: '300' },
    rows: { type: 'string' },
    pool: { type: 'string', default: '1000000' },
    pairs: { type: 'string', default: '1000000' },
    records: { type: 'string', default: '1000000' },
  },
});
const only = values.only?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const importRows = Number(values.rows ?? (only?.length === 1 && only[0] === 'import' ? 1_000_000 : 100_000));

const dataDir = tempDataDir('bench');
const pg = await startPostgres({ dataDir, ephemeral: true, log: () => {} });
const dbPrefix = `yiye_bench_${Date.now().toString(36)}`;
console.log(`# Yiye benchmarks, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${pg.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`);
const results: Record<string, unknown> = {};
try {
  if (wanted('federation')) {
    console.log('starting the federation…');
    const fed = await startFederation({ pgUrl: pg.url, dbPrefix, ports: 'free' });
    try {
      results.federation = await federationBench.run(fed, { requests: Number(values.requests) });
    } finally {
      await fed.stop();
      for (const c of CATALOG) await dropDatabase(pg.url, databaseName(c.name, dbPrefix)).catch(() => {});
    }
  }
  if (wanted('merge-gateway')) {
    console.log('starting a county of 30,000 businesses…');
    const prefix = `${dbPrefix}_county`;
    const fed = await startFederation({ pgUrl: pg.url, dbPrefix: prefix, ports: 'free', env: { YIYE_DEMO_BUSINESSES: '30000', YIYE_DEPARTMENT_TIMEOUT_MS: String(mergeGatewayBench.DEPARTMENT_TIMEOUT_MS) } });
    try {
      results.mergeGateway = await mergeGatewayBench.run(fed, { requests: 20, businesses: 30_000 });
    } finally {
      await fed.stop();
      for (const c of CATALOG) await dropDatabase(pg.url, databaseName(c.name, prefix)).catch(() => {});
    }
  }
  if (wanted('optimizer')) {
    console.log('starting the federation for the plan optimizer…');
    const prefix = `${dbPrefix}_opt`;
    const fed = await startFederation({ pgUrl: pg.url, dbPrefix: prefix, ports: 'free' });
    try {
      results.optimizer = await optimizerBench.run(fed);
    } finally {
      await fed.stop();
      for (const c of CATALOG) await dropDatabase(pg.url, databaseName(c.name, prefix)).catch(() => {});
    }
  }
  if (wanted('import')) results.import = await importBench.run({ pgUrl: pg.url, rows: importRows });
  if (wanted('draw')) results.draw = await drawBench.run({ pgUrl: pg.url, dbPrefix, pool: Number(values.pool) });
  if (wanted('trail')) results.trail = await trailBench.run({ pgUrl: pg.url, rows: 100_000 });
  if (wanted('report')) results.report = await reportBench.run({ pgUrl: pg.url, dbPrefix, records: Number(values.records) });
  if (wanted('merge')) results.merge = await mergeBench.run(pg.url, { pairs: Number(values.pairs), businesses: Math.round(Number(values.pairs) * 0.4) });
} finally {
  await pg.stop();
  if (pg.embedded) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
