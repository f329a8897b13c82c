/**
 * npm run bench [-- --only federation] [-- --requests 300]
 * Starts its own PostgreSQL (embedded, throw-away; or DATABASE_URL) and federation, runs each
 * benchmark, prints its figures as Markdown tables (paste them into the README), and writes
 * bench/out/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startPostgres, tempDataDir } from '../scripts/postgres.js';
import { startFederation } from '../scripts/federation.js';
import { dropDatabase, databaseName } from '../shared/orm.js';
import { CATALOG } from '../subgraphs/catalog.js';
import * as federationBench from './federation.bench.js';

const { values } = parseArgs({ options: { only: { type: 'string' }, requests: { type: 'string', default: '300' } } });
const wanted = (name: string) => !values.only || values.only.split(',').includes(name);

const dataDir = tempDataDir('bench');
const pg = await startPostgres({ dataDir, ephemeral: true, log: () => {} });
const dbPrefix = `yiye_bench_${Date.now().toString(36)}`;
console.log(`# Yiye benchmarks, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${pg.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`);
console.log('starting the federation…');
const fed = await startFederation({ pgUrl: pg.url, dbPrefix, ports: 'free' });
const results: Record<string, unknown> = {};
try {
  if (wanted('federation')) results.federation = await federationBench.run(fed, { requests: Number(values.requests) });
} finally {
  await fed.stop();
  for (const c of CATALOG) await dropDatabase(pg.url, databaseName(c.name, dbPrefix)).catch(() => {});
  await pg.stop();
  if (pg.embedded) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'out');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
