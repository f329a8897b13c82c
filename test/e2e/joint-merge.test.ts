import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, subgraphPid, tokens } from '../support/federation.js';

/**
 * One industry, one inspection, on the demo county: in the second quarter of 2028 public order,
 * fire and market supervision each draw their own checks in 魏僧寨镇; public order had already
 * drawn the township's hotels twice in the first quarter. The merge must join the businesses
 * planned by several departments into one visit, remove public order's third check of the year
 * (unless a complaint exempts it), and compute the figures from what was stored.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const REGION = '130433103';
const PREFIX: Record<string, string> = { 'public-security': 'PublicSecurity', 'fire-rescue': 'FireRescue', 'market-supervision': 'MarketSupervision' };

let coordinator: string;

async function create(department: string, itemCode: string, period: string, extra: Record<string, unknown> = {}): Promise<string> {
  const P = PREFIX[department];
  const res = await gql(
    `mutation ($input: CreateInspectionTaskInput!) { create${P}Task(input: $input) { id } }`,
    { input: { title: `${period} ${itemCode}`, itemCodes: [itemCode], period, regionCode: REGION, ...extra } },
    { token: coordinator },
  );
  expect(res.errors).toBeUndefined();
  const id = res.data[`create${P}Task`].id;
  const commit = await gql(`mutation ($id: String!, $h: String!) { commit${P}Draw(taskId: $id, seedHash: $h) { id } }`, { id, h: sha256(`seed-${id}`) }, { token: coordinator });
  expect(commit.errors).toBeUndefined();
  return id;
}

async function draw(department: string, id: string): Promise<string[]> {
  const P = PREFIX[department];
  const res = await gql(`mutation ($id: String!, $s: String!) { draw${P}Task(taskId: $id, seed: $s) { draw { targets { uscc } } } }`, { id, s: `seed-${id}` }, { token: coordinator });
  expect(res.errors, JSON.stringify(res.errors)?.slice(0, 500)).toBeUndefined();
  return res.data[`draw${P}Task`].draw.targets.map((t: { uscc: string }) => t.uscc);
}

const MERGE = `query ($period: String!) { jointMerge(period: $period, first: 10000) {
  complete unansweredDepartments { department } finalized version inputsHash
  figures { visitsBefore visitsAfter visitsAvoided jointVisits inspections jointInspections jointShareByCount jointShareByCountMet
    businessesInspected businessesInspectedJointly jointShareByBusinesses jointShareByBusinessesMet removedRepeats exemptionsKept
    tasks tasksByCreditClass plannedByCreditClassShare plannedByCreditClassMet }
  visits { uscc kind departments itemCodes taskRefs why }
  decisions { uscc outcome department taskId rule exemption why }
  byDepartment { department planned joined removed exempt }
  byIndustry { industryCode businesses jointVisits businessesWithRepeats } } }`;

let ps: string[];
let fr: string[];
let ms: string[];
let psTask: string;
let exempt: Set<string>;

beforeAll(async () => {
  // Tasks and draws of 2028 need the published annual plans of 2028 (shared/annual-plan.ts).
  await publishAnnualPlans(2028);
  coordinator = await tokens.coordinator();
  // Public order commits its second-quarter draw of the township's hotels first…
  psTask = await create('public-security', 'PS-PO-001', '2028-Q2', { ratios: { A: 10000, B: 10000, C: 10000, D: 10000 } });
  // …then draws the same hotels twice in the first quarter (the yearly cap is 2).
  for (const n of [1, 2]) {
    const q1 = await create('public-security', 'PS-PO-001', '2028-Q1', { ratios: { A: 10000, B: 10000, C: 10000, D: 10000 }, workloadCap: 60, title: `Q1 #${n}` });
    await draw('public-security', q1);
  }
  ps = await draw('public-security', psTask);
  fr = await draw('fire-rescue', await create('fire-rescue', 'FR-CV-001', '2028-Q2'));
  ms = await draw('market-supervision', await create('market-supervision', 'MS-FS-001', '2028-Q2'));
  const tagged = await sql(
    'public-security',
    "SELECT DISTINCT uscc FROM target_tag WHERE key IN ('complaint-12m', 'referral') AND revoked_at IS NULL AND valid_from <= current_date AND (valid_until IS NULL OR valid_until >= current_date)",
  );
  exempt = new Set(tagged.map((r: { uscc: string }) => r.uscc));
}, 240_000);

describe('the joint merge of a quarter, computed from what the departments stored', () => {
  it('joins multi-department plans, removes repeats beyond the yearly cap, and gets every figure right', async () => {
    const res = await gql(MERGE, { period: '2028-Q2' }, { token: await tokens.analyst() });
    expect(res.errors).toBeUndefined();
    const m = res.data.jointMerge;
    expect(m.complete).toBe(true);

    // Expected, from the stored draws: public order's third check of the year goes unless exempt.
    const keptPs = ps.filter((u) => exempt.has(u));
    const departmentsOf = new Map<string, string[]>();
    for (const [d, list] of [['fire-rescue', fr], ['market-supervision', ms], ['public-security', keptPs]] as const) {
      for (const u of list) departmentsOf.set(u, [...(departmentsOf.get(u) ?? []), d]);
    }
    const joint = [...departmentsOf.values()].filter((d) => d.length >= 2);
    const inspections = [...departmentsOf.values()].reduce((s, d) => s + d.length, 0);
    const jointInspections = joint.reduce((s, d) => s + d.length, 0);
    expect(ps.length).toBeGreaterThan(10);
    expect(joint.length).toBeGreaterThan(0);
    expect(m.figures).toEqual({
      visitsBefore: ps.length + fr.length + ms.length,
      visitsAfter: departmentsOf.size,
      visitsAvoided: ps.length + fr.length + ms.length - departmentsOf.size,
      jointVisits: joint.length,
      inspections,
      jointInspections,
      jointShareByCount: jointInspections / inspections,
      jointShareByCountMet: jointInspections / inspections >= 0.45,
      businessesInspected: departmentsOf.size,
      businessesInspectedJointly: joint.length,
      jointShareByBusinesses: joint.length / departmentsOf.size,
      jointShareByBusinessesMet: joint.length / departmentsOf.size >= 0.3,
      removedRepeats: ps.length - keptPs.length,
      exemptionsKept: keptPs.length,
      tasks: 3,
      tasksByCreditClass: 2,
      plannedByCreditClassShare: 2 / 3,
      plannedByCreditClassMet: false,
    });

    // Each business visited once, with every department that still plans it.
    expect(m.visits).toHaveLength(departmentsOf.size);
    for (const v of m.visits) {
      expect(v.departments).toEqual([...departmentsOf.get(v.uscc)!].sort());
      expect(v.kind).toBe(v.departments.length >= 2 ? 'joint' : 'single');
    }
    const aJoint = m.visits.find((v: { kind: string }) => v.kind === 'joint');
    expect(aJoint.why).toContain('rule multi-department');

    // The removed repeats name the rule, the department, the task and the cap.
    const removed = m.decisions.filter((d: { outcome: string }) => d.outcome === 'removed');
    expect(removed.map((d: { uscc: string }) => d.uscc).sort()).toEqual(ps.filter((u) => !exempt.has(u)).sort());
    for (const d of removed) {
      expect(d).toMatchObject({ department: 'public-security', taskId: psTask, rule: 'yearly-cap', exemption: null });
      expect(d.why).toContain('the items\' yearly cap is 2');
    }
    expect(m.decisions.filter((d: { outcome: string }) => d.outcome === 'exempt').map((d: { uscc: string }) => d.uscc).sort()).toEqual([...keptPs].sort());

    // By department and by industry (industries from the register), adding up to the figures.
    const psRow = m.byDepartment.find((r: { department: string }) => r.department === 'public-security');
    expect(psRow).toEqual({ department: 'public-security', planned: ps.length, joined: keptPs.filter((u) => departmentsOf.get(u)!.length >= 2).length, removed: ps.length - keptPs.length, exempt: keptPs.length });
    expect(m.byIndustry.reduce((s: number, r: { businesses: number }) => s + r.businesses, 0)).toBe(departmentsOf.size);
    expect(m.byIndustry.reduce((s: number, r: { jointVisits: number }) => s + r.jointVisits, 0)).toBe(joint.length);
  });

  it('finalizing stores it in one go, and finalizing the same inputs again changes nothing', async () => {
    const first = await gql('mutation { finalizeJointMerge(period: "2028-Q2") { finalized version figures { visitsAfter } } }', {}, { token: coordinator });
    expect(first.errors).toBeUndefined();
    expect(first.data.finalizeJointMerge).toMatchObject({ finalized: true, version: 1 });
    const count = async () => (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_visit'))[0].n;
    const rows = await count();
    expect(rows).toBe(first.data.finalizeJointMerge.figures.visitsAfter);
    const again = await gql('mutation { finalizeJointMerge(period: "2028-Q2") { finalized version } }', {}, { token: coordinator });
    expect(again.data.finalizeJointMerge).toEqual({ finalized: true, version: 1 });
    expect(await count()).toBe(rows);
    expect(await sql('joint-inspection', "SELECT count(*)::int AS n FROM joint_merge WHERE period = '2028-Q2'")).toEqual([{ n: 1 }]);
    // Analysts read the merge; only coordinators finalize it.
    const analyst = await gql('mutation { finalizeJointMerge(period: "2028-Q2") { version } }', {}, { token: await tokens.analyst() });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a department that does not answer in time makes the merge incomplete, not wrong; it cannot be finalized; later it completes', async () => {
    const pid = await subgraphPid('fire-rescue');
    const before = await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_merge');
    process.kill(pid, 'SIGSTOP');
    try {
      const res = await gql('query { jointMerge(period: "2028-Q2") { complete unansweredDepartments { department reason } finalized } }', {}, { token: coordinator });
      expect(res.data.jointMerge.complete).toBe(false);
      expect(res.data.jointMerge.finalized).toBe(false);
      expect(res.data.jointMerge.unansweredDepartments).toEqual([{ department: 'fire-rescue', reason: expect.stringContaining('no answer within') }]);
      const fin = await gql('mutation { finalizeJointMerge(period: "2028-Q2") { version } }', {}, { token: coordinator });
      expect(fin.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'period' });
      expect(fin.errors?.[0].message).toContain('fire-rescue');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_merge')).toEqual(before);
    const later = await gql('query { jointMerge(period: "2028-Q2") { complete finalized version } }', {}, { token: coordinator });
    expect(later.data.jointMerge).toEqual({ complete: true, finalized: true, version: 1 });
  }, 60_000);

  it('an analyst sees every department\'s inspections of one hotel in one query through the gateway', async () => {
    const hotel = ps.find((u) => fr.includes(u)) ?? ps[0];
    const res = await gql(
      'query ($u: String!) { enterprise(uscc: $u) { name inspectionHistory { complete inspections { department taskId period } } } }',
      { u: hotel },
      { token: await tokens.analyst() },
    );
    expect(res.errors).toBeUndefined();
    const h = res.data.enterprise.inspectionHistory;
    expect(h.complete).toBe(true);
    const ofPs = h.inspections.filter((i: { department: string }) => i.department === 'public-security');
    expect(ofPs.map((i: { period: string }) => i.period).filter((p: string) => p.startsWith('2028'))).toEqual(['2028-Q1', '2028-Q1', '2028-Q2']);
    expect(h.inspections.some((i: { department: string }) => i.department === 'fire-rescue')).toBe(fr.includes(hotel));
    // The public does not see who is going to be inspected.
    const anon = await gql('query ($u: String!) { enterprise(uscc: $u) { inspectionHistory { complete } } }', { u: hotel });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('bad input: a period that is not a quarter', async () => {
    const res = await gql('query { jointMerge(period: "2028-13") { complete } }', {}, { token: coordinator });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});
