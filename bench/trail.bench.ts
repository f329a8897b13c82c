import pg from 'pg';
import { dropDatabase, ensureDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { CHANGE_CAPTURE_SQL } from '../shared/platform/trail.js';
import { fmt } from './support.js';

/**
 * What the trail's before/after digests cost (CHANGE_CAPTURE_SQL: a row trigger on every table).
 * The same statements on the same table, in the same run, three ways: no trigger (baseline),
 * trigger with capture off (what imports and scripts outside a mutation pay), and capture on
 * (what a mutation pays: every changed row hashed into the digests). Rows look like a directory
 * row (a USCC, a few columns, a small JSON document).
 */
export interface TrailBenchResult {
  rows: number;
  insertMs: { none: number; off: number; on: number };
  updateMs: { none: number; off: number; on: number };
}

const TABLE = `create table bench_target (id int primary key, uscc varchar(18) not null, brigade varchar(40), valid_from timestamptz not null, tags jsonb not null)`;
const INSERT = (n: number) =>
  `insert into bench_target select i, '91130433' || lpad(i::text, 10, '0'), 'public-order', now(), jsonb_build_object('key', 'complaint-12m', 'value', i) from generate_series(1, ${n}) i`;
const UPDATE = `update bench_target set brigade = 'cyber-security', tags = tags || '{"checked": true}'`;

async function timed(client: pg.Client, capture: boolean, sql: string): Promise<number> {
  await client.query('begin');
  if (capture) await client.query(`select set_config('yiye.capture', 'on', true)`);
  const t = performance.now();
  await client.query(sql);
  const ms = performance.now() - t;
  await client.query('rollback');
  return ms;
}

export async function run(opts: { pgUrl: string; rows: number }): Promise<TrailBenchResult> {
  const db = `yiye_bench_trail_${Date.now().toString(36)}`;
  await ensureDatabase(opts.pgUrl, db);
  const client = new pg.Client({ connectionString: urlForDatabase(opts.pgUrl, db) });
  await client.connect();
  try {
    await client.query(TABLE);
    const best = async (capture: boolean, sql: string, prepare?: string) => {
      let min = Infinity;
      for (let i = 0; i < 3; i++) {
        if (prepare) {
          await client.query('truncate bench_target');
          await client.query(prepare);
        }
        min = Math.min(min, await timed(client, capture, sql));
      }
      return min;
    };
    const insertNone = await best(false, INSERT(opts.rows), 'truncate bench_target');
    await client.query('truncate bench_target');
    await client.query(INSERT(opts.rows));
    const updateNone = await best(false, UPDATE);
    for (const sql of CHANGE_CAPTURE_SQL) await client.query(sql);
    await client.query('truncate bench_target');
    const insertOff = await best(false, INSERT(opts.rows), 'truncate bench_target');
    const insertOn = await best(true, INSERT(opts.rows), 'truncate bench_target');
    await client.query('truncate bench_target');
    await client.query(INSERT(opts.rows));
    const updateOff = await best(false, UPDATE);
    const updateOn = await best(true, UPDATE);
    const result = { rows: opts.rows, insertMs: { none: insertNone, off: insertOff, on: insertOn }, updateMs: { none: updateNone, off: updateOff, on: updateOn } };
    console.log(`\n## Trail before/after digests (${opts.rows.toLocaleString("en")} rows, best of 3, same table, same run)\n`);
    console.log('| statement | no trigger | trigger, capture off | ratio | capture on | ratio |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, m] of [['insert', result.insertMs], ['update', result.updateMs]] as const) {
      console.log(`| ${name} | ${fmt(m.none)} ms | ${fmt(m.off)} ms | ${(m.off / m.none).toFixed(2)}× | ${fmt(m.on)} ms | ${(m.on / m.none).toFixed(2)}× |`);
    }
    return result;
  } finally {
    await client.end();
    await dropDatabase(opts.pgUrl, db).catch(() => {});
  }
}
