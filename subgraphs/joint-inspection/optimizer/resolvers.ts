import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { INDUSTRIES } from '../../../shared/domain/industries.js';
import { findDepartment } from '../../../shared/domain/departments.js';
import { SamplingRatios } from '../../../shared/inspection/ratios.js';
import { Department } from '../../../shared/platform/enums.js';
import { DateTimeScalar } from '../../../shared/platform/scalars.js';
import { JointPlanProposalStatus, ProposalSolveStatus } from '../enums.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { JointPlanView, planView } from '../plans/resolvers.js';
import type { Evaluation } from './model.js';
import type { JointPlanProposalRow } from './entities.js';
import { acceptProposal, proposeJointPlans, type StoredAnswer } from './service.js';

/**
 * GraphQL of the plan optimizer (docs/optimizer.md): a coordinator of the double-random office asks
 * for a proposal (`proposeJointPlans`, stored with its inputs) and accepts it
 * (`acceptJointPlanProposal`: the joint plans, open, in one transaction). Policy: `plan:commit`.
 */

@InputType('DepartmentCapacityInput', { description: "A department's capacity, when not its directory's: inspectors × working days × visits a day." })
export class DepartmentCapacityInput {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => Int, { nullable: true, description: 'Active inspectors to count (default: the active inspectors of its directory).' }) activeInspectors?: number | null;
  @Field(() => Float, { nullable: true, description: 'Visits one inspector makes on an inspection day (default: the input\'s visitsPerDay).' }) visitsPerDay?: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of working days on random inspections, 0–1 (default: the input\'s inspectionDayShare).' }) inspectionDayShare?: number | null;
}

@InputType('ProposeJointPlansInput', { description: 'What the plan optimizer is asked: a quarter, targets and capacities.' })
export class ProposeJointPlansInput {
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q3.' }) period!: string;
  @Field(() => String, { nullable: true, description: 'A township code; the whole county when omitted.' }) regionCode?: string | null;
  @Field(() => [String], { nullable: true, description: 'Only these GB/T 4754-2017 industries; every industry with claimed items when omitted.' }) industryCodes?: string[] | null;
  @Field(() => Float, { nullable: true, description: 'Joint share by count to meet, 0–1 (default 0.45).' }) jointShareByCount?: number | null;
  @Field(() => Float, { nullable: true, description: 'Joint share by businesses to meet, 0–1 (default 0.30).' }) jointShareByBusinesses?: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of plans drawn by credit-risk class, 0–1 (default 0.90).' }) plannedByClassShare?: number | null;
  @Field(() => Float, { nullable: true, description: 'Visits one inspector makes on a day of random inspections (default 2).' }) visitsPerDay?: number | null;
  @Field(() => Float, { nullable: true, description: "Share of an inspector's working days that goes to random inspections, 0–1 (default 0.5)." }) inspectionDayShare?: number | null;
  @Field(() => [DepartmentCapacityInput], { nullable: true, description: 'Capacities that differ from the directories.' }) capacities?: DepartmentCapacityInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Wall-clock limit of each solve, seconds (default 10, at most 60).' }) timeLimitSeconds?: number | null;
}

@ObjectType('ClassCounts', { description: 'A count per credit-risk class.' })
export class ClassCounts {
  @Field(() => Int, { description: 'Class A (low risk).' }) A!: number;
  @Field(() => Int, { description: 'Class B (medium risk).' }) B!: number;
  @Field(() => Int, { description: 'Class C (higher risk).' }) C!: number;
  @Field(() => Int, { description: 'Class D (high risk).' }) D!: number;
}

@ObjectType('ProposedJointPlan', { description: 'One joint plan of a proposal: an industry, the departments that join, the quota per class.' })
export class ProposedJointPlanView {
  @Field(() => String, { description: 'GB/T 4754-2017 industry code.' }) industryCode!: string;
  @Field(() => String, { description: 'Its name (中文).' }) industryName!: string;
  @Field(() => Department, { description: 'The department that leads (the one that would draw the most alone).' }) initiatingDepartment!: string;
  @Field(() => [Department], { description: 'Every joining department, the initiating one first.' }) departments!: string[];
  @Field(() => [String], { description: "The departments' claimed items for the industry." }) itemCodes!: string[];
  @Field(() => ClassCounts, { description: 'Businesses in the merged pool, per class.' }) poolByClass!: ClassCounts;
  @Field(() => ClassCounts, { description: 'Businesses to draw, per class.' }) quotas!: ClassCounts;
  @Field(() => SamplingRatios, { description: 'Ratios per class (the items\' combined minimum unless the model raised one).' }) ratios!: SamplingRatios;
  @Field(() => SamplingRatios, { description: "The items' combined minimum ratios." }) minRatios!: SamplingRatios;
  @Field(() => Int, { description: 'Joint visits.' }) visits!: number;
  @Field(() => Int, { description: 'Visits these departments would make alone in the industry.' }) replacedVisits!: number;
}

@ObjectType('ProposalFigures', { description: "The county's figures under a plan (the proposal's or a baseline's), computed by the model's rules." })
export class ProposalFigures {
  @Field(() => Int, { description: 'Visits to businesses (joint visits count once).' }) visits!: number;
  @Field(() => Float, { description: 'Inspector-days, all departments.' }) inspectorDaysUsed!: number;
  @Field(() => Int, { description: 'Visits of joint plans.' }) jointVisits!: number;
  @Field(() => Int, { description: 'Department inspections in joint visits (a visit of three departments counts three).' }) jointInspections!: number;
  @Field(() => Int, { description: 'Department inspections, joint and alone.' }) departmentInspections!: number;
  @Field(() => Float, { description: 'Department inspections in joint visits ÷ all (target ≥ 0.45).' }) jointShareByCount!: number;
  @Field(() => Float, { description: 'Businesses visited jointly ÷ businesses visited (target ≥ 0.30).' }) jointShareByBusinesses!: number;
  @Field(() => Float, { description: 'Plans drawn with ratios that differ by class ÷ all plans (target ≥ 0.90).' }) plannedByClassShare!: number;
  @Field(() => Boolean, { description: 'The joint share by count meets its target.' }) jointShareByCountMet!: boolean;
  @Field(() => Boolean, { description: 'The joint share by businesses meets its target.' }) jointShareByBusinessesMet!: boolean;
  @Field(() => Boolean, { description: 'The share planned by class meets its target.' }) plannedByClassMet!: boolean;
  @Field(() => Boolean, { description: "Every department within its inspector-days." }) capacityMet!: boolean;
}

@ObjectType('ProposalBaseline', { description: 'A rule to compare with: every department alone, or joining whenever two departments share an industry.' })
export class ProposalBaseline {
  @Field(() => String, { description: '`alone` or `greedy`.' }) name!: string;
  @Field(() => ProposalFigures, { description: 'Its figures on the same data.' }) figures!: ProposalFigures;
}

@ObjectType('ProposalDepartment', { description: "A department's capacity and what the proposal asks of it." })
export class ProposalDepartment {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => Int, { description: 'Active inspectors counted.' }) activeInspectors!: number;
  @Field(() => Float, { description: 'Visits one inspector makes on an inspection day.' }) visitsPerDay!: number;
  @Field(() => Float, { description: 'Share of working days on random inspections.' }) inspectionDayShare!: number;
  @Field(() => Float, { description: 'Inspector-days for random inspections: active inspectors × working days × inspectionDayShare.' }) inspectorDaysAvailable!: number;
  @Field(() => Float, { nullable: true, description: 'Inspector-days the proposal takes; null when infeasible.' }) inspectorDaysUsed?: number | null;
}

@ObjectType('ProposalBound', { description: 'A constraint that binds: without it the best plan makes fewer visits.' })
export class ProposalBound {
  @Field(() => String, { description: '`capacity:<department>`, `jointShareByCount`, `jointShareByBusinesses`, `plannedByClass` or `allTargets`.' }) constraint!: string;
  @Field(() => Int, { nullable: true, description: 'Fewest visits without it.' }) visitsWithout?: number | null;
}

@ObjectType('ProposalTargetCost', { description: 'What a target five points higher would cost, solved again.' })
export class ProposalTargetCost {
  @Field(() => String, { description: '`jointShareByCount`, `jointShareByBusinesses` or `plannedByClass`.' }) target!: string;
  @Field(() => Float, { description: 'The target, five points higher.' }) raisedTo!: number;
  @Field(() => Int, { nullable: true, description: 'Visits of the best plan; null when none meets it.' }) visits?: number | null;
  @Field(() => Int, { nullable: true, description: 'Visits more than the proposal.' }) extraVisits?: number | null;
  @Field(() => Float, { nullable: true, description: 'Inspector-days more than the proposal.' }) extraInspectorDaysNeeded?: number | null;
}

@ObjectType('ProposalShortfall', { description: 'Why there is no plan: what a department or a target lacks (the relaxation with slack variables).' })
export class ProposalShortfall {
  @Field(() => String, { description: '`capacity:<department>` or a target.' }) constraint!: string;
  @Field(() => Department, { nullable: true, description: 'The department that lacks capacity, for a capacity.' }) department?: string | null;
  @Field(() => Float, { description: 'How much is lacking, in `unit`.' }) lacking!: number;
  @Field(() => String, { description: '`inspector-days`, `inspections`, `businesses` or `plans`.' }) unit!: string;
}

@ObjectType('JointPlanProposal', { description: "The plan optimizer's proposal (docs/optimizer.md): joint plans, figures, and why." })
export class JointPlanProposalView {
  @Field(() => String, { description: 'e.g. OPT-2026Q3-0001.' }) id!: string;
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q3.' }) period!: string;
  @Field(() => String, { nullable: true, description: 'A township, or null for the whole county.' }) regionCode?: string | null;
  @Field(() => JointPlanProposalStatus, { description: 'Where it stands.' }) status!: string;
  @Field(() => ProposalSolveStatus, { description: 'How HiGHS ended.' }) solveStatus!: string;
  @Field(() => Float, { nullable: true, description: 'Relative MIP gap of the answer (0 when proved optimal).' }) mipGap?: number | null;
  @Field(() => Int, { description: 'Milliseconds of solving, explanation included.' }) solveMillis!: number;
  @Field(() => Int, { description: 'Working days of the quarter.' }) workingDays!: number;
  @Field(() => [ProposedJointPlanView], { description: 'The joint plans, by industry.' }) plans!: ProposedJointPlanView[];
  @Field(() => ProposalFigures, { nullable: true, description: 'Null when infeasible.' }) figures?: ProposalFigures | null;
  @Field(() => [ProposalBaseline], { description: 'Every department alone, and the greedy rule, on the same data.' }) baselines!: ProposalBaseline[];
  @Field(() => [ProposalDepartment], { description: 'Capacity and use per department.' }) departments!: ProposalDepartment[];
  @Field(() => [ProposalBound], { description: 'Constraints that bind (solved again without each).' }) binding!: ProposalBound[];
  @Field(() => [ProposalTargetCost], { description: 'What each target five points higher would cost (solved again).' }) costs!: ProposalTargetCost[];
  @Field(() => [ProposalShortfall], { description: 'When infeasible: what lacks, from the relaxation with slack variables.' }) shortfalls!: ProposalShortfall[];
  @Field(() => [String], { description: 'The answer in sentences, Chinese / English.' }) explanation!: string[];
  @Field(() => [String], { description: "Joinable items that stay alone: the office's annual plan in force does not list them." }) notInOfficePlan!: string[];
  @Field(() => [String], { description: 'Joint plans created when it was accepted.' }) acceptedPlanIds!: string[];
  @Field(() => DateTimeScalar, { description: 'When it was proposed.' }) createdAt!: string;
  @Field(() => String, { description: "The model's inputs as JSON (model.ts ModelData), to check or solve again elsewhere." }) modelInputs!: string;
}

@ObjectType('JointPlanProposalAcceptance', { description: 'An accepted proposal and the joint plans it created (open: departments join, the office commits and draws as usual).' })
export class JointPlanProposalAcceptance {
  @Field(() => JointPlanProposalView, { description: 'The proposal, now accepted.' }) proposal!: JointPlanProposalView;
  @Field(() => [JointPlanView], { description: 'The joint plans created, open.' }) jointPlans!: JointPlanView[];
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const TARGET_NAMES: Record<string, { zh: string; en: string }> = {
  jointShareByCount: { zh: '联合检查占比（按次数）', en: 'joint share by count' },
  jointShareByBusinesses: { zh: '联合检查占比（按企业）', en: 'joint share by businesses' },
  plannedByClass: { zh: '按信用风险分类抽查占比', en: 'planned by credit-risk class' },
  allTargets: { zh: '三项考核指标合在一起', en: 'the three targets together' },
};
const constraintName = (c: string) =>
  c.startsWith('capacity:') ? { zh: `${findDepartment(c.slice(9))?.nameZh ?? c.slice(9)}的检查人日`, en: `the inspector-days of ${c.slice(9)}` } : TARGET_NAMES[c] ?? { zh: c, en: c };

function figures(e: Evaluation): ProposalFigures {
  return {
    visits: e.visits,
    inspectorDaysUsed: Math.round(e.inspectorDays * 100) / 100,
    jointVisits: e.jointVisits,
    jointInspections: e.jointInspections,
    departmentInspections: e.departmentInspections,
    jointShareByCount: e.jointShareByCount,
    jointShareByBusinesses: e.jointShareByBusinesses,
    plannedByClassShare: e.plannedByClassShare,
    jointShareByCountMet: e.met.jointShareByCount,
    jointShareByBusinessesMet: e.met.jointShareByBusinesses,
    plannedByClassMet: e.met.plannedByClass,
    capacityMet: e.met.capacity,
  };
}

/** The answer in sentences a coordinator reads, Chinese / English. */
export function explain(a: StoredAnswer): string[] {
  const out: string[] = [];
  if (a.notInOfficePlan.length) {
    out.push(`事项${a.notInOfficePlan.join('、')}不在双随机办公室公布的年度抽查计划中，只能单独抽查。/ Items ${a.notInOfficePlan.join(', ')} are not in the office's annual plan in force: they can only be drawn alone.`);
  }
  if (a.status === 'infeasible') {
    out.push('在现有能力和目标下没有可行方案。/ No plan meets every target within the departments\' capacity.');
    for (const s of a.shortfalls) {
      if (s.department) out.push(`${findDepartment(s.department)?.nameZh ?? s.department}缺少${s.lacking}个检查人日。/ ${s.department} lacks ${s.lacking} inspector-days.`);
      else out.push(`即使能力不限，${TARGET_NAMES[s.constraint]?.zh ?? s.constraint}仍差${s.lacking}（${s.unit}）。/ Even so, ${TARGET_NAMES[s.constraint]?.en ?? s.constraint} lacks ${s.lacking} ${s.unit}.`);
    }
    return out;
  }
  const e = a.evaluation!;
  out.push(
    `建议${a.plans.length}个联合抽查计划：共${e.visits}次检查、${Math.round(e.inspectorDays * 10) / 10}人日；各部门单独抽查需${a.baselines.alone.visits}次，凡有共同行业即联合需${a.baselines.greedy.visits}次。` +
      ` / ${a.plans.length} joint plans: ${e.visits} visits, ${Math.round(e.inspectorDays * 10) / 10} inspector-days; alone ${a.baselines.alone.visits} visits, joining whenever two departments share an industry ${a.baselines.greedy.visits}.`,
  );
  out.push(
    `联合检查占比（按次数）${pct(e.jointShareByCount)}，（按企业）${pct(e.jointShareByBusinesses)}，按信用风险分类抽查${pct(e.plannedByClassShare)}。` +
      ` / Joint share by count ${pct(e.jointShareByCount)}, by businesses ${pct(e.jointShareByBusinesses)}, planned by class ${pct(e.plannedByClassShare)}.`,
  );
  if (a.status === 'time-limit') out.push(`求解达到时限，方案与最优的相对差距不超过${pct(a.mipGap ?? 0)}。/ The solve hit its time limit: within ${pct(a.mipGap ?? 0)} of the optimum.`);
  if (!a.binding.length) out.push('没有约束起作用：这已是不受目标和能力限制时的最少检查次数。/ No constraint binds: these are the fewest visits even without the targets and capacities.');
  for (const b of a.binding) {
    const n = constraintName(b.constraint);
    out.push(`${n.zh}起约束作用：去掉它最少只需${b.visitsWithout}次检查。/ ${n.en} binds: without it ${b.visitsWithout} visits would do.`);
  }
  for (const c of a.costs) {
    const n = TARGET_NAMES[c.target];
    if (c.visits === null) out.push(`${n.zh}提高到${pct(c.raisedTo)}：没有可行方案。/ ${n.en} at ${pct(c.raisedTo)}: no plan meets it.`);
    else out.push(`${n.zh}提高到${pct(c.raisedTo)}：多需${c.extraVisits}次检查、${c.extraInspectorDays}人日。/ ${n.en} at ${pct(c.raisedTo)}: ${c.extraVisits} more visits, ${c.extraInspectorDays} more inspector-days.`);
  }
  return out;
}

export function proposalView(row: JointPlanProposalRow): JointPlanProposalView {
  const a = row.answer as StoredAnswer;
  const used = new Map((a.evaluation?.byDepartment ?? []).map((d) => [d.department, d]));
  return {
    id: row.id,
    period: row.period,
    regionCode: row.regionCode ?? null,
    status: row.status,
    solveStatus: a.status,
    mipGap: a.mipGap,
    solveMillis: Math.round(a.solveMillis),
    workingDays: a.workingDays,
    plans: a.plans.map((p) => ({ ...p, industryName: INDUSTRIES[p.industryCode]?.nameZh ?? p.industryCode })),
    figures: a.evaluation ? figures(a.evaluation) : null,
    baselines: [
      { name: 'alone', figures: figures(a.baselines.alone) },
      { name: 'greedy', figures: figures(a.baselines.greedy) },
    ],
    departments: a.departments.map((d) => ({
      ...d,
      inspectorDaysAvailable: Math.round(d.activeInspectors * a.workingDays * d.inspectionDayShare * 100) / 100,
      inspectorDaysUsed: used.has(d.department) ? Math.round(used.get(d.department)!.inspectorDays * 100) / 100 : null,
    })),
    binding: a.binding,
    costs: a.costs.map(({ extraInspectorDays, ...c }) => ({ ...c, extraInspectorDaysNeeded: extraInspectorDays })),
    shortfalls: a.shortfalls.map((s) => ({ ...s, department: s.department ?? null })),
    explanation: explain(a),
    notInOfficePlan: a.notInOfficePlan,
    acceptedPlanIds: [...row.acceptedPlanIds],
    createdAt: new Date(row.createdAt).toISOString(),
    modelInputs: JSON.stringify(row.inputs),
  };
}

@Resolver()
export class JointPlanProposalResolver {
  @Mutation(() => JointPlanProposalView, {
    description:
      'The plan optimizer (double-random office coordinators): which industries to plan jointly, with which departments and quotas, to meet the targets ' +
      'with the fewest visits within each department\'s inspector-days; a mixed-integer program solved by HiGHS, explained, stored (docs/optimizer.md).',
  })
  async proposeJointPlans(@Arg('input', () => ProposeJointPlansInput, { description: 'The quarter, targets and capacities.' }) input: ProposeJointPlansInput, @Ctx() ctx: SubgraphContext): Promise<JointPlanProposalView> {
    return proposalView(await proposeJointPlans(ctx, input));
  }

  @Mutation(() => JointPlanProposalAcceptance, {
    description: "Accepts a proposal (coordinators): its joint plans are created open, in one transaction, as createJointPlan would; they change like any open plan.",
  })
  async acceptJointPlanProposal(@Arg('proposalId', () => String, { description: 'e.g. OPT-2026Q3-0001.' }) proposalId: string, @Ctx() ctx: SubgraphContext): Promise<JointPlanProposalAcceptance> {
    const { proposal, plans } = await acceptProposal(ctx, proposalId);
    return { proposal: proposalView(proposal), jointPlans: plans.map(planView) };
  }
}
