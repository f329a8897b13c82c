import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { demoInspectors, makeUscc, prng } from '../shared/demo/county.js';
import {
  RISK_CLASSES,
  DrawShortfallError,
  drawCommitted,
  drawInspectors,
  drawTargets,
  makeCommitment,
  poolDigest,
  quota,
  seedDigest,
  type DrawTargetsResult,
  type InspectionTargetSpec,
  type InspectorCandidate,
  type PoolEntry,
  type Ratios,
  type RiskClass,
} from '../shared/domain/draw.js';
import { databaseName, dropDatabase, ensureDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { fmt } from './support.js';

/**
 * The draw at county-and-beyond scale: 5 % of a pool of 1,000,000 businesses in 4 classes, with
 * shared/domain/draw.ts, next to the plain-SQL way of doing the same draw (`ORDER BY sha256(…) LIMIT k`
 * per class) on the same data in the same run, and the inspector draw for 2,000 targets from 300
 * inspectors. SQL must draw exactly our set in every class, which also cross-checks the targetKey
 * byte layout against PostgreSQL's sha256(); any difference prints MISMATCH and fails the run.
 *
 * Memory: peak RSS is sampled every 2 ms by a worker thread (RSS is per process, and the draw
 * blocks the main thread); peak heapUsed is exact, from V8's GC profiler (the heap only grows
 * between collections, so its peak is just before one of them or at the end).
 */
const BP = 500; // 5 %
const RATIOS: Ratios = { A: BP, B: BP, C: BP, D: BP };
const SEED = 'bench-seed-2026-draw';
const TASK_ID = 'GT-BENCH-2026-001';
const CLASS_SHARES: [RiskClass, number][] = [['A', 30], ['B', 55], ['C', 12], ['D', 3]];
const RUNS = 3;
const MB = 1024 * 1024;

/** Deterministic synthetic pool: valid USCCs (check character included), classes A 30 % B 55 % C 12 % D 3 %. */
export function syntheticPool(size: number): PoolEntry[] {
  const rand = prng('yiye-bench-draw/pool'); // a smaller pool is a prefix of a larger one
  const seen = new Set<string>();
  const pool: PoolEntry[] = [];
  while (pool.length < size) {
    const uscc = makeUscc(rand, rand() < 0.6);
    if (seen.has(uscc)) continue;
    seen.add(uscc);
    let x = rand() * 100;
    let riskClass: RiskClass = 'D';
    for (const [c, w] of CLASS_SHARES) {
      if ((x -= w) < 0) {
        riskClass = c;
        break;
      }
    }
    pool.push({ uscc, riskClass });
  }
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Measuring: wall time, peak RSS (sampled from another thread), exact peak heapUsed.

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData);
setInterval(() => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(state, 0)) Atomics.store(state, 0, kb);
  Atomics.add(state, 1, 1);
}, 2);`;

class RssSampler {
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker = new Worker(SAMPLER, { eval: true, workerData: this.state.buffer });
  reset(): void {
    Atomics.store(this.state, 0, 0);
    Atomics.store(this.state, 1, 0);
  }
  /** Highest RSS seen since reset, in bytes, and how many samples were taken. */
  read(): { peak: number; samples: number } {
    return { peak: Atomics.load(this.state, 0) * 1024, samples: Atomics.load(this.state, 1) };
  }
  stop = () => this.worker.terminate();
}

interface Sample {
  ms: number;
  /** Peak RSS of this process during the run minus RSS just before it. */
  rssDelta: number;
  /** Peak V8 heapUsed during the run minus heapUsed just before it. */
  heapDelta: number;
  samples: number;
}

export interface Measured {
  ms: number;
  rssDeltaMB: number;
  heapDeltaMB: number;
  runs: { ms: number; rssDeltaMB: number; heapDeltaMB: number; rssSamples: number }[];
}

async function measureOnce<T>(sampler: RssSampler, fn: () => T | Promise<T>): Promise<{ sample: Sample; result: T }> {
  gc();
  gc();
  await new Promise((r) => setTimeout(r, 20)); // let the sampler see the settled baseline
  const rss0 = process.memoryUsage.rss();
  const heap0 = process.memoryUsage().heapUsed;
  sampler.reset();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const t = performance.now();
  const result = await fn();
  const ms = performance.now() - t;
  const heapEnd = process.memoryUsage().heapUsed;
  const rssEnd = process.memoryUsage.rss();
  const gcs = profiler.stop().statistics;
  const { peak, samples } = sampler.read();
  const heapPeak = Math.max(heapEnd, ...gcs.map((s) => s.beforeGC.heapStatistics.usedHeapSize));
  return { sample: { ms, rssDelta: Math.max(peak, rssEnd) - rss0, heapDelta: heapPeak - heap0, samples }, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs fn RUNS times; each figure is the median of its own runs. Returns the last result. */
async function measure<T>(sampler: RssSampler, fn: () => T | Promise<T>, each?: (result: T) => void): Promise<{ m: Measured; result: T }> {
  const samples: Sample[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const r = await measureOnce(sampler, fn);
    samples.push(r.sample);
    each?.(r.result);
    result = r.result;
  }
  const runs = samples.map((s) => ({ ms: s.ms, rssDeltaMB: s.rssDelta / MB, heapDeltaMB: s.heapDelta / MB, rssSamples: s.samples }));
  return {
    m: { ms: median(runs.map((r) => r.ms)), rssDeltaMB: median(runs.map((r) => r.rssDeltaMB)), heapDeltaMB: median(runs.map((r) => r.heapDeltaMB)), runs },
    result,
  };
}

// ---------------------------------------------------------------------------------------------
// The SQL baseline.

/** targetKey's byte layout in SQL: UTF-8(seed) 0x00 UTF-8(taskId) 0x00 USCC. No chr(0) in PostgreSQL text, hence bytea. */
const SQL_DRAW = `SELECT uscc FROM pool WHERE cls = $3
  ORDER BY sha256(convert_to($1::text, 'UTF8') || '\\x00'::bytea || convert_to($2::text, 'UTF8') || '\\x00'::bytea || convert_to(uscc, 'UTF8')), uscc COLLATE "C"
  LIMIT $4`;

async function loadPool(client: pg.Client, pool: readonly PoolEntry[]): Promise<void> {
  await client.query('CREATE TABLE pool (uscc text NOT NULL, cls char(1) NOT NULL)');
  const BATCH = 5000;
  for (let i = 0; i < pool.length; i += BATCH) {
    const rows = pool.slice(i, i + BATCH);
    const params: string[] = [];
    const values = rows.map((e, j) => {
      params.push(e.uscc, e.riskClass);
      return `($${2 * j + 1}, $${2 * j + 2})`;
    });
    await client.query(`INSERT INTO pool (uscc, cls) VALUES ${values.join(', ')}`, params);
  }
  await client.query('ALTER TABLE pool ADD PRIMARY KEY (uscc)');
  await client.query('CREATE INDEX pool_cls ON pool (cls)');
  await client.query('VACUUM ANALYZE pool');
}

/** Peak and current RSS of a local process from /proc, in bytes; undefined when not readable (remote server). */
function procMemory(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

function planChain(plan: any): string {
  const parts: string[] = [];
  for (let node = plan; node; node = node.Plans?.[0]) {
    const extra = node['Workers Planned'] ? ` (${node['Workers Planned']} workers)` : node['Sort Method'] ? ` (${node['Sort Method']})` : '';
    parts.push(`${node['Parallel Aware'] ? 'Parallel ' : ''}${node['Node Type']}${extra}`);
  }
  return parts.join(' → ');
}

// ---------------------------------------------------------------------------------------------
// The inspector draw's inputs: 300 inspectors in 3 departments, 2,000 targets.

const DEPARTMENTS = [
  { id: 'market-supervision', number: 1, count: 120, expertise: ['food-safety', 'special-equipment', 'metrology', 'product-quality', 'licensing'] },
  { id: 'public-security', number: 2, count: 90, expertise: ['guest-registration', 'special-trades', 'network-security', 'entertainment-venues', 'scrap-metal'] },
  { id: 'fire-rescue', number: 3, count: 90, expertise: ['fire-safety', 'evacuation', 'electrical', 'hazardous-materials'] },
];
const WORKLOAD_CAP = 20;

export function inspectorDrawInput(pool: readonly PoolEntry[], targetCount = 2000) {
  const rand = prng('yiye-bench-draw/inspector-draw');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const usccs = pool.slice(0, targetCount).map((e) => e.uscc);
  const targets: InspectionTargetSpec[] = usccs.map((uscc) => {
    // Departments weighted by their size (the market supervisors inspect the most), without replacement.
    const departments: string[] = [];
    const wanted = rand() < 0.45 ? 1 : 2;
    while (departments.length < wanted) {
      const open = DEPARTMENTS.filter((d) => !departments.includes(d.id));
      let x = rand() * open.reduce((s, d) => s + d.count, 0);
      departments.push((open.find((d) => (x -= d.count) < 0) ?? open[open.length - 1]).id);
    }
    const tags = DEPARTMENTS.filter((d) => departments.includes(d.id)).flatMap((d) => d.expertise);
    const requiredExpertise = [pick(tags)];
    if (rand() < 0.4) requiredExpertise.push(pick(tags.filter((t) => t !== requiredExpertise[0])));
    return { uscc, departments, requiredExpertise, minTeamSize: 2 };
  });
  const inspectors: InspectorCandidate[] = DEPARTMENTS.flatMap((d) =>
    demoInspectors(d.id, d.number, d.count, d.expertise, [], 'yiye-bench-draw').map((p) => ({
      certificateNumber: p.certificateNumber,
      name: p.name,
      department: d.id,
      // Every inspector knows the department's core field (its first tag), besides their own.
      expertise: [...new Set([d.expertise[0], ...p.expertise])],
      status: p.status,
      conflicts: Array.from({ length: Math.floor(rand() * 4) }, () => pick(usccs)), // relatives, former employers…
      lastInspected: Array.from({ length: Math.floor(rand() * 6) }, () => pick(usccs)),
      currentLoad: Math.floor(rand() * 3),
    })),
  );
  return { seed: SEED, taskId: TASK_ID, targets, inspectors, workloadCap: WORKLOAD_CAP };
}

// ---------------------------------------------------------------------------------------------

const n = (x: number) => x.toLocaleString('en-US');
const row = (what: string, m: Measured) => `| ${what} | ${fmt(m.ms, 0)} | ${fmt(m.rssDeltaMB, 1)} | ${fmt(m.heapDeltaMB, 1)} |`;

function compare(c: RiskClass, sql: string[], ours: string[]): string | undefined {
  const ourSet = new Set(ours);
  const sqlSet = new Set(sql);
  const sqlOnly = sql.filter((u) => !ourSet.has(u));
  const oursOnly = ours.filter((u) => !sqlSet.has(u));
  if (sqlOnly.length === 0 && oursOnly.length === 0 && sql.length === ours.length) return undefined;
  return (
    `MISMATCH class ${c}: SQL drew ${sql.length}, drawTargets ${ours.length}; ${sqlOnly.length} only in SQL (${sqlOnly.slice(0, 5).join(' ')}), ` +
    `${oursOnly.length} only in ours (${oursOnly.slice(0, 5).join(' ')})`
  );
}

export async function run(opts: { pgUrl: string; dbPrefix: string; pool: number }) {
  const size = opts.pool;
  if (!Number.isSafeInteger(size) || size < 1000) throw new Error(`--pool must be an integer ≥ 1000, got ${size}`);
  const sampler = new RssSampler();
  const database = databaseName('draw', opts.dbPrefix);
  try {
    gc();
    const rssBeforePool = process.memoryUsage.rss();
    let t = performance.now();
    const pool = syntheticPool(size);
    const generateMs = performance.now() - t;
    gc();
    const poolMB = (process.memoryUsage.rss() - rssBeforePool) / MB;
    const byClass = Object.fromEntries(RISK_CLASSES.map((c) => [c, 0])) as Record<RiskClass, number>;
    for (const e of pool) byClass[e.riskClass]++;
    const quotas = Object.fromEntries(RISK_CLASSES.map((c) => [c, quota(byClass[c], BP)])) as Record<RiskClass, number>;
    const classPools = Object.fromEntries(RISK_CLASSES.map((c) => [c, pool.filter((e) => e.riskClass === c)])) as Record<RiskClass, PoolEntry[]>;

    // --- ours
    const digest = await measure(sampler, () => poolDigest(pool));
    const targets = await measure(sampler, () => drawTargets({ seed: SEED, taskId: TASK_ID, pool, ratios: RATIOS }));
    const ours: DrawTargetsResult = targets.result;
    const commitment = makeCommitment({ taskId: TASK_ID, pool, ratios: RATIOS, seedHash: seedDigest(SEED), committedAt: '2026-01-05T01:00:00.000Z' });
    const committed = await measure(sampler, () => drawCommitted({ commitment, seed: SEED, pool }));
    if (committed.result.drawn.join() !== ours.drawn.join()) throw new Error('drawCommitted and drawTargets drew different sets');
    const oursByClass = {} as Record<RiskClass, Measured>;
    for (const c of RISK_CLASSES) {
      const ratios: Ratios = { A: 0, B: 0, C: 0, D: 0, [c]: BP };
      oursByClass[c] = (
        await measure(
          sampler,
          () => drawTargets({ seed: SEED, taskId: TASK_ID, pool: classPools[c], ratios }),
          (r) => {
            if (r.drawn.join() !== ours.byClass[c].drawn.map((d) => d.uscc).join()) throw new Error(`class ${c} alone drew differently`);
          },
        )
      ).m;
    }

    // --- SQL on the same data, in a throw-away database on the same server
    await ensureDatabase(opts.pgUrl, database);
    const client = new pg.Client({ connectionString: urlForDatabase(opts.pgUrl, database) });
    let loadMs: number;
    let plan: string;
    let tableMB: number;
    const sqlByClass = Object.fromEntries(RISK_CLASSES.map((c) => [c, [] as number[]])) as Record<RiskClass, number[]>;
    const mismatches: string[] = [];
    let orderDiffers = false;
    const backend: { hwm: number; rss: number }[] = [];
    const sqlRound = async (c: pg.Client, timings?: Record<RiskClass, number[]>) => {
      const drawn = {} as Record<RiskClass, string[]>;
      for (const cls of RISK_CLASSES) {
        const t0 = performance.now();
        const { rows } = await c.query<{ uscc: string }>(SQL_DRAW, [SEED, TASK_ID, cls, quotas[cls]]);
        timings?.[cls].push(performance.now() - t0);
        drawn[cls] = rows.map((r) => r.uscc);
      }
      return drawn;
    };
    let sql: { m: Measured };
    let sqlSerial: { m: Measured };
    try {
      await client.connect();
      t = performance.now();
      await loadPool(client, pool);
      loadMs = performance.now() - t;
      tableMB = Number((await client.query('SELECT pg_total_relation_size($1) AS b', ['pool'])).rows[0].b) / MB;
      const explained = await client.query(`EXPLAIN (FORMAT JSON) ${SQL_DRAW}`, [SEED, TASK_ID, 'B', quotas.B]);
      plan = planChain(explained.rows[0]['QUERY PLAN'][0].Plan);

      // Each round on a fresh connection, so that the backend's peak RSS (VmHWM) is this round's.
      const freshRound = async (timings?: Record<RiskClass, number[]>, setup?: string) => {
        const c = new pg.Client({ connectionString: urlForDatabase(opts.pgUrl, database) });
        await c.connect();
        try {
          if (setup) await c.query(setup);
          const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
          const drawn = await measureOnce(sampler, () => sqlRound(c, timings));
          const mem = procMemory(pid);
          if (mem && !setup) backend.push(mem);
          return drawn;
        } finally {
          await c.end();
        }
      };
      const runs: Sample[] = [];
      const serialRuns: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { sample, result } = await freshRound(sqlByClass);
        runs.push(sample);
        for (const c of RISK_CLASSES) {
          const ourList = ours.byClass[c].drawn.map((d) => d.uscc);
          const problem = compare(c, result[c], ourList);
          if (problem) mismatches.push(problem);
          else if (result[c].join() !== ourList.join()) orderDiffers = true;
        }
      }
      for (let i = 0; i < RUNS; i++) serialRuns.push((await freshRound(undefined, 'SET max_parallel_workers_per_gather = 0')).sample);
      const toMeasured = (xs: Sample[]): Measured => {
        const rs = xs.map((s) => ({ ms: s.ms, rssDeltaMB: s.rssDelta / MB, heapDeltaMB: s.heapDelta / MB, rssSamples: s.samples }));
        return { ms: median(rs.map((r) => r.ms)), rssDeltaMB: median(rs.map((r) => r.rssDeltaMB)), heapDeltaMB: median(rs.map((r) => r.heapDeltaMB)), runs: rs };
      };
      sql = { m: toMeasured(runs) };
      sqlSerial = { m: toMeasured(serialRuns) };
    } finally {
      await client.end().catch(() => {});
      await dropDatabase(opts.pgUrl, database).catch(() => {});
    }

    // --- inspector draw
    const inspectorInput = inspectorDrawInput(pool);
    let inspectors: { m: Measured; result: ReturnType<typeof drawInspectors> };
    try {
      inspectors = await measure(sampler, () => drawInspectors(inspectorInput));
    } catch (e) {
      if (e instanceof DrawShortfallError) throw new Error(`the inspector draw's synthetic input is infeasible: ${e.shortfalls.length} shortfalls, first: ${e.shortfalls[0].message}`);
      throw e;
    }

    // --- report
    const drawnTotal = ours.drawn.length;
    const sqlMedianByClass = Object.fromEntries(RISK_CLASSES.map((c) => [c, median(sqlByClass[c])])) as Record<RiskClass, number>;
    console.log(`\n## Target draw: ${n(size)} businesses, 4 classes, 5 % each (${n(drawnTotal)} drawn), ours vs. SQL \`ORDER BY sha256(…) LIMIT k\` (median of ${RUNS})`);
    console.log('| what | ms | peak RSS Δ MB | peak heap Δ MB |');
    console.log('|---|---|---|---|');
    console.log(row('`poolDigest` (sort by USCC + SHA-256 of the canonical text)', digest.m));
    console.log(row('`drawTargets` (one pass, heap of the k lowest keys per class)', targets.m));
    console.log(row('`drawCommitted` (commitment check incl. `poolDigest`, then `drawTargets`)', committed.m));
    console.log(row('SQL, 4 per-class queries on one connection (our client process only)', sql.m));
    console.log(row('SQL, same, `max_parallel_workers_per_gather = 0` (client process only)', sqlSerial.m));
    console.log(`| ratio \`drawTargets\` / SQL | ${fmt(targets.m.ms / sql.m.ms)}× | | |`);
    console.log(`| ratio \`drawCommitted\` / SQL | ${fmt(committed.m.ms / sql.m.ms)}× | | |`);
    console.log(`| ratio \`drawTargets\` / SQL without parallel workers | ${fmt(targets.m.ms / sqlSerial.m.ms)}× | | |`);
    console.log('RSS Δ counts only pages newly taken from the OS: V8 and malloc keep pages freed by an earlier run, so later runs of the same thing understate it; heap Δ (V8 heap only, not typed arrays) does not have that problem.');

    console.log(`\n## Target draw per class: \`drawTargets\` on the class alone vs. its SQL query (median of ${RUNS})`);
    console.log('| class | businesses | k = ceil(5 %) | ours ms | ours peak RSS Δ MB | ours peak heap Δ MB | SQL ms | ratio ours / SQL | SQL set = ours |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const c of RISK_CLASSES) {
      const same = mismatches.some((m) => m.startsWith(`MISMATCH class ${c}:`)) ? '**no**' : 'yes';
      console.log(
        `| ${c} | ${n(byClass[c])} | ${n(quotas[c])} | ${fmt(oursByClass[c].ms, 0)} | ${fmt(oursByClass[c].rssDeltaMB, 1)} | ${fmt(oursByClass[c].heapDeltaMB, 1)} | ${fmt(sqlMedianByClass[c], 0)} | ${fmt(oursByClass[c].ms / sqlMedianByClass[c])}× | ${same} |`,
      );
    }
    console.log(
      `Setup (not timed): pool generated in ${fmt(generateMs / 1000, 1)} s, holding it costs ~${fmt(poolMB, 0)} MB RSS; loaded into PostgreSQL ` +
        `(multi-row INSERTs of 5,000 rows, then primary key, index on cls, VACUUM ANALYZE) in ${fmt(loadMs / 1000, 1)} s, table + indexes ${fmt(tableMB, 0)} MB.`,
    );
    console.log(`SQL plan (class B): ${plan}.`);
    const backendNote = backend.length
      ? `its peak RSS (VmHWM, fresh connection per round, includes the shared buffers it touched, parallel workers not counted) was ${fmt(median(backend.map((b) => b.hwm)) / MB, 0)} MB`
      : 'its memory is not readable from here (remote server)';
    console.log(`SQL memory: the figures above are our client process only (rows arriving through pg); the work happens in the PostgreSQL backend, a separate process: ${backendNote}.`);
    console.log(
      mismatches.length === 0
        ? `Cross-check: in every class and every round SQL drew exactly our set${orderDiffers ? ' (in a different order)' : ', in the same order'} (PostgreSQL's sha256() over seed 0x00 taskId 0x00 USCC = targetKey).`
        : [...new Set(mismatches)].join('\n'), // the same in every round: the draw is deterministic
    );

    const assignments = inspectors.result;
    const loads = new Map<string, number>(inspectorInput.inspectors.map((p) => [p.certificateNumber, p.currentLoad]));
    for (const a of assignments) for (const m of a.team) loads.set(m.certificateNumber, loads.get(m.certificateNumber)! + 1);
    const reasons: Record<string, number> = {};
    for (const a of assignments) for (const x of a.exclusions) reasons[x.reason] = (reasons[x.reason] ?? 0) + 1;
    const teamSizes: Record<number, number> = {};
    for (const a of assignments) teamSizes[a.team.length] = (teamSizes[a.team.length] ?? 0) + 1;
    const atCap = [...loads.values()].filter((l) => l >= WORKLOAD_CAP).length;
    const depCounts = DEPARTMENTS.map((d) => `${d.count} ${d.id}`).join(', ');
    console.log(`\n## Inspector draw: ${n(inspectorInput.targets.length)} targets, ${inspectorInput.inspectors.length} inspectors in 3 departments, workload cap ${WORKLOAD_CAP} (median of ${RUNS})`);
    console.log('| what | ms | peak RSS Δ MB | peak heap Δ MB |');
    console.log('|---|---|---|---|');
    console.log(row('`drawInspectors`', inspectors.m));
    console.log(
      `Input: ${depCounts}; each target 1–2 departments, 1–2 expertise tags, minTeamSize 2; ${inspectorInput.inspectors.filter((p) => p.status !== 'active').length} inspectors suspended or retired, ` +
        `${inspectorInput.inspectors.reduce((s, p) => s + p.conflicts.length, 0)} conflicts, current load 0–2. Teams: ${Object.entries(teamSizes).map(([k, v]) => `${n(v)} of ${k}`).join(', ')}; ` +
        `exclusions: ${Object.entries(reasons).map(([k, v]) => `${k} ${n(v)}`).join(', ')}; ${atCap} inspectors ended at the cap.`,
    );

    if (mismatches.length > 0) {
      process.exitCode = 1;
      throw new Error(`draw bench: SQL and drawTargets drew different sets in ${mismatches.length} class-round(s)`);
    }
    return {
      poolSize: size,
      ratioBp: BP,
      byClass: Object.fromEntries(RISK_CLASSES.map((c) => [c, { businesses: byClass[c], quota: quotas[c], ours: oursByClass[c], sqlMs: sqlMedianByClass[c], sqlMsRuns: sqlByClass[c] }])),
      poolDigest: digest.m,
      drawTargets: targets.m,
      drawCommitted: committed.m,
      sql: sql.m,
      sqlWithoutParallelWorkers: sqlSerial.m,
      ratioDrawTargetsToSql: targets.m.ms / sql.m.ms,
      ratioDrawCommittedToSql: committed.m.ms / sql.m.ms,
      sqlPlan: plan,
      sqlBackendPeakRssMB: backend.length ? median(backend.map((b) => b.hwm)) / MB : null,
      setup: { generateMs, poolMB, loadMs, tableMB },
      inspectorDraw: { targets: inspectorInput.targets.length, inspectors: inspectorInput.inspectors.length, workloadCap: WORKLOAD_CAP, ...inspectors.m, teamSizes, exclusions: reasons, atCap },
    };
  } finally {
    await sampler.stop();
  }
}
