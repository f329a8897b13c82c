import { describe, expect, it } from 'vitest';
import { mergeInspections, type PlannedInspection } from '../../subgraphs/joint-inspection/merge.js';

/**
 * A hand-built second quarter with known answers: four hotels and two shops, three departments.
 */
const Q2 = { period: '2026-Q2', start: '2026-04-01', end: '2026-06-30' };
const H1 = '91130433000000001A', H2 = '91130433000000002A', H3 = '91130433000000003A', H4 = '91130433000000004A';
const S5 = '91130433000000005A', S6 = '91130433000000006A';
const plan = (department: string, uscc: string, taskId: string, extra: Partial<PlannedInspection> = {}): PlannedInspection => ({
  department, uscc, taskId, itemCodes: [`${department}-item`], status: 'planned', date: '2026-04-01', yearlyCap: 2,
  // One task of the quarter was drawn without credit classes (equal ratios).
  stratified: taskId !== 'MS-2026Q2-0002', ...extra,
});
const done = (department: string, uscc: string, taskId: string, date: string): PlannedInspection =>
  plan(department, uscc, taskId, { status: 'done', date });

const SCENARIO: PlannedInspection[] = [
  // H1: police, fire and market supervision all plan the hotel → one joint visit.
  plan('public-security', H1, 'PS-2026Q2-0001'), plan('fire-rescue', H1, 'FR-2026Q2-0001'), plan('market-supervision', H1, 'MS-2026Q2-0001'),
  // H2: fire already inspected it on 15 April → fire's plan is a repeat and goes; police visits alone.
  plan('public-security', H2, 'PS-2026Q2-0001'), plan('fire-rescue', H2, 'FR-2026Q2-0001'), done('fire-rescue', H2, 'FR-2026Q2-0000', '2026-04-15'),
  // H3: fire inspected it twice this year already (cap 2) → fire's plan goes.
  plan('public-security', H3, 'PS-2026Q2-0001'), plan('fire-rescue', H3, 'FR-2026Q2-0001'),
  done('fire-rescue', H3, 'FR-2026Q1-0001', '2026-01-10'), done('fire-rescue', H3, 'FR-2026Q1-0002', '2026-02-20'),
  // H4: the same, but fire's check follows a complaint → exempt from the cap, kept; joint with market supervision.
  plan('fire-rescue', H4, 'FR-2026Q2-0002', { exemptions: ['complaint'] }), plan('market-supervision', H4, 'MS-2026Q2-0001'),
  done('fire-rescue', H4, 'FR-2026Q1-0001', '2026-01-11'), done('fire-rescue', H4, 'FR-2026Q1-0003', '2026-03-02'),
  // S5: market supervision planned the shop in two tasks → one visit.
  plan('market-supervision', S5, 'MS-2026Q2-0001'), plan('market-supervision', S5, 'MS-2026Q2-0002', { itemCodes: ['MS-lifts'] }),
  // S6: only market supervision.
  plan('market-supervision', S6, 'MS-2026Q2-0002'),
];

describe('the joint-inspection merge on a hand-built quarter', () => {
  const result = mergeInspections(SCENARIO, Q2);

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

  it('catches the repeat inspections and says why', () => {
    expect(result.removals.map(({ why: _w, ...r }) => r)).toEqual([
      { uscc: H2, department: 'fire-rescue', taskId: 'FR-2026Q2-0001', rule: 'already-inspected' },
      { uscc: H3, department: 'fire-rescue', taskId: 'FR-2026Q2-0001', rule: 'yearly-cap' },
    ]);
    expect(result.removals[0].why).toContain('2026-04-15');
    expect(result.removals[1].why).toContain('yearly cap is 2');
  });

  it('keeps and records the complaint-driven check that the cap exempts', () => {
    expect(result.exemptions.map(({ why: _w, ...e }) => e)).toEqual([
      { uscc: H4, department: 'fire-rescue', taskId: 'FR-2026Q2-0002', rule: 'yearly-cap', exemption: 'complaint' },
    ]);
    expect(result.visits.find((v) => v.uscc === H4)?.kind).toBe('joint');
  });

  it('makes two tasks of one department one visit', () => {
    expect(result.visits.find((v) => v.uscc === S5)).toMatchObject({
      kind: 'single',
      rule: 'same-department',
      departments: ['market-supervision'],
      itemCodes: ['MS-lifts', 'market-supervision-item'],
    });
  });

  it('computes the figures: 12 visits planned, 6 made; 5 of 9 inspections and 2 of 6 businesses joint; 4 of 5 tasks by class', () => {
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
      removedRepeats: 2,
      exemptionsKept: 1,
      // Tasks with plans in the quarter: PS-0001, FR-0001, FR-0002, MS-0001, MS-0002; four by class.
      tasks: 5,
      tasksByCreditClass: 4,
      plannedByCreditClassShare: 0.8,
    });
  });

  it('is deterministic: the same inputs in any order give the same result', () => {
    const shuffled = [...SCENARIO].reverse();
    expect(mergeInspections(shuffled, Q2)).toEqual(result);
    const rotated = [...SCENARIO.slice(7), ...SCENARIO.slice(0, 7)];
    expect(mergeInspections(rotated, Q2)).toEqual(result);
  });

  it('running the merge on its own output changes nothing', () => {
    // Re-planning exactly the kept visits (as the finalized joint tasks do) yields the same visits.
    const replanned = result.visits.flatMap((v) =>
      v.taskRefs.map((r) => SCENARIO.find((p) => `${p.department}:${p.taskId}` === r && p.uscc === v.uscc)!),
    );
    const history = SCENARIO.filter((p) => p.status === 'done');
    expect(mergeInspections([...replanned, ...history], Q2).visits).toEqual(result.visits);
  });
});
