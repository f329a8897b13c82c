import { describe, expect, it } from 'vitest';
import { buildModel, DEFAULT_TARGETS, evaluate, greedyBaseline, type ModelData } from '../../subgraphs/joint-inspection/optimizer/model.js';
import { propose } from '../../subgraphs/joint-inspection/optimizer/solve.js';

/**
 * The plan optimizer's model and HiGHS on hand-built counties whose optimum is known by hand
 * (docs/optimizer.md). Two departments, ps and fr; ratios in basis points; pools by class.
 */
const STRAT = (b: number) => ({ A: 500, B: b, C: 3000, D: 8000 });
const onlyB = (n: number) => ({ A: 0, B: n, C: 0, D: 0 });
const demand = (department: string, b: number, itemCodes: string[]) => ({ department, ratios: STRAT(b), minInspectors: 2, joinable: true, itemCodes });

/**
 * 6110: both directories hold the same 100 class-B hotels; ps draws 10 % (10 visits), fr 20 % (20).
 * Joined: one draw at 20 % of 100 = 20 visits instead of 30.
 * 5265: ps holds 10 businesses (50 %: 5 visits), fr 100 others (10 %: 10). Joined: 50 % of the
 * union of 110 = 55 visits instead of 15, so it stays apart unless a target forces it.
 */
const SHARED = { code: '6110', demands: [demand('ps', 1000, ['PS-1']), demand('fr', 2000, ['FR-1'])], pools: [{ departments: ['ps', 'fr'], counts: onlyB(100) }] };
const DISJOINT = {
  code: '5265',
  demands: [demand('ps', 5000, ['PS-2']), demand('fr', 1000, ['FR-2'])],
  pools: [
    { departments: ['ps'], counts: onlyB(10) },
    { departments: ['fr'], counts: onlyB(100) },
  ],
};
const county = (over: Partial<ModelData> = {}): ModelData => ({
  departments: [
    { code: 'ps', capacity: 1000, visitsPerDay: 1 },
    { code: 'fr', capacity: 1000, visitsPerDay: 1 },
  ],
  industries: [SHARED, DISJOINT],
  targets: DEFAULT_TARGETS,
  ...over,
});

describe('the plan optimizer on a hand-built county', () => {
  it('joins the shared industry only: 20 + 5 + 10 = 35 visits, the known optimum', async () => {
    const p = await propose(county());
    expect(p.status).toBe('optimal');
    expect(p.mipGap).toBe(0);
    expect(p.plans).toEqual([
      {
        industryCode: '6110',
        departments: ['fr', 'ps'],
        initiatingDepartment: 'fr',
        itemCodes: ['FR-1', 'PS-1'],
        poolByClass: onlyB(100),
        quotas: onlyB(20),
        ratios: STRAT(2000),
        minRatios: STRAT(2000),
        visits: 20,
        replacedVisits: 30,
      },
    ]);
    const e = p.evaluation!;
    expect([e.visits, e.jointVisits, e.jointInspections, e.departmentInspections]).toEqual([35, 20, 40, 55]);
    expect(e.jointShareByCount).toBeCloseTo(40 / 55, 9);
    expect(e.jointShareByBusinesses).toBeCloseTo(20 / 35, 9);
    expect(e.plannedByClassShare).toBe(1);
    // ps: 20 joint visits × 1 + 5 solo × 2 = 30; fr: 20 × 1 + 10 × 2 = 40 inspector-days (1 visit a day).
    expect(e.byDepartment.map((d) => [d.department, d.inspectorDays])).toEqual([['ps', 30], ['fr', 40]]);
    expect(e.inspectorDays).toBe(70);
    // Nothing binds: joining the shared industry is cheapest anyway. Five points more of any target still holds.
    expect(p.binding).toEqual([]);
    expect(p.costs.map((c) => [c.target, c.raisedTo, c.extraVisits])).toEqual([
      ['jointShareByCount', 0.5, 0],
      ['jointShareByBusinesses', 0.35, 0],
      ['plannedByClass', 0.95, 0],
    ]);
  });

  it('beats the greedy rule, which joins the disjoint industry too (20 + 55 = 75 visits)', () => {
    const data = county();
    expect(evaluate(data, greedyBaseline(data)).visits).toBe(75);
    expect(evaluate(data, []).visits).toBe(45);
    expect(evaluate(data, []).met.jointShareByCount).toBe(false);
  });

  it('makes a costly join when only it meets the targets, and says the targets bind', async () => {
    const p = await propose(county({ industries: [DISJOINT] }));
    expect(p.status).toBe('optimal');
    expect(p.plans.map((x) => [x.industryCode, x.departments, x.visits])).toEqual([['5265', ['fr', 'ps'], 55]]);
    expect(p.evaluation!.visits).toBe(55);
    // Each share target alone forces the join, so dropping one changes nothing; dropping all three gives 15.
    expect(p.binding).toEqual([{ constraint: 'allTargets', visitsWithout: 15 }]);
  });

  it('explains an infeasible county: ps lacks 20 inspector-days', async () => {
    // ps may spend 10 inspector-visits; joined 6110 takes 20 (one per visit), its 5265 draw 5 × 2 = 10.
    const data = county({ departments: [{ code: 'ps', capacity: 10, visitsPerDay: 1 }, { code: 'fr', capacity: 1000, visitsPerDay: 1 }] });
    const p = await propose(data);
    expect(p.status).toBe('infeasible');
    expect(p.plans).toEqual([]);
    expect(p.shortfalls).toEqual([{ constraint: 'capacity:ps', department: 'ps', lacking: 20, unit: 'inspector-days' }]);
  });

  it('writes CPLEX LP text with a binary per joint option and integer quotas', () => {
    const { lp, options, soloVisits } = buildModel(county());
    expect(options.map((o) => o.name)).toEqual(['0_3', '1_3']);
    expect(soloVisits).toBe(45);
    expect(lp).toMatch(/^Minimize\n obj: /);
    expect(lp).toContain(' lo_0_3_B: + 1 x_0_3_B - 20 y_0_3 >= 0');
    expect(lp).toContain(' hi_1_3_B: + 1 x_1_3_B - 110 y_1_3 <= 0');
    expect(lp).toContain('Binaries\n y_0_3 y_1_3\nEnd');
  });
});
