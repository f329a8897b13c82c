import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, tokens, type GqlResult } from '../support/federation.js';
import { enteredRecord, publishedTask, type TaskTarget } from '../support/tasks.js';

/**
 * countyAnalytics through the gateway. A hand-made year, 2044 (no other file uses it), in 路桥乡
 * (130433203), fuel stations (5265): market supervision's metrology item and fire and rescue's
 * fuel-station item both drawn at 100 % in 2044-Q1 (a business in both is one joint visit: one
 * repeat avoided), and fire and rescue again in 2044-Q2 (its yearly cap is 2: a second visit that
 * remains). Every expected figure is derived from the targets drawn. Findings by credit-risk
 * class: records entered and published in 2026-Q4 (the clock's quarter), counted by difference.
 */
const YEAR = 2044;
const TOWNSHIP = '130433203';
const ALL = { A: 10000, B: 10000, C: 10000, D: 10000 };

const STATS = 'count min mean median p90 max';
const QUERY = `query ($year: Int!, $first: Int) { countyAnalytics(year: $year, first: $first) {
  year complete businesses notes
  visitsBefore { ${STATS} total distribution { label count } } visitsAfter { ${STATS} total distribution { label count } }
  hotBusinessesByAvoided { key avoided remaining } hotBusinessesByRemaining { key avoided remaining }
  hotIndustriesByAvoided { key avoided remaining } hotIndustriesByRemaining { key avoided remaining }
  hotTownshipsByAvoided { key avoided remaining } hotTownshipsByRemaining { key avoided remaining }
  workload { department inspectors stats { ${STATS} } histogram { label count } }
  findingsByCreditClass { creditRiskClass records recordsWithProblems rate }
  trend { period indicators { name value target met } figures { name value } } } }`;

const ok = <T = any>(res: GqlResult, what: string): T => {
  expect(res.errors, `${what}: ${JSON.stringify(res.errors)}`).toBeUndefined();
  return res.data as T;
};
const analytics = async (year: number, first?: number) =>
  ok(await gql(QUERY, { year, first }, { token: await tokens.analyst() }), `countyAnalytics ${year}`).countyAnalytics;

let ms: { id: string; targets: TaskTarget[] };
let fr1: { id: string; targets: TaskTarget[] };
let fr2: { id: string; targets: TaskTarget[] };

beforeAll(async () => {
  await publishAnnualPlans(YEAR);
  await publishAnnualPlans(2026);
  const task = async (department: string, itemCode: string, period: string) =>
    publishedTask(department, await tokens.admin(department), { title: `${period}分析测试（${department}）`, itemCodes: [itemCode], period, regionCode: TOWNSHIP, ratios: ALL });
  ms = await task('market-supervision', 'MS-ME-001', `${YEAR}-Q1`);
  fr1 = await task('fire-rescue', 'FR-FL-001', `${YEAR}-Q1`);
  fr2 = await task('fire-rescue', 'FR-FL-001', `${YEAR}-Q2`);
}, 300_000);

// An independent reading of the statistics the API promises (nearest rank, mean of the middle two).
function stats(values: number[]) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return {
    count: n,
    min: v[0],
    mean: Math.round((v.reduce((s, x) => s + x, 0) / n) * 10_000) / 10_000,
    median: n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
    p90: v[Math.ceil(n * 0.9) - 1],
    max: v[n - 1],
  };
}

describe('countyAnalytics of a hand-made year (2044)', () => {
  it('counts visits per business before and after the merges, and the repeat hot spots', async () => {
    for (const t of [ms, fr1, fr2]) expect(t.targets.length).toBeGreaterThan(0);
    const has = (t: { targets: TaskTarget[] }, u: string) => t.targets.some((x) => x.uscc === u);
    const usccs = [...new Set([ms, fr1, fr2].flatMap((t) => t.targets.map((x) => x.uscc)))].sort();
    const per = usccs.map((u) => {
      const q1 = Number(has(ms, u)) + Number(has(fr1, u));
      const q2 = Number(has(fr2, u));
      const before = q1 + q2;
      const after = Number(q1 > 0) + q2;
      return { key: u, before, after, avoided: before - after, remaining: Math.max(after - 1, 0) };
    });
    // The design: some businesses drawn by both departments, some visited in both quarters.
    expect(per.filter((p) => p.avoided > 0).length).toBeGreaterThan(0);
    expect(per.filter((p) => p.remaining > 0).length).toBeGreaterThan(0);

    const a = await analytics(YEAR, 50);
    expect(a).toMatchObject({ year: YEAR, complete: true, businesses: usccs.length });
    const bucket = (vals: number[]) => ['0', '1', '2', '3', '4+'].map((label, i) => ({ label, count: vals.filter((x) => (i === 4 ? x >= 4 : x === i)).length }));
    const before = per.map((p) => p.before);
    const after = per.map((p) => p.after);
    expect(a.visitsBefore).toEqual({ ...stats(before), total: before.reduce((s, x) => s + x, 0), distribution: bucket(before) });
    expect(a.visitsAfter).toEqual({ ...stats(after), total: after.reduce((s, x) => s + x, 0), distribution: bucket(after) });
    expect(a.visitsBefore.total - a.visitsAfter.total).toBe(ms.targets.filter((t) => has(fr1, t.uscc)).length);

    const order = (by: 'avoided' | 'remaining') => per.filter((p) => p[by] > 0).sort((x, y) => y[by] - x[by] || (x.key < y.key ? -1 : 1)).map(({ key, avoided, remaining }) => ({ key, avoided, remaining }));
    expect(a.hotBusinessesByAvoided).toEqual(order('avoided'));
    expect(a.hotBusinessesByRemaining).toEqual(order('remaining'));
    const total = { avoided: per.reduce((s, p) => s + p.avoided, 0), remaining: per.reduce((s, p) => s + p.remaining, 0) };
    // Pools are the township's operating fuel stations: one township, one industry.
    expect(a.hotTownshipsByAvoided).toEqual([{ key: TOWNSHIP, ...total }]);
    expect(a.hotTownshipsByRemaining).toEqual([{ key: TOWNSHIP, ...total }]);
    expect(a.hotIndustriesByAvoided).toEqual([{ key: '5265', ...total }]);

    // `first` caps every list, in the same order.
    const capped = await analytics(YEAR, 1);
    expect(capped.hotBusinessesByAvoided).toEqual(order('avoided').slice(0, 1));
    expect(capped.hotBusinessesByRemaining).toEqual(order('remaining').slice(0, 1));
  }, 300_000);

  it('gives inspector workload per department from the teams drawn, and the quarterly trend from the report', async () => {
    const a = await analytics(YEAR);
    const places = (tasks: { targets: TaskTarget[] }[]) => {
      const m = new Map<string, number>();
      for (const t of tasks) for (const x of t.targets) for (const c of x.team) m.set(c, (m.get(c) ?? 0) + 1);
      return [...m.values()];
    };
    const histogram = (v: number[]) =>
      [['1', 1, 1], ['2–3', 2, 3], ['4–5', 4, 5], ['6–10', 6, 10], ['11+', 11, Infinity]].map(([label, lo, hi]) => ({ label, count: v.filter((x) => x >= (lo as number) && x <= (hi as number)).length }));
    const expected = [
      ['FIRE_RESCUE', places([fr1, fr2])],
      ['MARKET_SUPERVISION', places([ms])],
    ] as const;
    expect(a.workload).toEqual(expected.map(([department, v]) => ({ department, inspectors: v.length, stats: stats([...v]), histogram: histogram([...v]) })));

    expect(a.trend.map((t: { period: string }) => t.period)).toEqual(['2044-Q1', '2044-Q2', '2044-Q3', '2044-Q4']);
    const report = ok(await gql('{ quarterlyReport(period: "2044-Q1") { indicators { name value target met } county { figures { name value } } } }', {}, { token: await tokens.analyst() }), 'quarterlyReport').quarterlyReport;
    expect(a.trend[0].indicators).toEqual(report.indicators);
    const tasks = (figures: { name: string; value: number }[]) => figures.find((f) => f.name === 'tasks')!.value;
    expect([tasks(a.trend[0].figures), tasks(a.trend[1].figures), tasks(a.trend[2].figures)]).toEqual([2, 1, 0]);
    expect(tasks(a.trend[0].figures)).toBe(tasks(report.county.figures));
    const avoided = a.trend[0].indicators.find((i: { name: string }) => i.name === 'visitsAvoided').value;
    expect(avoided).toBe(ms.targets.filter((t) => fr1.targets.some((x) => x.uscc === t.uscc)).length);
    // No record in 2044: every class is 0 of 0.
    expect(a.findingsByCreditClass).toEqual(['A', 'B', 'C', 'D'].map((c) => ({ creditRiskClass: c, records: 0, recordsWithProblems: 0, rate: 0 })));
  }, 300_000);
});

describe('findings by credit-risk class (2026, by difference)', () => {
  it('counts published records and those with a problem under the class of the business', async () => {
    const before = await analytics(2026);
    const admin = await tokens.admin('health');
    // Health's inspectors: market supervision's of 2026-Q4 are shared by many files and run short.
    const task = await publishedTask('health', admin, {
      title: '2026年第四季度柴堡镇美容美发、沐浴场所卫生抽查（分析测试）', itemCodes: ['HE-PP-002'], period: '2026-Q4', regionCode: '130433102', ratios: { A: 300, B: 300, C: 300, D: 300 },
    });
    expect(task.targets.length).toBeGreaterThanOrEqual(3);
    const coordinator = { token: await tokens.coordinator() };
    const results = [['1'], ['D'], ['B']];
    const delta = new Map<string, { records: number; problems: number }>();
    for (const [i, codes] of results.entries()) {
      const target = task.targets[i];
      const id = await enteredRecord('health', task.id, target, [{ itemCode: 'HE-PP-002', resultCodes: codes }], '2026-11-12');
      ok(await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH, reason: "核对无误") { status } }', { id }, coordinator), 'publish');
      const e = ok(await gql('query ($u: String!) { enterprise(uscc: $u) { creditRiskClass } }', { u: target.uscc }, { token: await tokens.analyst() }), 'enterprise').enterprise;
      const d = delta.get(e.creditRiskClass) ?? { records: 0, problems: 0 };
      delta.set(e.creditRiskClass, { records: d.records + 1, problems: d.problems + (codes[0] === '1' ? 0 : 1) });
    }
    const after = await analytics(2026);
    for (const c of ['A', 'B', 'C', 'D']) {
      const [x, y] = [before, after].map((a) => a.findingsByCreditClass.find((f: { creditRiskClass: string }) => f.creditRiskClass === c));
      expect([y.records - x.records, y.recordsWithProblems - x.recordsWithProblems], `class ${c}`).toEqual([delta.get(c)?.records ?? 0, delta.get(c)?.problems ?? 0]);
      expect(y.rate).toBe(y.records ? Math.round((y.recordsWithProblems / y.records) * 10_000) / 10_000 : 0);
    }
  }, 600_000);
});

describe('refusals', () => {
  it('lets the office analysts and coordinators read, nobody else', async () => {
    const Q = '{ countyAnalytics(year: 2044) { year } }';
    expect((await gql(Q)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(Q, {}, { token: await tokens.admin('fire-rescue') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(Q, {}, { token: await tokens.inspector('health') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(ok(await gql(Q, {}, { token: await tokens.coordinator() }), 'coordinator').countyAnalytics.year).toBe(2044);
  }, 120_000);

  it('refuses a year outside 2000–2099 and a bad `first`, naming the field, in Chinese and English', async () => {
    const t = { token: await tokens.analyst() };
    const late = await gql('{ countyAnalytics(year: 2100) { year } }', {}, t);
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect(late.errors?.[0].message).toBe('年份“2100”应在2000至2099之间 / the year 2100 must be from 2000 to 2099');
    // The gateway's edge check answers first for years it knows are out of range.
    const early = await gql('{ countyAnalytics(year: 1999) { year } }', {}, t);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    for (const first of [0, 51]) {
      const res = await gql('query ($f: Int) { countyAnalytics(year: 2044, first: $f) { year } }', { f: first }, t);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(res.errors?.[0].message).toMatch(/^热点条数应在1到50之间.* \/ hot spots per list must be from 1 to 50/);
    }
  });
});
