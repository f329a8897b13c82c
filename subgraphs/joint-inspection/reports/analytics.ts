import type { EntityManager } from '@mikro-orm/postgresql';
import { CONTRACT_INSPECTORS_QUERY, type ContractInspector } from '../../../shared/department/contract.js';
import { remoteRegister } from '../../../shared/department/register.js';
import { PROBLEM_RESULT_CODES } from '../../../shared/domain/result-codes.js';
import { formatQuarter, type Quarter } from '../../../shared/domain/quarters.js';
import { badInput } from '../../../shared/platform/errors.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { askAllDepartments } from '../department-client.js';
import { gatherAndMerge } from '../merge/service.js';
import { FIGURES, IN_FORCE, quarterFigures, type FigureName } from './figures.js';
import { INDICATORS } from './report.js';

/**
 * County analytics (分析) for the office's analysts: a year seen across quarters. Everything
 * comes from what already computes it where the data is:
 * - the burden on businesses and the repeat hot spots from each quarter's merge (gatherAndMerge,
 *   the same one jointMerge and the report use), summed per business over the year;
 * - industries, townships and credit-risk classes from the register contract (today's values);
 * - inspector workload from each department's `departmentInspectorsForDraw` (its team places per
 *   quarter) plus one aggregate over the joint draws kept here;
 * - findings by credit-risk class from one aggregate over the published records here (per
 *   business: the class lives in the register, another database, so the last step is here);
 * - the trend from quarterFigures, the quarterly report's own code, fed the merge already made.
 */

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
export const MAX_HOT_SPOTS = 50;

export function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw badInput('year', `年份“${year}”应在${MIN_YEAR}至${MAX_YEAR}之间 / the year ${year} must be from ${MIN_YEAR} to ${MAX_YEAR}`, { value: year });
  }
  return year;
}

export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_HOT_SPOTS) {
    throw badInput('first', `热点条数应在1到${MAX_HOT_SPOTS}之间，收到${first} / hot spots per list must be from 1 to ${MAX_HOT_SPOTS}, got ${first}`);
  }
  return first;
}

export interface Stats {
  count: number;
  min: number;
  mean: number;
  median: number;
  p90: number;
  max: number;
}

export interface Bucket {
  label: string;
  count: number;
}

/** Nearest-rank percentiles, the median of an even count the mean of the middle two; 4 decimals. */
export function statsOf(values: readonly number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { count: 0, min: 0, mean: 0, median: 0, p90: 0, max: 0 };
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    count: n,
    min: v[0],
    mean: r4(v.reduce((s, x) => s + x, 0) / n),
    median: n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
    p90: v[Math.ceil(0.9 * n) - 1],
    max: v[n - 1],
  };
}

/** `bounds` are the lowest value of each bucket, ascending; the last bucket is open (`4+`). */
export function histogram(values: readonly number[], bounds: readonly number[]): Bucket[] {
  return bounds.map((lo, i) => {
    const hi = bounds[i + 1];
    const label = hi === undefined ? `${lo}+` : hi - 1 === lo ? String(lo) : `${lo}–${hi - 1}`;
    return { label, count: values.filter((x) => x >= lo && (hi === undefined || x < hi)).length };
  });
}

const VISIT_BUCKETS = [0, 1, 2, 3, 4];
const WORKLOAD_BUCKETS = [1, 2, 4, 6, 11];

export interface HotSpot {
  key: string;
  avoided: number;
  remaining: number;
}

export interface DepartmentWorkload {
  department: string;
  inspectors: number;
  stats: Stats;
  histogram: Bucket[];
}

export interface ClassFindings {
  creditRiskClass: string;
  records: number;
  recordsWithProblems: number;
  rate: number;
}

export interface QuarterTrend {
  period: string;
  indicators: { name: string; labelZh: string; labelEn: string; value: number; target: number | null; met: boolean | null }[];
  figures: { name: string; labelZh: string; labelEn: string; value: number }[];
}

export interface CountyAnalytics {
  year: number;
  complete: boolean;
  unansweredDepartments: { department: string; reason: string }[];
  businesses: number;
  visitsBefore: Stats & { total: number; distribution: Bucket[] };
  visitsAfter: Stats & { total: number; distribution: Bucket[] };
  hotBusinessesByAvoided: HotSpot[];
  hotBusinessesByRemaining: HotSpot[];
  hotIndustriesByAvoided: HotSpot[];
  hotIndustriesByRemaining: HotSpot[];
  hotTownshipsByAvoided: HotSpot[];
  hotTownshipsByRemaining: HotSpot[];
  workload: DepartmentWorkload[];
  findingsByCreditClass: ClassFindings[];
  trend: QuarterTrend[];
  notes: string[];
}

/** The figures of the report the trend shows beside the indicators. */
const TREND_FIGURES: FigureName[] = ['tasks', 'jointPlans', 'businessesDrawn', 'inspectionsDrawn', 'inspections', 'inspectionsWithProblems', 'publishedWithin20WorkingDays'];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Largest first, then by key: the same data gives the same order. */
function top(rows: Iterable<HotSpot>, by: 'avoided' | 'remaining', first: number): HotSpot[] {
  return [...rows]
    .filter((r) => r[by] > 0)
    .sort((a, b) => b[by] - a[by] || cmp(a.key, b.key))
    .slice(0, first);
}

type Sql = <T>(text: string, params: unknown[]) => Promise<T[]>;
const sqlOf = (em: EntityManager): Sql => async (text, params) => (await em.getConnection().execute(text, params, 'all', em.getTransactionContext())) as never;

const INSPECTORS_QUERY = `query ($period: String!, $usccs: [String!]!) { ${CONTRACT_INSPECTORS_QUERY}(period: $period, usccs: $usccs) { department certificateNumber currentLoad } }`;

export async function buildCountyAnalytics(ctx: SubgraphContext, year: number, first: number): Promise<CountyAnalytics> {
  checkYear(year);
  checkFirst(first);
  const sql = sqlOf(ctx.em);
  const unanswered = new Map<string, string>();
  const notes: string[] = [];

  // Quarter by quarter, one after the other: each merge asks every department for the whole year.
  const perBusiness = new Map<string, { before: number; after: number }>();
  const trend: QuarterTrend[] = [];
  for (const quarter of [1, 2, 3, 4] as const) {
    const q: Quarter = { year, quarter };
    const period = formatQuarter(q);
    const merge = await gatherAndMerge(ctx, period);
    const figures = await quarterFigures(ctx, q, merge);
    for (const u of figures.unanswered) unanswered.set(u.department, u.reason);
    for (const v of merge.result.visits) {
      const b = perBusiness.get(v.uscc) ?? perBusiness.set(v.uscc, { before: 0, after: 0 }).get(v.uscc)!;
      // Every inspection the visit carries was one visit before the merge (merge.md: visitsBefore).
      b.before += v.taskRefs.length;
      b.after += 1;
    }
    for (const r of merge.result.removals) {
      const b = perBusiness.get(r.uscc) ?? perBusiness.set(r.uscc, { before: 0, after: 0 }).get(r.uscc)!;
      b.before += 1;
    }
    const county = figures.rows.get('county:county')!.figures;
    trend.push({
      period,
      indicators: INDICATORS.map(([name, labelZh, labelEn, target]) => {
        const value = Math.round(figures.indicators[name] * 10_000) / 10_000;
        return { name, labelZh, labelEn, value, target, met: target === null ? null : value >= target };
      }),
      figures: TREND_FIGURES.map((name) => {
        const [, labelZh, labelEn] = FIGURES.find(([n]) => n === name)!;
        return { name, labelZh, labelEn, value: county[name] };
      }),
    });
    notes.push(...figures.notes.filter((n) => !notes.includes(n)));
  }

  const before = [...perBusiness.values()].map((b) => b.before);
  const after = [...perBusiness.values()].map((b) => b.after);
  const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);

  // Repeat hot spots: avoided = visits the merges removed; remaining = visits beyond the first
  // that the year still has (a business visited in two quarters, or by an exempt check).
  const spots = [...perBusiness].map(([uscc, b]) => ({ key: uscc, avoided: b.before - b.after, remaining: Math.max(b.after - 1, 0) }));
  const hot = spots.filter((s) => s.avoided > 0 || s.remaining > 0);

  // The register answers for the businesses with repeats and those with published records.
  const records = await sql<{ uscc: string; records: number; with_problems: number }>(
    `with cur as (
       select r.task_id, r.uscc, r.item_results
         from inspection_record r join record_review v on v.record_id = r.id and v.decision = 'published'
        where r.inspected_on between ?::date and ?::date and ${IN_FORCE}),
     per_record as (
       select c.task_id, c.uscc,
              exists (select 1 from jsonb_array_elements(c.item_results::jsonb) i(item)
                       cross join lateral jsonb_array_elements_text(i.item->'resultCodes') rc(code)
                      where rc.code = any(?::text[])) as problem
         from cur c)
     select uscc, count(distinct task_id)::int as records, count(distinct task_id) filter (where problem)::int as with_problems
       from per_record group by uscc order by uscc`,
    [`${year}-01-01`, `${year}-12-31`, `{${[...PROBLEM_RESULT_CODES].join(',')}}`],
  );
  const register = await remoteRegister(ctx, [...new Set([...hot.map((h) => h.key), ...records.map((r) => r.uscc)])].sort());

  const group = (keyOf: (uscc: string) => string) => {
    const m = new Map<string, HotSpot>();
    for (const h of hot) {
      const key = keyOf(h.key);
      const g = m.get(key) ?? m.set(key, { key, avoided: 0, remaining: 0 }).get(key)!;
      g.avoided += h.avoided;
      g.remaining += h.remaining;
    }
    return [...m.values()];
  };
  const industries = group((u) => register.get(u)?.industryCode ?? 'unknown');
  const townships = group((u) => register.get(u)?.regionCode ?? 'unknown');

  const classes = new Map(['A', 'B', 'C', 'D'].map((c) => [c, { creditRiskClass: c, records: 0, recordsWithProblems: 0, rate: 0 }]));
  let unclassified = 0;
  for (const r of records) {
    const c = classes.get(register.get(r.uscc)?.creditRiskClass ?? '');
    if (!c) {
      unclassified += r.records;
      continue;
    }
    c.records += r.records;
    c.recordsWithProblems += r.with_problems;
  }
  for (const c of classes.values()) c.rate = c.records ? Math.round((c.recordsWithProblems / c.records) * 10_000) / 10_000 : 0;
  if (unclassified) notes.push(`${unclassified}条已公示检查的企业不在登记库中，未计入按信用风险分类的问题发现率 / ${unclassified} published inspections are of businesses the register does not know: left out of the findings by credit-risk class`);

  return {
    year,
    complete: unanswered.size === 0,
    unansweredDepartments: [...unanswered].map(([department, reason]) => ({ department, reason })).sort((a, b) => cmp(a.department, b.department)),
    businesses: perBusiness.size,
    visitsBefore: { ...statsOf(before), total: sum(before), distribution: histogram(before, VISIT_BUCKETS) },
    visitsAfter: { ...statsOf(after), total: sum(after), distribution: histogram(after, VISIT_BUCKETS) },
    hotBusinessesByAvoided: top(hot, 'avoided', first),
    hotBusinessesByRemaining: top(hot, 'remaining', first),
    hotIndustriesByAvoided: top(industries, 'avoided', first),
    hotIndustriesByRemaining: top(industries, 'remaining', first),
    hotTownshipsByAvoided: top(townships, 'avoided', first),
    hotTownshipsByRemaining: top(townships, 'remaining', first),
    workload: await workload(ctx, year, unanswered),
    findingsByCreditClass: [...classes.values()],
    trend,
    notes,
  };
}

/**
 * Team places of the year's current draws per inspector: each department's own draws (its
 * contract field, per quarter) and the joint draws kept here (one aggregate), by the inspector's
 * department. Inspectors with no place are not in the figures.
 */
async function workload(ctx: SubgraphContext, year: number, unanswered: Map<string, string>): Promise<DepartmentWorkload[]> {
  const load = new Map<string, { department: string; places: number }>();
  for (const quarter of [1, 2, 3, 4]) {
    const answers = await askAllDepartments<Record<string, Pick<ContractInspector, 'department' | 'certificateNumber' | 'currentLoad'>[]>>(ctx.identity, INSPECTORS_QUERY, {
      period: `${year}-Q${quarter}`,
      usccs: [],
    });
    for (const a of answers) {
      if (!a.ok) {
        unanswered.set(a.subgraph, a.error);
        continue;
      }
      for (const i of a.data[CONTRACT_INSPECTORS_QUERY]) {
        const e = load.get(i.certificateNumber) ?? load.set(i.certificateNumber, { department: i.department, places: 0 }).get(i.certificateNumber)!;
        e.places += i.currentLoad;
      }
    }
  }
  const joint = await sqlOf(ctx.em)<{ certificate: string; places: number }>(
    `select c.cert as certificate, count(*)::int as places
       from drawn_target dt cross join lateral jsonb_array_elements_text(dt.team::jsonb) c(cert)
      where dt.period like ? and dt.draw_id not in (select superseded_draw_id from draw_adjustment where superseded_draw_id is not null)
      group by c.cert`,
    [`${year}-Q%`],
  );
  for (const j of joint) {
    const e = load.get(j.certificate);
    // An inspector no department lists any more still did the work: counted under `unknown`.
    if (e) e.places += j.places;
    else load.set(j.certificate, { department: 'unknown', places: j.places });
  }
  const byDepartment = new Map<string, number[]>();
  for (const { department, places } of load.values()) {
    if (places < 1) continue;
    (byDepartment.get(department) ?? byDepartment.set(department, []).get(department)!).push(places);
  }
  return [...byDepartment]
    .sort(([a], [b]) => cmp(a, b))
    .map(([department, places]) => ({ department, inspectors: places.length, stats: statsOf(places), histogram: histogram(places, WORKLOAD_BUCKETS) }));
}
