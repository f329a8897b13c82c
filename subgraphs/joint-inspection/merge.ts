/**
 * The joint-inspection merge (一业一查): every department's planned and past inspections for a
 * period, merged by business. Pure and deterministic: the same inputs, in any order, give the
 * same visits, removals and figures; the service gathers the inputs from the department
 * subgraphs and stores the result.
 *
 * Rules, in this order, per business:
 * 1. Repeat inspection, same department, already inspected in the window: a new planned
 *    inspection is removed (rule `already-inspected`), unless exempt.
 * 2. Repeat inspection, same department, over the yearly cap: this year's inspections (done
 *    ones first, then planned ones by task number) beyond the lowest yearly cap of the items are
 *    removed (rule `yearly-cap`), unless exempt.
 *    Exempt (recorded, never removed): checks driven by a complaint, a referral or a licence.
 * 3. What is left in the window becomes ONE visit: a joint visit when two or more departments
 *    plan it (rule `multi-department`), a single-department visit otherwise (several tasks of
 *    one department for one business are one visit too, rule `same-department`).
 */

export type Exemption = 'complaint' | 'referral' | 'licence';
export const EXEMPTIONS: readonly Exemption[] = ['complaint', 'referral', 'licence'];

export interface PlannedInspection {
  department: string;
  uscc: string;
  /** Task (or record) the inspection belongs to; joint tasks are listed by each department. */
  taskId: string;
  itemCodes: readonly string[];
  /** `planned`: drawn or planned, not yet done; `done`: inspected (with `date`). */
  status: 'planned' | 'done';
  /** Planned: first day of the task's window; done: the inspection date (YYYY-MM-DD). */
  date: string;
  /** The lowest yearly cap of the items for one business (published rule, e.g. 2). */
  yearlyCap: number;
  exemptions?: readonly Exemption[];
  /** Whether every item of it may be joined into a joint inspection. */
  joinable?: boolean;
  /** Whether its task was drawn by credit-risk class (ratios differ between classes). */
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
        return `${d[0]}在${period}有${t.length}个任务涉及该企业（${t.join('、')}），合并为一次检查 / ${d[0]} has ${t.length} tasks for this business in ${period}: one visit (rule same-department)`;
      default:
        return `仅${d[0]}计划检查（${t[0]}） / only ${d[0]} plans it (${t[0]})`;
    }
  }
}

export interface Removal {
  uscc: string;
  department: string;
  taskId: string;
  rule: 'already-inspected' | 'yearly-cap';
  why: string;
}

export interface ExemptionRecord {
  uscc: string;
  department: string;
  taskId: string;
  rule: Removal['rule'];
  exemption: Exemption;
  why: string;
}

export interface MergeFigures {
  /** Planned inspections in the window before merging: one visit each. */
  visitsBefore: number;
  visitsAfter: number;
  visitsAvoided: number;
  jointVisits: number;
  /** Department inspections after merging: a joint visit by three departments counts three. */
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
  /** Tasks with planned inspections in the window. */
  tasks: number;
  tasksByCreditClass: number;
  /** Tasks drawn by credit-risk class ÷ all tasks (target ≥ 90 %). */
  plannedByCreditClassShare: number;
}

export interface MergeResult {
  visits: Visit[];
  removals: Removal[];
  exemptions: ExemptionRecord[];
  figures: MergeFigures;
}

export const TARGETS = { jointShareByCount: 0.45, jointShareByBusinesses: 0.3, plannedByCreditClass: 0.9 } as const;

const inWindow = (date: string, w: MergeWindow) => date >= w.start && date <= w.end;
const ref = (p: PlannedInspection) => `${p.department}:${p.taskId}`;
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function mergeInspections(inspections: readonly PlannedInspection[], window: MergeWindow): MergeResult {
  const year = window.start.slice(0, 4);
  // Group by business with one Map of index lists: no per-business objects until needed.
  const byBusiness = new Map<string, number[]>();
  for (let i = 0; i < inspections.length; i++) {
    const p = inspections[i];
    if (!p.date.startsWith(year)) continue;
    const list = byBusiness.get(p.uscc);
    if (list) list.push(i);
    else byBusiness.set(p.uscc, [i]);
  }
  // Within a business: by department, then date, then task — the order the rules walk in.
  const order = (x: number, y: number) => {
    const a = inspections[x];
    const b = inspections[y];
    return cmpStr(a.department, b.department) || cmpStr(a.date, b.date) || cmpStr(a.taskId, b.taskId);
  };

  const visits: Visit[] = [];
  const removals: Removal[] = [];
  const exemptions: ExemptionRecord[] = [];
  let visitsBefore = 0;

  const usccs = [...byBusiness.keys()].sort();
  const kept: PlannedInspection[] = [];
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
    // One pass per department run of the sorted group.
    for (let start = 0; start < group.length; ) {
      const department = inspections[group[start]].department;
      let end = start;
      let cap = Infinity;
      let countThisYear = 0;
      let firstDoneInWindow: PlannedInspection | undefined;
      while (end < group.length && inspections[group[end]].department === department) {
        const p = inspections[group[end]];
        if (p.yearlyCap < cap) cap = p.yearlyCap;
        if (p.status === 'done') {
          countThisYear++;
          if (!firstDoneInWindow && inWindow(p.date, window)) firstDoneInWindow = p;
        } else if (p.date < window.start) countThisYear++;
        end++;
      }
      for (let k = start; k < end; k++) {
        const p = inspections[group[k]];
        if (p.status !== 'planned' || !inWindow(p.date, window)) continue;
        visitsBefore++;
        let rule: Removal['rule'] | null = null;
        if (firstDoneInWindow) rule = 'already-inspected';
        else if (countThisYear >= cap) rule = 'yearly-cap';
        if (rule) {
          const why = rule === 'already-inspected' ? whyAlreadyInspected(p, firstDoneInWindow!, window) : whyOverCap(p, countThisYear, cap, year);
          const exemption = p.exemptions?.length ? EXEMPTIONS.find((e) => p.exemptions!.includes(e)) : undefined;
          if (!exemption) {
            removals.push({ uscc, department, taskId: p.taskId, rule, why });
            continue;
          }
          exemptions.push({
            uscc,
            department,
            taskId: p.taskId,
            rule,
            exemption,
            why: `${why}；但属${EXEMPTION_ZH[exemption]}，不受频次限制，予以保留 / but it is ${exemption}-driven, which the cap exempts, so it stays`,
          });
        }
        countThisYear++;
        kept.push(p);
      }
      start = end;
    }
    if (kept.length === 0) continue;
    visits.push(visitOf(uscc, kept, window));
  }

  const tasks = new Map<string, boolean>();
  for (const p of inspections) {
    if (p.status === 'planned' && inWindow(p.date, window)) tasks.set(ref(p), !!p.stratified);
  }
  const tasksByCreditClass = [...tasks.values()].filter(Boolean).length;
  let jointVisits = 0;
  let inspectionsAfter = 0;
  let jointInspections = 0;
  for (const v of visits) {
    inspectionsAfter += v.departments.length;
    if (v.kind === 'joint') {
      jointVisits++;
      jointInspections += v.departments.length;
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
  return { visits, removals, exemptions, figures };
}

const EXEMPTION_ZH: Record<Exemption, string> = { complaint: '投诉举报引发的检查', referral: '转办移交引发的检查', licence: '许可审批引发的检查' };

function whyAlreadyInspected(p: PlannedInspection, d: PlannedInspection, w: MergeWindow): string {
  return `${p.department}已于${d.date}检查过该企业（${d.taskId}，事项${d.itemCodes.join('、')}），本期${w.period}再次计划（${p.taskId}）属重复检查 / ${p.department} already inspected this business on ${d.date} (${d.taskId}); planning it again in ${w.period} (${p.taskId}) is a repeat inspection`;
}

function whyOverCap(p: PlannedInspection, count: number, cap: number, year: string): string {
  return `${p.department}本年度已检查或计划${count}次，事项年度上限为${cap}次，${p.taskId}超出上限 / ${p.department} has ${count} inspection(s) of this business in ${year}; the items' yearly cap is ${cap}, so ${p.taskId} exceeds it`;
}

/** `kept` is sorted by department: departments come out sorted without a Set. */
function visitOf(uscc: string, kept: readonly PlannedInspection[], w: MergeWindow): Visit {
  if (kept.length === 1) {
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
  taskRefs.sort();
  const joint = departments.length >= 2;
  return new VisitRecord(uscc, joint ? 'joint' : 'single', joint ? 'multi-department' : 'same-department', w.period, departments, [...items].sort(), taskRefs);
}
