import { Arg, Args, Authorized, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { RISK_CLASSES, type Ratios } from '../../../shared/domain/draw.js';
import { findDepartment } from '../../../shared/domain/departments.js';
import { badInput } from '../../../shared/platform/errors.js';
import { checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import { SamplingRatios } from '../../../shared/inspection/ratios.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { ClassCount, DrawCommitmentView, TaskItem } from '../../../shared/inspection/task-kit.js';
import { combinedRatios, periodWindow } from '../../../shared/inspection/task-service.js';
import { drawClassOf } from '../../../shared/inspection/draw-procedure.js';
import type { Loaders } from '../loaders.js';
import { JointPlanRow, PLAN_STATUSES } from './entities.js';
import {
  commitJointDraw,
  createJointPlan,
  drawJointPlan,
  inDrawOrder,
  joinJointPlan,
  maySeePlan,
  publishJointDraw,
  type JointAssignment,
} from './service.js';
import { Enterprise } from '../enterprise/supervision.js';
import { pageOf } from '../paging.js';
import { JointPlanStatus } from '../enums.js';
import { Department, DrawClass, TeamRole } from '../../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../../shared/platform/scalars.js';

/**
 * GraphQL of joint plans (一业一查). Who sees what: the office (coordinators, analysts) and
 * analysts see every plan; a department sees the plans it initiates or is invited to; everyone,
 * the public included, sees published plans. For anyone else an unpublished plan is NOT_FOUND,
 * never FORBIDDEN: its existence is not disclosed before publication.
 */

@ObjectType('JointPlanParticipation', { description: 'A department taking part in a joint plan, with its items (frozen when it joined).' })
export class JointPlanParticipationView {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => String, { description: 'Its name (中文).' }) departmentName!: string;
  @Field(() => [String], { description: 'The items it brings, by code.' }) itemCodes!: string[];
  @Field(() => [TaskItem], { description: 'The items it brings, as they were when it joined.' }) items!: TaskItem[];
  @Field(() => DateTimeScalar, { description: 'When it joined.' }) joinedAt!: string;
  @Authorized()
  @Field(() => String, { nullable: true, description: 'Who joined it (token subject). Signed-in users only: null with a field error for others.' })
  joinedBy!: string;
}

@ObjectType('JointTeamMember', { description: 'An inspector of a joint task\'s mixed team.' })
export class JointTeamMember {
  @Field(() => String, { description: 'Certificate number (执法证号).' }) certificateNumber!: string;
  @Field(() => Department, { description: "The inspector's department." }) department!: string;
  @Field(() => TeamRole, { description: 'LEADER (from the initiating department) or MEMBER.' }) role!: string;
}

@ObjectType('JointTask', { description: '联合抽查任务: one drawn business, one visit, every participating department\'s items, one mixed team.' })
export class JointTaskView {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the drawn business.' }) uscc!: string;
  @Field(() => Enterprise, { description: 'The business (name, industry… from the register).' }) enterprise!: { uscc: string };
  @Field(() => DrawClass, { description: 'Credit-risk class after the documented tag rules.' }) drawClass!: string;
  @Field(() => String, { description: 'The SHA-256 ranking key (docs/draw.md).' }) key!: string;
  @Field(() => [Department], { description: 'Participating departments with an item for this business, the initiating one first.' }) departments!: string[];
  @Field(() => [String], { description: "The participating departments' items that apply to this business's industry." }) itemCodes!: string[];
  @Field(() => [JointTeamMember], { description: 'Leader first; at least one inspector of each department.' }) team!: JointTeamMember[];
  @Field(() => [String], { description: 'Inspectors left out for this business and why, e.g. "130433020007: conflict".' })
  inspectorExclusions!: string[];
}

@ObjectType('JointDraw', { description: 'The draw of a joint plan: the revealed seed and the drawn businesses, one joint task each.' })
export class JointDrawView {
  @Field(() => String, { description: 'The revealed seed; its SHA-256 is the committed seedHash.' }) seed!: string;
  @Field(() => DateTimeScalar, { description: 'When it was drawn.' }) drawnAt!: string;
  @Field(() => [ClassCount], { description: 'Pool size and quota per credit-risk class.' }) byClass!: ClassCount[];
  @Field(() => Int, { description: 'Joint tasks drawn.' }) taskCount!: number;
  /** Every task in draw order; answered a page at a time by `tasks`. */
  allTasks!: JointTaskView[];
}

export const JointTaskConnection = Connection(JointTaskView, 'JointTaskConnection');

@Resolver(() => JointDrawView)
export class JointDrawFields {
  @FieldResolver(() => JointTaskConnection, { description: 'The joint tasks in draw order (class A to D, then by ranking key), a page at a time.' })
  tasks(@Root() draw: JointDrawView, @Args(() => PageArgs) { first, after }: PageArgs): Page<JointTaskView> {
    return pageOf(draw.allTasks, first, after);
  }
}

@ObjectType('JointPlan', { description: '联合抽查计划: one industry set, one quarter, an initiating and invited departments, one draw on the merged pool.' })
export class JointPlanView {
  @Field(() => String, { description: 'e.g. JP-2026Q2-0001; also the task number of its draw (jointDrawExport, jointDrawVerification).' }) id!: string;
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => [String], { description: 'GB/T 4754-2017 industry codes.' }) industryCodes!: string[];
  @Field(() => String, { description: 'Quarter, written 2026-Q2.' }) period!: string;
  @Field(() => DateScalar, { description: 'First day of the inspection window (the quarter).' }) windowStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the inspection window.' }) windowEnd!: string;
  @Field(() => String, { nullable: true, description: 'A township, or null for the whole county.' }) regionCode?: string | null;
  @Field(() => Department, { description: 'The department that leads the visits.' }) initiatingDepartment!: string;
  @Field(() => [Department], { description: 'Departments invited to join.' }) invitedDepartments!: string[];
  @Field(() => JointPlanStatus, { description: 'Where the plan stands.' }) status!: string;
  @Field(() => Int, { description: 'Optimistic-lock version: every change adds one.' }) version!: number;
  @Field(() => Int, { description: 'Most teams one inspector joins in the period, department and joint draws together.' }) workloadCap!: number;
  @Authorized()
  @Field(() => String, { nullable: true, description: 'Who created it (token subject). Signed-in users only: null with a field error for others.' })
  createdBy!: string;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When its draw was published; null before.' }) publishedAt?: string | null;
}

export const JointPlanConnection = Connection(JointPlanView, 'JointPlanConnection');

@InputType('CreateJointPlanInput', { description: 'A new joint plan.' })
export class CreateJointPlanInput {
  @Field(() => String, { description: 'Title, e.g. 2026年第二季度旅馆业联合抽查.' }) title!: string;
  @Field(() => [String], { description: 'GB/T 4754-2017 industry codes, e.g. ["6110", "6121", "6129", "6130"].' }) industryCodes!: string[];
  @Field(() => String, { description: 'Quarter, e.g. 2026-Q2.' }) period!: string;
  @Field(() => Department, { description: 'The department that leads the visits (its inspectors lead the teams).' }) initiatingDepartment!: string;
  @Field(() => [Department], { description: 'Departments invited to join.' }) invitedDepartments!: string[];
  @Field(() => String, { nullable: true, description: 'A township code; the whole county when omitted.' }) regionCode?: string | null;
  @Field(() => Int, { nullable: true, description: 'Most teams one inspector joins in the period (default 20).' }) workloadCap?: number | null;
}

export function planView(row: JointPlanRow): JointPlanView {
  return {
    id: row.id,
    title: row.title,
    industryCodes: [...row.industryCodes],
    period: row.period,
    windowStart: String(row.windowStart),
    windowEnd: String(row.windowEnd),
    regionCode: row.regionCode ?? null,
    initiatingDepartment: row.initiatingDepartment,
    invitedDepartments: [...row.invitedDepartments],
    status: row.status,
    version: row.version,
    workloadCap: row.workloadCap,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    publishedAt: row.publishedAt ? new Date(row.publishedAt).toISOString() : null,
  };
}

@Resolver(() => JointPlanView)
export class JointPlanResolver {
  @Query(() => JointPlanConnection, {
    description:
      'Joint plans, newest first. The office and analysts see all; a department the plans it initiates or is invited to, and published ones; the public published ones.',
  })
  async jointPlans(
    @Arg('period', () => String, { nullable: true, description: 'Quarter, e.g. 2026-Q2.' }) period: string | null,
    @Arg('status', () => JointPlanStatus, { nullable: true, description: 'Only plans in this status.' }) status: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ): Promise<Page<JointPlanView>> {
    checkPageSize(first);
    if (period != null) {
      try {
        periodWindow(period);
      } catch {
        throw badInput('period', `期间“${period}”格式应为“2026-Q2” / the period "${period}" must look like 2026-Q2`);
      }
    }
    if (status != null && !(PLAN_STATUSES as readonly string[]).includes(status)) {
      throw badInput('status', `计划状态应为 ${PLAN_STATUSES.join('、')} 之一 / status must be one of ${PLAN_STATUSES.join(', ')}`);
    }
    const from = decodeCursor(after);
    const where: Record<string, unknown> = {};
    if (period != null) where.period = period;
    if (status != null) where.status = status;
    // A county makes tens of joint plans a quarter: one SELECT, visibility and paging here.
    const visible = (await ctx.em.find(JointPlanRow, where)).filter((p) => maySeePlan(ctx.identity, p)).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const start = from ? visible.findIndex((p) => p.id < from) : 0;
    return toPage((start < 0 ? [] : visible.slice(start, start + first + 1)).map(planView), first, visible.length, (p) => p.id);
  }

  @Query(() => JointPlanView, { nullable: true, description: 'One joint plan; null when it does not exist or is not published and not yours to see.' })
  async jointPlan(@Arg('id', () => String, { description: 'Plan number, e.g. JP-2026Q2-0001.' }) id: string, @Ctx() ctx: SubgraphContext<Loaders>): Promise<JointPlanView | null> {
    const row = await ctx.em.findOne(JointPlanRow, { id });
    if (!row || !maySeePlan(ctx.identity, row)) return null;
    return planView(row);
  }

  @Mutation(() => JointPlanView, { description: 'Opens a joint plan (double-random office coordinators only); status open.' })
  async createJointPlan(@Arg('input', () => CreateJointPlanInput, { description: 'The plan.' }) input: CreateJointPlanInput, @Ctx() ctx: SubgraphContext<Loaders>): Promise<JointPlanView> {
    return planView(await createJointPlan(ctx, input));
  }

  @Mutation(() => JointPlanView, {
    description:
      "Joins an open plan with the caller's department's claimed, joinable items that cover at least one of its industries " +
      '(department admins of the initiating or an invited department).',
  })
  async joinJointPlan(
    @Arg('planId', () => String, { description: 'An open joint plan.' }) planId: string,
    @Arg('itemCodes', () => [String], { description: "The caller's department's items to bring." }) itemCodes: string[],
    @Ctx() ctx: SubgraphContext<Loaders>,
  ): Promise<JointPlanView> {
    return planView(await joinJointPlan(ctx, planId, itemCodes));
  }

  @Mutation(() => JointPlanView, {
    description: 'Freezes the merged pool and publishes the commitment (pool hash, ratios, algorithm, SHA-256 of the seed); open → committed.',
  })
  async commitJointDraw(
    @Arg('planId', () => String, { description: 'An open joint plan.' }) planId: string,
    @Arg('seedHash', () => String, { description: 'SHA-256 (hex) of the seed revealed at the draw.' }) seedHash: string,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return planView(await commitJointDraw(ctx, planId, seedHash));
  }

  @Mutation(() => JointPlanView, {
    description: 'Reveals the seed; draws the businesses per credit class, then a mixed team for each (one joint task each). All or nothing; committed → drawn.',
  })
  async drawJointPlan(
    @Arg('planId', () => String, { description: 'A committed joint plan.' }) planId: string,
    @Arg('seed', () => String, { description: 'The seed whose SHA-256 was committed.' }) seed: string,
    @Ctx() ctx: SubgraphContext<Loaders>,
  ) {
    return planView(await drawJointPlan(ctx, planId, seed));
  }

  @Mutation(() => JointPlanView, { description: 'Makes the plan, its joint tasks and its draw export public; drawn → published.' })
  async publishJointDraw(@Arg('planId', () => String, { description: 'A drawn joint plan.' }) planId: string, @Ctx() ctx: SubgraphContext<Loaders>) {
    return planView(await publishJointDraw(ctx, planId));
  }

  @FieldResolver(() => [JointPlanParticipationView], { description: 'The departments that joined, the initiating one first.' })
  async participations(@Root() plan: JointPlanView, @Ctx() ctx: SubgraphContext<Loaders>): Promise<JointPlanParticipationView[]> {
    const rows = await ctx.loaders.plans.participations.load(plan.id);
    return inDrawOrder(plan, rows).map((p) => ({
      department: p.department,
      departmentName: findDepartment(p.department)?.nameZh ?? p.department,
      itemCodes: [...p.itemCodes],
      items: p.items,
      joinedAt: new Date(p.joinedAt).toISOString(),
      joinedBy: p.joinedBy,
    }));
  }

  @FieldResolver(() => SamplingRatios, {
    description: "Per credit-risk class the highest ratio of every participating item (each department's minimum is met): the committed ratios once committed.",
  })
  async ratios(@Root() plan: JointPlanView, @Ctx() ctx: SubgraphContext<Loaders>): Promise<Ratios> {
    const committed = await ctx.loaders.plans.commitment.load(plan.id);
    if (committed) return committed.commitment.ratios;
    return combinedRatios((await ctx.loaders.plans.participations.load(plan.id)).flatMap((p) => p.items));
  }

  @FieldResolver(() => DrawCommitmentView, { nullable: true, description: 'Published before the draw; cannot change afterwards.' })
  async commitment(@Root() plan: JointPlanView, @Ctx() ctx: SubgraphContext<Loaders>): Promise<DrawCommitmentView | null> {
    const committed = await ctx.loaders.plans.commitment.load(plan.id);
    if (!committed) return null;
    return { ...committed.commitment, excludedCount: committed.exclusions.length, exclusions: committed.exclusions.slice(0, 100) };
  }

  @FieldResolver(() => JointDrawView, { nullable: true, description: 'The drawn businesses, one joint task each.' })
  async draw(@Root() plan: JointPlanView, @Ctx() ctx: SubgraphContext<Loaders>): Promise<JointDrawView | null> {
    const committed = await ctx.loaders.plans.commitment.load(plan.id);
    const draw = committed && (await ctx.loaders.plans.drawByCommitment.load(committed.id));
    if (!committed || !draw) return null;
    const parts = inDrawOrder(plan, await ctx.loaders.plans.participations.load(plan.id));
    const departments = parts.map((p) => p.department);
    const itemCodes = parts.flatMap((p) => p.itemCodes);
    const classOf = new Map(committed.pool.map((e) => [e.uscc, drawClassOf(e)]));
    const teams = new Map((draw.teams as JointAssignment[]).map((t) => [t.uscc, t]));
    const tasks = RISK_CLASSES.flatMap((c) =>
      draw.result.byClass[c].drawn.map((d) => ({
        uscc: d.uscc,
        enterprise: { uscc: d.uscc },
        drawClass: classOf.get(d.uscc) ?? c,
        key: d.key,
        // Draws before per-business items stored none: then every participating item applied.
        departments: teams.get(d.uscc)?.departments ?? departments,
        itemCodes: teams.get(d.uscc)?.itemCodes ?? itemCodes,
        team: teams.get(d.uscc)?.team ?? [],
        inspectorExclusions: (teams.get(d.uscc)?.exclusions ?? []).map((x) => `${x.certificateNumber}: ${x.reason}`),
      })),
    );
    return {
      seed: draw.seed,
      drawnAt: new Date(draw.drawnAt).toISOString(),
      byClass: RISK_CLASSES.map((c) => ({ riskClass: c, poolSize: draw.result.byClass[c].poolSize, quota: draw.result.byClass[c].quota })),
      taskCount: tasks.length,
      allTasks: tasks,
    };
  }
}
