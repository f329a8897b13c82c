import { createHash } from 'node:crypto';
import { issueUserToken } from '../shared/platform/auth.js';
import type { Federation } from '../scripts/federation.js';
import { fmt, post, timeSequential } from './support.js';
import { gatewayCall, publishAnnualPlansWith } from '../scripts/annual-plans.js';

/**
 * How long the joint-inspection service waits for each department here (YIYE_DEPARTMENT_TIMEOUT_MS
 * of the county's federation; production's default is 5 s). Each department answers with every
 * planned inspection of its quarter, 10,000s of rows: on two busy cores that took more than 5 s,
 * the merge came back incomplete and the run stopped. The bench measures how long the merge takes,
 * so it waits, and says how many requests took longer than production's default.
 */
export const DEPARTMENT_TIMEOUT_MS = 60_000;
const PRODUCTION_TIMEOUT_MS = 5_000;

/**
 * A county-scale merge through the gateway: every department draws everything it supervises in
 * its items' industries for one quarter (ratios 100 %), then `jointMerge` gathers the plans from
 * the department subgraphs, merges and answers with figures and a page of visits.
 */
const TASKS: [string, string, string[]][] = [
  ['PublicSecurity', 'public-security', ['PS-PO-001', 'PS-PO-002', 'PS-CS-001']],
  ['FireRescue', 'fire-rescue', ['FR-CV-001', 'FR-FL-001']],
  ['MarketSupervision', 'market-supervision', ['MS-FS-001', 'MS-SE-001', 'MS-ME-001']],
];
const ALL = { A: 10000, B: 10000, C: 10000, D: 10000 };

export async function run(fed: Federation, opts: { requests: number; businesses: number }) {
  const url = `${fed.gatewayUrl}graphql`;
  const coordinator = { authorization: `Bearer ${await issueUserToken({ roles: ['coordinator'], department: 'double-random-office' })}` };
  const t0 = performance.now();
  // Tasks of 2030 need the published annual plans of 2030.
  await publishAnnualPlansWith(gatewayCall(url), 2030);
  let drawn = 0;
  for (const [P, , items] of TASKS) {
    for (const item of items) {
      const created = await post(url, { query: `mutation ($i: CreateInspectionTaskInput!) { create${P}Task(input: $i) { id } }`, variables: { i: { title: `bench ${item}`, itemCodes: [item], period: '2030-Q2', ratios: ALL, workloadCap: 100000 } } }, coordinator);
      const id = created.data[`create${P}Task`].id;
      const seed = `bench-${id}`;
      await post(url, { query: `mutation ($id: String!, $h: String!) { commit${P}Draw(taskId: $id, seedHash: $h) { id } }`, variables: { id, h: createHash('sha256').update(seed).digest('hex') } }, coordinator);
      const d = await post(url, { query: `mutation ($id: String!, $s: String!) { draw${P}Task(taskId: $id, seed: $s) { draw { byClass { quota } } } }`, variables: { id, s: seed } }, coordinator);
      drawn += d.data[`draw${P}Task`].draw.byClass.reduce((s: number, c: { quota: number }) => s + c.quota, 0);
    }
  }
  const setupS = (performance.now() - t0) / 1000;
  const query = `{ jointMerge(period: "2030-Q2", first: 100) { complete unansweredDepartments { department reason } figures { visitsBefore visitsAfter jointVisits jointShareByCount jointShareByBusinesses removedRepeats }
    visits { uscc kind departments } byDepartment { department planned joined } } }`;
  let figures: Record<string, number> = {};
  let slow = 0;
  const once = async () => {
    const started = performance.now();
    const r = await post(url, { query }, coordinator);
    if (performance.now() - started > PRODUCTION_TIMEOUT_MS) slow++;
    if (!r.data.jointMerge.complete) throw new Error(`merge incomplete: ${JSON.stringify(r.data.jointMerge.unansweredDepartments)}`);
    figures = r.data.jointMerge.figures;
  };
  await once();
  slow = 0;
  const t = await timeSequential(opts.requests, once);
  console.log(`\n## County-scale merge through the gateway (${opts.businesses.toLocaleString('en')} businesses, 3 departments, ${drawn.toLocaleString('en')} planned inspections in the quarter; ${opts.requests} requests)`);
  console.log('| | p50 ms | p95 ms |');
  console.log('|---|---|---|');
  console.log(`| \`jointMerge\` (gather from 3 departments, merge, figures, 100 visits) | ${fmt(t.p50, 0)} | ${fmt(t.p95, 0)} |`);
  console.log(`Figures: ${JSON.stringify(figures)}. Set-up (8 tasks committed and drawn at 100 %): ${fmt(setupS, 1)} s.`);
  console.log(
    `Slowest request ${fmt(t.max, 0)} ms; ${slow} of ${opts.requests} took longer than ${PRODUCTION_TIMEOUT_MS} ms, production's department timeout (this run waited up to ${DEPARTMENT_TIMEOUT_MS} ms per department).`,
  );
  return { ...t, planned: drawn, figures, setupS, overProductionTimeout: slow, departmentTimeoutMs: DEPARTMENT_TIMEOUT_MS };
}
