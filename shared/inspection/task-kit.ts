import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { SamplingRatios, SamplingRatiosInput } from './ratios.js';
import { Department, DrawClass, InspectionMethod, TaskStatus, TeamRole } from '../platform/enums.js';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';
import { canonicalJson, RISK_CLASSES, type Ratios } from '../domain/draw.js';
import { Connection, checkPageSize, decodeCursor, PageArgs, toPage, type Page } from '../platform/pagination.js';
import { notFound, badInput } from '../platform/errors.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import type { InspectorBase } from '../department/entities.js';
import { DrawAdjustmentRow, DrawCommitmentRow, InspectionTaskRow, TASK_STATUSES } from './task-entities.js';
import {
  adjustDraw,
  requireTaskInPlan,
  commitDraw,
  createTask,
  drawTask,
  exportDraw,
  maySeeUnpublished,
  publishDraw,
  verifyStoredDraw,
  departmentInspections,
  inspectorCandidates,
  periodWindow,
  type TaskDepartment,
} from './task-service.js';
import { currentDrawnTargets, drawClassOf, latestCommitment, latestDraw } from './draw-procedure.js';
import {
  CONTRACT_INSPECTOR_NAMES_QUERY,
  CONTRACT_INSPECTORS_QUERY,
  CONTRACT_VISIT_TASK_QUERY,
  ContractInspector,
  DepartmentVisitTask,
  ContractInspectorName,
  type InspectorShown,
} from '../department/contract.js';

/**
 * GraphQL of inspection tasks and draws, the same in every department subgraph (the types are
 * @shareable value types; root fields carry the department prefix, as the directories do).
 */

@ObjectType('TaskItem', { description: 'An inspection item as the task froze it.' })
@Directive('@shareable')
export class TaskItem {
  @Field(() => String, { description: 'Inspection item code (事项编码).' }) code!: string;
  @Field(() => String, { description: 'Name.' }) name!: string;
  @Field(() => String, { description: 'Legal basis (抽查依据).' }) legalBasis!: string;
  @Field(() => InspectionMethod, { description: 'How the item is checked.' }) method!: string;
  @Field(() => [String], { description: 'Industries (GB/T 4754 codes) the item applies to.' }) targetIndustries!: string[];
  @Field(() => [String], { description: 'Expertise an inspector of the team must have.' }) requiredExpertise!: string[];
}

@ObjectType('ContractTaskItem', { description: 'Department contract: an inspection item as the task froze it (method as stored).' })
@Directive('@shareable')
@Directive('@inaccessible')
export class ContractTaskItem {
  @Field(() => String, { description: 'Inspection item code (事项编码).' }) code!: string;
  @Field(() => String, { description: 'Name.' }) name!: string;
  @Field(() => String, { description: 'Legal basis (抽查依据).' }) legalBasis!: string;
  @Field(() => String) method!: string;
  @Field(() => [String], { description: 'Industries (GB/T 4754 codes) the item applies to.' }) targetIndustries!: string[];
  @Field(() => [String], { description: 'Expertise an inspector of the team must have.' }) requiredExpertise!: string[];
}

@ObjectType('PoolExclusion', { description: 'A business of the directory left out of the pool, and why.' })
@Directive('@shareable')
export class PoolExclusion {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'rectification or yearly-cap' }) reason!: string;
  @Field(() => String, { description: 'Details of why.' }) detail!: string;
}

@ObjectType('ClassCount', { description: 'Pool size and quota of one class in a draw.' })
@Directive('@shareable')
export class ClassCount {
  @Field(() => DrawClass, { description: 'The class drawn in (credit-risk class after the tag rules).' }) riskClass!: string;
  @Field(() => Int, { description: 'Businesses in the pool.' }) poolSize!: number;
  @Field(() => Int, { description: 'How many are drawn.' }) quota!: number;
}

@ObjectType('DrawCommitmentView', { description: 'Published before the draw; cannot change afterwards.' })
@Directive('@shareable')
export class DrawCommitmentView {
  @Field(() => String, { description: 'Name and version of the draw algorithm (docs/draw.md).' }) algorithm!: string;
  @Field(() => String, { description: 'SHA-256 of the frozen pool.' }) poolHash!: string;
  @Field(() => Int, { description: 'Businesses in the pool.' }) poolSize!: number;
  @Field(() => SamplingRatios, { description: 'Sampling ratios per class, in basis points (万分比).' }) ratios!: Ratios;
  @Field(() => String, { description: 'SHA-256 of the seed that will be revealed at the draw.' }) seedHash!: string;
  @Field(() => DateTimeScalar, { description: 'When the commitment was published.' }) committedAt!: string;
  @Field(() => String, { description: 'SHA-256 over the whole commitment.' }) commitmentHash!: string;
  @Field(() => Int, { description: 'Businesses left out of the pool.' }) excludedCount!: number;
  @Field(() => [PoolExclusion], { description: 'Businesses left out of the pool and why (first 100).' }) exclusions!: PoolExclusion[];
}

@ObjectType('TeamMember', { description: 'A member of an inspection team.' })
@Directive('@shareable')
export class TeamMember {
  @Field(() => String, { description: 'Enforcement certificate number (执法证号).' }) certificateNumber!: string;
  @Field(() => TeamRole, { description: 'Leader or member of the team.' }) role!: string;
}

@ObjectType('DrawnTarget', { description: 'A drawn business (抽中对象) with its team.' })
@Directive('@shareable')
export class DrawnTargetView {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => DrawClass, { description: 'Credit-risk class after the documented tag rules.' }) drawClass!: string;
  @Field(() => String, { description: 'The SHA-256 ranking key (docs/draw.md).' }) key!: string;
  @Field(() => [TeamMember], { description: 'The inspection team (检查组), leader first.' }) team!: TeamMember[];
  @Field(() => [String], { description: 'Inspectors left out for this business and why, e.g. "130433030007: conflict".' })
  inspectorExclusions!: string[];
}

export const DrawnTargetConnection = Connection(DrawnTargetView, 'DrawnTargetConnection', { shareable: true });

@ObjectType('DrawView', { description: 'The draw of a task (抽取结果): the revealed seed, the quota per class and the drawn businesses with their teams.' })
@Directive('@shareable')
export class DrawView {
  @Field(() => String, { description: 'The revealed seed; its SHA-256 is the committed seedHash.' }) seed!: string;
  @Field(() => DateTimeScalar, { description: 'When the draw ran.' }) drawnAt!: string;
  @Field(() => [ClassCount], { description: 'Pool size and quota per class, A to D.' }) byClass!: ClassCount[];
  /** Every drawn business, in draw order; served a page at a time by `targets`. */
  allTargets!: DrawnTargetView[];
}

@Resolver(() => DrawView)
export class DrawViewResolver {
  @FieldResolver(() => DrawnTargetConnection, { description: 'The drawn businesses in draw order (class A to D, then rank), a page at a time.' })
  targets(@Root() draw: DrawView, @Args(() => PageArgs) { first, after }: PageArgs): Page<DrawnTargetView> {
    checkPageSize(first);
    const from = decodeCursor(after);
    const keyed = draw.allTargets.map((t, i) => ({ t, key: String(i).padStart(8, '0') }));
    const start = from === undefined ? 0 : keyed.findIndex((k) => k.key > from);
    const rows = start < 0 ? [] : keyed.slice(start, start + first + 1);
    const page = toPage(rows, first, keyed.length, (r) => r.key);
    return { ...page, nodes: page.nodes.map((r) => r.t) };
  }
}

@ObjectType('DrawAdjustment', { description: 'A draw set aside with a reason (抽取结果调整); it stays visible.' })
@Directive('@shareable')
export class DrawAdjustmentView {
  @Field(() => String, { description: 'Why (as recorded).' }) reason!: string;
  @Field(() => String, { description: 'Who set the draw aside (token subject).' }) adjustedBy!: string;
  @Field(() => DateTimeScalar, { description: 'When the draw was set aside.' }) adjustedAt!: string;
  @Field(() => String, { description: 'The commitment hash that this adjustment set aside.' }) supersededCommitmentHash!: string;
}

@ObjectType('InspectionTask', { description: '抽查任务: one draw for one or more items of one department.' })
@Directive('@shareable')
export class InspectionTask {
  @Field(() => String, { description: 'Id (pass it to the mutations that act on it).' }) id!: string;
  @Field(() => Department, { description: 'The department whose task it is.' }) department!: string;
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => [TaskItem], { description: 'Inspection items (抽查事项) as the task froze them.' }) items!: TaskItem[];
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q2.' }) period!: string;
  @Field(() => DateScalar, { description: 'First day of the inspection window.' }) windowStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the inspection window.' }) windowEnd!: string;
  @Field(() => String, { nullable: true, description: 'Township code (乡镇区划代码, 9 digits).' }) regionCode?: string | null;
  @Field(() => SamplingRatios, { description: 'Sampling ratios per class, in basis points (万分比).' }) ratios!: Ratios;
  @Field(() => Int, { description: 'Most teams one inspector joins in the period.' }) workloadCap!: number;
  @Field(() => TaskStatus, { description: 'Where the task stands.' }) status!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the draw was published (公示); null before.' }) publishedAt?: string | null;
  @Field(() => DrawCommitmentView, { nullable: true, description: 'The published commitment (承诺) of the current draw; null before commit.' }) commitment?: DrawCommitmentView | null;
  @Field(() => DrawView, { nullable: true, description: 'The current draw (抽取结果); null before the draw.' }) draw?: DrawView | null;
  @Field(() => [DrawAdjustmentView], { description: 'Draws set aside with a reason (调整), oldest first.' }) adjustments!: DrawAdjustmentView[];
}

export const InspectionTaskConnection = Connection(InspectionTask, 'InspectionTaskConnection', { shareable: true });

@ObjectType('DrawVerification', { description: 'The result of recomputing a stored draw.' })
@Directive('@shareable')
export class DrawVerification {
  @Field(() => String, { description: 'Task number (任务编号).' }) taskId!: string;
  @Field(() => Boolean, { description: 'True when recomputing from the stored inputs gives the stored result.' }) match!: boolean;
  @Field(() => [String], { description: 'What does not match; empty when it matches.' }) problems!: string[];
}

@ObjectType('DepartmentInspection', { description: 'Department contract: one planned or past inspection of one business.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentInspection {
  @Field(() => String) department!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'Task number (任务编号).' }) taskId!: string;
  @Field(() => [String], { description: 'Inspection item codes (抽查事项编码).' }) itemCodes!: string[];
  @Field(() => String, { description: 'planned or done' }) status!: 'planned' | 'done';
  @Field(() => String, { description: 'Planned: first day of the task window; done: the inspection date.' }) date!: string;
  @Field(() => String, { description: 'When the business was drawn for the task (ISO 8601): which of two plans came first.' }) plannedAt!: string;
  @Field(() => Int) yearlyCap!: number;
  @Field(() => [String], { description: "complaint, referral or licence, from the department's tags in force during the task's period: exempt from the repeat rules." })
  exemptions!: string[];
  @Field(() => Boolean) joinable!: boolean;
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q2.' }) period!: string;
  @Field(() => Boolean, { description: "The task's sampling ratios differ by credit-risk class." }) stratified!: boolean;
}

@InputType('CreateInspectionTaskInput', { description: 'A new inspection task (抽查任务) of the department.' })
export class CreateInspectionTaskInput {
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => [String], { description: "Codes of items in the department's claimed list." }) itemCodes!: string[];
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q2.' }) period!: string;
  @Field(() => String, { nullable: true, description: 'Township code (乡镇区划代码, 9 digits).' }) regionCode?: string | null;
  @Field(() => SamplingRatiosInput, { nullable: true, description: "Default: per class the highest of the items' ratios." })
  ratios?: SamplingRatiosInput | null;
  @Field(() => Int, { nullable: true, description: 'Most teams one inspector joins in the period (default 20).' })
  workloadCap?: number | null;
}

/** Reads a task with its commitment, draw and adjustments (three statements, whatever the size). */
export async function taskView(ctx: SubgraphContext, row: InspectionTaskRow, detail = true): Promise<InspectionTask> {
  const view: InspectionTask = {
    id: row.id,
    department: row.department,
    title: row.title,
    items: row.items,
    period: row.period,
    windowStart: String(row.windowStart),
    windowEnd: String(row.windowEnd),
    regionCode: row.regionCode,
    ratios: row.ratios,
    workloadCap: row.workloadCap,
    status: row.status,
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
    commitment: null,
    draw: null,
    adjustments: [],
  };
  if (!detail) return view;
  const committed = await latestCommitment(ctx.em, row.id);
  const adjustments = await ctx.em.find(DrawAdjustmentRow, { taskId: row.id }, { orderBy: { id: 'asc' } });
  if (adjustments.length) {
    const old = await ctx.em.find(DrawCommitmentRow, { id: { $in: adjustments.map((a) => a.supersededCommitmentId) } });
    const hashOf = new Map(old.map((c) => [c.id, c.commitment.commitmentHash]));
    view.adjustments = adjustments.map((a) => ({
      reason: a.reason,
      adjustedBy: a.adjustedBy,
      adjustedAt: new Date(a.adjustedAt).toISOString(),
      supersededCommitmentHash: hashOf.get(a.supersededCommitmentId) ?? '',
    }));
  }
  // A commitment set aside by an adjustment is history, shown through `adjustments`.
  const live = committed && !adjustments.some((a) => a.supersededCommitmentId === committed.id) ? committed : null;
  if (live) {
    view.commitment = {
      ...live.commitment,
      excludedCount: live.exclusions.length,
      exclusions: live.exclusions.slice(0, 100),
    };
    const draw = await latestDraw(ctx.em, live.id);
    if (draw) {
      const classOf = new Map(live.pool.map((e) => [e.uscc, drawClassOf(e)]));
      const teams = new Map(draw.teams.map((t) => [t.uscc, t]));
      view.draw = {
        seed: draw.seed,
        drawnAt: new Date(draw.drawnAt).toISOString(),
        byClass: RISK_CLASSES.map((c) => ({ riskClass: c, poolSize: draw.result.byClass[c].poolSize, quota: draw.result.byClass[c].quota })),
        allTargets: RISK_CLASSES.flatMap((c) =>
          draw.result.byClass[c].drawn.map((d) => ({
            uscc: d.uscc,
            drawClass: classOf.get(d.uscc) ?? c,
            key: d.key,
            team: teams.get(d.uscc)?.team ?? [],
            inspectorExclusions: (teams.get(d.uscc)?.exclusions ?? []).map((x) => `${x.certificateNumber}: ${x.reason}`),
          })),
        ),
      };
    }
  }
  return view;
}

/** A task the caller may see (published, or their own department's or the office's); null otherwise. */
async function visibleTaskOrNull(ctx: SubgraphContext, taskId: string): Promise<InspectionTaskRow | null> {
  const row = await ctx.em.findOne(InspectionTaskRow, { id: taskId });
  return row && (row.status === 'published' || maySeeUnpublished(ctx.identity, row.department)) ? row : null;
}

/** What the public draw service may show: published tasks only. */
async function publishedTask(ctx: SubgraphContext, taskId: string): Promise<InspectionTaskRow> {
  const row = await ctx.em.findOne(InspectionTaskRow, { id: taskId });
  if (!row || row.status !== 'published') throw notFound('taskId', `没有已公示的抽查任务“${taskId}” / there is no published inspection task "${taskId}"`);
  return row;
}

export function createTaskResolvers(prefix: string, dep: TaskDepartment): ClassType[] {
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);

  @Resolver()
  class TaskResolver {
    @Query(() => InspectionTaskConnection, {
      name: `${prefix}Tasks`,
      description: `Inspection tasks of ${dep.department}, newest first. The public sees published ones only.`,
    })
    async tasks(
      @Arg('period', () => String, { nullable: true, description: 'Quarter, e.g. 2026-Q2.' }) period: string | undefined,
      @Arg('status', () => TaskStatus, { nullable: true, description: 'Only tasks in this state.' }) status: string | undefined,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<InspectionTask>> {
      checkPageSize(first);
      if (status && !(TASK_STATUSES as readonly string[]).includes(status)) {
        throw badInput('status', `任务状态应为 ${TASK_STATUSES.join('、')} 之一 / status must be one of ${TASK_STATUSES.join(', ')}`);
      }
      const where: Record<string, unknown> = {};
      if (period) where.period = period;
      if (status) where.status = status;
      if (!maySeeUnpublished(ctx.identity, dep.department)) where.status = 'published';
      const from = decodeCursor(after);
      const [rows, totalCount] = await Promise.all([
        ctx.em.find(InspectionTaskRow, from ? { ...where, id: { $lt: from } } : where, { orderBy: { id: 'desc' }, limit: first + 1 }),
        ctx.em.count(InspectionTaskRow, where),
      ]);
      const views = await Promise.all(rows.map((r) => taskView(ctx, r, false)));
      return toPage(views, first, totalCount, (t) => t.id);
    }

    @Query(() => InspectionTask, {
      name: `${prefix}Task`,
      nullable: true,
      description: `One inspection task of ${dep.department} by its number; null when there is none (or it is unpublished and not the caller's).`,
    })
    async task(@Arg('id', () => String, { description: 'Task number, e.g. FR-2026Q2-0001.' }) id: string, @Ctx() ctx: SubgraphContext): Promise<InspectionTask | null> {
      const row = await ctx.em.findOne(InspectionTaskRow, { id });
      // Unpublished tasks do not exist for outsiders.
      if (!row || !(row.status === 'published' || maySeeUnpublished(ctx.identity, row.department))) return null;
      return taskView(ctx, row);
    }

    @Mutation(() => InspectionTask, { name: `create${Prefix}Task`, description: 'A new task from claimed items; status pending-draw.' })
    async create(@Arg('input', () => CreateInspectionTaskInput, { description: 'The values to write.' }) input: CreateInspectionTaskInput, @Ctx() ctx: SubgraphContext) {
      return taskView(ctx, await createTask(ctx, dep, { ...input, ratios: input.ratios ? { ...input.ratios } : null }));
    }

    @Mutation(() => InspectionTask, {
      name: `commit${Prefix}Draw`,
      description: 'Freezes the pool and publishes the commitment (pool hash, ratios, algorithm, SHA-256 of the seed).',
    })
    async commit(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Arg('seedHash', () => String, { description: 'SHA-256 (hex) of the seed to be revealed at the draw (承诺).' }) seedHash: string, @Ctx() ctx: SubgraphContext) {
      return taskView(ctx, await commitDraw(ctx, dep, taskId, seedHash));
    }

    @Mutation(() => InspectionTask, {
      name: `draw${Prefix}Task`,
      description: 'Reveals the seed; draws the targets per credit class, then an inspector team for each. All or nothing.',
    })
    async draw(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Arg('seed', () => String, { description: 'The seed whose SHA-256 was committed.' }) seed: string, @Ctx() ctx: SubgraphContext) {
      return taskView(ctx, await drawTask(ctx, dep, taskId, seed));
    }

    @Mutation(() => InspectionTask, { name: `publish${Prefix}Draw`, description: 'Makes the task, its draw and its export public.' })
    async publish(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Ctx() ctx: SubgraphContext) {
      return taskView(ctx, await publishDraw(ctx, dep, taskId));
    }

    @Mutation(() => InspectionTask, {
      name: `adjust${Prefix}Draw`,
      description: 'Sets the current commitment and draw aside with a reason (they stay visible) so the task can be committed and drawn again.',
    })
    async adjust(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string, @Ctx() ctx: SubgraphContext) {
      return taskView(ctx, await adjustDraw(ctx, dep, taskId, reason));
    }

    @Query(() => DrawVerification, {
      name: `${prefix}DrawVerification`,
      nullable: true,
      description: "Recomputes the task's stored draw from its stored inputs; null when there is no such task (for the caller).",
    })
    async verify(@Arg('taskId', () => String, { description: 'Task number.' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<DrawVerification | null> {
      if (!(await visibleTaskOrNull(ctx, taskId))) return null;
      return { taskId, ...(await verifyStoredDraw(ctx.em, taskId)) };
    }

    @Query(() => String, {
      name: `${prefix}DrawExport`,
      nullable: true,
      description: 'The draw export (JSON) for `npm run verify-draw`: commitment, seed, pool, result, teams; null when there is no such task (for the caller).',
    })
    async export(@Arg('taskId', () => String, { description: 'Task number.' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<string | null> {
      if (!(await visibleTaskOrNull(ctx, taskId))) return null;
      return canonicalJson(await exportDraw(ctx.em, taskId));
    }

    @Query(() => String, {
      name: 'departmentDrawExport',
      description: 'Department contract: the export of a published draw, for the public draw service.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractExport(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<string> {
      await publishedTask(ctx, taskId);
      return canonicalJson(await exportDraw(ctx.em, taskId));
    }

    @Query(() => [DepartmentInspection], {
      name: 'departmentInspections',
      description: "Department contract: this department's current drawn inspections in the year of `period`, for the joint merge.",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractInspections(@Arg('period', () => String, { description: 'Quarter, e.g. 2026-Q2.' }) period: string, @Ctx() ctx: SubgraphContext): Promise<DepartmentInspection[]> {
      return departmentInspections(ctx, { period });
    }

    @Query(() => [DepartmentInspection], {
      name: 'departmentInspectionsOf',
      description: "Department contract: this department's current drawn inspections of these businesses, every year.",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractInspectionsOf(@Arg('usccs', () => [String]) usccs: string[], @Ctx() ctx: SubgraphContext): Promise<DepartmentInspection[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      return departmentInspections(ctx, { usccs });
    }

    @Query(() => [ContractInspector], {
      name: CONTRACT_INSPECTORS_QUERY,
      description:
        "Department contract: this department's current inspectors for a joint draw of these businesses: status, expertise, " +
        'load in the period, and recusal and rotation among `usccs` (names stay in the department).',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractInspectors(
      @Arg('period', () => String, { description: 'Quarter, e.g. 2026-Q2.' }) period: string,
      @Arg('usccs', () => [String]) usccs: string[],
      @Ctx() ctx: SubgraphContext,
    ): Promise<ContractInspector[]> {
      periodWindow(period);
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      return (await inspectorCandidates(ctx.em, dep, period, usccs)).map(({ name: _personal, ...i }) => ({
        ...i,
        expertise: [...i.expertise],
        conflicts: [...i.conflicts],
        lastInspected: [...(i.lastInspected ?? [])],
      }));
    }

    @Query(() => [ContractInspectorName], {
      name: CONTRACT_INSPECTOR_NAMES_QUERY,
      description: "Department contract: names of this department's current inspectors among these certificate numbers, for the public scan (亮证执法).",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractInspectorNames(@Arg('certificateNumbers', () => [String]) certificateNumbers: string[], @Ctx() ctx: SubgraphContext): Promise<InspectorShown[]> {
      if (certificateNumbers.length > 100) throw badInput('certificateNumbers', 'at most 100 certificate numbers per call');
      const rows = (await ctx.em.find(dep.Inspector, { certificateNumber: { $in: certificateNumbers }, validTo: null } as never)) as InspectorBase[];
      return rows.map((i) => ({ certificateNumber: i.certificateNumber, name: i.name, department: dep.department }));
    }

    @Query(() => DepartmentVisitTask, {
      name: CONTRACT_VISIT_TASK_QUERY,
      nullable: true,
      description: 'Department contract: a drawn business of a published task (current draw), for its visit and record; null when there is none.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractTaskForVisit(
      @Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string,
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentVisitTask | null> {
      const task = await ctx.em.findOne(InspectionTaskRow, { id: taskId, department: dep.department });
      if (!task) return null;
      const target = (await currentDrawnTargets(ctx.em, { usccs: [uscc] })).find((r) => r.taskId === taskId);
      if (!target) return null;
      const wanted = new Set(target.itemCodes);
      const planProblem = await requireTaskInPlan(ctx.em, task).then(
        () => null,
        (e: Error) => e.message,
      );
      return {
        planProblem,
        taskId: task.id,
        title: task.title,
        department: task.department,
        status: task.status,
        windowStart: String(task.windowStart),
        windowEnd: String(task.windowEnd),
        uscc,
        team: [...target.team],
        items: task.items.filter((i) => wanted.has(i.code)).map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis, method: i.method, department: task.department })),
      };
    }

    @Query(() => DrawVerification, { name: 'departmentVerifyDraw', description: 'Department contract: verifies a published draw.' })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractVerify(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<DrawVerification> {
      await publishedTask(ctx, taskId);
      return { taskId, ...(await verifyStoredDraw(ctx.em, taskId)) };
    }
  }
  return [TaskResolver, DrawViewResolver];
}
