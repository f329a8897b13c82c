import { quota, RISK_CLASSES, type Ratios, type RiskClass } from '../../../shared/domain/draw.js';

/**
 * The plan optimizer's mixed-integer program, built from plain data (no database, no solver):
 * which industries become joint plans, which departments join each, and each plan's quota per
 * credit-risk class, so that the county meets its three figures and every item's minimum ratio
 * within each department's capacity, with the fewest visits. docs/optimizer.md explains it.
 *
 * Units are industries (GB/T 4754 codes). For each industry every department with a claimed item
 * for it has a *demand*: the highest ratio per class of its items there (what it must draw), the
 * inspectors a visit needs and whether the items may join a joint plan. A department not in a
 * joint plan of the industry draws alone: its quota per class is `quota(pool, ratio)` of the
 * draw (rounded up), on its own directory's businesses of the industry.
 *
 * Variables (CPLEX LP names):
 * - `y_g_S` binary: industry g (index) is a joint plan of department set S (bit mask, ≥ 2);
 * - `x_g_S_k` integer: businesses of class k the plan draws, between the plan's minimum quota
 *   (highest ratio among S's demands on the union of their directories) and the pool, or 0;
 * - in the relaxation only, `slack_cap_d` and `slack_target_t` (continuous, ≥ 0).
 * Constraints: one joint plan per department and industry; capacity of each department in
 * inspector-visits (a solo visit takes the items' minimum inspectors, a joint visit one per
 * department and the rest of the team from the initiating one); joint share by count, by
 * businesses and planned by class at least the targets. Objective: visits (phase 1), then
 * inspector-days with visits fixed at their optimum (phase 2).
 */

export interface ModelDepartment {
  code: string;
  /** Inspector-visits available in the period: active inspectors × working days × visits a day. */
  capacity: number;
  /** Visits one inspector makes in a working day (turns inspector-visits into inspector-days). */
  visitsPerDay: number;
}

export interface ModelDemand {
  department: string;
  /** Highest ratio per class of the department's items for the industry, basis points. */
  ratios: Ratios;
  /** Inspectors one visit of these items needs (at least 1). */
  minInspectors: number;
  /** All of the items may join a joint plan. */
  joinable: boolean;
  itemCodes: string[];
}

/** Businesses of one industry by which departments' directories hold them, per class. */
export interface ModelPool {
  departments: string[];
  /** Departments that already reached their yearly cap (frequency) on these businesses. */
  capped?: string[];
  counts: Record<RiskClass, number>;
}

export interface ModelIndustry {
  code: string;
  demands: ModelDemand[];
  pools: ModelPool[];
}

export interface Targets {
  jointShareByCount: number;
  jointShareByBusinesses: number;
  plannedByClass: number;
}

export const DEFAULT_TARGETS: Targets = { jointShareByCount: 0.45, jointShareByBusinesses: 0.3, plannedByClass: 0.9 };

export interface ModelData {
  departments: ModelDepartment[];
  industries: ModelIndustry[];
  targets: Targets;
}

/** A joint plan the model may choose: an industry, a set of departments (initiating first). */
export interface JointOption {
  name: string;
  industry: number;
  mask: number;
  departments: string[];
  initiating: string;
  pool: Record<RiskClass, number>;
  minQuota: Record<RiskClass, number>;
  minRatios: Ratios;
  /** Inspector-visits one joint visit takes from each department. */
  perVisit: Map<string, number>;
  stratified: boolean;
  /** Solo visits of S's departments that this plan replaces. */
  replacedSolo: number;
}

export interface SoloDraw {
  industry: number;
  department: string;
  visits: number;
  perVisit: number;
  stratified: boolean;
}

export interface BuiltModel {
  lp: string;
  options: JointOption[];
  solos: SoloDraw[];
  soloVisits: number;
}

const differ = (r: Ratios) => !RISK_CLASSES.every((c) => r[c] === r.A);
const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(9).replace(/0+$/, ''));

function term(coef: number, name: string): string {
  if (coef === 0) return '';
  return `${coef < 0 ? '-' : '+'} ${num(Math.abs(coef))} ${name}`;
}

/** Sum of terms on one line each (LP lines stay short enough for the parser). */
const sum = (terms: string[]) => {
  const t = terms.filter(Boolean);
  return t.length ? t.join('\n   ') : '0 zero';
};

/** Pool of a set of departments: businesses held by at least one of them and capped by none. */
function poolOf(ind: ModelIndustry, set: Set<string>): Record<RiskClass, number> {
  const out = { A: 0, B: 0, C: 0, D: 0 } as Record<RiskClass, number>;
  for (const p of ind.pools) {
    if (!p.departments.some((d) => set.has(d)) || (p.capped ?? []).some((d) => set.has(d))) continue;
    for (const c of RISK_CLASSES) out[c] += p.counts[c];
  }
  return out;
}

const maxRatios = (demands: ModelDemand[]) => {
  const r = { A: 0, B: 0, C: 0, D: 0 } as Ratios;
  for (const d of demands) for (const c of RISK_CLASSES) r[c] = Math.max(r[c], d.ratios[c]);
  return r;
};

/** The solo draws and joint options of the data (shared by the model, the evaluation and the baselines). */
export function enumerate(data: ModelData): { options: JointOption[]; solos: SoloDraw[] } {
  const order = data.departments.map((d) => d.code);
  const solos: SoloDraw[] = [];
  const options: JointOption[] = [];
  data.industries.forEach((ind, g) => {
    const demands = [...ind.demands].sort((a, b) => order.indexOf(a.department) - order.indexOf(b.department));
    for (const d of demands) {
      const pool = poolOf(ind, new Set([d.department]));
      const visits = RISK_CLASSES.reduce((s, c) => s + quota(pool[c], d.ratios[c]), 0);
      if (visits > 0) solos.push({ industry: g, department: d.department, visits, perVisit: Math.max(1, d.minInspectors), stratified: differ(d.ratios) });
    }
    const joinable = demands.filter((d) => d.joinable);
    for (let mask = 1; mask < 1 << joinable.length; mask++) {
      const members = joinable.filter((_, i) => mask & (1 << i));
      if (members.length < 2) continue;
      const pool = poolOf(ind, new Set(members.map((m) => m.department)));
      if (RISK_CLASSES.every((c) => pool[c] === 0)) continue;
      const minRatios = maxRatios(members);
      const minQuota = Object.fromEntries(RISK_CLASSES.map((c) => [c, quota(pool[c], minRatios[c])])) as Record<RiskClass, number>;
      const soloOf = (dep: string) => solos.find((s) => s.industry === g && s.department === dep)?.visits ?? 0;
      // The department that would draw the most alone leads (ties: registry order).
      const initiating = [...members].sort((a, b) => soloOf(b.department) - soloOf(a.department) || order.indexOf(a.department) - order.indexOf(b.department))[0];
      const team = Math.max(2, ...members.map((m) => m.minInspectors));
      const perVisit = new Map(members.map((m) => [m.department, 1]));
      perVisit.set(initiating.department, 1 + Math.max(0, team - members.length));
      const depMask = members.reduce((s, m) => s | (1 << order.indexOf(m.department)), 0);
      options.push({
        name: `${g}_${depMask}`,
        industry: g,
        mask: depMask,
        departments: [initiating.department, ...members.map((m) => m.department).filter((d) => d !== initiating.department)],
        initiating: initiating.department,
        pool,
        minQuota,
        minRatios,
        perVisit,
        stratified: differ(minRatios),
        replacedSolo: members.reduce((s, m) => s + soloOf(m.department), 0),
      });
    }
  });
  return { options, solos };
}

export interface BuildOptions {
  /** Add slack variables on capacities and targets and minimise them (explaining infeasibility). */
  relax?: boolean;
  /** Phase 2: visits at most this, minimise inspector-days. */
  visitsAtMost?: number;
}

const TARGET_ROWS = ['share_count', 'share_business', 'planned_class'] as const;
export type TargetRow = (typeof TARGET_ROWS)[number];
export const TARGET_OF: Record<TargetRow, keyof Targets> = {
  share_count: 'jointShareByCount',
  share_business: 'jointShareByBusinesses',
  planned_class: 'plannedByClass',
};

/** Row name of a department's capacity. */
export const capacityRow = (i: number) => `cap_${i}`;

/**
 * The CPLEX LP text of the model. Names: `y_<option>` binary, `x_<option>_<class>` integer;
 * rows `one_<industry>_<department>`, `lo_/hi_<option>_<class>`, `cap_<department>`, and
 * the three target rows.
 */
export function buildModel(data: ModelData, opts: BuildOptions = {}): BuiltModel {
  const { options, solos } = enumerate(data);
  const t = data.targets;
  const y = (o: JointOption) => `y_${o.name}`;
  const x = (o: JointOption, c: RiskClass) => `x_${o.name}_${c}`;
  const xs = (o: JointOption, coef: number) => RISK_CLASSES.filter((c) => o.pool[c] > 0).map((c) => term(coef, x(o, c)));
  const soloVisits = solos.reduce((s, d) => s + d.visits, 0);
  const rows: string[] = [];
  const depIndex = new Map(data.departments.map((d, i) => [d.code, i]));

  // Visits = soloVisits + Σ x − Σ y·replacedSolo.
  const visitTerms = options.flatMap((o) => [...xs(o, 1), term(-o.replacedSolo, y(o))]);
  // Inspector-days = Σ_d usage_d / visitsPerDay_d; usage_d = Σ solo visits·perVisit − replaced + Σ joint visits·perVisit.
  const usage = (dep: ModelDepartment): { terms: string[]; constant: number } => {
    const mine = solos.filter((s) => s.department === dep.code);
    const constant = mine.reduce((s, d) => s + d.visits * d.perVisit, 0);
    const terms = options
      .filter((o) => o.perVisit.has(dep.code))
      .flatMap((o) => {
        const solo = mine.find((s) => s.industry === o.industry);
        return [...xs(o, o.perVisit.get(dep.code)!), solo ? term(-solo.visits * solo.perVisit, y(o)) : ''];
      });
    return { terms, constant };
  };
  const dayTerms = (scale: (d: ModelDepartment) => number) =>
    data.departments.flatMap((d) => {
      const u = usage(d);
      return u.terms.map((s) => {
        if (!s) return '';
        const [sign, coef, name] = s.split(' ');
        return term((sign === '-' ? -1 : 1) * Number(coef) * scale(d), name);
      });
    });

  let objective: string;
  if (opts.relax) {
    // Capacity slack in inspector-days and target slack in inspections, weighed alike.
    objective = sum([...data.departments.map((_, i) => term(1, `slack_cap_${i}`)), ...TARGET_ROWS.map((r) => term(1, `slack_${r}`))]);
  } else if (opts.visitsAtMost !== undefined) {
    objective = sum(dayTerms((d) => 1 / d.visitsPerDay));
    rows.push(` visits_fixed: ${sum(visitTerms)} <= ${num(opts.visitsAtMost - soloVisits)}`);
  } else {
    objective = sum(visitTerms);
  }

  // One joint plan per department and industry.
  const byPair = new Map<string, JointOption[]>();
  for (const o of options) for (const d of o.departments) byPair.set(`${o.industry}_${depIndex.get(d)}`, [...(byPair.get(`${o.industry}_${depIndex.get(d)}`) ?? []), o]);
  for (const [key, list] of byPair) if (list.length > 1) rows.push(` one_${key}: ${sum(list.map((o) => term(1, y(o))))} <= 1`);

  // Quotas: 0 without the plan, between the minimum and the pool with it.
  for (const o of options) {
    for (const c of RISK_CLASSES) {
      if (o.pool[c] === 0) continue;
      if (o.minQuota[c] > 0) rows.push(` lo_${o.name}_${c}: ${term(1, x(o, c))} ${term(-o.minQuota[c], y(o))} >= 0`);
      rows.push(` hi_${o.name}_${c}: ${term(1, x(o, c))} ${term(-o.pool[c], y(o))} <= 0`);
    }
  }

  // Capacity of each department, in inspector-visits.
  data.departments.forEach((d, i) => {
    const u = usage(d);
    const slack = opts.relax ? ` - ${num(d.visitsPerDay)} slack_cap_${i}` : '';
    rows.push(` ${capacityRow(i)}: ${sum(u.terms)}${slack} <= ${num(d.capacity - u.constant)}`);
  });

  // Joint share by count: 0.55·J − 0.45·solo ≥ 0, J = Σ |S|·x, solo = soloVisits − Σ y·replaced.
  const soloTerms = (coef: number) => options.map((o) => term(-coef * o.replacedSolo, y(o)));
  const slack = (r: TargetRow) => (opts.relax ? ` + slack_${r}` : '');
  rows.push(
    ` share_count: ${sum([...options.flatMap((o) => xs(o, (1 - t.jointShareByCount) * o.departments.length)), ...soloTerms(-t.jointShareByCount)].map((s) => s))}${slack('share_count')} >= ${num(t.jointShareByCount * soloVisits)}`,
  );
  // Joint share by businesses: 0.7·X − 0.3·solo ≥ 0 (each solo visit a business of its own).
  rows.push(
    ` share_business: ${sum([...options.flatMap((o) => xs(o, 1 - t.jointShareByBusinesses)), ...soloTerms(-t.jointShareByBusinesses)])}${slack('share_business')} >= ${num(t.jointShareByBusinesses * soloVisits)}`,
  );
  // Planned by class: stratified plans ≥ target × plans; a joint plan replaces |S| solo draws.
  const soloPlans = solos.length;
  const soloStrat = solos.filter((s) => s.stratified).length;
  const planTerms = options.map((o) => {
    const replaced = solos.filter((s) => s.industry === o.industry && o.departments.includes(s.department));
    const stratDelta = (o.stratified ? 1 : 0) - replaced.filter((s) => s.stratified).length;
    const plansDelta = 1 - replaced.length;
    return term(stratDelta - t.plannedByClass * plansDelta, y(o));
  });
  rows.push(` planned_class: ${sum(planTerms)}${slack('planned_class')} >= ${num(t.plannedByClass * soloPlans - soloStrat)}`);

  const bounds = [' zero = 0'];
  const generals: string[] = [];
  const binaries: string[] = [];
  for (const o of options) {
    binaries.push(y(o));
    for (const c of RISK_CLASSES) {
      if (o.pool[c] === 0) continue;
      bounds.push(` 0 <= ${x(o, c)} <= ${o.pool[c]}`);
      generals.push(x(o, c));
    }
  }
  const lp = [
    'Minimize',
    ` obj: ${objective}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ...(generals.length ? ['Generals', ...chunk(generals)] : []),
    ...(binaries.length ? ['Binaries', ...chunk(binaries)] : []),
    'End',
    '',
  ].join('\n');
  return { lp, options, solos, soloVisits };
}

const chunk = (names: string[]) => {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 10) out.push(' ' + names.slice(i, i + 10).join(' '));
  return out;
};

// ---------------------------------------------------------------------------------------------
// Evaluating a choice (the solver's, or a baseline's) with the same rules.

export interface ChosenPlan {
  option: JointOption;
  quotas: Record<RiskClass, number>;
}

export interface Evaluation {
  visits: number;
  inspectorDays: number;
  jointInspections: number;
  departmentInspections: number;
  jointVisits: number;
  jointShareByCount: number;
  jointShareByBusinesses: number;
  plannedByClassShare: number;
  met: { jointShareByCount: boolean; jointShareByBusinesses: boolean; plannedByClass: boolean; capacity: boolean };
  byDepartment: { department: string; inspectorVisits: number; inspectorDays: number; capacityDays: number }[];
  solos: SoloDraw[];
}

const EPS = 1e-9;

export function evaluate(data: ModelData, chosen: ChosenPlan[], enumerated = enumerate(data)): Evaluation {
  const joinedPairs = new Set(chosen.flatMap((p) => p.option.departments.map((d) => `${p.option.industry}|${d}`)));
  const solos = enumerated.solos.filter((s) => !joinedPairs.has(`${s.industry}|${s.department}`));
  const soloVisits = solos.reduce((s, d) => s + d.visits, 0);
  const jointVisits = chosen.reduce((s, p) => s + RISK_CLASSES.reduce((a, c) => a + p.quotas[c], 0), 0);
  const jointInspections = chosen.reduce((s, p) => s + p.option.departments.length * RISK_CLASSES.reduce((a, c) => a + p.quotas[c], 0), 0);
  const byDepartment = data.departments.map((d) => {
    const visits =
      solos.filter((s) => s.department === d.code).reduce((s, x) => s + x.visits * x.perVisit, 0) +
      chosen.reduce((s, p) => s + (p.option.perVisit.get(d.code) ?? 0) * RISK_CLASSES.reduce((a, c) => a + p.quotas[c], 0), 0);
    return { department: d.code, inspectorVisits: visits, inspectorDays: visits / d.visitsPerDay, capacityDays: d.capacity / d.visitsPerDay };
  });
  const plans = chosen.length + solos.length;
  const stratified = chosen.filter((p) => p.option.stratified).length + solos.filter((s) => s.stratified).length;
  const departmentInspections = jointInspections + soloVisits;
  const visits = jointVisits + soloVisits;
  const f = {
    jointShareByCount: departmentInspections ? jointInspections / departmentInspections : 0,
    jointShareByBusinesses: visits ? jointVisits / visits : 0,
    plannedByClassShare: plans ? stratified / plans : 1,
  };
  return {
    visits,
    inspectorDays: byDepartment.reduce((s, d) => s + d.inspectorDays, 0),
    jointInspections,
    departmentInspections,
    jointVisits,
    ...f,
    met: {
      jointShareByCount: f.jointShareByCount + EPS >= data.targets.jointShareByCount,
      jointShareByBusinesses: f.jointShareByBusinesses + EPS >= data.targets.jointShareByBusinesses,
      plannedByClass: f.plannedByClassShare + EPS >= data.targets.plannedByClass,
      capacity: byDepartment.every((d, i) => d.inspectorVisits <= data.departments[i].capacity + EPS),
    },
    byDepartment,
    solos,
  };
}

/** A plan's ratio for a class in basis points: the smallest ratio whose quota is the plan's. */
export function ratioOf(p: ChosenPlan, c: RiskClass): number {
  const n = p.option.pool[c];
  if (n === 0) return p.option.minRatios[c];
  if (p.quotas[c] === p.option.minQuota[c]) return p.option.minRatios[c];
  return Math.ceil((p.quotas[c] * 10000) / n - 1e-9);
}

/** Baseline: every department draws alone. */
export const aloneBaseline = (): ChosenPlan[] => [];

/** Baseline: join whenever two departments share an industry (all joinable departments, minimum quotas). */
export function greedyBaseline(data: ModelData, enumerated = enumerate(data)): ChosenPlan[] {
  const best = new Map<number, JointOption>();
  for (const o of enumerated.options) {
    const cur = best.get(o.industry);
    if (!cur || o.departments.length > cur.departments.length) best.set(o.industry, o);
  }
  return [...best.values()].map((option) => ({ option, quotas: { ...option.minQuota } }));
}
