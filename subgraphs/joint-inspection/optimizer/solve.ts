import highsPackage from 'highs';
import { RISK_CLASSES, type RiskClass } from '../../../shared/domain/draw.js';
import {
  buildModel,
  evaluate,
  ratioOf,
  TARGET_OF,
  type ChosenPlan,
  type Evaluation,
  type ModelData,
  type TargetRow,
  type Targets,
} from './model.js';

/**
 * Solves the plan optimizer's model (model.ts) with HiGHS (the `highs` package, HiGHS compiled to
 * WebAssembly; single-threaded, synchronous while it runs), and explains the answer by solving
 * again: without each constraint (does it bind?), with each target five points higher (what
 * would it cost?), and, when there is no plan, the relaxation with slack on every capacity and
 * target (who lacks how much). docs/optimizer.md.
 */

// The package's types declare an ES default export on a CommonJS package; at run time the ESM
// build is the loader itself: take whichever is the function.
const loadHighs = ((highsPackage as unknown as { default?: unknown }).default ?? highsPackage) as typeof highsPackage.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
const highs = () => (highsPromise ??= loadHighs());

export interface SolveOptions {
  /** Wall-clock limit of one solve, seconds (default 10). */
  timeLimitSeconds?: number;
  /** Relative MIP gap at which HiGHS stops (default 0.0001). */
  mipRelGap?: number;
}

export interface LpSolution {
  status: 'optimal' | 'time-limit' | 'infeasible' | 'other';
  /** HiGHS's own words for the status, when it is not optimal. */
  highsStatus: string;
  objective: number;
  /** Relative gap between the best plan and the bound; 0 when proved optimal. */
  mipGap: number;
  values: Map<string, number>;
  millis: number;
}

export async function solveLp(lp: string, opts: SolveOptions = {}): Promise<LpSolution> {
  const h = await highs();
  const started = performance.now();
  const model = h.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({ output_flag: false, time_limit: opts.timeLimitSeconds ?? 10, mip_rel_gap: opts.mipRelGap ?? 1e-4 });
    model.run();
    const code = model.getModelStatus();
    const s = h.constants.modelStatus;
    const status = code === s.optimal ? 'optimal' : code === s.timeLimit ? 'time-limit' : code === s.infeasible || code === s.unboundedOrInfeasible ? 'infeasible' : 'other';
    const values = new Map<string, number>();
    let objective = NaN;
    let mipGap = NaN;
    if (status === 'optimal' || status === 'time-limit') {
      const sol = model.getSolution();
      sol.colValue.forEach((v: number, i: number) => values.set(model.getColName(i), v));
      objective = model.getObjectiveValue();
      const gap = Number(model.info.get('mip_gap'));
      mipGap = Number.isFinite(gap) ? Math.max(0, gap) : 0;
    }
    const names = Object.entries(s).find(([, v]) => v === code)?.[0] ?? String(code);
    return { status, highsStatus: names, objective, mipGap, values, millis: performance.now() - started };
  } finally {
    model.dispose();
  }
}

export interface ProposedPlan {
  industryCode: string;
  /** Initiating department first. */
  departments: string[];
  initiatingDepartment: string;
  itemCodes: string[];
  poolByClass: Record<RiskClass, number>;
  quotas: Record<RiskClass, number>;
  /** Ratios per class in basis points (the items' combined minimum unless the model raised it). */
  ratios: Record<RiskClass, number>;
  minRatios: Record<RiskClass, number>;
  visits: number;
  /** Visits the departments would have made alone in this industry. */
  replacedVisits: number;
}

export interface Bound {
  /** `capacity:<department>`, a target (`jointShareByCount`, `jointShareByBusinesses`, `plannedByClass`) or `allTargets` (the three together). */
  constraint: string;
  /** Visits without that constraint (fewer than the plan's: it binds). */
  visitsWithout: number | null;
}

export interface TargetCost {
  target: keyof Targets;
  raisedTo: number;
  /** Visits of the best plan with the raised target; null when none exists. */
  visits: number | null;
  extraVisits: number | null;
  extraInspectorDays: number | null;
}

export interface Shortfall {
  /** `capacity:<department>` or a target name. */
  constraint: string;
  department?: string;
  /** Inspector-days the department lacks (capacity), or department inspections / plans the target lacks. */
  lacking: number;
  unit: 'inspector-days' | 'inspections' | 'businesses' | 'plans';
}

export interface Proposal {
  status: 'optimal' | 'time-limit' | 'infeasible';
  plans: ProposedPlan[];
  evaluation: Evaluation | null;
  mipGap: number | null;
  solveMillis: number;
  binding: Bound[];
  costs: TargetCost[];
  shortfalls: Shortfall[];
  /** The phase-1 model, for anyone who wants to solve it elsewhere. */
  lp: string;
  variables: number;
}

const round = (v: number) => Math.round(v);

/** Phase 1 (fewest visits) then phase 2 (fewest inspector-days at those visits); the chosen plans. */
async function solveTwice(data: ModelData, opts: SolveOptions) {
  const built = buildModel(data);
  const first = await solveLp(built.lp, opts);
  if (first.status !== 'optimal' && first.status !== 'time-limit') return { built, first, chosen: null as ChosenPlan[] | null, millis: first.millis, mipGap: NaN };
  const visits = round(first.objective) + built.soloVisits;
  const second = await solveLp(buildModel(data, { visitsAtMost: visits }).lp, opts);
  const best = second.status === 'optimal' || second.status === 'time-limit' ? second : first;
  const chosen: ChosenPlan[] = built.options
    .filter((o) => (best.values.get(`y_${o.name}`) ?? 0) > 0.5)
    .map((option) => ({ option, quotas: Object.fromEntries(RISK_CLASSES.map((c) => [c, round(best.values.get(`x_${option.name}_${c}`) ?? 0)])) as Record<RiskClass, number> }));
  return { built, first, chosen, millis: first.millis + second.millis, mipGap: Math.max(first.mipGap, second.status === 'optimal' || second.status === 'time-limit' ? second.mipGap : 0) };
}

async function visitsOf(data: ModelData, opts: SolveOptions): Promise<{ visits: number; inspectorDays: number } | null> {
  const r = await solveTwice(data, opts);
  if (!r.chosen) return null;
  const e = evaluate(data, r.chosen);
  return { visits: e.visits, inspectorDays: e.inspectorDays };
}

const TARGET_UNITS: Record<TargetRow, Shortfall['unit']> = { share_count: 'inspections', share_business: 'businesses', planned_class: 'plans' };

export async function propose(data: ModelData, opts: SolveOptions & { explain?: boolean } = {}): Promise<Proposal> {
  const started = performance.now();
  const main = await solveTwice(data, opts);
  const variables = main.built.options.length * 5;
  if (!main.chosen) {
    // No plan meets everything: the relaxation says who lacks how much.
    const relaxed = await solveLp(buildModel(data, { relax: true }).lp, opts);
    const shortfalls: Shortfall[] = [];
    if (relaxed.status === 'optimal' || relaxed.status === 'time-limit') {
      data.departments.forEach((d, i) => {
        const v = relaxed.values.get(`slack_cap_${i}`) ?? 0;
        if (v > 1e-6) shortfalls.push({ constraint: `capacity:${d.code}`, department: d.code, lacking: Math.ceil(v * 100 - 1e-6) / 100, unit: 'inspector-days' });
      });
      for (const r of Object.keys(TARGET_OF) as TargetRow[]) {
        const v = relaxed.values.get(`slack_${r}`) ?? 0;
        if (v > 1e-6) shortfalls.push({ constraint: TARGET_OF[r], lacking: Math.ceil(v * 100 - 1e-6) / 100, unit: TARGET_UNITS[r] });
      }
    }
    return { status: 'infeasible', plans: [], evaluation: null, mipGap: null, solveMillis: performance.now() - started, binding: [], costs: [], shortfalls, lp: main.built.lp, variables };
  }
  const evaluation = evaluate(data, main.chosen);
  const plans: ProposedPlan[] = main.chosen.map(({ option, quotas }) => {
    const industry = data.industries[option.industry];
    return {
      industryCode: industry.code,
      departments: option.departments,
      initiatingDepartment: option.initiating,
      itemCodes: industry.demands.filter((d) => option.departments.includes(d.department)).flatMap((d) => d.itemCodes).sort(),
      poolByClass: option.pool,
      quotas,
      ratios: Object.fromEntries(RISK_CLASSES.map((c) => [c, ratioOf({ option, quotas }, c)])) as Record<RiskClass, number>,
      minRatios: option.minRatios,
      visits: RISK_CLASSES.reduce((s, c) => s + quotas[c], 0),
      replacedVisits: option.replacedSolo,
    };
  });
  plans.sort((a, b) => (a.industryCode < b.industryCode ? -1 : a.industryCode > b.industryCode ? 1 : 0));
  const binding: Bound[] = [];
  const costs: TargetCost[] = [];
  if (opts.explain !== false) {
    // A constraint binds when the best plan without it makes fewer visits.
    for (const r of Object.keys(TARGET_OF) as TargetRow[]) {
      const key = TARGET_OF[r];
      const without = await visitsOf({ ...data, targets: { ...data.targets, [key]: 0 } }, opts);
      if (without && without.visits < evaluation.visits) binding.push({ constraint: key, visitsWithout: without.visits });
    }
    for (const d of data.departments) {
      const without = await visitsOf({ ...data, departments: data.departments.map((x) => (x.code === d.code ? { ...x, capacity: 1e9 } : x)) }, opts);
      if (without && without.visits < evaluation.visits) binding.push({ constraint: `capacity:${d.code}`, visitsWithout: without.visits });
    }
    // Targets may bind only together (each one alone forcing the same plans): all three dropped.
    const free = await visitsOf({ ...data, targets: { jointShareByCount: 0, jointShareByBusinesses: 0, plannedByClass: 0 } }, opts);
    if (free && free.visits < evaluation.visits) binding.push({ constraint: 'allTargets', visitsWithout: free.visits });
    // What five points more of each target would cost: solved again.
    for (const key of Object.values(TARGET_OF)) {
      const raisedTo = Math.round((data.targets[key] + 0.05) * 1000) / 1000;
      if (raisedTo > 1) continue;
      const r = await visitsOf({ ...data, targets: { ...data.targets, [key]: raisedTo } }, opts);
      costs.push({
        target: key,
        raisedTo,
        visits: r?.visits ?? null,
        extraVisits: r ? r.visits - evaluation.visits : null,
        extraInspectorDays: r ? Math.round((r.inspectorDays - evaluation.inspectorDays) * 100) / 100 : null,
      });
    }
  }
  return {
    status: main.first.status === 'optimal' ? 'optimal' : 'time-limit',
    plans,
    evaluation,
    mipGap: main.mipGap,
    solveMillis: performance.now() - started,
    binding,
    costs,
    shortfalls: [],
    lp: main.built.lp,
    variables,
  };
}

