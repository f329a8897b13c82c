import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { Department } from '../../../shared/platform/enums.js';
import { byKey, checkPageSize, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import { authorize } from '../../../shared/platform/policy.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { InspectionRecordRow } from './entities.js';
import { InspectionRecordConnection, InspectionRecordView, recordView } from './resolvers.js';

/** The office's review queue (检查记录待审核): records awaiting review across every plan and task. */

/** Oldest first: the entry time, then the record id (both in the cursor, so a reviewed record leaving the queue does not shift the next page). */
const queueKey = (r: InspectionRecordRow) => `${new Date(r.enteredAt).toISOString()}|${r.id}`;

@Resolver()
export class ReviewQueueResolver {
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
}
