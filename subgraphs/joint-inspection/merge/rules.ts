/**
 * The joint-inspection merge (一业一查): every department's planned and past inspections for a
 * period, merged by business. Pure and deterministic: the same inputs, in any order, give the
 * same visits, removals and figures; the service gathers the inputs from the department
 * subgraphs and the joint plans, and stores the result.
 *
 * An inspection belongs to the period of its task or joint plan, planned or done: carrying it out
 * does not move it out of its quarter, so a past quarter recomputed later gives the same answer.
 *
 * Rules, per business and department, walking the department's inspections of the year in order
 * (quarter by quarter; within a quarter done ones first by date, then planned ones by the time
 * the business was drawn, then by task id), so that every quarter is judged the way its own
 * merge judged it:
 * 1. Repeat in the period: the department already plans (rule `already-planned`) or already
 *    inspected (rule `already-inspected`) the business in this period, whether by its own task or
 *    a joint plan it joined → the later planned inspection is removed, unless exempt.
 * 2. Yearly cap: the department's inspections of the business kept so far this year reach the
 *    yearly cap of the inspection's items → removed (rule `yearly-cap`), unless exempt.
 *    Exempt (recorded, kept): checks driven by a complaint, a referral or a licence. Exemptions
 *    come from the department's tags on the business during the period, so any of its
 *    inspections of the business in the period speaks for all of them.
 *    A done inspection is never removed: it happened; it counts.
 * 3. What is kept in the period becomes ONE visit per business: a joint visit when two or more
 *    departments plan it (rule `multi-department`), a single-department visit otherwise (rule
 *    `same-department` when it carries an exempt second inspection of the same department).
 *
 * `mergeInvariantViolations` checks that the figures add up; the resolver asserts it on every merge.
 */
import type { Exemption } from '../../../shared/domain/exemptions.js';
import { countyDate } from '../../../shared/domain/history.js';

export type { Exemption };
export const EXEMPTIONS: readonly Exemption[] = ['complaint', 'referral', 'licence'];

export interface PlannedInspection {
  department: string;
  uscc: string;
  /** Task (or joint plan) the inspection belongs to; joint plans are listed by each department. */
  taskId: string;
  itemCodes: readonly string[];
  /** Quarter of the task or joint plan (e.g. 2026-Q2): the merge of that quarter counts it, planned or done. */
  period: string;
  /** `planned`: drawn, not yet done; `done`: inspected (with `date`). */
  status: 'planned' | 'done';
  /** Planned: first day of the task's window; done: the inspection date (YYYY-MM-DD). */
  date: string;
  /** When the business was drawn for this task (ISO 8601 instant): which of two plans came first. */
  plannedAt?: string;
  /** The lowest yearly cap of the items for one business (published rule, e.g. 2). */
  yearlyCap: number;
  /** Exemptions from the department's tags on the business in force during the period. */
  exemptions?: readonly Exemption[];
  /** Whether every item of it may be joined into a joint inspection. */
  joinable?: boolean;
  /** Whether its task or joint plan was drawn by credit-risk class (ratios differ between classes). */
  stratified?: boolean;
}

export interface MergeWindow {
  /** e.g. 2026-Q2 */
  period: string;
  start: string;
  end: string;
}

export interface Visit {
  uscc: string;
  kind: 'joint' | 'single';
  rule: 'multi-department' | 'same-department' | 'single-department';
  period: string;
  /** Each department once, sorted. */
  departments: readonly string[];
  itemCodes: readonly string[];
  /** `department:taskId` of every planned inspection this visit carries. */
  taskRefs: readonly string[];
  /** The reason in words (Chinese / English), rendered from the fields above when read. */
  readonly why: string;
}

/**
 * A visit keeps the facts of its decision and renders the sentence only when someone reads it:
 * a county-scale merge makes hundreds of thousands of visits, and most are never displayed.
 */
class VisitRecord implements Visit {
  constructor(
    readonly uscc: string,
    readonly kind: Visit['kind'],
    readonly rule: Visit['rule'],
    readonly period: string,
    readonly departments: readonly string[],
    readonly itemCodes: readonly string[],
    readonly taskRefs: readonly string[],
  ) {}

  get why(): string {
    const { departments: d, taskRefs: t, itemCodes: i, period } = this;
    switch (this.rule) {
      case 'multi-department':
        return `${d.join('、')}在${period}均计划检查该企业（${t.join('、')}），合并为一次联合检查，携带事项${i.join('、')} / ${d.join(', ')} all plan to inspect this business in ${period} (${t.join(', ')}): one joint visit carrying items ${i.join(', ')} (rule multi-department)`;
      case 'same-department':
        return `${d[0]}在${period}有${t.length}个任务涉及该企业（${t.join('、')}，重复者已登记豁免），合并为一次检查 / ${d[0]} has ${t.length} tasks for this business in ${period} (${t.join(', ')}; the repeats are exempt): one visit (rule same-department)`;
      default:
        return `仅${d[0]}计划检查（${t[0]}） / only ${d[0]} plans it (${t[0]})`;
    }
  }
}

export type RepeatRule = 'already-planned' | 'already-inspected' | 'yearly-cap';

export interface Removal {
  uscc: string;
  department: string;
  taskId: string;
  rule: RepeatRule;
  why: string;
}

export interface ExemptionRecord {
  uscc: string;
  department: string;
  taskId: string;
  rule: RepeatRule;
  exemption: Exemption;
  why: string;
}

export interface MergeFigures {
  /** Planned inspections in the period before merging (done ones included): one visit each. */
  visitsBefore: number;
  visitsAfter: number;
  visitsAvoided: number;
  jointVisits: number;
  /** Department inspections kept after merging: a joint visit by three departments counts three. */
  inspections: number;
  jointInspections: number;
  /** Department inspections carried out jointly ÷ all department inspections (target ≥ 45 %), 0..1. */
  jointShareByCount: number;
  businessesInspected: number;
  businessesInspectedJointly: number;
  /** Businesses with a joint visit ÷ businesses with any visit (target ≥ 30 %). */
  jointShareByBusinesses: number;
  removedRepeats: number;
  exemptionsKept: number;
  /** Tasks and joint plans with inspections in the period. */
  tasks: number;
  tasksByCreditClass: number;
  /** Tasks drawn by credit-risk class ÷ all tasks (target ≥ 90 %). */
  plannedByCreditClassShare: number;
}

/** One department in the merge of a period: planned = joined + alone + removed. */
export interface DepartmentFigures {
  department: string;
  /** Its inspections in the period (planned or done). */
  planned: number;
  /** Kept, carried by a joint visit. */
  joined: number;
  /** Kept, carried by a visit of this department alone. */
  alone: number;
  /** Removed as repeats. */
  removed: number;
  /** Kept although a repeat, because exempt (part of joined + alone). */
  exempt: number;
}

export interface MergeResult {
  /** One per business, sorted by USCC. */
  visits: Visit[];
  removals: Removal[];
  exemptions: ExemptionRecord[];
  /**
   * Second inspections of a department in the period that were already carried out: a fact, so
   * never removed, and carried by the visit like an exempt one.
   */
  repeatsCarriedOut: { uscc: string; department: string; taskId: string }[];
  figures: MergeFigures;
  byDepartment: DepartmentFigures[];
}

export const TARGETS = { jointShareByCount: 0.45, jointShareByBusinesses: 0.3, plannedByCreditClass: 0.9 } as const;

const ref = (p: PlannedInspection) => `${p.department}:${p.taskId}`;
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The order a department's inspections of one business are judged in, within a period. */
const when = (p: PlannedInspection) => (p.status === 'done' ? p.date : (p.plannedAt ?? p.date));

const QUARTER = /^(\d{4})-Q([1-4])$/;
const windows = new Map<string, { start: string; end: string }>();
/** First and last day of a quarter, e.g. 2026-Q2 → 2026-04-01 … 2026-06-30. */
export function quarterWindow(period: string): { start: string; end: string } {
  let w = windows.get(period);
  if (!w) {
    const m = QUARTER.exec(period);
    if (!m) throw new Error(`not a quarter: ${period}`);
    const y = Number(m[1]);
    const q = Number(m[2]);
    w = { start: new Date(Date.UTC(y, (q - 1) * 3, 1)).toISOString().slice(0, 10), end: new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10) };
    windows.set(period, w);
  }
  return w;
}

export function mergeInspections(inspections: readonly PlannedInspection[], window: MergeWindow): MergeResult {
  const year = window.period.slice(0, 4);
  // Group by business with one Map of index lists: no per-business objects until needed. Only
  // this year's quarters up to this one: later plans cannot change this quarter.
  const byBusiness = new Map<string, number[]>();
  for (let i = 0; i < inspections.length; i++) {
    const p = inspections[i];
    if (!p.period.startsWith(year) || p.period > window.period) continue;
    const list = byBusiness.get(p.uscc);
    if (list) list.push(i);
    else byBusiness.set(p.uscc, [i]);
  }
  // Within a business: by department, quarter, done before planned, date or drawing time, task.
  const order = (x: number, y: number) => {
    const a = inspections[x];
    const b = inspections[y];
    return (
      cmpStr(a.department, b.department) || cmpStr(a.period, b.period) || cmpStr(a.status, b.status) || cmpStr(when(a), when(b)) || cmpStr(a.taskId, b.taskId)
    );
  };

  const visits: Visit[] = [];
  const removals: Removal[] = [];
  const exemptions: ExemptionRecord[] = [];
  const repeatsCarriedOut: MergeResult['repeatsCarriedOut'] = [];
  const departments = new Map<string, DepartmentFigures>();
  const departmentRow = (d: string) => {
    let row = departments.get(d);
    if (!row) departments.set(d, (row = { department: d, planned: 0, joined: 0, alone: 0, removed: 0, exempt: 0 }));
    return row;
  };
  let visitsBefore = 0;

  const usccs = [...byBusiness.keys()].sort();
  const kept: PlannedInspection[] = [];
  // Items of a department's second task of the period: the visit that stays checks them too.
  const carried: string[] = [];
  const keptThisYear: PlannedInspection[] = [];
  const done: PlannedInspection[] = [];
  for (const uscc of usccs) {
    const group = byBusiness.get(uscc)!;
    // Groups are tiny (a few departments): insertion sort beats Array.prototype.sort's set-up.
    for (let x = 1; x < group.length; x++) {
      const v = group[x];
      let y = x - 1;
      while (y >= 0 && order(group[y], v) > 0) {
        group[y + 1] = group[y];
        y--;
      }
      group[y + 1] = v;
    }
    kept.length = 0;
    carried.length = 0;
    // One pass per department run of the sorted group.
    for (let start = 0; start < group.length; ) {
      const department = inspections[group[start]].department;
      let end = start;
      done.length = 0;
      while (end < group.length && inspections[group[end]].department === department) {
        const p = inspections[group[end]];
        if (p.status === 'done') done.push(p);
        end++;
      }
      keptThisYear.length = 0;
      let period = '';
      let firstInPeriod: PlannedInspection | undefined;
      let periodExemption: Exemption | undefined;
      for (let k = start; k < end; k++) {
        const p = inspections[group[k]];
        // The same task listed twice for one business is one inspection (runs are a few entries).
        if (listedBefore(inspections, group, start, k)) continue;
        if (p.period !== period) {
          period = p.period;
          firstInPeriod = undefined;
          periodExemption = exemptionOf(inspections, group, k, end);
        }
        const current = period === window.period;
        if (current) {
          visitsBefore++;
          departmentRow(department).planned++;
        }
        let rule: RepeatRule | null = null;
        let earlier: PlannedInspection | undefined;
        if (p.status === 'done') {
          if (firstInPeriod && current) repeatsCarriedOut.push({ uscc, department, taskId: p.taskId });
        } else {
          earlier = firstInPeriod ?? doneInPeriodByOtherTask(done, period);
          if (earlier) rule = earlier.status === 'done' ? 'already-inspected' : 'already-planned';
          else if (keptThisYear.length >= p.yearlyCap) rule = 'yearly-cap';
        }
        if (rule) {
          if (!periodExemption) {
            if (current) {
              removals.push({ uscc, department, taskId: p.taskId, rule, why: whyRepeat(p, rule, earlier, keptThisYear) });
              departmentRow(department).removed++;
              if (rule === 'already-planned') for (const c of p.itemCodes) carried.push(c);
            }
            continue;
          }
          if (current) {
            exemptions.push({
              uscc,
              department,
              taskId: p.taskId,
              rule,
              exemption: periodExemption,
              why: `${whyRepeat(p, rule, earlier, keptThisYear)}；但属${EXEMPTION_ZH[periodExemption]}，不受此限，予以保留 / but it is ${periodExemption}-driven, which the rule exempts, so it stays`,
            });
            departmentRow(department).exempt++;
          }
        }
        keptThisYear.push(p);
        firstInPeriod ??= p;
        if (current) kept.push(p);
      }
      start = end;
    }
    if (kept.length === 0) continue;
    const visit = visitOf(uscc, kept, window, carried);
    visits.push(visit);
    for (const p of kept) {
      if (visit.kind === 'joint') departmentRow(p.department).joined++;
      else departmentRow(p.department).alone++;
    }
  }

  const tasks = new Map<string, boolean>();
  for (const p of inspections) if (p.period === window.period) tasks.set(p.taskId, (tasks.get(p.taskId) ?? false) || !!p.stratified);
  let tasksByCreditClass = 0;
  for (const stratified of tasks.values()) if (stratified) tasksByCreditClass++;
  let jointVisits = 0;
  let inspectionsAfter = 0;
  let jointInspections = 0;
  for (const v of visits) {
    inspectionsAfter += v.taskRefs.length;
    if (v.kind === 'joint') {
      jointVisits++;
      jointInspections += v.taskRefs.length;
    }
  }
  const figures: MergeFigures = {
    visitsBefore,
    visitsAfter: visits.length,
    visitsAvoided: visitsBefore - visits.length,
    jointVisits,
    inspections: inspectionsAfter,
    jointInspections,
    jointShareByCount: inspectionsAfter ? jointInspections / inspectionsAfter : 0,
    businessesInspected: visits.length,
    businessesInspectedJointly: jointVisits,
    jointShareByBusinesses: visits.length ? jointVisits / visits.length : 0,
    removedRepeats: removals.length,
    exemptionsKept: exemptions.length,
    tasks: tasks.size,
    tasksByCreditClass,
    plannedByCreditClassShare: tasks.size ? tasksByCreditClass / tasks.size : 0,
  };
  const byDepartment = [...departments.values()].sort((a, b) => cmpStr(a.department, b.department));
  return { visits, removals, exemptions, repeatsCarriedOut, figures, byDepartment };
}

function listedBefore(inspections: readonly PlannedInspection[], group: readonly number[], from: number, k: number): boolean {
  const p = inspections[group[k]];
  for (let j = from; j < k; j++) if (inspections[group[j]].taskId === p.taskId && inspections[group[j]].period === p.period) return true;
  return false;
}

/** The first exemption (in EXEMPTIONS order) any of the run's inspections of this period carries. */
function exemptionOf(inspections: readonly PlannedInspection[], group: readonly number[], from: number, end: number): Exemption | undefined {
  const period = inspections[group[from]].period;
  let found: Set<Exemption> | undefined;
  for (let k = from; k < end && inspections[group[k]].period === period; k++) {
    const e = inspections[group[k]].exemptions;
    if (e?.length) for (const x of e) (found ??= new Set()).add(x);
  }
  return found && EXEMPTIONS.find((e) => found!.has(e));
}

/** A done inspection of another quarter's task carried out within `period` (a late or early visit). */
function doneInPeriodByOtherTask(done: readonly PlannedInspection[], period: string): PlannedInspection | undefined {
  if (done.length === 0) return undefined;
  const w = quarterWindow(period);
  return done.find((d) => d.period !== period && d.date >= w.start && d.date <= w.end);
}

const EXEMPTION_ZH: Record<Exemption, string> = { complaint: '投诉举报引发的检查', referral: '转办移交引发的检查', licence: '许可审批引发的检查' };

/** `2026-04-01` or the county date of a drawing time. */
function dayOf(p: PlannedInspection): string {
  return p.status === 'done' || !p.plannedAt ? p.date : countyDate(new Date(p.plannedAt));
}

const items = (p: PlannedInspection) => p.itemCodes.join('、');
const itemsEn = (p: PlannedInspection) => p.itemCodes.join(', ');

function whyRepeat(p: PlannedInspection, rule: RepeatRule, earlier: PlannedInspection | undefined, year: readonly PlannedInspection[]): string {
  const d = p.department;
  if (rule === 'already-inspected') {
    const e = earlier!;
    return `${d}已于${e.date}检查过该企业（${e.taskId}，事项${items(e)}），${p.period}再次计划（${p.taskId}，事项${items(p)}）属重复检查 / ${d} already inspected this business on ${e.date} (${e.taskId}, items ${itemsEn(e)}); planning it again in ${p.period} (${p.taskId}, items ${itemsEn(p)}) is a repeat inspection (rule already-inspected)`;
  }
  if (rule === 'already-planned') {
    const e = earlier!;
    return `${d}已于${dayOf(e)}在${e.taskId}中计划于${p.period}检查该企业（事项${items(e)}），${p.taskId}（事项${items(p)}）再次计划属同期重复检查，其事项并入该次检查 / ${d} already planned this business for ${p.period} on ${dayOf(e)} in ${e.taskId} (items ${itemsEn(e)}); ${p.taskId} (items ${itemsEn(p)}) planning it again is a repeat inspection (rule already-planned), and its items are checked on that visit`;
  }
  const list = year.map((e) => `${e.taskId}（${dayOf(e)}）`).join('、');
  const listEn = year.map((e) => `${e.taskId} (${dayOf(e)})`).join(', ');
  return `${d}本年度已检查或计划该企业${year.length}次（${list}），事项${items(p)}的年度上限为${p.yearlyCap}次，${p.taskId}超出上限 / ${d} has ${year.length} inspection(s) of this business in ${p.period.slice(0, 4)} (${listEn}); the yearly cap of items ${itemsEn(p)} is ${p.yearlyCap}, so ${p.taskId} exceeds it (rule yearly-cap)`;
}

/**
 * `kept` is sorted by department: departments come out sorted and each once, without a Set.
 * `carried`: items of removed same-period repeats (rule `already-planned`), checked on this visit.
 */
function visitOf(uscc: string, kept: readonly PlannedInspection[], w: MergeWindow, carried: readonly string[]): Visit {
  if (kept.length === 1 && carried.length === 0) {
    const p = kept[0];
    const items = p.itemCodes.length > 1 ? [...p.itemCodes].sort() : p.itemCodes;
    return new VisitRecord(uscc, 'single', 'single-department', w.period, [p.department], items, [ref(p)]);
  }
  const departments: string[] = [];
  const items = new Set<string>();
  const taskRefs: string[] = [];
  for (const p of kept) {
    if (departments[departments.length - 1] !== p.department) departments.push(p.department);
    for (const c of p.itemCodes) items.add(c);
    taskRefs.push(ref(p));
  }
  for (const c of carried) items.add(c);
  taskRefs.sort();
  const joint = departments.length >= 2;
  const rule = joint ? 'multi-department' : kept.length > 1 ? 'same-department' : 'single-department';
  return new VisitRecord(uscc, joint ? 'joint' : 'single', rule, w.period, departments, [...items].sort(), taskRefs);
}

/**
 * What must hold for every merge, whatever its inputs (empty when it does): per department
 * planned = joined + alone + removed, and the departments add up to the figures; visits before −
 * after = avoided; one visit per business, listing each department once, and a department's
 * second inspection in a visit only with a recorded exemption (or already carried out); every
 * removal and exemption has a `why` naming its rule, and a removed inspection is carried by no
 * visit. Linear in the visits, no per-visit allocation: cheap next to the merge itself.
 */
export function mergeInvariantViolations(result: MergeResult): string[] {
  const { figures: f, visits, removals, exemptions, repeatsCarriedOut, byDepartment } = result;
  const out: string[] = [];
  const sum = (k: keyof Omit<DepartmentFigures, 'department'>) => byDepartment.reduce((s, d) => s + d[k], 0);
  for (const d of byDepartment) {
    if (d.planned !== d.joined + d.alone + d.removed) out.push(`${d.department}: planned ${d.planned} ≠ joined ${d.joined} + alone ${d.alone} + removed ${d.removed}`);
  }
  if (sum('planned') !== f.visitsBefore) out.push(`departments plan ${sum('planned')}, visitsBefore is ${f.visitsBefore}`);
  if (sum('removed') !== f.removedRepeats || f.removedRepeats !== removals.length) out.push(`removed: departments ${sum('removed')}, figures ${f.removedRepeats}, decisions ${removals.length}`);
  if (sum('exempt') !== f.exemptionsKept || f.exemptionsKept !== exemptions.length) out.push(`exempt: departments ${sum('exempt')}, figures ${f.exemptionsKept}, decisions ${exemptions.length}`);
  if (sum('joined') + sum('alone') !== f.inspections) out.push(`departments keep ${sum('joined') + sum('alone')}, inspections is ${f.inspections}`);
  if (sum('joined') !== f.jointInspections) out.push(`departments join ${sum('joined')}, jointInspections is ${f.jointInspections}`);
  if (f.visitsBefore - f.visitsAfter !== f.visitsAvoided) out.push(`visitsBefore ${f.visitsBefore} − visitsAfter ${f.visitsAfter} ≠ visitsAvoided ${f.visitsAvoided}`);
  if (f.visitsAfter !== visits.length || f.businessesInspected !== visits.length) out.push(`visitsAfter ${f.visitsAfter}, businessesInspected ${f.businessesInspected}, visits ${visits.length}`);
  // Second inspections a visit may carry: exempt ones and ones already carried out (few).
  const allowed = new Map<string, number>();
  for (const e of [...exemptions, ...repeatsCarriedOut]) allowed.set(`${e.uscc}|${e.department}`, (allowed.get(`${e.uscc}|${e.department}`) ?? 0) + 1);
  let taskRefs = 0;
  for (let i = 0; i < visits.length; i++) {
    const v = visits[i];
    // Strictly increasing USCCs: one visit per business, and removals can be looked up below.
    if (i > 0 && !(v.uscc > visits[i - 1].uscc)) out.push(`${v.uscc}: visits not one per business in USCC order`);
    if ((v.kind === 'joint') !== v.departments.length >= 2) out.push(`${v.uscc}: a ${v.kind} visit by ${v.departments.length} department(s)`);
    // taskRefs are sorted: each department's refs form one run, in the order of `departments`.
    let run = 0;
    for (let k = 0; k < v.taskRefs.length; ) {
      const d = v.taskRefs[k].slice(0, v.taskRefs[k].indexOf(':'));
      let n = 0;
      while (k < v.taskRefs.length && v.taskRefs[k].startsWith(`${d}:`)) {
        n++;
        k++;
      }
      if (v.departments[run] !== d) out.push(`${v.uscc}: departments ${v.departments.join(', ')} do not match its tasks ${v.taskRefs.join(', ')}`);
      if (n > 1 && n - 1 > (allowed.get(`${v.uscc}|${d}`) ?? 0)) out.push(`${v.uscc}: ${d} inspects ${n} times in one visit with ${allowed.get(`${v.uscc}|${d}`) ?? 0} exemption(s)`);
      run++;
      taskRefs += n;
    }
    if (run !== v.departments.length) out.push(`${v.uscc}: a department listed twice or without a task (${v.departments.join(', ')})`);
  }
  if (taskRefs !== f.inspections) out.push(`visits carry ${taskRefs} inspections, figures say ${f.inspections}`);
  const visitOfUscc = (uscc: string) => {
    let lo = 0;
    let hi = visits.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (visits[mid].uscc === uscc) return visits[mid];
      if (visits[mid].uscc < uscc) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  for (const r of removals) {
    if (!r.why || !r.why.includes(`rule ${r.rule}`)) out.push(`${r.uscc} ${r.department}:${r.taskId}: removal without its why`);
    if (visitOfUscc(r.uscc)?.taskRefs.includes(`${r.department}:${r.taskId}`)) out.push(`${r.uscc} ${r.department}:${r.taskId}: removed but carried by the visit`);
  }
  for (const e of exemptions) if (!e.why || !e.why.includes(`rule ${e.rule}`)) out.push(`${e.uscc} ${e.department}:${e.taskId}: exemption without its why`);
  return out;
}
