import type { EntityManager } from '@mikro-orm/postgresql';
import { PROBLEM_RESULT_CODES } from '../../../shared/domain/result-codes.js';
import { formatQuarter, quarterBounds, type Quarter } from '../../../shared/domain/quarters.js';
import { addWorkingDays, coveredYears } from '../../../shared/domain/working-days.js';
import { textArray } from '../../../shared/platform/orm.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { askAllDepartments } from '../department-client.js';
import { callSubgraph } from '../../../shared/platform/service-client.js';
import { gatherAndMerge, type GatheredMerge } from '../merge/service.js';

/**
 * A quarter's figures for the quarterly report (季度报告), all from stored data and all computed
 * where the data is: each department aggregates its tasks, draws and received referrals in its
 * own database (contract field `departmentQuarterFigures`, GROUPING SETS), this service
 * aggregates its joint plans, published records and follow-ups in its database (the statements
 * below), and the merge gives the county's indicators. Nothing here reads rows of businesses.
 */

/** The figures every row of the report has, in the order they are shown. */
export const FIGURES = [
  ['tasks', '部门抽查任务', 'department inspection tasks'],
  ['tasksDrawn', '已抽取的部门任务', 'department tasks drawn'],
  ['tasksDrawnByCreditClass', '按信用风险分类抽取的部门任务', 'department tasks drawn by credit-risk class'],
  ['jointPlans', '联合抽查计划', 'joint plans'],
  ['jointPlansDrawn', '已抽取的联合抽查计划', 'joint plans drawn'],
  ['businessesDrawn', '抽中企业（户）', 'businesses drawn'],
  ['inspectionsDrawn', '抽中检查（任务×企业）', 'inspections drawn (task × business)'],
  ['mergedInspections', '合并后的部门检查', 'department inspections after the merge'],
  ['jointInspections', '其中联合检查', 'of those, carried out in a joint visit'],
  ['repeatsRemoved', '合并去除的重复检查', 'repeat inspections the merge removed'],
  ['inspections', '已公示检查', 'inspections published'],
  ['inspectionsOnSite', '现场检查', 'on site'],
  ['inspectionsOffSite', '非现场检查', 'off site'],
  ['businessesInspected', '已检查企业（户）', 'businesses inspected'],
  ['inspectionsWithProblems', '发现问题的检查', 'inspections with problems found'],
  ['correctionOrders', '责令改正', 'orders to correct'],
  ['rechecks', '复查', 're-checks'],
  ['referralsOut', '移交其他部门', 'referrals to departments'],
  ['criminalReferrals', '移送司法', 'referrals to prosecution'],
  ['referralsReceived', '收到移交', 'referrals received'],
  ['referralsClosed', '收到移交已办结', 'referrals received and closed'],
  ['creditFeedback', '信用反馈（联合惩戒）', 'credit feedback'],
  ['publishedWithin20WorkingDays', '20个工作日内公示', 'published within 20 working days'],
  ['publishedLate', '超过20个工作日公示', 'published after 20 working days'],
] as const;
export type FigureName = (typeof FIGURES)[number][0];
export type Figures = Record<FigureName, number>;

export const DIMENSIONS = ['county', 'department', 'brigade', 'industry', 'township'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const emptyFigures = (): Figures => Object.fromEntries(FIGURES.map(([n]) => [n, 0])) as Figures;

/** The county's indicators, from the merge of the quarter (merge.md). */
export interface Indicators {
  jointShareByCount: number;
  jointShareByBusinesses: number;
  plannedByCreditClassShare: number;
  visitsBefore: number;
  visitsAfter: number;
  visitsAvoided: number;
}

export interface QuarterFigures {
  period: string;
  /** `${dimension}:${key}` → figures. */
  rows: Map<string, { dimension: Dimension; key: string; figures: Figures }>;
  /** Result code → inspections with that code, county-wide. */
  resultCodes: Map<string, number>;
  indicators: Indicators;
  unanswered: { department: string; reason: string }[];
  notes: string[];
}

interface ContractRow {
  department: string;
  dimension: string;
  key: string;
  tasks: number;
  tasksDrawn: number;
  tasksDrawnByCreditClass: number;
  businessesDrawn: number;
  inspectionsDrawn: number;
  referralsReceived: number;
  referralsClosed: number;
}

const FIGURES_QUERY = `query ($period: String!) { departmentQuarterFigures(period: $period) {
  department dimension key tasks tasksDrawn tasksDrawnByCreditClass businessesDrawn inspectionsDrawn referralsReceived referralsClosed } }`;

type Sql = <T>(text: string, params: unknown[]) => Promise<T[]>;
const sqlOf = (em: EntityManager): Sql => async (text, params) => (await em.getConnection().execute(text, params, 'all', em.getTransactionContext())) as never;

/** `merge`: the quarter's merge when the caller already has it (analytics merges each quarter once for two uses). */
export async function quarterFigures(ctx: SubgraphContext, q: Quarter, merge?: GatheredMerge): Promise<QuarterFigures> {
  const period = formatQuarter(q);
  const { start, end } = quarterBounds(q);
  const sql = sqlOf(ctx.em);
  const out: QuarterFigures = { period, rows: new Map(), resultCodes: new Map(), indicators: undefined as never, unanswered: [], notes: [] };
  const row = (dimension: Dimension, key: string) => {
    const id = `${dimension}:${key}`;
    return (out.rows.get(id) ?? out.rows.set(id, { dimension, key, figures: emptyFigures() }).get(id)!).figures;
  };
  const county = row('county', 'county');
  const add = (f: Figures, name: FigureName, n: number) => (f[name] += Number(n) || 0);

  const [answers, gathered] = await Promise.all([askAllDepartments<{ departmentQuarterFigures: ContractRow[] }>(ctx.identity, FIGURES_QUERY, { period }), merge ?? gatherAndMerge(ctx, period)]);
  merge = gathered;
  out.unanswered = [...answers.flatMap((a) => (a.ok ? [] : [{ department: a.subgraph, reason: a.error }]))];
  for (const u of merge.unanswered) if (!out.unanswered.some((x) => x.department === u.department)) out.unanswered.push(u);
  const f = merge.result.figures;
  out.indicators = {
    jointShareByCount: f.jointShareByCount,
    jointShareByBusinesses: f.jointShareByBusinesses,
    plannedByCreditClassShare: f.plannedByCreditClassShare,
    visitsBefore: f.visitsBefore,
    visitsAfter: f.visitsAfter,
    visitsAvoided: f.visitsAvoided,
  };

  // Departments' tasks, draws and received referrals.
  for (const a of answers) {
    if (!a.ok) continue;
    for (const r of a.data.departmentQuarterFigures) {
      // Items of no brigade: the department's own row already says it all.
      if (r.dimension === 'brigade' && !r.key) continue;
      const dimension: Dimension = r.dimension === 'department' ? 'department' : (r.dimension as Dimension);
      const key = r.dimension === 'brigade' ? `${r.department}/${r.key}` : r.key;
      const targets = r.dimension === 'department' ? [row('department', r.department), county] : [row(dimension, key)];
      for (const t of targets) {
        for (const n of ['tasks', 'tasksDrawn', 'tasksDrawnByCreditClass', 'businessesDrawn', 'inspectionsDrawn', 'referralsReceived', 'referralsClosed'] as const) add(t, n, r[n]);
      }
    }
  }
  // businessesDrawn summed over departments counts a business drawn by two departments twice:
  // the county row takes the businesses of the merge instead (a visit, or only repeats removed).
  county.businessesDrawn = new Set([...merge.result.visits.map((v) => v.uscc), ...merge.result.removals.map((r) => r.uscc)]).size;

  // Joint plans: one statement, grouped by township and industry (and overall); participations by department.
  const plans = await sql<{ g_industry: number; g_township: number; industry: string; township: string; plans: number; drawn: number; businesses: number; inspections: number }>(
    `with superseded as (select superseded_draw_id as id from draw_adjustment where superseded_draw_id is not null),
     facts as (
       select p.id as plan_id, coalesce(p.region_code, 'county') as township, ind.code as industry, dt.uscc
         from joint_plan p
         cross join lateral jsonb_array_elements_text(p.industry_codes::jsonb) as ind(code)
         left join drawn_target dt on dt.task_id = p.id and dt.draw_id not in (select id from superseded)
        where p.period = ?)
     select grouping(industry) as g_industry, grouping(township) as g_township, industry, township,
            count(distinct plan_id)::int as plans, count(distinct plan_id) filter (where uscc is not null)::int as drawn,
            count(distinct uscc)::int as businesses, count(distinct plan_id || ':' || uscc)::int as inspections
       from facts group by grouping sets ((), (industry), (township))`,
    [period],
  );
  for (const p of plans) {
    const t = p.g_industry && p.g_township ? county : !p.g_industry ? row('industry', p.industry) : row('township', p.township);
    add(t, 'jointPlans', p.plans);
    add(t, 'jointPlansDrawn', p.drawn);
    if (t !== county) {
      add(t, 'businessesDrawn', p.businesses);
      add(t, 'inspectionsDrawn', p.inspections);
    }
  }
  const parts = await sql<{ department: string; plans: number; drawn: number }>(
    `select jp.department, count(*)::int as plans,
            count(*) filter (where exists (select 1 from draw_result dr where dr.task_id = p.id))::int as drawn
       from joint_plan_participation jp join joint_plan p on p.id = jp.plan_id
      where p.period = ? group by jp.department`,
    [period],
  );
  for (const p of parts) {
    add(row('department', p.department), 'jointPlans', p.plans);
    add(row('department', p.department), 'jointPlansDrawn', p.drawn);
  }

  // The keys (brigade, industry, township) of the tasks of the quarter's records and merge: a
  // joint plan's from here, a department task's from its department (contract departmentTaskKeys:
  // keys of tasks, not rows of businesses).
  const taskKeys = await keysOfTasks(ctx, sql, start, end, merge, out);
  const keys = JSON.stringify([...taskKeys].flatMap(([task_id, ks]) => ks.map((k) => ({ task_id, ...k }))));
  const breakdown = (r: { dimension: string; key: string | null }) =>
    r.dimension === 'county' ? county : row(r.dimension as Dimension, r.key!);

  // The merge's inspections by department and by their task's keys (a brigade only of the
  // inspection's own department): kept ones, those in a joint visit, and the repeats it removed.
  county.mergedInspections = f.inspections;
  county.jointInspections = f.jointInspections;
  county.repeatsRemoved = merge.result.removals.length;
  for (const d of merge.result.byDepartment) {
    const t = row('department', d.department);
    add(t, 'mergedInspections', d.joined + d.alone);
    add(t, 'jointInspections', d.joined);
    add(t, 'repeatsRemoved', d.removed);
  }
  const keyRows = (department: string, taskId: string) =>
    (taskKeys.get(taskId) ?? []).filter((k) => k.dimension !== 'brigade' || k.key.startsWith(`${department}/`)).map((k) => row(k.dimension, k.key));
  for (const v of merge.result.visits) {
    for (const ref of v.taskRefs) {
      const [department, taskId] = splitRef(ref);
      for (const t of keyRows(department, taskId)) {
        add(t, 'mergedInspections', 1);
        if (v.kind === 'joint') add(t, 'jointInspections', 1);
      }
    }
  }
  for (const r of merge.result.removals) for (const t of keyRows(r.department, r.taskId)) add(t, 'repeatsRemoved', 1);

  // By the departments with items on them, and by the task's keys; each (task, business) once.
  const { records, codes, publication, followUps } = await recordAggregates(ctx.em, start, end, keys);
  for (const r of records) {
    const t = breakdown(r);
    add(t, 'inspections', r.records);
    add(t, 'inspectionsOnSite', r.on_site);
    add(t, 'inspectionsOffSite', r.off_site);
    add(t, 'businessesInspected', r.businesses);
    add(t, 'inspectionsWithProblems', r.with_problems);
  }

  for (const c of codes) out.resultCodes.set(c.code, c.records);

  // Publication within 20 working days, counted in SQL against each inspection day's deadline
  // (publicationDeadlines), by the record's department (the task's, or the joint plan's
  // initiating one) and by its task's keys. A first publication in a year without holiday data
  // is in neither figure and names its year.
  const missingYears = new Set<number>();
  for (const p of publication) {
    if (p.publication === 'unknown') {
      missingYears.add(p.unknown_year!);
      continue;
    }
    // Every first publication has one department row: the county adds those.
    const rows = p.dimension === 'department' ? [county, breakdown(p)] : [breakdown(p)];
    for (const t of rows) add(t, p.publication === 'within' ? 'publishedWithin20WorkingDays' : 'publishedLate', p.records);
  }
  for (const y of missingYears) {
    out.notes.push(`${y}年节假日安排未录入，部分检查未计入“20个工作日内公示” / the holidays of ${y} are not in the calendar: some inspections are left out of the 20-working-day publication figures`);
  }

  // Follow-ups of those records, by the record's department and by its task's keys.
  for (const fu of followUps) {
    const t = breakdown(fu);
    if (fu.kind === 'correction-order') {
      add(t, 'correctionOrders', fu.total);
      add(t, 'rechecks', fu.closed);
    } else if (fu.kind === 'referral') add(t, 'referralsOut', fu.total);
    else if (fu.kind === 'criminal-referral') add(t, 'criminalReferrals', fu.total);
    else if (fu.kind === 'credit-feedback') add(t, 'creditFeedback', fu.total);
  }
  return out;
}

/** `department:taskId` (the merge's reference to a planned inspection) → its parts. */
const splitRef = (ref: string): [string, string] => {
  const at = ref.indexOf(':');
  return [ref.slice(0, at), ref.slice(at + 1)];
};

const TASK_KEYS_QUERY = 'query ($taskIds: [String!]!) { departmentTaskKeys(taskIds: $taskIds) { taskId dimension key } }';

type TaskKey = { dimension: Exclude<Dimension, 'county' | 'department'>; key: string };

/**
 * The keys of every task the quarter's records and merge refer to, by task id: a joint plan's
 * (its township, the industries it targets, the brigades of the items its departments joined
 * with) from here, a department task's asked of that department for its own tasks. A department
 * that does not answer is named in `out.unanswered` and its tasks have no keys.
 */
async function keysOfTasks(ctx: SubgraphContext, sql: Sql, start: string, end: string, merge: GatheredMerge, out: QuarterFigures): Promise<Map<string, TaskKey[]>> {
  const byDepartment = new Map<string, Set<string>>();
  const note = (department: string, taskId: string) => (byDepartment.get(department) ?? byDepartment.set(department, new Set()).get(department)!).add(taskId);
  for (const r of await sql<{ department: string; task_id: string }>('select distinct department, task_id from inspection_record where inspected_on between ?::date and ?::date', [start, end])) note(r.department, r.task_id);
  for (const v of merge.result.visits) for (const ref of v.taskRefs) note(...splitRef(ref));
  for (const r of merge.result.removals) note(r.department, r.taskId);
  const all = [...new Set([...byDepartment.values()].flatMap((ids) => [...ids]))];
  const keys = new Map<string, TaskKey[]>();
  const push = (taskId: string, k: TaskKey) => (keys.get(taskId) ?? keys.set(taskId, []).get(taskId)!).push(k);
  const plans = await sql<{ task_id: string; dimension: TaskKey['dimension']; key: string }>(
    `select distinct p.id as task_id, k.dimension, k.key
       from joint_plan p
       cross join lateral (
         select 'township', coalesce(p.region_code, 'county')
         union all select 'industry', ind.code from jsonb_array_elements_text(p.industry_codes::jsonb) ind(code)
         union all select 'brigade', jp.department || '/' || (i.item->>'brigade')
           from joint_plan_participation jp cross join lateral jsonb_array_elements(jp.items::jsonb) i(item)
          where jp.plan_id = p.id and coalesce(i.item->>'brigade', '') <> '') k(dimension, key)
      where p.id = any(?::text[])`,
    [textArray(all)],
  );
  // Every plan has its township key, so these are all the plans among the tasks.
  const planIds = new Set(plans.map((p) => p.task_id));
  for (const p of plans) push(p.task_id, { dimension: p.dimension, key: p.key });
  const asks = [...byDepartment].map(([department, ids]) => ({ department, ids: [...ids].filter((id) => !planIds.has(id)).sort() })).filter((a) => a.ids.length);
  const answers = await Promise.all(
    asks.map(async (a) => ({ department: a.department, answer: await callSubgraph<{ departmentTaskKeys: { taskId: string; dimension: TaskKey['dimension']; key: string }[] }>(a.department, ctx.identity, TASK_KEYS_QUERY, { taskIds: a.ids }) })),
  );
  for (const { department, answer } of answers) {
    if (!answer.ok) {
      if (!out.unanswered.some((u) => u.department === department)) out.unanswered.push({ department, reason: answer.error });
      continue;
    }
    for (const k of answer.data.departmentTaskKeys) push(k.taskId, { dimension: k.dimension, key: k.dimension === 'brigade' ? `${department}/${k.key}` : k.key });
  }
  return keys;
}

/**
 * The condition that a published version `r` of an inspection record (joined to its review) is
 * the one in force: no later version of the same (task, business) was published. Versions
 * returned for correction are skipped, so v3 replaces v1 even when v2 was never published.
 * (`n.version > 1` is implied; it lets the planner hash only the few corrected records.)
 */
export const IN_FORCE = `not exists (select 1 from inspection_record n join record_review nv on nv.record_id = n.id and nv.decision = 'published'
                             where n.task_id = r.task_id and n.uscc = r.uscc and n.version > r.version and n.version > 1)`;

/**
 * For each day from `start` to `end`: the first date that is past 20 working days after it
 * (`before`: published before it is within 20 working days, as workingDaysBetween ≤ 20 counts)
 * and the first date after it in a year the holiday calendar lacks (`unknownFrom`: published on
 * or after it cannot be counted). The statement compares each record's first publication with
 * its inspection day's pair, so the calendar is walked once a day, not once a record.
 */
export function publicationDeadlines(start: string, end: string): { before: string[]; unknownFrom: string[] } {
  const covered = new Set(coveredYears());
  const before: string[] = [];
  const unknownFrom: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    const next = new Date(d);
    next.setUTCDate(next.getUTCDate() + 1);
    let year = next.getUTCFullYear();
    while (covered.has(year)) year++;
    const unknown = year === next.getUTCFullYear() ? next.toISOString().slice(0, 10) : `${year}-01-01`;
    let deadline: string;
    try {
      deadline = addWorkingDays(day, 21);
    } catch {
      // The walk reached a year without data first: anything published before that year is within.
      deadline = unknown;
    }
    before.push(deadline);
    unknownFrom.push(unknown);
  }
  return { before, unknownFrom };
}

/**
 * The quarter's records as aggregates, in one statement so that the records in force are read
 * once: by the departments with items on them and by their task's keys (`keys`: JSON of
 * {task_id, dimension, key}), result codes, publication within 20 working days, and follow-ups.
 *
 * The record in force of a (task, business) is its latest published version (statusesOf in
 * visits/service.ts), inspected in the quarter; its first publication is the earliest review
 * that published any version. Records of one task mostly share a few item shapes (the task's
 * items with their result codes), so departments, problems and codes are worked out per shape,
 * and every count but distinct businesses is taken from the records grouped by (task, shape,
 * department, method, publication), thousands of groups rather than a million rows. Breakdown
 * rows are numbered (`dims`) so that distinct businesses hash (number, business) pairs. JIT is off
 * for the statement: its cost estimates over JSON make the planner compile for seconds what runs
 * in less. bench/report.bench.ts times it on a million records against a plain GROUP BY.
 */
export async function recordAggregates(em: EntityManager, start: string, end: string, keys: string) {
  type Parts = {
    records: { dimension: string; key: string | null; records: number; on_site: number; off_site: number; businesses: number; with_problems: number };
    codes: { code: string; records: number };
    publication: { dimension: string; key: string; publication: 'within' | 'late' | 'unknown'; unknown_year: number | null; records: number };
    followUps: { dimension: string; key: string | null; kind: string; total: number; closed: number };
  };
  const deadlines = publicationDeadlines(start, end);
  const rows = await em.transactional(async (tx) => {
    const sql = sqlOf(tx);
    await sql('set local jit = off', []);
    return sql<{ part: keyof Parts; row: never }>(
      `with shapes as materialized (
         select (row_number() over ())::int as shape, item_results, departments, problem_departments, codes, cardinality(problem_departments) > 0 as problem
           from (select item_results,
                        array(select distinct i->>'department' from jsonb_array_elements(item_results) i) as departments,
                        array(select distinct i->>'department' from jsonb_array_elements(item_results) i where jsonb_exists_any(i->'resultCodes', ?::text[])) as problem_departments,
                        array(select distinct c from jsonb_array_elements(item_results) i, jsonb_array_elements_text(i->'resultCodes') c) as codes
                   from (select distinct item_results from inspection_record where inspected_on between ?::date and ?::date) d) s),
       cur as materialized (
         select r.task_id, r.uscc, r.department, r.method = 'on-site' as on_site, s.shape,
                case when p.published_on >= p.unknown_from then 'unknown' when p.published_on < p.before then 'within' else 'late' end as publication,
                case when p.published_on >= p.unknown_from then extract(year from p.unknown_from)::int end as unknown_year
           from inspection_record r join record_review v on v.record_id = r.id and v.decision = 'published'
           join shapes s on s.item_results = r.item_results
           cross join lateral (
             select ((case when r.version = 1 then v.reviewed_at
                           else (select min(fv.reviewed_at) from inspection_record f join record_review fv on fv.record_id = f.id and fv.decision = 'published'
                                  where f.task_id = r.task_id and f.uscc = r.uscc) end) at time zone 'Asia/Shanghai')::date as published_on,
                    (?::date[])[r.inspected_on - ?::date + 1] as before, (?::date[])[r.inspected_on - ?::date + 1] as unknown_from) p
          where r.inspected_on between ?::date and ?::date
            and ${IN_FORCE}),
       keys as (select task_id, dimension, key from jsonb_to_recordset(?::jsonb) as k(task_id text, dimension text, key text)),
       dims as materialized (
         select (row_number() over ())::int as kid, dimension, key from (
           select 'county' as dimension, null as key
           union all select distinct 'department', d from shapes, unnest(departments) d
           union all select distinct dimension, key from keys) d),
       shape_kids as materialized (
         select s.shape, d.kid, s.problem from shapes s join dims d on d.dimension = 'county'
         union all select s.shape, d.kid, d.key = any(s.problem_departments) from shapes s, unnest(s.departments) dep join dims d on d.dimension = 'department' and d.key = dep),
       task_kids as materialized (select distinct k.task_id, d.kid from keys k join dims d on d.dimension = k.dimension and d.key = k.key),
       groups as materialized (
         select task_id, shape, department, on_site, publication, unknown_year, count(*)::int as n
           from cur group by task_id, shape, department, on_site, publication, unknown_year),
       counted as (
         select sk.kid, g.n, g.on_site, sk.problem from groups g join shape_kids sk on sk.shape = g.shape
         union all select tk.kid, g.n, g.on_site, s.problem from groups g join task_kids tk on tk.task_id = g.task_id join shapes s on s.shape = g.shape),
       counts as (
         select kid, sum(n)::int as records, coalesce(sum(n) filter (where on_site), 0)::int as on_site, coalesce(sum(n) filter (where problem), 0)::int as with_problems
           from counted group by kid),
       businesses as (
         select kid, count(*)::int as businesses from (
           select distinct kid, uscc from (
             select sk.kid, c.uscc from cur c join shape_kids sk on sk.shape = c.shape
             union all select tk.kid, c.uscc from cur c join task_kids tk on tk.task_id = c.task_id) f) b
          group by kid),
       records as (
         select d.dimension, d.key, c.records, c.on_site, c.records - c.on_site as off_site, b.businesses, c.with_problems
           from counts c join businesses b on b.kid = c.kid join dims d on d.kid = c.kid),
       codes as (select code, sum(g.n)::int as records from groups g join shapes s on s.shape = g.shape, unnest(s.codes) code group by code),
       publication as (
         select 'department' as dimension, department as key, publication, unknown_year, sum(n)::int as records from groups group by department, publication, unknown_year
         union all
         select d.dimension, d.key, g.publication, g.unknown_year, sum(g.n)::int
           from groups g join task_kids tk on tk.task_id = g.task_id join dims d on d.kid = tk.kid group by d.dimension, d.key, g.publication, g.unknown_year),
       fu as (select f.kind, f.status, c.department, c.task_id from follow_up f join cur c on c.task_id = f.task_id and c.uscc = f.uscc),
       follow_ups as (
         select dimension, key, kind, count(*)::int as total, count(*) filter (where status in ('corrected', 'not-corrected'))::int as closed
           from (select 'county' as dimension, null as key, kind, status from fu
                 union all select 'department', department, kind, status from fu
                 union all select d.dimension, d.key, f.kind, f.status from fu f join task_kids tk on tk.task_id = f.task_id join dims d on d.kid = tk.kid) x
          group by dimension, key, kind)
       select 'records' as part, to_jsonb(x) as row from records x
       union all select 'codes', to_jsonb(x) from codes x
       union all select 'publication', to_jsonb(x) from publication x
       union all select 'followUps', to_jsonb(x) from follow_ups x`,
      [`{${[...PROBLEM_RESULT_CODES].join(',')}}`, start, end, `{${deadlines.before.join(',')}}`, start, `{${deadlines.unknownFrom.join(',')}}`, start, start, end, keys],
    );
  });
  const out: { [P in keyof Parts]: Parts[P][] } = { records: [], codes: [], publication: [], followUps: [] };
  for (const r of rows) (out[r.part] as unknown[]).push(typeof r.row === 'string' ? JSON.parse(r.row) : r.row);
  out.codes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out;
}
