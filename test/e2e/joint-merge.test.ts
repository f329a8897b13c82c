import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, subgraphPid, tokens } from '../support/federation.js';
import { internalOf } from '../support/enums.js';

/**
 * One industry, one inspection, end to end on the demo county, in 2037 (no other test file
 * uses that year), each story in its own quarter and township, reading only its own rows:
 *
 * - 2037-Q1, 路桥乡 (130433203): the scenario. Fire and rescue commits two fuel-station
 *   tasks (FR-FL-001, 100 %) before drawing either, then draws both: the same stations twice.
 *   Market supervision draws the township's fuel stations for metrology (MS-ME-001). One station
 *   has a complaint, one a pending licence. The merge must remove fire's second visits except the
 *   complaint- and licence-driven ones, and the figures must add up.
 * - 2037-Q2, 王桥乡 (130433201): the yearly cap at commit sees tasks committed but not yet drawn.
 * - 2037-Q3, 南徐村乡 (130433202): finalizing, new inputs (a revoked tag), version 2 next to version 1.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const YEAR = 2037;
const Q1 = '2037-Q1';
const Q1_REGION = '130433203';
const Q2 = '2037-Q2';
const Q2_REGION = '130433201';
const Q3 = '2037-Q3';
const Q3_REGION = '130433202';
const ALL = { A: 10000, B: 10000, C: 10000, D: 10000 };
const PREFIX: Record<string, string> = { 'public-security': 'PublicSecurity', 'fire-rescue': 'FireRescue', 'market-supervision': 'MarketSupervision' };
const county = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

let coordinator: string;

async function createAndCommit(department: string, itemCode: string, period: string, regionCode: string, extra: Record<string, unknown> = {}): Promise<string> {
  const P = PREFIX[department];
  const res = await gql(
    `mutation ($input: CreateInspectionTaskInput!) { create${P}Task(input: $input) { id } }`,
    { input: { title: `${period} ${itemCode}`, itemCodes: [itemCode], period, regionCode, ...extra } },
    { token: coordinator },
  );
  expect(res.errors).toBeUndefined();
  const id = res.data[`create${P}Task`].id;
  const commit = await gql(`mutation ($id: String!, $h: String!) { commit${P}Draw(taskId: $id, seedHash: $h) { id } }`, { id, h: sha256(`seed-${id}`) }, { token: coordinator });
  expect(commit.errors).toBeUndefined();
  return id;
}

interface Drawn {
  id: string;
  usccs: string[];
  drawnAt: string;
}

async function draw(department: string, id: string): Promise<Drawn> {
  const P = PREFIX[department];
  const res = await gql(`mutation ($id: String!, $s: String!) { draw${P}Task(taskId: $id, seed: $s) { draw { drawnAt targets(first: 100) { nodes { uscc } } } } }`, { id, s: `seed-${id}` }, { token: coordinator });
  expect(res.errors, JSON.stringify(res.errors)?.slice(0, 500)).toBeUndefined();
  const d = res.data[`draw${P}Task`].draw;
  return { id, usccs: d.targets.nodes.map((t: { uscc: string }) => t.uscc).sort(), drawnAt: d.drawnAt };
}

async function tag(uscc: string, key: string, validFrom: string): Promise<number> {
  const res = await gql(
    'mutation ($u: String!, $input: TargetTagInput!) { tagFireRescueTarget(uscc: $u, input: $input) { id } }',
    { u: uscc, input: { key, value: key === 'licence-pending' ? '危险化学品经营许可证' : '12345', source: 'MANUAL', validFrom, reason: `合并测试：${key}` } },
    { token: await tokens.admin('fire-rescue') },
  );
  expect(res.errors).toBeUndefined();
  return res.data.tagFireRescueTarget.id;
}

const MERGE = `query ($period: String!) { jointMerge(period: $period, first: 10000) {
  complete unansweredDepartments { department } finalized version inputsHash
  figures { visitsBefore visitsAfter visitsAvoided jointVisits inspections jointInspections jointShareByCount jointShareByCountMet
    businessesInspected businessesInspectedJointly jointShareByBusinesses jointShareByBusinessesMet removedRepeats exemptionsKept
    tasks tasksByCreditClass plannedByCreditClassShare plannedByCreditClassMet }
  visits { uscc kind departments itemCodes taskRefs why }
  decisions { uscc outcome department taskId rule exemption why }
  byDepartment { department planned joined alone removed exempt }
  byIndustry { industryCode businesses jointVisits businessesWithRepeats } } }`;

interface Decision {
  uscc: string;
  outcome: string;
  department: string;
  taskId: string;
  rule: string;
  exemption: string | null;
  why: string;
}

/** The invariants every merge must satisfy, checked from outside on the answer. */
function expectFiguresAddUp(m: any) {
  const f = m.figures;
  for (const d of m.byDepartment) expect(d.planned, d.department).toBe(d.joined + d.alone + d.removed);
  const sum = (k: string) => m.byDepartment.reduce((s: number, d: any) => s + d[k], 0);
  expect(sum('planned')).toBe(f.visitsBefore);
  expect(sum('removed')).toBe(f.removedRepeats);
  expect(sum('exempt')).toBe(f.exemptionsKept);
  expect(sum('joined') + sum('alone')).toBe(f.inspections);
  expect(f.visitsBefore - f.visitsAfter).toBe(f.visitsAvoided);
  expect(m.visits).toHaveLength(f.visitsAfter);
  for (const v of m.visits) expect(new Set(v.departments).size).toBe(v.departments.length);
  expect(m.decisions.filter((d: Decision) => d.outcome === 'REMOVED')).toHaveLength(f.removedRepeats);
  expect(m.decisions.filter((d: Decision) => d.outcome === 'EXEMPT')).toHaveLength(f.exemptionsKept);
  for (const d of m.decisions) expect(d.why).toContain(`rule ${internalOf(d.rule)}`);
}

// 2037-Q1: the scenario.
let fr1: Drawn;
let fr2: Drawn;
let ms: Drawn;
let complaintStation: string;
let licenceStation: string;

// 2037-Q2: the cap at commit.
let pendingA: string;
let pendingB: string;

beforeAll(async () => {
  // Tasks and draws of 2037 need the published annual plans of 2037 (shared/inspection/annual-plan.ts).
  await publishAnnualPlans(YEAR);
  coordinator = await tokens.coordinator();
  // Both fire tasks are committed before either is drawn; both take every station (the yearly cap is 2).
  const t1 = await createAndCommit('fire-rescue', 'FR-FL-001', Q1, Q1_REGION, { ratios: ALL });
  const t2 = await createAndCommit('fire-rescue', 'FR-FL-001', Q1, Q1_REGION, { ratios: ALL });
  fr1 = await draw('fire-rescue', t1);
  fr2 = await draw('fire-rescue', t2);
  ms = await draw('market-supervision', await createAndCommit('market-supervision', 'MS-ME-001', Q1, Q1_REGION, { ratios: { A: 5000, B: 5000, C: 10000, D: 10000 } }));
  // Tags recorded now, in force from before the quarter: a complaint and a pending licence.
  [complaintStation, licenceStation] = fr2.usccs;
  await tag(complaintStation, 'complaint-12m', '2036-12-01');
  await tag(licenceStation, 'licence-pending', '2036-12-01');

  pendingA = await createAndCommit('fire-rescue', 'FR-FL-001', Q2, Q2_REGION, { ratios: ALL });
  pendingB = await createAndCommit('fire-rescue', 'FR-FL-001', Q2, Q2_REGION, { ratios: ALL });
}, 300_000);

describe("the joint merge removes a department's own repeats and its figures add up", () => {
  it('the scenario drew what it should: the same stations twice for fire and rescue, and some for market supervision', () => {
    expect(fr1.usccs.length).toBeGreaterThanOrEqual(3);
    expect(fr2.usccs).toEqual(fr1.usccs);
    expect(ms.usccs.length).toBeGreaterThan(0);
    expect(fr2.id > fr1.id && fr2.drawnAt >= fr1.drawnAt).toBe(true);
  });

  it("removes fire and rescue's second visits to the same stations, keeps the complaint- and licence-driven ones with their exemption, and gets every figure right", async () => {
    const res = await gql(MERGE, { period: Q1 }, { token: await tokens.analyst() });
    expect(res.errors).toBeUndefined();
    const m = res.data.jointMerge;
    expect(m.complete).toBe(true);
    expectFiguresAddUp(m);

    // Expected, from the stored draws: fr2 repeats fr1 on every station; two are exempt.
    const exempt = new Map([[complaintStation, 'complaint'], [licenceStation, 'licence']]);
    const repeats = fr2.usccs.filter((u) => fr1.usccs.includes(u));
    const removed = repeats.filter((u) => !exempt.has(u));
    const frRefs = (u: string) => (fr1.usccs.includes(u) ? 1 : 0) + (exempt.has(u) && fr2.usccs.includes(u) ? 1 : 0);
    const msRefs = (u: string) => (ms.usccs.includes(u) ? 1 : 0);
    const businesses = [...new Set([...fr1.usccs, ...fr2.usccs, ...ms.usccs])].sort();
    const joint = businesses.filter((u) => frRefs(u) > 0 && msRefs(u) > 0);
    const inspections = businesses.reduce((s, u) => s + frRefs(u) + msRefs(u), 0);
    const jointInspections = joint.reduce((s, u) => s + frRefs(u) + msRefs(u), 0);
    const planned = fr1.usccs.length + fr2.usccs.length + ms.usccs.length;
    expect(removed.length).toBeGreaterThan(0);

    expect(m.figures).toEqual({
      visitsBefore: planned,
      visitsAfter: businesses.length,
      visitsAvoided: planned - businesses.length,
      jointVisits: joint.length,
      inspections,
      jointInspections,
      jointShareByCount: jointInspections / inspections,
      jointShareByCountMet: jointInspections / inspections >= 0.45,
      businessesInspected: businesses.length,
      businessesInspectedJointly: joint.length,
      jointShareByBusinesses: joint.length / businesses.length,
      jointShareByBusinessesMet: joint.length / businesses.length >= 0.3,
      removedRepeats: repeats.length - exempt.size,
      exemptionsKept: exempt.size,
      // Fire's tasks took every class at 100 %; market supervision's ratios differ by class.
      tasks: 3,
      tasksByCreditClass: 1,
      plannedByCreditClassShare: 1 / 3,
      plannedByCreditClassMet: false,
    });
    const frJoined = joint.reduce((s, u) => s + frRefs(u), 0);
    expect(m.byDepartment).toEqual([
      { department: 'FIRE_RESCUE', planned: fr1.usccs.length + fr2.usccs.length, joined: frJoined, alone: fr1.usccs.length + exempt.size - frJoined, removed: removed.length, exempt: exempt.size },
      { department: 'MARKET_SUPERVISION', planned: ms.usccs.length, joined: joint.length, alone: ms.usccs.length - joint.length, removed: 0, exempt: 0 },
    ]);

    // Every decision names the items, the earlier task and the day it drew the station, and the rule.
    const day = county(fr1.drawnAt);
    expect(m.decisions.map(({ why: _w, ...d }: Decision) => d)).toEqual(
      [
        ...removed.map((uscc) => ({ uscc, outcome: 'REMOVED', department: 'FIRE_RESCUE', taskId: fr2.id, rule: 'ALREADY_PLANNED', exemption: null })),
        ...[...exempt].map(([uscc, exemption]) => ({ uscc, outcome: 'EXEMPT', department: 'FIRE_RESCUE', taskId: fr2.id, rule: 'ALREADY_PLANNED', exemption })),
      ].sort((a, b) => (a.uscc < b.uscc ? -1 : 1)),
    );
    for (const d of m.decisions) {
      expect(d.why).toContain(`fire-rescue already planned this business for ${Q1} on ${day} in ${fr1.id} (items FR-FL-001); ${fr2.id} (items FR-FL-001) planning it again is a repeat inspection (rule already-planned), and its items are checked on that visit`);
    }
    const complaint = m.decisions.find((d: Decision) => d.uscc === complaintStation);
    expect(complaint.why).toContain('but it is complaint-driven, which the rule exempts, so it stays');

    // One visit per business, each department listed once; the exempt second check rides along.
    for (const u of businesses) {
      const v = m.visits.find((x: { uscc: string }) => x.uscc === u);
      const refs = [
        ...(fr1.usccs.includes(u) ? [`fire-rescue:${fr1.id}`] : []),
        ...(exempt.has(u) ? [`fire-rescue:${fr2.id}`] : []),
        ...(ms.usccs.includes(u) ? [`market-supervision:${ms.id}`] : []),
      ].sort();
      expect(v, u).toMatchObject({
        departments: [...(frRefs(u) ? ['FIRE_RESCUE'] : []), ...(msRefs(u) ? ['MARKET_SUPERVISION'] : [])],
        kind: joint.includes(u) ? 'JOINT' : 'SINGLE',
        taskRefs: refs,
      });
    }
    // Industries from the register: every station is fuel retail (5265).
    expect(m.byIndustry).toEqual([{ industryCode: '5265', businesses: businesses.length, jointVisits: joint.length, businessesWithRepeats: removed.length }]);
  });

  it('the licence exemption is reachable with a real tag: a station awaiting a licence check keeps its second fire visit, recorded as licence-driven', async () => {
    const res = await gql(MERGE, { period: Q1 }, { token: coordinator });
    const d = res.data.jointMerge.decisions.filter((x: Decision) => x.uscc === licenceStation);
    expect(d).toEqual([
      {
        uscc: licenceStation,
        outcome: 'EXEMPT',
        department: 'FIRE_RESCUE',
        taskId: fr2.id,
        rule: 'ALREADY_PLANNED',
        exemption: 'licence',
        why: expect.stringContaining('but it is licence-driven, which the rule exempts, so it stays'),
      },
    ]);
  });

  it("an analyst sees every department's inspections of one station in one query through the gateway", async () => {
    const station = ms.usccs.find((u) => fr1.usccs.includes(u)) ?? fr1.usccs[0];
    const res = await gql(
      'query ($u: String!) { enterprise(uscc: $u) { inspectionHistory { complete inspections(first: 100) { totalCount nodes { department taskId period } } } } }',
      { u: station },
      { token: await tokens.analyst() },
    );
    expect(res.errors).toBeUndefined();
    const h = res.data.enterprise.inspectionHistory;
    expect(h.complete).toBe(true);
    expect(h.inspections.totalCount).toBe(h.inspections.nodes.length);
    const ours = h.inspections.nodes.filter((i: { period: string }) => i.period === Q1).map((i: { department: string; taskId: string }) => `${internalOf(i.department)}:${i.taskId}`);
    expect(ours.sort()).toEqual([`fire-rescue:${fr1.id}`, `fire-rescue:${fr2.id}`, ...(ms.usccs.includes(station) ? [`market-supervision:${ms.id}`] : [])].sort());
    // The public does not see who is going to be inspected: the field is null, the page is kept.
    const anon = await gql('query ($u: String!) { enterprise(uscc: $u) { uscc inspectionHistory { complete } } }', { u: station });
    expect(anon.errors?.map((e: any) => [e.extensions?.code, e.path])).toEqual([['UNAUTHENTICATED', ['enterprise', 'inspectionHistory']]]);
    expect(anon.data).toEqual({ enterprise: { uscc: station, inspectionHistory: null } });
  });

  it('the yearly cap at commit counts the pools of tasks committed but not yet drawn', async () => {
    const TASK = `query ($id: String!) { fireRescueTask(id: $id) { status commitment { poolSize excludedCount exclusions { uscc reason detail } } } }`;
    const a = (await gql(TASK, { id: pendingA }, { token: coordinator })).data.fireRescueTask;
    const b = (await gql(TASK, { id: pendingB }, { token: coordinator })).data.fireRescueTask;
    // The second task still takes every station: one committed draw is below the cap of 2.
    expect(a).toMatchObject({ status: 'COMMITTED', commitment: { excludedCount: 0 } });
    expect(a.commitment.poolSize).toBeGreaterThan(0);
    expect(b).toMatchObject({ status: 'COMMITTED', commitment: { poolSize: a.commitment.poolSize, excludedCount: 0 } });
    // A third, committed before either is drawn, finds every station at the cap.
    const third = await createAndCommit('fire-rescue', 'FR-FL-001', Q2, Q2_REGION, { ratios: ALL });
    const c = (await gql(TASK, { id: third }, { token: coordinator })).data.fireRescueTask;
    expect(c.commitment.poolSize).toBe(0);
    expect(c.commitment.excludedCount).toBe(a.commitment.poolSize);
    for (const x of c.commitment.exclusions) {
      expect(x.reason).toBe('yearly-cap');
      expect(x.detail).toContain(`in the pool of committed task(s) ${pendingA}, ${pendingB} not yet drawn: the yearly cap is 2`);
    }
  });

  it('finalizing stores version 1; the same inputs change nothing; new inputs make version 2 and version 1 stays as it was', async () => {
    const t3 = await createAndCommit('fire-rescue', 'FR-FL-001', Q3, Q3_REGION, { ratios: ALL });
    const t4 = await createAndCommit('fire-rescue', 'FR-FL-001', Q3, Q3_REGION, { ratios: ALL });
    const first = await draw('fire-rescue', t3);
    const second = await draw('fire-rescue', t4);
    expect(second.usccs).toEqual(first.usccs);
    const station = second.usccs[0];
    const tagId = await tag(station, 'complaint-12m', '2037-01-01');

    const FINALIZE = `mutation ($p: String!) { finalizeJointMerge(period: $p) { finalized version figures { visitsAfter removedRepeats exemptionsKept } } }`;
    const v1 = await gql(FINALIZE, { p: Q3 }, { token: coordinator });
    expect(v1.errors).toBeUndefined();
    expect(v1.data.finalizeJointMerge).toEqual({
      finalized: true,
      version: 1,
      figures: { visitsAfter: first.usccs.length, removedRepeats: second.usccs.length - 1, exemptionsKept: 1 },
    });
    const stored = async () => {
      const merges = await sql('joint-inspection', 'SELECT id, version, inputs_hash, figures FROM joint_merge WHERE period = $1 ORDER BY version', [Q3]);
      const rows = [];
      for (const mg of merges) {
        const visits = await sql('joint-inspection', 'SELECT uscc, kind, departments, task_refs, why FROM joint_visit WHERE merge_id = $1 ORDER BY uscc', [mg.id]);
        const decisions = await sql('joint-inspection', 'SELECT uscc, outcome, task_id, rule, exemption, why FROM merge_decision WHERE merge_id = $1 ORDER BY uscc', [mg.id]);
        rows.push({ ...mg, visits, decisions });
      }
      return rows;
    };
    const afterV1 = await stored();
    expect(afterV1).toHaveLength(1);
    expect(afterV1[0].visits).toHaveLength(first.usccs.length);
    expect(afterV1[0].decisions.find((d: { uscc: string }) => d.uscc === station)).toMatchObject({ outcome: 'exempt', exemption: 'complaint', task_id: t4 });

    // The same inputs again: nothing written.
    expect((await gql(FINALIZE, { p: Q3 }, { token: coordinator })).data.finalizeJointMerge.version).toBe(1);
    expect(await stored()).toEqual(afterV1);

    // Revoked now, before 2037-Q3 begins: the complaint is not in force in that quarter any more.
    const revoke = await gql('mutation ($id: Int!) { revokeFireRescueTargetTag(id: $id, reason: "投诉已核实不实") { id } }', { id: tagId }, { token: await tokens.admin('fire-rescue') });
    expect(revoke.errors).toBeUndefined();
    const changed = (await gql(MERGE, { period: Q3 }, { token: coordinator })).data.jointMerge;
    expect(changed).toMatchObject({ finalized: false, version: 1 });
    expect(changed.decisions.find((d: Decision) => d.uscc === station)).toMatchObject({ outcome: 'REMOVED', taskId: t4, exemption: null });
    expectFiguresAddUp(changed);

    const v2 = await gql(FINALIZE, { p: Q3 }, { token: coordinator });
    expect(v2.data.finalizeJointMerge).toEqual({
      finalized: true,
      version: 2,
      figures: { visitsAfter: first.usccs.length, removedRepeats: second.usccs.length, exemptionsKept: 0 },
    });
    const afterV2 = await stored();
    expect(afterV2.map((r) => r.version)).toEqual([1, 2]);
    expect(afterV2[0]).toEqual(afterV1[0]);
    expect(afterV2[1].inputs_hash).not.toBe(afterV1[0].inputs_hash);
    expect(afterV2[1].decisions.find((d: { uscc: string }) => d.uscc === station)).toMatchObject({ outcome: 'removed', exemption: null });
    expect((await gql(MERGE, { period: Q3 }, { token: coordinator })).data.jointMerge).toMatchObject({ finalized: true, version: 2 });

    // Analysts read the merge; only coordinators finalize it.
    const analyst = await gql(FINALIZE, { p: Q3 }, { token: await tokens.analyst() });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a department that does not answer in time makes the merge incomplete, not wrong; it cannot be finalized; later it completes', async () => {
    const pid = await subgraphPid('fire-rescue');
    const count = async () => (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_merge WHERE period = $1', [Q1]))[0].n;
    const before = await count();
    process.kill(pid, 'SIGSTOP');
    try {
      const res = await gql('query ($p: String!) { jointMerge(period: $p) { complete unansweredDepartments { department reason } finalized } }', { p: Q1 }, { token: coordinator });
      expect(res.data.jointMerge.complete).toBe(false);
      expect(res.data.jointMerge.finalized).toBe(false);
      expect(res.data.jointMerge.unansweredDepartments).toEqual([{ department: 'FIRE_RESCUE', reason: expect.stringContaining('no answer within') }]);
      const fin = await gql('mutation ($p: String!) { finalizeJointMerge(period: $p) { version } }', { p: Q1 }, { token: coordinator });
      expect(fin.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'period' });
      expect(fin.errors?.[0].message).toContain('fire-rescue');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(await count()).toBe(before);
    const later = await gql('query ($p: String!) { jointMerge(period: $p) { complete } }', { p: Q1 }, { token: coordinator });
    expect(later.data.jointMerge).toEqual({ complete: true });
  }, 60_000);

  it('bad input: a period that is not a quarter', async () => {
    const res = await gql('query { jointMerge(period: "2037-13") { complete } }', {}, { token: coordinator });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});
