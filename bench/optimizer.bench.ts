import { issueUserToken } from '../shared/platform/auth.js';
import type { Federation } from '../scripts/federation.js';
import { evaluate, greedyBaseline, type Evaluation, type ModelData } from '../subgraphs/joint-inspection/optimizer/model.js';
import { propose } from '../subgraphs/joint-inspection/optimizer/solve.js';
import { fmt, post } from './support.js';
import { gatewayCall, publishAnnualPlansWith } from '../scripts/annual-plans.js';

/**
 * The plan optimizer (docs/optimizer.md) on the demo county and on a county ten times larger,
 * against two baselines measured on the same data in the same process: every department drawing
 * alone, and the greedy rule "join whenever two departments share an industry" (every joinable
 * department of the industry, minimum quotas). The demo's model inputs come from
 * `proposeJointPlans` through the gateway (the whole county, a quarter of the demo's year); the
 * ten-times county multiplies every pool and every department's capacity by ten.
 * Goals: demo MIP gap ≤ 1 % in ≤ 10 s, ten-times ≤ 60 s, fewer visits than both baselines while
 * meeting every target they miss.
 */
export const PERIOD = '2026-Q1';

const scale = (data: ModelData, k: number): ModelData => ({
  ...data,
  departments: data.departments.map((d) => ({ ...d, capacity: d.capacity * k })),
  industries: data.industries.map((i) => ({ ...i, pools: i.pools.map((p) => ({ ...p, counts: { A: p.counts.A * k, B: p.counts.B * k, C: p.counts.C * k, D: p.counts.D * k } })) })),
});

const row = (name: string, e: Evaluation, extra: string) =>
  `| ${name} | ${e.visits} | ${fmt(e.inspectorDays, 1)} | ${fmt(e.jointShareByCount * 100, 1)} % ${e.met.jointShareByCount ? '✓' : '✗'} | ` +
  `${fmt(e.jointShareByBusinesses * 100, 1)} % ${e.met.jointShareByBusinesses ? '✓' : '✗'} | ${fmt(e.plannedByClassShare * 100, 1)} % ${e.met.plannedByClass ? '✓' : '✗'} | ${e.met.capacity ? '✓' : '✗'} | ${extra} |`;

async function compare(label: string, data: ModelData, timeLimitSeconds: number) {
  const started = performance.now();
  const p = await propose(data, { timeLimitSeconds, explain: false });
  const millis = performance.now() - started;
  const alone = evaluate(data, []);
  const greedy = evaluate(data, greedyBaseline(data));
  console.log(`\n### ${label}: ${data.industries.length} industries, ${data.industries.reduce((s, i) => s + i.pools.reduce((a, x) => a + x.counts.A + x.counts.B + x.counts.C + x.counts.D, 0), 0)} businesses in pools, ${p.variables} variables\n`);
  console.log('| plan | visits | inspector-days | joint share by count | by businesses | planned by class | capacity | solve |');
  console.log('|---|---|---|---|---|---|---|---|');
  if (p.evaluation) console.log(row('optimizer (HiGHS)', p.evaluation, `${p.status}, ${fmt(millis / 1000, 2)} s, gap ${fmt((p.mipGap ?? 0) * 100, 2)} %, ${p.plans.length} joint plans`));
  else console.log(`| optimizer (HiGHS) | infeasible | | | | | | ${fmt(millis / 1000, 2)} s |`);
  console.log(row('every department alone', alone, '–'));
  console.log(row('greedy: join whenever two share an industry', greedy, `${greedyBaseline(data).length} joint plans`));
  const e = p.evaluation;
  const byDep = (ev: Evaluation) => ev.byDepartment.map((d) => `${d.department} ${fmt(d.inspectorDays, 0)}/${fmt(d.capacityDays, 0)}`).join(', ');
  console.log(`\ninspector-days used / available: optimizer ${e ? byDep(e) : 'none'}; alone ${byDep(alone)}; greedy ${byDep(greedy)}`);
  if (p.shortfalls.length) console.log(`infeasible: ${p.shortfalls.map((f) => `${f.constraint} lacks ${f.lacking} ${f.unit}`).join('; ')}`);
  const missed = (b: Evaluation) => (['jointShareByCount', 'jointShareByBusinesses', 'plannedByClass', 'capacity'] as const).filter((k) => !b.met[k]);
  const goals = e
    ? {
        fewerVisitsThanAlone: e.visits < alone.visits,
        fewerVisitsThanGreedy: e.visits < greedy.visits,
        meetsWhatAloneMisses: missed(alone).every((k) => e.met[k]),
        meetsWhatGreedyMisses: missed(greedy).every((k) => e.met[k]),
      }
    : null;
  console.log(`\ngoals: ${JSON.stringify({ millis: Math.round(millis), mipGap: p.mipGap, ...goals })}`);
  return { label, millis, status: p.status, mipGap: p.mipGap, optimizer: e, alone, greedy, plans: p.plans.length, goals };
}

export async function run(fed: Federation) {
  // As `npm start` does: the year's annual plans, the office's listing every claimed item.
  await publishAnnualPlansWith(gatewayCall(`${fed.gatewayUrl}graphql`), Number(PERIOD.slice(0, 4)));
  const token = await issueUserToken({ roles: ['coordinator'], department: 'double-random-office' });
  const res = await post(
    `${fed.gatewayUrl}graphql`,
    { query: 'mutation ($input: ProposeJointPlansInput!) { proposeJointPlans(input: $input) { id solveStatus solveMillis modelInputs } }', variables: { input: { period: PERIOD } } },
    { authorization: `Bearer ${token}` },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const data = JSON.parse(res.data.proposeJointPlans.modelInputs) as ModelData;
  console.log(`\nproposeJointPlans(${PERIOD}) through the gateway: ${res.data.proposeJointPlans.solveStatus}, solving and explaining ${res.data.proposeJointPlans.solveMillis} ms`);
  const demo = await compare('demo county (Guantao)', data, 10);
  const ten = await compare('a county ten times larger', scale(data, 10), 60);
  return { period: PERIOD, demo, ten };
}
