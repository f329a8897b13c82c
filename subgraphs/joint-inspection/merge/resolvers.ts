import { Arg, Authorized, Ctx, Field, FieldResolver, Float, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput, userError } from '../../../shared/platform/errors.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { remoteRegister } from '../../../shared/department/register.js';
import { TARGETS, type MergeResult, type Visit } from './rules.js';
import { JointMergeRow, JointVisitRow, MergeDecisionRow } from './entities.js';
import * as clock from '../../../shared/platform/clock.js';
import { Department } from '../../../shared/platform/enums.js';
import { MergeOutcome, MergeRule, VisitKind } from '../enums.js';
import { gatherAndMerge } from './service.js';

/** The joint merge's GraphQL: the merge of a quarter, its figures and decisions, finalizing it. */

@ObjectType('MergeFigures', { description: 'Computed from stored plans, never typed in. Shares are fractions 0..1.' })
export class MergeFiguresView {
  @Field(() => Int, { description: 'Visits if every department went alone (one per planned inspection).' }) visitsBefore!: number;
  @Field(() => Int, { description: 'Visits after merging.' }) visitsAfter!: number;
  @Field(() => Int, { description: 'visitsBefore − visitsAfter.' }) visitsAvoided!: number;
  @Field(() => Int, { description: 'Visits carrying several departments.' }) jointVisits!: number;
  @Field(() => Int, { description: 'Department inspections after merging (a joint visit of three counts three).' }) inspections!: number;
  @Field(() => Int, { description: 'Department inspections carried by joint visits.' }) jointInspections!: number;
  @Field(() => Float, { description: 'Joint department inspections ÷ all (target ≥ 0.45).' }) jointShareByCount!: number;
  @Field(() => Boolean, { description: 'jointShareByCount reaches its target.' }) jointShareByCountMet!: boolean;
  @Field(() => Int, { description: 'Businesses with a visit.' }) businessesInspected!: number;
  @Field(() => Int, { description: 'Businesses with a joint visit.' }) businessesInspectedJointly!: number;
  @Field(() => Float, { description: 'Businesses visited jointly ÷ businesses visited (target ≥ 0.30).' }) jointShareByBusinesses!: number;
  @Field(() => Boolean, { description: 'jointShareByBusinesses reaches its target.' }) jointShareByBusinessesMet!: boolean;
  @Field(() => Int, { description: 'Repeat inspections removed.' }) removedRepeats!: number;
  @Field(() => Int, { description: 'Repeat inspections kept because exempt.' }) exemptionsKept!: number;
  @Field(() => Int, { description: 'Inspection tasks of the period.' }) tasks!: number;
  @Field(() => Int, { description: 'Of those, drawn by credit-risk class.' }) tasksByCreditClass!: number;
  @Field(() => Float, { description: 'Tasks drawn by credit-risk class ÷ all tasks (target ≥ 0.90).' }) plannedByCreditClassShare!: number;
  @Field(() => Boolean, { description: 'plannedByCreditClassShare reaches its target.' }) plannedByCreditClassMet!: boolean;
}

@ObjectType('JointVisit', { description: 'One visit to one business, carrying every department\'s items.' })
export class JointVisitView {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => VisitKind, { description: 'Joint (several departments) or single.' }) kind!: string;
  @Field(() => [Department], { description: 'The departments on the visit, each once.' }) departments!: string[];
  @Field(() => [String], { description: 'The items it carries.' }) itemCodes!: string[];
  @Field(() => [String], { description: '`department:taskId` of the plans this visit carries.' }) taskRefs!: string[];
  @Field(() => String, { description: 'Why, in words (中文 / English).' }) why!: string;
}

@ObjectType('MergeDecision', { description: 'A repeat inspection removed, or kept because it is exempt.' })
export class MergeDecisionView {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => MergeOutcome, { description: 'Removed, or kept as exempt.' }) outcome!: string;
  @Field(() => Department, { description: 'The department whose inspection it is.' }) department!: string;
  @Field(() => String, { description: 'Its task.' }) taskId!: string;
  @Field(() => MergeRule, { description: 'The rule that makes it a repeat.' }) rule!: string;
  @Field(() => String, { nullable: true, description: 'Why it is exempt: complaint, referral or licence; null when removed.' }) exemption?: string | null;
  @Field(() => String, { description: 'Why, in words (中文 / English).' }) why!: string;
}

@ObjectType('UnansweredDepartmentInMerge', { description: 'A department that did not answer the merge.' })
export class UnansweredInMerge {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => String, { description: 'What went wrong (timeout, error).' }) reason!: string;
}

@ObjectType('DepartmentMergeFigures', { description: 'One department in the merge of a period: planned = joined + alone + removed.' })
export class DepartmentMergeFigures {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => Int, { description: 'Its inspections of the period (planned or already done).' }) planned!: number;
  @Field(() => Int, { description: 'Of those, kept and carried by a joint visit.' }) joined!: number;
  @Field(() => Int, { description: 'Of those, kept and carried by a visit of this department alone.' }) alone!: number;
  @Field(() => Int, { description: 'Removed as repeat inspections.' }) removed!: number;
  @Field(() => Int, { description: 'Kept although a repeat, because exempt (counted in joined or alone).' }) exempt!: number;
}

@ObjectType('IndustryMergeFigures', { description: 'One industry (GB/T 4754) in the merge of a period.' })
export class IndustryMergeFigures {
  @Field(() => String, { description: 'GB/T 4754-2017 industry code.' }) industryCode!: string;
  @Field(() => Int, { description: 'Businesses with a visit.' }) businesses!: number;
  @Field(() => Int, { description: 'Businesses with a joint (multi-department) visit.' }) jointVisits!: number;
  @Field(() => Int, { description: 'Businesses with a repeat inspection removed.' }) businessesWithRepeats!: number;
}

@ObjectType('JointMerge', { description: "季度合并: every department's plans of a quarter merged into visits, repeats removed." })
export class JointMergeView {
  @Field(() => String, { description: 'Quarter, written 2026-Q2.' }) period!: string;
  @Field(() => Boolean, { description: 'False when a department did not answer: the merge cannot be finalized then.' }) complete!: boolean;
  @Field(() => [UnansweredInMerge], { description: 'Departments that did not answer.' }) unansweredDepartments!: UnansweredInMerge[];
  @Field(() => Boolean, { description: 'A stored merge of these very inputs exists.' }) finalized!: boolean;
  @Field(() => Int, { nullable: true, description: 'Version of the stored merge; null when not finalized.' }) version?: number | null;
  @Field(() => String, { description: 'SHA-256 of the inputs (every plan of the period).' }) inputsHash!: string;
  @Field(() => MergeFiguresView, { description: 'The figures, over all visits.' }) figures!: MergeFiguresView;
  @Field(() => [JointVisitView], { description: 'Joint visits first, then single-department visits; at most `first`.' }) visits!: JointVisitView[];
  @Field(() => [MergeDecisionView], { description: 'Every repeat removed or kept as exempt.' }) decisions!: MergeDecisionView[];
  @Field(() => [DepartmentMergeFigures], { description: 'Figures per department.' }) byDepartment!: DepartmentMergeFigures[];
  /** The merge behind the view, for `byIndustry` (not a GraphQL field). */
  result!: MergeResult;
}

function figuresView(f: MergeResult['figures']): MergeFiguresView {
  return {
    ...f,
    jointShareByCountMet: f.jointShareByCount >= TARGETS.jointShareByCount,
    jointShareByBusinessesMet: f.jointShareByBusinesses >= TARGETS.jointShareByBusinesses,
    plannedByCreditClassMet: f.plannedByCreditClassShare >= TARGETS.plannedByCreditClass,
  };
}

function decisionsOf(result: MergeResult): MergeDecisionView[] {
  return [
    ...result.removals.map((r) => ({ ...r, outcome: 'removed', exemption: null })),
    ...result.exemptions.map((e) => ({ ...e, outcome: 'exempt' })),
  ].sort((a, b) => (a.uscc + a.department + a.taskId < b.uscc + b.department + b.taskId ? -1 : 1));
}

const byDepartment = (result: MergeResult): DepartmentMergeFigures[] => result.byDepartment.map((d) => ({ ...d }));

/** Industries come from the register (shared/department/register.ts, 10,000 businesses a call). */
async function byIndustry(ctx: SubgraphContext, result: MergeResult): Promise<IndustryMergeFigures[]> {
  const usccs = [...new Set([...result.visits.map((v) => v.uscc), ...result.removals.map((r) => r.uscc)])];
  let register;
  try {
    register = await remoteRegister(ctx, usccs);
  } catch {
    return []; // the figures above stand without the breakdown; the register is asked again next time
  }
  const industryOf = new Map([...register].map(([u, e]) => [u, e.industryCode]));
  const rows = new Map<string, IndustryMergeFigures>();
  const row = (u: string) => {
    const code = industryOf.get(u) ?? 'unknown';
    return rows.get(code) ?? rows.set(code, { industryCode: code, businesses: 0, jointVisits: 0, businessesWithRepeats: 0 }).get(code)!;
  };
  for (const v of result.visits) {
    row(v.uscc).businesses++;
    if (v.kind === 'joint') row(v.uscc).jointVisits++;
  }
  for (const u of new Set(result.removals.map((r) => r.uscc))) row(u).businessesWithRepeats++;
  return [...rows.values()].sort((a, b) => (a.industryCode < b.industryCode ? -1 : 1));
}

const visitView = (v: Visit): JointVisitView => ({ uscc: v.uscc, kind: v.kind, departments: [...v.departments], itemCodes: [...v.itemCodes], taskRefs: [...v.taskRefs], why: v.why });
const visitOrder = (a: Visit, b: Visit) => (a.kind === b.kind ? (a.uscc < b.uscc ? -1 : 1) : a.kind === 'joint' ? -1 : 1);

async function latestFinalized(ctx: SubgraphContext, period: string) {
  return ctx.em.findOne(JointMergeRow, { period }, { orderBy: { version: 'desc' } });
}

@Resolver()
export class JointMergeResolver {
  @Query(() => JointMergeView, {
    description: 'The merge of every department\'s plans for a quarter, computed now from the departments (coordinators and analysts).',
  })
  @Authorized('merge:read')
  async jointMerge(
    @Arg('period', () => String, { description: 'Quarter, written 2026-Q2.' }) period: string,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Most visits listed (figures always cover all).' }) first: number,
    @Arg('visitKind', () => VisitKind, { nullable: true, description: 'Only visits of this kind.' }) visitKind: string | undefined,
    @Arg('department', () => Department, { nullable: true, description: 'Only visits and decisions of this department.' }) department: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<JointMergeView> {
    if (first < 0 || first > 10_000) throw badInput('first', `first应在0到10000之间 / first must be between 0 and 10,000`);
    if (visitKind && visitKind !== 'joint' && visitKind !== 'single') throw badInput('visitKind', 'visitKind应为joint或single / visitKind must be joint or single');
    const gathered = await gatherAndMerge(ctx, period);
    const stored = await latestFinalized(ctx, period);
    const visits = gathered.result.visits.filter((v) => (!visitKind || v.kind === visitKind) && (!department || v.departments.includes(department)));
    return {
      period,
      complete: gathered.unanswered.length === 0,
      unansweredDepartments: gathered.unanswered,
      finalized: !!stored && stored.inputsHash === gathered.inputsHash && gathered.unanswered.length === 0,
      version: stored?.version ?? null,
      inputsHash: gathered.inputsHash,
      figures: figuresView(gathered.result.figures),
      visits: visits.sort(visitOrder).slice(0, first).map(visitView),
      decisions: decisionsOf(gathered.result).filter((d) => !department || d.department === department),
      byDepartment: byDepartment(gathered.result),
      result: gathered.result,
    };
  }

  @Mutation(() => JointMergeView, {
    description: 'Stores the merge of a quarter (one transaction). The same inputs again change nothing; a department that does not answer blocks it.',
  })
  async finalizeJointMerge(@Arg('period', () => String, { description: 'Quarter, written 2026-Q2.' }) period: string, @Ctx() ctx: SubgraphContext): Promise<JointMergeView> {
    const gathered = await gatherAndMerge(ctx, period);
    if (gathered.unanswered.length) {
      throw userError(
        'PRECONDITION_FAILED',
        `${gathered.unanswered.map((u) => u.department).join('、')}未在时限内应答，合并结果不完整，不能定稿；请稍后重试 / ${gathered.unanswered.map((u) => u.department).join(', ')} did not answer in time: the merge is incomplete and cannot be finalized; run it again later`,
        { field: 'period', unansweredDepartments: gathered.unanswered },
      );
    }
    const view = (version: number): JointMergeView => ({
      period,
      complete: true,
      unansweredDepartments: [],
      finalized: true,
      version,
      inputsHash: gathered.inputsHash,
      figures: figuresView(gathered.result.figures),
      visits: [...gathered.result.visits].sort(visitOrder).slice(0, 100).map(visitView),
      decisions: decisionsOf(gathered.result),
      byDepartment: byDepartment(gathered.result),
      result: gathered.result,
    });
    const stored = await latestFinalized(ctx, period);
    if (stored && stored.inputsHash === gathered.inputsHash) return view(stored.version);
    return ctx.em.transactional(async (tx) => {
      const merge = tx.create(JointMergeRow, {
        period,
        version: (stored?.version ?? 0) + 1,
        inputsHash: gathered.inputsHash,
        departments: gathered.answered,
        figures: gathered.result.figures,
        finalizedBy: ctx.identity.subject,
        finalizedAt: clock.now(),
      });
      await tx.flush();
      const visits = gathered.result.visits.map((v) => ({
        mergeId: merge.id,
        uscc: v.uscc,
        kind: v.kind,
        departments: [...v.departments],
        itemCodes: [...v.itemCodes],
        taskRefs: [...v.taskRefs],
        why: v.why,
      }));
      const decisions = decisionsOf(gathered.result).map((d) => ({ mergeId: merge.id, ...d }));
      for (let i = 0; i < visits.length; i += 2000) await tx.insertMany(JointVisitRow, visits.slice(i, i + 2000));
      for (let i = 0; i < decisions.length; i += 2000) await tx.insertMany(MergeDecisionRow, decisions.slice(i, i + 2000));
      return view(merge.version);
    });
  }
}

@Resolver(() => JointMergeView)
export class JointMergeFieldsResolver {
  /** Asked of the register only when a client selects it. */
  @FieldResolver(() => [IndustryMergeFigures], { description: 'Industries from the register (market supervision).' })
  async byIndustry(@Root() merge: JointMergeView, @Ctx() ctx: SubgraphContext): Promise<IndustryMergeFigures[]> {
    return byIndustry(ctx, merge.result);
  }
}
