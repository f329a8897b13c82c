import { describe, expect, it } from 'vitest';
import { EXEMPTING_TAGS, exemptionsDuring, type TagSpan } from '../../shared/domain/exemptions.js';
import { TAG_KEYS } from '../../shared/department/directory.js';
import { prng } from '../../shared/demo/county.js';
import { mergeInspections, mergeInvariantViolations, type MergeResult, type PlannedInspection } from '../../subgraphs/joint-inspection/merge/rules.js';

/**
 * The joint merge on hand-built inputs with answers worked out by hand. Every merge is also
 * checked against its invariants (figures that add up).
 */
const Q1 = { period: '2026-Q1', start: '2026-01-01', end: '2026-03-31' };
const Q2 = { period: '2026-Q2', start: '2026-04-01', end: '2026-06-30' };
const H1 = '91130433000000001A', H2 = '91130433000000002A', H3 = '91130433000000003A', H4 = '91130433000000004A';
const S5 = '91130433000000005A', S6 = '91130433000000006A';

/** A planned inspection of 2026-Q2, drawn on 20 March unless said otherwise. */
const plan = (department: string, uscc: string, taskId: string, extra: Partial<PlannedInspection> = {}): PlannedInspection => ({
  department, uscc, taskId, itemCodes: [`${department}-item`], period: '2026-Q2', status: 'planned', date: '2026-04-01',
  plannedAt: '2026-03-20T02:00:00.000Z', yearlyCap: 2,
  // One task of the quarter was drawn without credit classes (equal ratios).
  stratified: taskId !== 'MS-2026Q2-0002', ...extra,
});
const done = (department: string, uscc: string, taskId: string, period: string, date: string): PlannedInspection =>
  plan(department, uscc, taskId, { status: 'done', period, date });

/** The merge, asserting its invariants first: every test below relies on figures that add up. */
function merge(inputs: PlannedInspection[], window = Q2): MergeResult {
  const result = mergeInspections(inputs, window);
  expect(mergeInvariantViolations(result)).toEqual([]);
  return result;
}
const decisions = (r: MergeResult) => [
  ...r.removals.map(({ why: _w, ...d }) => ({ outcome: 'removed', ...d })),
  ...r.exemptions.map(({ why: _w, ...d }) => ({ outcome: 'exempt', ...d })),
];

const SCENARIO: PlannedInspection[] = [
  // H1: police, fire and market supervision all plan the hotel → one joint visit.
  plan('public-security', H1, 'PS-2026Q2-0001'), plan('fire-rescue', H1, 'FR-2026Q2-0001'), plan('market-supervision', H1, 'MS-2026Q2-0001'),
  // H2: fire inspected it on 15 April for a first-quarter task → fire's plan is a repeat and goes; police visits alone.
  plan('public-security', H2, 'PS-2026Q2-0001'), plan('fire-rescue', H2, 'FR-2026Q2-0001'), done('fire-rescue', H2, 'FR-2026Q1-0009', '2026-Q1', '2026-04-15'),
  // H3: fire inspected it twice in the first quarter (cap 2) → fire's plan goes.
  plan('public-security', H3, 'PS-2026Q2-0001'), plan('fire-rescue', H3, 'FR-2026Q2-0001'),
  done('fire-rescue', H3, 'FR-2026Q1-0001', '2026-Q1', '2026-01-10'), done('fire-rescue', H3, 'FR-2026Q1-0002', '2026-Q1', '2026-02-20'),
  // H4: the same, but fire's check follows a complaint → exempt from the cap, kept; joint with market supervision.
  plan('fire-rescue', H4, 'FR-2026Q2-0002', { exemptions: ['complaint'] }), plan('market-supervision', H4, 'MS-2026Q2-0001'),
  done('fire-rescue', H4, 'FR-2026Q1-0001', '2026-Q1', '2026-01-11'), done('fire-rescue', H4, 'FR-2026Q1-0003', '2026-Q1', '2026-03-02'),
  // S5: market supervision planned the shop in two tasks, the second drawn five days later → the second goes.
  plan('market-supervision', S5, 'MS-2026Q2-0001'), plan('market-supervision', S5, 'MS-2026Q2-0002', { itemCodes: ['MS-lifts'], plannedAt: '2026-03-25T02:00:00.000Z' }),
  // S6: only market supervision.
  plan('market-supervision', S6, 'MS-2026Q2-0002'),
];

describe('the joint-inspection merge on a hand-built quarter', () => {
  const result = merge(SCENARIO);

  it('joins the hotel planned by three departments into one joint visit carrying every item', () => {
    const h1 = result.visits.find((v) => v.uscc === H1)!;
    expect({ ...h1 }).toEqual({
      uscc: H1,
      kind: 'joint',
      rule: 'multi-department',
      period: '2026-Q2',
      departments: ['fire-rescue', 'market-supervision', 'public-security'],
      itemCodes: ['fire-rescue-item', 'market-supervision-item', 'public-security-item'],
      taskRefs: ['fire-rescue:FR-2026Q2-0001', 'market-supervision:MS-2026Q2-0001', 'public-security:PS-2026Q2-0001'],
    });
    expect(h1.why).toBe(
      'fire-rescue、market-supervision、public-security在2026-Q2均计划检查该企业（fire-rescue:FR-2026Q2-0001、market-supervision:MS-2026Q2-0001、public-security:PS-2026Q2-0001），合并为一次联合检查，携带事项fire-rescue-item、market-supervision-item、public-security-item / fire-rescue, market-supervision, public-security all plan to inspect this business in 2026-Q2 (fire-rescue:FR-2026Q2-0001, market-supervision:MS-2026Q2-0001, public-security:PS-2026Q2-0001): one joint visit carrying items fire-rescue-item, market-supervision-item, public-security-item (rule multi-department)',
    );
  });

  it('catches the repeat inspections and says why: items, the earlier task and its date, the rule', () => {
    expect(result.removals.map(({ why: _w, ...r }) => r)).toEqual([
      { uscc: H2, department: 'fire-rescue', taskId: 'FR-2026Q2-0001', rule: 'already-inspected' },
      { uscc: H3, department: 'fire-rescue', taskId: 'FR-2026Q2-0001', rule: 'yearly-cap' },
      { uscc: S5, department: 'market-supervision', taskId: 'MS-2026Q2-0002', rule: 'already-planned' },
    ]);
    const [h2, h3, s5] = result.removals.map((r) => r.why);
    expect(h2).toBe(
      'fire-rescue已于2026-04-15检查过该企业（FR-2026Q1-0009，事项fire-rescue-item），2026-Q2再次计划（FR-2026Q2-0001，事项fire-rescue-item）属重复检查 / fire-rescue already inspected this business on 2026-04-15 (FR-2026Q1-0009, items fire-rescue-item); planning it again in 2026-Q2 (FR-2026Q2-0001, items fire-rescue-item) is a repeat inspection (rule already-inspected)',
    );
    expect(h3).toBe(
      'fire-rescue本年度已检查或计划该企业2次（FR-2026Q1-0001（2026-01-10）、FR-2026Q1-0002（2026-02-20）），事项fire-rescue-item的年度上限为2次，FR-2026Q2-0001超出上限 / fire-rescue has 2 inspection(s) of this business in 2026 (FR-2026Q1-0001 (2026-01-10), FR-2026Q1-0002 (2026-02-20)); the yearly cap of items fire-rescue-item is 2, so FR-2026Q2-0001 exceeds it (rule yearly-cap)',
    );
    // 02:00 UTC on 20 March is 10:00 on 20 March in the county.
    expect(s5).toBe(
      'market-supervision已于2026-03-20在MS-2026Q2-0001中计划于2026-Q2检查该企业（事项market-supervision-item），MS-2026Q2-0002（事项MS-lifts）再次计划属同期重复检查，其事项并入该次检查 / market-supervision already planned this business for 2026-Q2 on 2026-03-20 in MS-2026Q2-0001 (items market-supervision-item); MS-2026Q2-0002 (items MS-lifts) planning it again is a repeat inspection (rule already-planned), and its items are checked on that visit',
    );
  });

  it('keeps and records the complaint-driven check that the cap exempts', () => {
    expect(result.exemptions.map(({ why: _w, ...e }) => e)).toEqual([
      { uscc: H4, department: 'fire-rescue', taskId: 'FR-2026Q2-0002', rule: 'yearly-cap', exemption: 'complaint' },
    ]);
    expect(result.exemptions[0].why).toContain('FR-2026Q1-0001 (2026-01-11), FR-2026Q1-0003 (2026-03-02)');
    expect(result.exemptions[0].why).toContain('but it is complaint-driven, which the rule exempts, so it stays');
    expect(result.visits.find((v) => v.uscc === H4)?.kind).toBe('joint');
  });

  it('visits the shop of the removed second task once, under the first task, checking the second task\'s items too', () => {
    expect(result.visits.find((v) => v.uscc === S5)).toMatchObject({
      kind: 'single',
      rule: 'single-department',
      departments: ['market-supervision'],
      itemCodes: ['MS-lifts', 'market-supervision-item'],
      taskRefs: ['market-supervision:MS-2026Q2-0001'],
    });
  });

  it('computes the figures: 12 inspections planned, 3 removed, 6 visits; 5 of 9 inspections and 2 of 6 businesses joint; 4 of 5 tasks by class', () => {
    expect(result.figures).toEqual({
      visitsBefore: 12,
      visitsAfter: 6,
      visitsAvoided: 6,
      jointVisits: 2,
      inspections: 9,
      jointInspections: 5,
      jointShareByCount: 5 / 9,
      businessesInspected: 6,
      businessesInspectedJointly: 2,
      jointShareByBusinesses: 2 / 6,
      removedRepeats: 3,
      exemptionsKept: 1,
      // Tasks with plans in the quarter: PS-0001, FR-0001, FR-0002, MS-0001, MS-0002; four by class.
      tasks: 5,
      tasksByCreditClass: 4,
      plannedByCreditClassShare: 0.8,
    });
    expect(result.byDepartment).toEqual([
      // H1 H2 H3 H4; joined H1 H4; removed H2 H3; H4 exempt.
      { department: 'fire-rescue', planned: 4, joined: 2, alone: 0, removed: 2, exempt: 1 },
      // H1 H4 S5 S5 S6; joined H1 H4; alone S5 S6; S5's second task removed.
      { department: 'market-supervision', planned: 5, joined: 2, alone: 2, removed: 1, exempt: 0 },
      { department: 'public-security', planned: 3, joined: 1, alone: 2, removed: 0, exempt: 0 },
    ]);
  });

  it('is deterministic: the same inputs in any order give the same result', () => {
    expect(mergeInspections([...SCENARIO].reverse(), Q2)).toEqual(result);
    expect(mergeInspections([...SCENARIO.slice(7), ...SCENARIO.slice(0, 7)], Q2)).toEqual(result);
  });

  it('running the merge on its own output changes nothing', () => {
    // Re-planning exactly the kept inspections (as the finalized joint tasks do) yields the same visits.
    // A single-department visit carries the items of its removed second task (S5): re-planned, its task has them all.
    const replanned = result.visits.flatMap((v) =>
      v.taskRefs.map((r) => {
        const p = SCENARIO.find((p) => `${p.department}:${p.taskId}` === r && p.uscc === v.uscc)!;
        return v.departments.length === 1 ? { ...p, itemCodes: v.itemCodes } : p;
      }),
    );
    const history = SCENARIO.filter((p) => p.status === 'done');
    expect(merge([...replanned, ...history]).visits).toEqual(result.visits);
  });

  it('the invariants catch figures that do not add up', () => {
    const dropped = { ...result, visits: result.visits.filter((v) => v.uscc !== S6) };
    expect(mergeInvariantViolations(dropped)).toContain('visitsAfter 6, businessesInspected 6, visits 5');
    const twice = { ...result, visits: result.visits.map((v) => (v.uscc === S6 ? { ...v, departments: ['market-supervision', 'market-supervision'] } : v)) };
    expect(mergeInvariantViolations(twice)).toContain(`${S6}: a department listed twice or without a task (market-supervision, market-supervision)`);
    const silent = { ...result, removals: result.removals.map((r) => ({ ...r, why: '' })) };
    expect(mergeInvariantViolations(silent)).toHaveLength(3);
  });
});

/**
 * The scenario on hand-built inputs: fire and rescue plans six fuel stations in two tasks
 * of 2027-Q1 (both at 100 %), market supervision plans the same six; one station has a complaint.
 */
describe("a department's second planned visit to a business in the period is a repeat, whatever planned it", () => {
  const W = { period: '2027-Q1', start: '2027-01-01', end: '2027-03-31' };
  const stations = [1, 2, 3, 4, 5, 6].map((n) => `9113043300000000${n}F`);
  const q1 = (department: string, uscc: string, taskId: string, plannedAt: string, extra: Partial<PlannedInspection> = {}): PlannedInspection => ({
    department, uscc, taskId, itemCodes: [department === 'fire-rescue' ? 'FR-FL-001' : 'MS-ME-001'], period: '2027-Q1', status: 'planned',
    date: '2027-01-01', plannedAt, yearlyCap: 2, stratified: false, ...extra,
  });
  const FR1 = 'FR-2027Q1-0001', FR2 = 'FR-2027Q1-0002', MS1 = 'MS-2027Q1-0001', JP1 = 'JP-2027Q1-0001', JP2 = 'JP-2027Q1-0002';
  const D1 = '2026-12-20T01:00:00.000Z', D2 = '2026-12-21T01:00:00.000Z', D3 = '2026-12-22T01:00:00.000Z';

  it('two tasks of one department: the second task\'s visits go, except the complaint-driven one; the figures add up', () => {
    const complaint = stations[2];
    const inputs = stations.flatMap((u) => [
      q1('fire-rescue', u, FR1, D1, u === complaint ? { exemptions: ['complaint'] } : {}),
      q1('fire-rescue', u, FR2, D2, u === complaint ? { exemptions: ['complaint'] } : {}),
      q1('market-supervision', u, MS1, D1, { stratified: true }),
    ]);
    const r = merge(inputs, W);
    expect(decisions(r)).toEqual([
      ...stations.filter((u) => u !== complaint).map((uscc) => ({ outcome: 'removed', uscc, department: 'fire-rescue', taskId: FR2, rule: 'already-planned' })),
      { outcome: 'exempt', uscc: complaint, department: 'fire-rescue', taskId: FR2, rule: 'already-planned', exemption: 'complaint' },
    ]);
    expect(r.removals[0].why).toContain(`fire-rescue already planned this business for 2027-Q1 on 2026-12-20 in ${FR1} (items FR-FL-001); ${FR2} (items FR-FL-001)`);
    expect(r.byDepartment).toEqual([
      { department: 'fire-rescue', planned: 12, joined: 7, alone: 0, removed: 5, exempt: 1 },
      { department: 'market-supervision', planned: 6, joined: 6, alone: 0, removed: 0, exempt: 0 },
    ]);
    expect(r.figures).toMatchObject({ visitsBefore: 18, visitsAfter: 6, visitsAvoided: 12, jointVisits: 6, inspections: 13, jointInspections: 13, removedRepeats: 5, exemptionsKept: 1, tasks: 3, tasksByCreditClass: 1 });
    // The complaint-driven second check rides along on the same visit: fire and rescue listed once.
    expect(r.visits.find((v) => v.uscc === complaint)).toMatchObject({
      departments: ['fire-rescue', 'market-supervision'],
      taskRefs: [`fire-rescue:${FR1}`, `fire-rescue:${FR2}`, `market-supervision:${MS1}`],
    });
  });

  it('which task is the repeat depends on when each drew the business, not on the input order or the task number', () => {
    const r = merge([q1('fire-rescue', stations[0], FR1, D2), q1('fire-rescue', stations[0], FR2, D1)], W);
    expect(decisions(r)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: FR1, rule: 'already-planned' }]);
  });

  it('its own task, then a joint plan it joined: the joint plan\'s inspection of that department goes, the visit stays joint', () => {
    const r = merge([q1('fire-rescue', stations[0], FR1, D1), q1('fire-rescue', stations[0], JP1, D2), q1('market-supervision', stations[0], JP1, D2)], W);
    expect(decisions(r)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: JP1, rule: 'already-planned' }]);
    expect(r.removals[0].why).toContain(`in ${FR1}`);
    expect(r.visits).toMatchObject([{ kind: 'joint', departments: ['fire-rescue', 'market-supervision'], taskRefs: [`fire-rescue:${FR1}`, `market-supervision:${JP1}`] }]);
  });

  it('a joint plan, then its own task: the own task goes', () => {
    const r = merge([q1('fire-rescue', stations[0], FR1, D3), q1('fire-rescue', stations[0], JP1, D2), q1('market-supervision', stations[0], JP1, D2)], W);
    expect(decisions(r)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: FR1, rule: 'already-planned' }]);
    expect(r.visits).toMatchObject([{ kind: 'joint', taskRefs: [`fire-rescue:${JP1}`, `market-supervision:${JP1}`] }]);
  });

  it('two joint plans on one business: every department\'s inspection of the later plan goes', () => {
    const r = merge(
      [JP1, JP2].flatMap((id, i) => ['fire-rescue', 'market-supervision'].map((d) => q1(d, stations[0], id, i === 0 ? D1 : D2))),
      W,
    );
    expect(decisions(r)).toEqual([
      { outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: JP2, rule: 'already-planned' },
      { outcome: 'removed', uscc: stations[0], department: 'market-supervision', taskId: JP2, rule: 'already-planned' },
    ]);
    expect(r.byDepartment.map((d) => [d.department, d.planned, d.joined, d.removed])).toEqual([
      ['fire-rescue', 2, 1, 1],
      ['market-supervision', 2, 1, 1],
    ]);
  });

  it("the department's complaint tag exempts its repeat through a joint plan too (tags are the department's, not the plan's)", () => {
    const r = merge([q1('fire-rescue', stations[0], FR1, D1, { exemptions: ['complaint'] }), q1('fire-rescue', stations[0], JP1, D2), q1('market-supervision', stations[0], JP1, D2)], W);
    expect(decisions(r)).toEqual([{ outcome: 'exempt', uscc: stations[0], department: 'fire-rescue', taskId: JP1, rule: 'already-planned', exemption: 'complaint' }]);
  });

  it('a licence-driven repeat is kept with its exemption recorded', () => {
    const r = merge([q1('fire-rescue', stations[0], FR1, D1, { exemptions: ['licence'] }), q1('fire-rescue', stations[0], FR2, D2, { exemptions: ['licence'] })], W);
    expect(decisions(r)).toEqual([{ outcome: 'exempt', uscc: stations[0], department: 'fire-rescue', taskId: FR2, rule: 'already-planned', exemption: 'licence' }]);
    expect(r.exemptions[0].why).toContain('but it is licence-driven');
    expect(r.visits).toMatchObject([{ kind: 'single', rule: 'same-department', departments: ['fire-rescue'] }]);
  });

  it('inspections carried out in the quarter stay in its figures: recomputed after the visits, the same answer', () => {
    const before = [q1('fire-rescue', stations[0], FR1, D1), q1('fire-rescue', stations[0], FR2, D2), q1('market-supervision', stations[0], MS1, D1)];
    const after = before.map((p) => (p.taskId === FR2 ? p : { ...p, status: 'done' as const, date: '2027-02-03' }));
    const a = merge(before, W);
    const b = merge(after, W);
    expect(b.figures).toEqual(a.figures);
    expect(b.byDepartment).toEqual(a.byDepartment);
    // The same inspection goes; only the reason now says the earlier visit happened.
    expect(decisions(a)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: FR2, rule: 'already-planned' }]);
    expect(decisions(b)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: FR2, rule: 'already-inspected' }]);
    expect(b.removals[0].why).toContain(`fire-rescue already inspected this business on 2027-02-03 (${FR1}, items FR-FL-001)`);
    expect(b.visits.map((v) => [v.uscc, v.kind, v.taskRefs])).toEqual(a.visits.map((v) => [v.uscc, v.kind, v.taskRefs]));
  });

  it('a later quarter counts the visits the earlier quarter kept, not the repeats it removed', () => {
    const Q2W = { period: '2027-Q2', start: '2027-04-01', end: '2027-06-30' };
    const third = q1('fire-rescue', stations[0], 'FR-2027Q2-0001', '2027-03-20T01:00:00.000Z', { period: '2027-Q2', date: '2027-04-01' });
    // 2027-Q1 removed FR2's visit: one inspection this year, the cap of 2 allows the third.
    expect(decisions(merge([q1('fire-rescue', stations[0], FR1, D1), q1('fire-rescue', stations[0], FR2, D2), third], Q2W))).toEqual([]);
    // A complaint kept both first-quarter visits: the third reaches the cap.
    const withComplaint = merge(
      [q1('fire-rescue', stations[0], FR1, D1, { exemptions: ['complaint'] }), q1('fire-rescue', stations[0], FR2, D2, { exemptions: ['complaint'] }), third],
      Q2W,
    );
    expect(decisions(withComplaint)).toEqual([{ outcome: 'removed', uscc: stations[0], department: 'fire-rescue', taskId: 'FR-2027Q2-0001', rule: 'yearly-cap' }]);
    expect(withComplaint.removals[0].why).toContain(`(${FR1} (2026-12-20), ${FR2} (2026-12-21))`);
  });

  it('joint plans count among the tasks planned by credit-risk class when their ratios differ by class', () => {
    const r = merge([q1('fire-rescue', stations[0], JP1, D1, { stratified: true }), q1('market-supervision', stations[0], JP1, D1, { stratified: true }), q1('fire-rescue', stations[1], FR1, D1)], W);
    expect(r.figures).toMatchObject({ tasks: 2, tasksByCreditClass: 1, plannedByCreditClassShare: 0.5 });
  });
});

describe('the invariants hold on any inputs', () => {
  it('20,000 random inspections over a year (four quarters, done and planned, exemptions, duplicates): figures add up in every quarter', () => {
    const rand = prng('merge-invariants');
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const usccs = Array.from({ length: 3000 }, (_, i) => `9113043300${String(i).padStart(7, '0')}X`);
    const quarters = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
    const drawn: PlannedInspection[] = Array.from({ length: 20_000 }, () => {
      const department = pick(['fire-rescue', 'market-supervision', 'public-security', 'health']);
      const period = pick(quarters);
      const start = `2026-${String((Number(period.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-01`;
      const isDone = rand() < 0.2;
      return {
        department,
        uscc: pick(usccs),
        taskId: `${pick(['T', 'JP'])}-${period}-${Math.floor(rand() * 4)}`,
        itemCodes: [`${department}-${Math.floor(rand() * 3)}`],
        period,
        status: isDone ? 'done' : 'planned',
        // Done ones now and then outside their own quarter (late or early visits).
        date: isDone ? `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15` : start,
        plannedAt: `2025-12-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}T00:00:00.000Z`,
        yearlyCap: 1 + Math.floor(rand() * 3),
        exemptions: rand() < 0.05 ? [pick(['complaint', 'referral', 'licence'] as const)] : [],
        stratified: rand() < 0.8,
      };
    });
    // A task lists a business once; then a few listed twice, as a retried answer might.
    const once = [...new Map(drawn.map((p) => [`${p.department}|${p.uscc}|${p.taskId}`, p])).values()];
    const inputs = [...once, ...once.filter((_, i) => i % 97 === 0)];
    for (const period of quarters) {
      const m = Number(period.slice(-1)) * 3;
      const w = { period, start: `2026-${String(m - 2).padStart(2, '0')}-01`, end: `2026-${String(m).padStart(2, '0')}-${m === 6 || m === 9 ? 30 : 31}` };
      const r = merge(inputs, w);
      expect(r.removals.length).toBeGreaterThan(0);
      expect(r.exemptions.length).toBeGreaterThan(0);
      expect(mergeInspections([...inputs].reverse(), w)).toEqual(r);
    }
  });
});

describe('exemptions are judged by the tags in force during the period, as recorded then', () => {
  const Q = ['2027-01-01', '2027-03-31'] as const;
  const complaint = (extra: Partial<TagSpan> = {}): TagSpan => ({ key: 'complaint-12m', validFrom: '2026-11-01', createdAt: new Date('2026-11-01T02:00:00Z'), ...extra });

  it('a complaint on file throughout the quarter exempts', () => {
    expect(exemptionsDuring([complaint()], ...Q)).toEqual(['complaint']);
  });

  it('revoking the tag after the quarter does not change it; revoking it before the quarter does', () => {
    expect(exemptionsDuring([complaint({ revokedAt: new Date('2027-05-10T03:00:00Z') })], ...Q)).toEqual(['complaint']);
    expect(exemptionsDuring([complaint({ revokedAt: new Date('2026-12-01T03:00:00Z') })], ...Q)).toEqual([]);
    // Revoked in the middle of the quarter: it applied during part of it.
    expect(exemptionsDuring([complaint({ revokedAt: new Date('2027-02-10T03:00:00Z') })], ...Q)).toEqual(['complaint']);
  });

  it('the county day counts: revoked at 23:59 on 31 December (county time) is before the quarter', () => {
    expect(exemptionsDuring([complaint({ revokedAt: new Date('2026-12-31T15:59:00Z') })], ...Q)).toEqual([]);
    expect(exemptionsDuring([complaint({ revokedAt: new Date('2026-12-31T16:01:00Z') })], ...Q)).toEqual(['complaint']);
  });

  it('a validity ending before the quarter or starting after it does not exempt', () => {
    expect(exemptionsDuring([complaint({ validUntil: '2026-12-31' })], ...Q)).toEqual([]);
    expect(exemptionsDuring([complaint({ validFrom: '2027-04-01', createdAt: new Date('2027-03-01T00:00:00Z') })], ...Q)).toEqual([]);
  });

  it('a tag recorded after the quarter, however far back its validity reaches, does not rewrite it', () => {
    expect(exemptionsDuring([complaint({ validFrom: '2026-01-01', createdAt: new Date('2027-06-01T00:00:00Z') })], ...Q)).toEqual([]);
  });

  it('referral and licence-pending tags give their exemptions; other tags none', () => {
    const tags = ['referral', 'licence-pending', 'licence-type', 'high-risk', 'constructor'].map((key) => complaint({ key }));
    expect(exemptionsDuring(tags, ...Q)).toEqual(['licence', 'referral']);
  });

  it('every exempting tag is a tag a department can set (the licence exemption is reachable)', () => {
    expect(Object.keys(EXEMPTING_TAGS).filter((k) => !Object.hasOwn(TAG_KEYS, k))).toEqual([]);
    expect(Object.values(EXEMPTING_TAGS).sort()).toEqual(['complaint', 'licence', 'referral']);
  });
});
