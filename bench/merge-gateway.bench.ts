import { createHash } from 'node:crypto';
import { issueUserToken } from '../shared/platform/auth.js';
import type { Federation } from '../scripts/federation.js';
import { fmt, post, timeSequential } from './support.js';
import { gatewayCall, publishAnnualPlansWith } from '../scripts/annual-plans.js';

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
  const query = `{ jointMerge(period: "2030-Q2", first: 100) { complete figures { visitsBefore visitsAfter jointVisits jointShareByCount jointShareByBusinesses removedRepeats }
    visits { uscc kind departments } byDepartment { department planned joined } } }`;
  let figures: Record<string, number> = {};
  const once = async () => {
    const r = await post(url, { query }, coordinator);
    if (!r.data.jointMerge.complete) throw new Error('merge incomplete');
    figures = r.data.jointMerge.figures;
  };
  await once();
  const t = await timeSequential(opts.requests, once);
  console.log(`\n## County-scale merge through the gateway (${opts.businesses.toLocaleString('en')} businesses, 3 departments, ${drawn.toLocaleString('en')} planned inspections in the quarter; ${opts.requests} requests)`);
  console.log('| | p50 ms | p95 ms |');
  console.log('|---|---|---|');
  console.log(`| \`jointMerge\` (gather from 3 departments, merge, figures, 100 visits) | ${fmt(t.p50, 0)} | ${fmt(t.p95, 0)} |`);
  console.log(`Figures: ${JSON.stringify(figures)}. Set-up (8 tasks committed and drawn at 100 %): ${fmt(setupS, 1)} s.`);
  return { ...t, planned: drawn, figures, setupS };
}
