import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { codeView, InspectionCodeView, revocationsOf } from '../../../shared/inspection/code-kit.js';
import { Department } from '../../../shared/platform/enums.js';
import { byKey, checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import { authorize } from '../../../shared/platform/policy.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { InspectionCodeRow } from '../../../shared/inspection/task-entities.js';
import { pageOf } from '../paging.js';
import { JointPlanRow } from '../plans/entities.js';
import { planDepartments } from '../plans/service.js';
import { InspectionRecordRow } from './entities.js';
import { InspectionRecordConnection, InspectionRecordView, recordView } from './resolvers.js';

/**
 * Two lists of the office's console: the review queue (检查记录待审核) across every plan and task,
 * and the inspection codes issued for a joint plan (so that a print sheet lists them without
 * issuing again).
 */

const InspectionCodeConnection = Connection(InspectionCodeView, 'InspectionCodeConnection');

/** Oldest first: the entry time, then the record id (both in the cursor, so a reviewed record leaving the queue does not shift the next page). */
const queueKey = (r: InspectionRecordRow) => `${new Date(r.enteredAt).toISOString()}|${r.id}`;

@Resolver()
export class OfficeListsResolver {
  @Query(() => InspectionRecordConnection, {
    nullable: true,
    description:
      '待审核: record versions awaiting review, across every joint plan and department task, oldest entry first (office coordinators). ' +
      'A record leaves the queue once reviewed.',
  })
  async inspectionRecordsAwaitingReview(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('department', () => Department, { nullable: true, description: 'Only records with items of this department.' }) department: string | null,
    @Arg('taskId', () => String, { nullable: true, description: 'Only this task (JP-…, PS-…, MS-…, FR-…).' }) taskId: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionRecordView> | null> {
    authorize(ctx, 'review-queue:read', { field: 'inspectionRecordsAwaitingReview' });
    checkPageSize(first);
    const from = decodeCursor(after);
    const waiting: { id: string }[] = await ctx.em.execute('select r.id from inspection_record r where not exists (select 1 from record_review v where v.record_id = r.id)');
    const where: Record<string, unknown> = { id: { $in: waiting.map((w) => w.id) } };
    if (taskId) where.taskId = taskId.trim();
    const rows = (await ctx.em.find(InspectionRecordRow, where))
      .filter((r) => !department || r.departments.includes(department))
      .sort((a, b) => byKey(queueKey(a), queueKey(b)));
    const start = from ? rows.findIndex((r) => queueKey(r) > from) : 0;
    const page = toPage(start < 0 ? [] : rows.slice(start, start + first + 1), first, rows.length, queueKey);
    return { ...page, nodes: await Promise.all(page.nodes.map((r) => recordView(ctx.em, r))) };
  }

  @Query(() => InspectionCodeConnection, {
    nullable: true,
    description:
      "检查码: the inspection codes issued for a joint plan's tasks, in force or revoked (revokedAt, revocationReason), in order of issue; " +
      'issuing stays issueJointInspectionCodes. Signed-in office staff and the departments on the plan; null when there is no such plan.',
  })
  async jointInspectionCodes(
    @Arg('planId', () => String, { description: 'The joint plan, e.g. JP-2026Q2-0001.' }) planId: string,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionCodeView> | null> {
    authorize(ctx, 'joint-code:read', { field: 'jointInspectionCodes' });
    checkPageSize(first);
    const plan = await ctx.em.findOne(JointPlanRow, { id: planId.trim() });
    if (!plan) return null;
    authorize(ctx, 'joint-code:read', { departments: planDepartments(plan), field: 'jointInspectionCodes' });
    const rows = await ctx.em.find(InspectionCodeRow, { taskId: plan.id }, { orderBy: { drawId: 'asc', issuedAt: 'asc', id: 'asc' } });
    const page = pageOf(rows, first, after);
    const revoked = await revocationsOf(ctx, page.nodes.map((r) => r.id));
    return { ...page, nodes: page.nodes.map((r) => codeView(r, revoked.get(r.id))) };
  }
}
