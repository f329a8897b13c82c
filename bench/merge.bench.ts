import pg from 'pg';
import { makeUscc, prng } from '../shared/demo/county.js';
import { mergeInspections, type PlannedInspection } from '../subgraphs/joint-inspection/merge/rules.js';
import { ensureDatabase, dropDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { fmt } from './support.js';

/**
 * Our merge vs. PostgreSQL's GROUP BY on the same rows in the same run: 1,000,000 candidate
 * (department, business) pairs from 10 departments over 400,000 businesses. The GROUP BY only
 * groups; the merge also applies the repeat rules and writes a reason for every decision, so
 * matching it within 1.5× is the goal, under 512 MB.
 */
const Q2 = { period: '2026-Q2', start: '2026-04-01', end: '2026-06-30' };

export function candidates(pairs: number, businesses: number, departments: number): PlannedInspection[] {
  const rand = prng(`merge-bench/${pairs}/${businesses}`);
  // Flat strings, as JSON.parse gives them (makeUscc builds them by concatenation).
  const usccs = Array.from({ length: businesses }, () => JSON.parse(JSON.stringify(makeUscc(rand, rand() < 0.5))) as string);
  const out: PlannedInspection[] = [];
  for (let i = 0; i < pairs; i++) {
    const uscc = usccs[Math.floor(rand() * businesses)];
    const d = Math.floor(rand() * departments);
    const done = rand() < 0.05;
    const date = done ? (rand() < 0.5 ? '2026-04-20' : '2026-02-10') : '2026-04-01';
    out.push({
      department: `dept-${String(d).padStart(2, '0')}`,
      uscc,
      taskId: `T${d}-${Math.floor(rand() * 20)}`,
      itemCodes: [`I${d}`],
      status: done ? 'done' : 'planned',
      period: date < '2026-04-01' ? '2026-Q1' : '2026-Q2',
      date,
      yearlyCap: 2,
      exemptions: rand() < 0.01 ? ['complaint'] : [],
    });
  }
  return out;
}

function peakRss<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; peakMb: number; heapMb: number }> {
  const base = process.memoryUsage();
  let peak = base.rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t = performance.now();
  return Promise.resolve(fn()).then((value) => {
    const ms = performance.now() - t;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms, peakMb: (peak - base.rss) / 2 ** 20, heapMb: (process.memoryUsage().heapUsed - base.heapUsed) / 2 ** 20 };
  });
}

export async function run(pgUrl: string, opts: { pairs: number; businesses: number }) {
  const rows = candidates(opts.pairs, opts.businesses, 10);
  const db = `yiye_bench_merge_${Date.now().toString(36)}`;
  await ensureDatabase(pgUrl, db);
  const client = new pg.Client({ connectionString: urlForDatabase(pgUrl, db) });
  await client.connect();
  try {
    await client.query('CREATE TABLE candidate (department text, uscc text, task_id text, status text, date date)');
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await client.query(
        'INSERT INTO candidate SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[])',
        [chunk.map((r) => r.department), chunk.map((r) => r.uscc), chunk.map((r) => r.taskId), chunk.map((r) => r.status), chunk.map((r) => r.date)],
      );
    }
    await client.query('VACUUM ANALYZE candidate');
    const groupBy = `SELECT uscc, array_agg(DISTINCT department ORDER BY department) AS departments, count(*) AS n
      FROM candidate WHERE date BETWEEN '2026-04-01' AND '2026-06-30' GROUP BY uscc`;

    const ours: number[] = [];
    const sqls: number[] = [];
    let oursPeak = 0;
    let oursHeap = 0;
    let visits = 0;
    let sqlGroups = 0;
    for (let i = 0; i < 3; i++) {
      const m = await peakRss(() => mergeInspections(rows, Q2));
      ours.push(m.ms);
      oursPeak = Math.max(oursPeak, m.peakMb);
      oursHeap = Math.max(oursHeap, m.heapMb);
      visits = m.value.visits.length;
      const t = performance.now();
      const res = await client.query(groupBy);
      sqls.push(performance.now() - t);
      sqlGroups = res.rowCount ?? 0;
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const o = median(ours);
    const s = median(sqls);
    console.log(`\n## Merge of ${opts.pairs.toLocaleString('en')} candidate pairs (10 departments, ${opts.businesses.toLocaleString('en')} businesses), median of 3`);
    console.log('| | ms | peak RSS added, MB | result |');
    console.log('|---|---|---|---|');
    console.log(`| our merge (rules + reasons + figures) | ${fmt(o, 0)} | ${fmt(oursPeak, 0)} (heap ${fmt(oursHeap, 0)}) | ${visits.toLocaleString('en')} visits |`);
    console.log(`| PostgreSQL GROUP BY uscc (to the client) | ${fmt(s, 0)} | (server process) | ${sqlGroups.toLocaleString('en')} groups |`);
    console.log(`| ratio ours / GROUP BY | ${fmt(o / s)}× | | |`);
    return { oursMs: o, groupByMs: s, ratio: o / s, peakRssMb: oursPeak, visits, groups: sqlGroups };
  } finally {
    await client.end();
    await dropDatabase(pgUrl, db);
  }
}
