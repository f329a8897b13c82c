/**
 * npm run chaos [-- --seconds 60] [-- --in-flight 50] [-- --department fire-rescue]
 *
 * Faults under load. Starts its own throw-away PostgreSQL and a supervised federation (as npm
 * start does), keeps a mixed load through the gateway (reads of every department, business
 * pages, the merge, tags written, tasks created, committed and drawn), and meanwhile
 *   (a) kills one department subgraph with SIGKILL: the supervisor must bring it back,
 *   (b) restarts PostgreSQL (fast shutdown, then start on the same data and port).
 * Prints Markdown tables per phase (before, department down, recovered, PostgreSQL restart,
 * after), what the merge said while the department was down, and whether every acknowledged
 * write is stored exactly once. Loopback only; bounded in time (at most seconds + 120 s) and in
 * requests. Exit code 1 when a promise is broken (another department failed while one was down,
 * an acknowledged write is missing or stored twice, a service did not recover on its own).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { issueUserToken } from '../shared/platform/auth.js';
import { databaseName, dropDatabase, urlForDatabase } from '../shared/platform/orm.js';
import { freePort, startPostgres, tempDataDir, type PostgresServer } from '../scripts/postgres.js';
import { startFederation, type Federation } from '../scripts/federation.js';
import { gatewayCall, publishAnnualPlansWith } from '../scripts/annual-plans.js';
import { REGIONS } from '../shared/domain/industries.js';
import { CATALOG } from '../subgraphs/catalog.js';
import { fmt, percentile } from './support.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'in-flight': { type: 'string', default: '50' },
    department: { type: 'string', default: 'fire-rescue' },
  },
});
const SECONDS = Number(values.seconds);
const IN_FLIGHT = Number(values['in-flight']);
const VICTIM = values.department!;
const MAX_REQUESTS = 500_000;
const REQUEST_TIMEOUT_MS = 15_000;
const YEARS = [2030, 2031];
const DEPARTMENTS = [
  { name: 'public-security', prefix: 'PublicSecurity', item: 'PS-PO-001' },
  { name: 'fire-rescue', prefix: 'FireRescue', item: 'FR-CV-001' },
  { name: 'market-supervision', prefix: 'MarketSupervision', item: 'MS-FS-001' },
];
if (!DEPARTMENTS.some((d) => d.name === VICTIM)) throw new Error(`--department must be one of ${DEPARTMENTS.map((d) => d.name).join(', ')}`);
if (!(SECONDS >= 10) || !(IN_FLIGHT >= 5)) throw new Error('--seconds at least 10, --in-flight at least 5');

type Phase = 'before' | 'department down' | 'recovered' | 'PostgreSQL restart' | 'after';
const PHASES: Phase[] = ['before', 'department down', 'recovered', 'PostgreSQL restart', 'after'];
/** A request that started in one phase and ended in another is counted apart: it saw both. */
const ACROSS = 'across a change';
type Bucket = Phase | typeof ACROSS;
const BUCKETS: Bucket[] = [...PHASES, ACROSS];

interface Sample {
  start: number;
  end: number;
  /** Set once the run is over, from when each phase really began. */
  phase?: Bucket;
  /** Whether the PostgreSQL restart was under way while it ran. */
  duringDatabaseRestart?: boolean;
  kind: string;
  ms: number;
  code: string | null;
  /** Business pages and merges: what `complete` said. */
  complete?: boolean;
}

// ------------------------------------------------------------------------------------------
// The county, the federation, the timeline.

const dataDir = tempDataDir('chaos');
const pgPort = await freePort();
let pgServer: PostgresServer = await startPostgres({ dataDir, port: pgPort, ephemeral: true, log: () => {} });
const dbPrefix = `yiye_chaos_${Date.now().toString(36)}`;
const supervisorLog: { t: number; what: string }[] = [];
/** Reads a subgraph ran a second time after their database connection broke (shared/platform/read-retry.ts). */
const readRetries = new Map<string, number>();
const internalLog = new Map<string, string[]>();
const internalCapture = new Map<string, number>();
let killedAt = 0;
let victimListeningAt = 0;
const t0 = Date.now();
const at = (t: number) => ((t - t0) / 1000).toFixed(1);
console.log(`# Chaos run, ${new Date().toISOString().slice(0, 10)}: ${SECONDS} s, ${IN_FLIGHT} in flight, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`);
console.log('starting PostgreSQL and a supervised federation…');
const fed: Federation = await startFederation({
  pgUrl: pgServer.url,
  dbPrefix,
  ports: 'free',
  supervise: { log: (m) => supervisorLog.push({ t: Date.now(), what: m.replace('[supervisor] ', 'supervisor: ') }) },
  // Many clients behind one address, as the county's intranet proxy would be: the anonymous
  // per-address limit (gateway/limits.ts) is not what this run measures.
  env: { YIYE_ANONYMOUS_RATE_LIMIT: '1000000' },
  echo: (service, line) => {
    // The restarted department listens from this line on: the end of "department down".
    if (service === VICTIM && line.includes('ready at') && killedAt && !victimListeningAt) victimListeningAt = Date.now();
    if (line.includes('running it once more')) readRetries.set(service, (readRetries.get(service) ?? 0) + 1);
    // What a masked internal error was, from the process's log (the id line and the first lines after it).
    if (line.includes('internal error')) internalLog.set(service, (internalCapture.set(service, 4), []));
    const left = internalCapture.get(service) ?? 0;
    if (left > 0) {
      internalCapture.set(service, left - 1);
      internalLog.get(service)?.push(line.slice(0, 300));
    }
  },
});
const url = `${fed.gatewayUrl}graphql`;
const tokens = {
  analyst: await issueUserToken({ roles: ['analyst'], department: 'double-random-office', subject: 'chaos-analyst' }),
  coordinator: await issueUserToken({ roles: ['coordinator'], department: 'double-random-office', subject: 'chaos-coordinator' }),
  admin: Object.fromEntries(
    await Promise.all(DEPARTMENTS.map(async (d) => [d.name, await issueUserToken({ roles: ['department-admin'], department: d.name, subject: `chaos-${d.name}` })])),
  ) as Record<string, string>,
};

interface Answer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}
/** One request; never throws: transport failures become a code of their own. */
async function call(query: string, variables: Record<string, unknown>, token?: string): Promise<{ answer: Answer; code: string | null }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let answer: Answer;
    try {
      answer = JSON.parse(text);
    } catch {
      return { answer: {}, code: `HTTP ${res.status}` };
    }
    const code = answer.errors?.length ? String(answer.errors[0].extensions?.code ?? `HTTP ${res.status}`) : res.status === 200 ? null : `HTTP ${res.status}`;
    return { answer, code };
  } catch (e) {
    return { answer: {}, code: (e as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK' };
  }
}

// Demo data the load works on: published plans of the years drawn, a page of businesses per
// department, businesses every department supervises (for the business page).
await Promise.all(YEARS.map((y) => publishAnnualPlansWith(gatewayCall(url), y)));
const targets: Record<string, string[]> = {};
for (const d of DEPARTMENTS) {
  const prefix = d.prefix[0].toLowerCase() + d.prefix.slice(1);
  const page = await call(`query { ${prefix}Targets(first: 100) { nodes { uscc } } }`, {}, tokens.analyst);
  if (page.code) throw new Error(`could not list the targets of ${d.name}: ${JSON.stringify(page.answer.errors)}`);
  targets[d.name] = page.answer.data[`${prefix}Targets`].nodes.map((n: { uscc: string }) => n.uscc);
}
const hotels = await call(
  'query { enterprises(first: 100, filter: { industryCodes: ["6121"] }) { nodes { uscc marketSupervisionTarget { uscc } publicSecurityTarget { uscc } fireRescueTarget { uscc } } } }',
  {},
  tokens.analyst,
);
const everyDepartment: string[] = hotels.answer.data.enterprises.nodes
  .filter((n: Record<string, unknown>) => n.marketSupervisionTarget && n.publicSecurityTarget && n.fireRescueTarget)
  .map((n: { uscc: string }) => n.uscc);
if (everyDepartment.length === 0) throw new Error('no business is supervised by every department');

const baselineTasks: Record<string, Set<string>> = {};
for (const d of DEPARTMENTS) baselineTasks[d.name] = new Set((await dbRows(d.name, 'SELECT id FROM inspection_task')).map((r) => r.id));

async function dbRows(subgraph: string, text: string, params: unknown[] = []): Promise<any[]> {
  const client = new pg.Client({ connectionString: urlForDatabase(pgServer.url, databaseName(subgraph, dbPrefix)) });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

let phase: Phase = 'before';
const phaseStart: Partial<Record<Phase, number>> = {};
const setPhase = (p: Phase) => {
  phase = p;
  phaseStart[p] = Date.now();
};
const samples: Sample[] = [];
const errorExamples = new Map<string, string[]>();
let stopLoad = false;
let started = 0;

// ------------------------------------------------------------------------------------------
// The load: each of IN_FLIGHT workers loops over one kind of request.

const BUSINESS_PAGE = `query ($u: String!) { enterprise(uscc: $u) { uscc name marketSupervisionTarget { uscc } publicSecurityTarget { uscc }
  fireRescueTarget { uscc } supervision { complete unansweredDepartments { department } } } }`;
const MERGE = 'query { jointMerge(period: "2030-Q1", first: 5) { complete unansweredDepartments { department } } }';
const pageOf = (d: (typeof DEPARTMENTS)[number]) => `query { ${d.prefix[0].toLowerCase() + d.prefix.slice(1)}Targets(first: 20) { nodes { uscc } } }`;

const written = { tags: new Map<string, Set<string>>(), tasks: new Map<string, Set<string>>(), draws: new Map<string, Set<string>>() };
for (const d of DEPARTMENTS) {
  written.tags.set(d.name, new Set());
  written.tasks.set(d.name, new Set());
  written.draws.set(d.name, new Set());
}
let tagSeq = 0;
const chainSeq: Record<string, number> = {};
const runId = Date.now().toString(36);

async function measured(kind: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer | null> {
  const startedAt = Date.now();
  started++;
  const t = performance.now();
  const { answer, code } = await call(query, variables, token);
  const sample: Sample = { start: startedAt, end: Date.now(), kind, ms: performance.now() - t, code };
  const key = `${kind}: ${code}`;
  if (code && (errorExamples.get(key)?.length ?? 0) < 2) errorExamples.set(key, [...(errorExamples.get(key) ?? []), answer.errors?.[0]?.message ?? code]);
  const complete = answer.data?.enterprise?.supervision?.complete ?? answer.data?.jointMerge?.complete;
  if (typeof complete === 'boolean') sample.complete = complete;
  samples.push(sample);
  return code ? null : answer;
}

const workers: (() => Promise<void>)[] = [];
for (let w = 0; w < IN_FLIGHT; w++) {
  const slot = w % 10;
  const d = DEPARTMENTS[w % DEPARTMENTS.length];
  if (w === 0) workers.push(async () => void (await measured('merge', MERGE, {}, tokens.coordinator)));
  else if (slot <= 3) workers.push(async () => void (await measured(`${d.name} page`, pageOf(d), {}, tokens.analyst)));
  else if (slot === 4) workers.push(async () => void (await measured('item list', 'query { inspectionItems(first: 20) { nodes { code } } }', {})));
  else if (slot <= 6) {
    workers.push(async () => void (await measured('business page', BUSINESS_PAGE, { u: everyDepartment[Math.floor(Math.random() * everyDepartment.length)] }, tokens.analyst)));
  } else if (slot <= 8) {
    // A tag whose value is unique to this write: how many rows carry it tells stored once, twice or not.
    workers.push(async () => {
      const value = `chaos-${runId}-${++tagSeq}`;
      const list = targets[d.name];
      const uscc = list[tagSeq % list.length];
      const ok = await measured(
        `tag (${d.name})`,
        `mutation ($u: String!, $i: TargetTagInput!) { tag${d.prefix}Target(uscc: $u, input: $i) { id } }`,
        { u: uscc, i: { key: 'licence-type', value, source: 'OTHER', reason: 'chaos run: a write under faults' } },
        tokens.admin[d.name],
      );
      if (ok) written.tags.get(d.name)!.add(value);
    });
  } else {
    // Create, commit, draw: a task of one township and quarter per chain, so pools do not overlap much.
    workers.push(async () => {
      const n = (chainSeq[d.name] = (chainSeq[d.name] ?? 0) + 1);
      const quarter = `${YEARS[Math.floor(n / 4) % YEARS.length]}-Q${(n % 4) + 1}`;
      const regionCode = Object.keys(REGIONS)[Math.floor(n / 8) % Object.keys(REGIONS).length];
      const created = await measured(
        `draw chain (${d.name})`,
        `mutation ($i: CreateInspectionTaskInput!) { create${d.prefix}Task(input: $i) { id } }`,
        { i: { title: `chaos ${n}`, itemCodes: [d.item], period: quarter, regionCode, workloadCap: 100000 } },
        tokens.coordinator,
      );
      if (!created) return;
      const id = created.data[`create${d.prefix}Task`].id as string;
      written.tasks.get(d.name)!.add(id);
      const seed = `chaos-${id}`;
      const hash = createHash('sha256').update(seed).digest('hex');
      const committed = await measured(`draw chain (${d.name})`, `mutation ($id: String!, $h: String!) { commit${d.prefix}Draw(taskId: $id, seedHash: $h) { id } }`, { id, h: hash }, tokens.coordinator);
      if (!committed) return;
      const drawn = await measured(`draw chain (${d.name})`, `mutation ($id: String!, $s: String!) { draw${d.prefix}Task(taskId: $id, seed: $s) { id } }`, { id, s: seed }, tokens.coordinator);
      if (drawn) written.draws.get(d.name)!.add(id);
    });
  }
}

const load = Promise.all(
  workers.map(async (work) => {
    while (!stopLoad && started < MAX_REQUESTS) await work();
  }),
);

// ------------------------------------------------------------------------------------------
// The faults, on a timeline scaled to --seconds; each waits for the service to be back.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hardDeadline = Date.now() + (SECONDS + 120) * 1000;
const loadStart = Date.now();
setPhase('before');
const timeline: { what: string; t: number }[] = [];
const mark = (what: string) => timeline.push({ what, t: Date.now() });
async function waitUntil(what: string, probe: () => Promise<boolean>): Promise<boolean> {
  while (Date.now() < hardDeadline) {
    if (await probe().catch(() => false)) return true;
    await sleep(100);
  }
  mark(`gave up waiting: ${what}`);
  return false;
}
const victim = DEPARTMENTS.find((d) => d.name === VICTIM)!;
const victimServed = async () => !(await call(pageOf(victim), {}, tokens.analyst)).code;
const everythingServed = async () => {
  const page = await call(BUSINESS_PAGE, { u: everyDepartment[0] }, tokens.analyst);
  return !page.code && page.answer.data.enterprise.supervision.complete === true && (await Promise.all(DEPARTMENTS.map(async (d) => !(await call(pageOf(d), {}, tokens.analyst)).code))).every(Boolean);
};

await sleep(SECONDS * 200);
const killedPid = fed.pids[VICTIM];
mark(`${VICTIM} killed (SIGKILL, pid ${killedPid})`);
setPhase('department down');
killedAt = Date.now();
process.kill(killedPid, 'SIGKILL');
let departmentBack = false;
if (await waitUntil(`${VICTIM} restarted`, async () => fed.pids[VICTIM] !== killedPid && fed.restarts.some((r) => r.name === VICTIM && r.readyAt))) {
  mark(`${VICTIM} process ready again (pid ${fed.pids[VICTIM]})`);
  departmentBack = await waitUntil(`${VICTIM} served through the gateway`, victimServed);
  if (departmentBack) mark(`${VICTIM} served through the gateway`);
}
setPhase('recovered');
await sleep(Math.max(SECONDS * 150, loadStart + SECONDS * 600 - Date.now()));
mark('PostgreSQL stopped (fast shutdown)');
setPhase('PostgreSQL restart');
const pgStopped = Date.now();
await pgServer.stop();
pgServer = await startPostgres({ dataDir, port: pgPort, ephemeral: true, log: () => {} });
mark('PostgreSQL started');
const databaseBack = await waitUntil('every service answering from the database', everythingServed);
if (databaseBack) mark('every department and the business page served completely');
const pgRecovery = Date.now() - pgStopped;
setPhase('after');
await sleep(Math.max(SECONDS * 200, loadStart + SECONDS * 1000 - Date.now()));
stopLoad = true;
await load;
const loadSeconds = (Date.now() - loadStart) / 1000;
// The department was back when its new process listened, a little before the supervisor's health
// check and our probe saw it: requests from then on are not "department down".
if (victimListeningAt) {
  phaseStart.recovered = victimListeningAt;
  mark(`${VICTIM} listening again`);
  timeline[timeline.length - 1].t = victimListeningAt;
}
const phaseAt = (t: number): Phase => [...PHASES].reverse().find((p) => phaseStart[p]! <= t) ?? 'before';
for (const sample of samples) {
  const first = phaseAt(sample.start);
  const last = phaseAt(sample.end);
  sample.phase = first === last ? first : ACROSS;
  sample.duringDatabaseRestart = sample.start < phaseStart.after! && sample.end > phaseStart['PostgreSQL restart']!;
}

// ------------------------------------------------------------------------------------------
// What is stored.

interface WriteCheck {
  kind: string;
  acknowledged: number;
  stored: number;
  missing: number;
  unacknowledgedStored: number;
  storedTwice: number;
}
/** Acknowledged writes (by their unique value) against the rows stored for them (value → count). */
const writeCheck = (kind: string, acked: Set<string>, stored: Map<string, number>): WriteCheck => ({
  kind,
  acknowledged: acked.size,
  stored: [...acked].filter((v) => stored.has(v)).length,
  missing: [...acked].filter((v) => !stored.has(v)).length,
  unacknowledgedStored: [...stored.keys()].filter((v) => !acked.has(v)).length,
  storedTwice: [...stored.values()].filter((n) => n > 1).length,
});
const counted = (rows: Record<string, unknown>[], key: string) => new Map(rows.map((r) => [r[key] as string, r.n as number]));
const checks: WriteCheck[] = [];
for (const d of DEPARTMENTS) {
  const tags = await dbRows(d.name, "SELECT value, count(*)::int AS n FROM target_tag WHERE source = 'other' GROUP BY value");
  checks.push(writeCheck(`tag (${d.name})`, written.tags.get(d.name)!, counted(tags, 'value')));
  const tasks = (await dbRows(d.name, 'SELECT id, count(*)::int AS n FROM inspection_task GROUP BY id')).filter((r) => !baselineTasks[d.name].has(r.id as string));
  checks.push(writeCheck(`task created (${d.name})`, written.tasks.get(d.name)!, counted(tasks, 'id')));
  const draws = await dbRows(d.name, 'SELECT task_id, count(*)::int AS n FROM draw_result GROUP BY task_id');
  checks.push(writeCheck(`draw (${d.name})`, written.draws.get(d.name)!, counted(draws, 'task_id')));
}

await fed.stop();
for (const c of CATALOG) await dropDatabase(pgServer.url, databaseName(c.name, dbPrefix)).catch(() => {});
await pgServer.stop();
fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });

// ------------------------------------------------------------------------------------------
// The report.

const byPhase = (p: Bucket) => samples.filter((s) => s.phase === p);
const phaseSeconds = (p: Bucket) => {
  if (p === ACROSS) return '—';
  const next = PHASES[PHASES.indexOf(p) + 1];
  return fmt(((next ? phaseStart[next]! : loadStart + loadSeconds * 1000) - phaseStart[p]!) / 1000, 1);
};
const codes = (list: Sample[]) => {
  const counts = new Map<string, number>();
  for (const s of list) if (s.code) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ') || '—';
};
const pct = (list: Sample[], p: number) => fmt(percentile(list.map((s) => s.ms).sort((a, b) => a - b), p), 0);

console.log(`\n## Timeline (seconds since the federation was up; load from ${at(loadStart)} s to ${at(loadStart + loadSeconds * 1000)} s)`);
console.log('| t (s) | event |\n|---|---|');
for (const e of [...timeline, ...supervisorLog].sort((a, b) => a.t - b.t)) console.log(`| ${at(e.t)} | ${e.what} |`);

console.log(`\n## Requests per phase (${IN_FLIGHT} in flight; a request with any error counts as failed, by its first error's code)`);
console.log('| phase | seconds | requests | failed | errors by code | p50 ms | p95 ms |\n|---|---|---|---|---|---|---|');
for (const p of BUCKETS) {
  const list = byPhase(p);
  const failed = list.filter((s) => s.code).length;
  console.log(`| ${p} | ${phaseSeconds(p)} | ${list.length} | ${failed} | ${codes(list)} | ${pct(list, 50)} | ${pct(list, 95)} |`);
}

const kinds = [...new Set(samples.map((s) => s.kind))].sort();
console.log('\n## Answered without error, by kind and phase (ok / requests)');
console.log(`| kind | ${BUCKETS.join(' | ')} |\n|---|${BUCKETS.map(() => '---').join('|')}|`);
for (const k of kinds) {
  console.log(`| ${k} | ${BUCKETS.map((p) => {
    const list = byPhase(p).filter((s) => s.kind === k);
    return list.length ? `${list.filter((s) => !s.code).length} / ${list.length}` : '—';
  }).join(' | ')} |`);
}

const down = byPhase('department down');
const completeness = (kind: string) => {
  const list = down.filter((s) => s.kind === kind && s.complete !== undefined);
  return `${list.filter((s) => s.complete === false).length} said incomplete, ${list.filter((s) => s.complete === true).length} said complete`;
};
console.log(`\n## While ${VICTIM} was down`);
console.log(`- business pages answered: ${completeness('business page')} (of ${down.filter((s) => s.kind === 'business page').length} requests)`);
console.log(`- merges answered: ${completeness('merge')} (of ${down.filter((s) => s.kind === 'merge').length} requests)`);
const otherKinds = kinds.filter((k) => !k.includes(VICTIM) && !['business page', 'merge'].includes(k) && !k.startsWith('draw chain') && !k.startsWith('tag'));
const othersOutsideRestart = samples.filter((s) => !s.duringDatabaseRestart && otherKinds.includes(s.kind));
const othersFailed = othersOutsideRestart.filter((s) => s.code && s.code !== 'TIMEOUT');
const othersTimedOut = othersOutsideRestart.filter((s) => s.code === 'TIMEOUT');
console.log(`- reads of the other departments and of the item list (${otherKinds.join(', ')}), outside the PostgreSQL restart: ${othersOutsideRestart.length}, of which ${othersFailed.length} answered an error (${codes(othersFailed)}) and ${othersTimedOut.length} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
const restart = fed.restarts.find((r) => r.name === VICTIM);
if (restart?.readyAt) console.log(`- the supervisor restarted it after ${fmt(restart.delayMs / 1000, 1)} s; it answered its health check ${fmt((restart.readyAt - restart.exitedAt) / 1000, 1)} s after the kill`);
const servedAgain = timeline.find((e) => e.what === `${VICTIM} served through the gateway`);
if (servedAgain) console.log(`- recovery time (kill → first answer through the gateway): ${fmt((servedAgain.t - killedAt) / 1000, 1)} s`);
console.log(`- PostgreSQL restart → every department and the business page served completely: ${databaseBack ? `${fmt(pgRecovery / 1000, 1)} s` : 'not within the run'}`);
console.log(`- reads run once more after a broken database connection: ${[...readRetries].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
for (const [service, lines] of internalLog) console.log(`- last internal error logged by ${service}:\n\n    ${lines.join('\n    ')}\n`);
console.log(`- restarts by the supervisor: ${fed.restarts.map((r) => `${r.name} (${r.signal ?? `code ${r.exitCode}`})`).join(', ') || 'none'}`);

console.log('\n## Writes: acknowledged vs stored');
console.log('| write | acknowledged | stored | acknowledged but missing | stored without acknowledgement | stored twice |\n|---|---|---|---|---|---|');
for (const c of checks) console.log(`| ${c.kind} | ${c.acknowledged} | ${c.stored} | ${c.missing} | ${c.unacknowledgedStored} | ${c.storedTwice} |`);

console.log('\n## Error messages (at most two per kind and code)');
for (const [key, messages] of errorExamples) for (const m of messages) console.log(`- ${key}: ${m.slice(0, 200)}`);

const broken: string[] = [];
if (!departmentBack) broken.push(`${VICTIM} did not come back on its own`);
if (!databaseBack) broken.push('the services did not recover from the PostgreSQL restart on their own');
if (othersFailed.length) broken.push(`${othersFailed.length} reads of other departments answered an error`);
if (down.some((s) => s.complete === true && s.kind === 'merge')) broken.push('a merge said complete while a department was down');
if (checks.some((c) => c.missing || c.storedTwice)) broken.push('an acknowledged write is missing or a write is stored twice');
if (fed.restarts.some((r) => r.name !== VICTIM)) broken.push('a service other than the killed one died');
console.log(broken.length ? `\nBROKEN: ${broken.join('; ')}` : '\nAll promises kept: the other departments were served throughout, every acknowledged write is stored once, everything recovered without a hand.');
process.exit(broken.length ? 1 : 0);
