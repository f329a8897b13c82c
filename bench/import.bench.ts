import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { makeUscc, prng } from '../shared/demo/county.js';
import { REGIONS } from '../shared/domain/industries.js';
import { REGISTER_COLUMNS } from '../shared/exchange/index.js';
import { databaseName, dropDatabase, ensureDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { copyCsvFile } from './pg-copy.js';
import { fmt } from './support.js';

/**
 * The register import at scale: a deterministic N-row register CSV (valid USCCs), imported by the
 * real command (`scripts/import.ts`, a child process, so that its peak RSS is its own) into a
 * fresh market-supervision database; then the same file again (nothing to write); next to
 * PostgreSQL's own `COPY` of the same CSV into a table of the same shape (same primary key and
 * indexes) in the same database. COPY checks nothing and keeps no history: it is the floor.
 */
const IMPORT_SCRIPT = fileURLToPath(new URL('../scripts/import.ts', import.meta.url));

const INDUSTRY_WEIGHTS: [string, number][] = [
  ['5299', 52], ['5212', 9], ['6210', 32], ['6220', 15], ['8051', 15], ['6129', 3], ['6130', 2], ['9011', 1], ['9013', 1], ['5265', 1],
];

/** Writes the CSV with backpressure, one row at a time; the same `rows` and `seed` give the same bytes. */
export async function generateRegisterCsv(file: string, rows: number, seed = 'yiye-bench-import'): Promise<number> {
  const rand = prng(seed);
  const regions = Object.keys(REGIONS);
  const totalWeight = INDUSTRY_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const industry = () => {
    let x = rand() * totalWeight;
    for (const [code, w] of INDUSTRY_WEIGHTS) if ((x -= w) < 0) return code;
    return '5299';
  };
  const seen = new Set<string>(); // generator only; the import runs in its own process
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${REGISTER_COLUMNS.map((c) => c.headerZh).join(',')}\n`);
  let buffer = '';
  for (let i = 0; i < rows; ) {
    const uscc = makeUscc(rand, rand() < 0.4);
    if (seen.has(uscc)) continue;
    seen.add(uscc);
    const cls = rand();
    const day = 1 + Math.floor(rand() * 28);
    buffer += `${uscc},馆陶县测试商户${i},${industry()},${regions[Math.floor(rand() * regions.length)]},${rand() < 0.95 ? 'operating' : 'suspended'},${cls < 0.3 ? 'A' : cls < 0.85 ? 'B' : cls < 0.97 ? 'C' : 'D'},${2005 + Math.floor(rand() * 20)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}\n`;
    i++;
    if (buffer.length > 64 * 1024) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'close');
  return fs.statSync(file).size;
}

interface CommandResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  accepted: boolean;
  validateMs: number;
  writeMs: number;
  peakRssMb: number;
  wallMs: number;
}

async function runImportCommand(file: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<CommandResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', IMPORT_SCRIPT, 'register', file, '--json', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`import exited ${code}:\n${stderr.slice(-2000)}\n${stdout.slice(-2000)}`);
  return { ...(JSON.parse(stdout) as CommandResult), wallMs: performance.now() - started };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function run(opts: { pgUrl: string; rows: number }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-bench-import-'));
  const file = path.join(dir, 'register.csv');
  const prefix = `yiye_bench_import_${Date.now().toString(36)}`;
  const db = databaseName('market-supervision', prefix);
  try {
    const t0 = performance.now();
    const bytes = await generateRegisterCsv(file, opts.rows);
    const genMs = performance.now() - t0;
    console.error(`generated ${opts.rows.toLocaleString('en-US')} rows (${fmt(bytes / 1e6, 1)} MB) in ${fmt(genMs / 1000, 1)} s`);

    const env = { ...process.env, YIYE_PG_URL: opts.pgUrl, DATABASE_URL: opts.pgUrl, YIYE_DB_PREFIX: prefix };
    const first = await runImportCommand(file, env);
    if (!first.accepted || first.inserted !== opts.rows) throw new Error(`first import: ${JSON.stringify(first)}`);
    const again = await runImportCommand(file, env);
    if (again.unchanged !== opts.rows) throw new Error(`second import: ${JSON.stringify(again)}`);
    // The same command on the first 20 rows: what the runtime itself takes (Node, tsx, MikroORM, exceljs).
    const small = path.join(dir, 'register-20.csv');
    const head = Buffer.alloc(64 * 1024);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    fs.writeFileSync(small, head.toString('utf8').split('\n', 21).join('\n') + '\n');
    const baseline = await runImportCommand(small, env, ['--dry-run']);
    if (baseline.unchanged !== 20) throw new Error(`baseline: ${JSON.stringify(baseline)}`);

    // COPY of the same file into a table of the same shape, in the same database, one transaction.
    await ensureDatabase(opts.pgUrl, db);
    const copy = await withClient(urlForDatabase(opts.pgUrl, db), async (c) => {
      await c.query('CREATE TABLE enterprise_copy (LIKE enterprise INCLUDING ALL)');
      const t = performance.now();
      await c.query('BEGIN');
      const n = await copyCsvFile(c, 'enterprise_copy', ['uscc', 'name', 'industry_code', 'region_code', 'status', 'credit_risk_class', 'registered_on'], file);
      await c.query('COMMIT');
      const ms = performance.now() - t;
      const [{ same }] = (
        await c.query(`SELECT count(*) = 0 AS same FROM (
          (SELECT uscc, name, industry_code, region_code, status, credit_risk_class, registered_on FROM enterprise
           EXCEPT SELECT uscc, name, industry_code, region_code, status, credit_risk_class, registered_on FROM enterprise_copy)
          UNION ALL
          (SELECT uscc, name, industry_code, region_code, status, credit_risk_class, registered_on FROM enterprise_copy
           EXCEPT SELECT uscc, name, industry_code, region_code, status, credit_risk_class, registered_on FROM enterprise)) d`)
      ).rows;
      return { rows: n, ms, same };
    });
    if (copy.rows !== opts.rows || !copy.same) throw new Error(`COPY loaded ${copy.rows} rows, same as the import: ${copy.same}`);

    const importMs = first.validateMs + first.writeMs;
    const rate = (ms: number) => (opts.rows / ms) * 1000;
    console.log(`\n## Register import, ${opts.rows.toLocaleString('en-US')} rows (${fmt(bytes / 1e6, 1)} MB CSV), fresh database`);
    console.log('| path | validate s | write s | total s | rows/s | peak RSS MB |');
    console.log('|---|---|---|---|---|---|');
    console.log(`| npm run import (first: ${first.inserted.toLocaleString('en-US')} inserted, with class history) | ${fmt(first.validateMs / 1000)} | ${fmt(first.writeMs / 1000)} | ${fmt(importMs / 1000)} | ${fmt(rate(importMs), 0)} | ${fmt(first.peakRssMb, 0)} |`);
    console.log(`| npm run import again (${again.unchanged.toLocaleString('en-US')} unchanged, nothing written) | ${fmt(again.validateMs / 1000)} | ${fmt(again.writeMs / 1000)} | ${fmt((again.validateMs + again.writeMs) / 1000)} | ${fmt(rate(again.validateMs + again.writeMs), 0)} | ${fmt(again.peakRssMb, 0)} |`);
    console.log(`| PostgreSQL COPY of the same CSV (same table shape, no checks, no history) | – | ${fmt(copy.ms / 1000)} | ${fmt(copy.ms / 1000)} | ${fmt(rate(copy.ms), 0)} | – |`);
    console.log(`| ratio import / COPY | | | ${fmt(importMs / copy.ms)}× | ${fmt(rate(copy.ms) / rate(importMs))}× fewer | |`);
    console.log(`Command wall time incl. process start and migrations: ${fmt(first.wallMs / 1000)} s and ${fmt(again.wallMs / 1000)} s. Peak RSS of the same command on a 20-row file (the runtime alone): ${fmt(baseline.peakRssMb, 0)} MB.`);
    return {
      rows: opts.rows,
      csvBytes: bytes,
      first,
      again,
      baselineRssMb: baseline.peakRssMb,
      copy: { ms: copy.ms, rowsPerSecond: rate(copy.ms) },
      ratio: importMs / copy.ms,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await dropDatabase(opts.pgUrl, db).catch(() => {});
  }
}
