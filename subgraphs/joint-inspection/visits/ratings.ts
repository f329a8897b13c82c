import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Arg, Authorized, Ctx, Field, Float, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import * as clock from '../../../shared/platform/clock.js';
import { badInput, userError } from '../../../shared/platform/errors.js';
import { uniqueOrConflict } from '../../../shared/platform/versioned.js';
import { chinaToday } from '../../../shared/platform/inspection-code.js';
import { DateTimeScalar } from '../../../shared/platform/scalars.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { checkInspectionCode } from '../codes/service.js';

/**
 * 检查评价: the business rates the visit on the page it sees after scanning the team's inspection
 * code (no sign-in): a score of 1–5 and an optional comment of at most 200 characters, one per
 * code (a second is a CONFLICT). Anonymous calls are rate-limited per client by the gateway
 * (YIYE_ANONYMOUS_RATE_LIMIT). The office sees the counts per task (inspectionVisitRatings).
 */

export const MAX_RATING_COMMENT = 200;

@Entity({ tableName: 'visit_rating' })
export class VisitRatingRow {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  /** The inspection code rated: one rating per code. */
  @Property({ type: 'string', length: 36 })
  @Unique()
  codeId!: string;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  /** 1 (very dissatisfied) … 5 (very satisfied). */
  @Property({ type: 'smallint' })
  score!: number;

  @Property({ type: 'string', length: MAX_RATING_COMMENT, nullable: true })
  comment?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  ratedAt: Date = clock.now();
}

export const ratingEntities = [VisitRatingRow];

@ObjectType('InspectionVisitRating', { description: '检查评价: what the business said of one visit (one per inspection code).' })
export class InspectionVisitRatingView {
  @Field(() => String, { description: 'The joint plan (JP-…) or department task of the code.' }) taskId!: string;
  @Field(() => String, { description: 'The business (统一社会信用代码).' }) uscc!: string;
  @Field(() => Int, { description: '1 (very dissatisfied) to 5 (very satisfied).' }) score!: number;
  @Field(() => String, { nullable: true, description: 'The comment, at most 200 characters.' }) comment?: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was given.' }) ratedAt!: string;
}

@ObjectType('InspectionVisitRatingSummary', { description: "检查评价统计: the ratings of one task's visits." })
export class InspectionVisitRatingSummary {
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => Int, { description: 'How many visits were rated.' }) count!: number;
  @Field(() => Float, { nullable: true, description: 'Mean score, null when none.' }) averageScore?: number | null;
  @Field(() => [Int], { description: 'How many ratings gave 1, 2, 3, 4 and 5 (five numbers).' }) scoreCounts!: number[];
  @Field(() => Int, { description: 'How many ratings carry a comment.' }) commentCount!: number;
  @Field(() => [InspectionVisitRatingView], { description: 'The latest ratings with a comment, newest first (at most 20).' }) latestComments!: InspectionVisitRatingView[];
}

const view = (r: VisitRatingRow): InspectionVisitRatingView => ({
  taskId: r.taskId,
  uscc: r.uscc,
  score: r.score,
  comment: r.comment ?? null,
  ratedAt: new Date(r.ratedAt).toISOString(),
});

export async function rateVisit(ctx: SubgraphContext, code: string, score: number, comment: string | null | undefined): Promise<VisitRatingRow> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw badInput('score', `评分应为1到5的整数，收到${score} / the score must be a whole number from 1 to 5, got ${score}`);
  const text = comment?.trim() || null;
  if (text && [...text].length > MAX_RATING_COMMENT) {
    throw badInput('comment', `评价内容最多${MAX_RATING_COMMENT}个字，现有${[...text].length}个 / the comment may have at most ${MAX_RATING_COMMENT} characters, it has ${[...text].length}`);
  }
  const check = await checkInspectionCode(ctx, code, chinaToday());
  if (check.status === 'forged' || check.status === 'unknown') throw badInput('code', `${check.message}；无法评价 / this code cannot be rated`, { scanStatus: check.status });
  if (check.status === 'not-yet-valid') {
    throw userError('PRECONDITION_FAILED', '检查码尚未生效，检查开始后才能评价 / the code is not valid yet: rate the visit once it has taken place', { field: 'code', scanStatus: check.status });
  }
  const already = '该检查码已评价过，每个检查码只能评价一次 / this visit has already been rated: one rating per inspection code';
  if (await ctx.em.findOne(VisitRatingRow, { codeId: check.codeId! })) throw userError('CONFLICT', already, { field: 'code' });
  return uniqueOrConflict('code', already, () =>
    ctx.em.transactional(async (tx) => {
      const row = tx.create(VisitRatingRow, { id: randomUUID(), codeId: check.codeId!, taskId: check.taskId!, uscc: check.uscc!, score, comment: text, ratedAt: clock.now() });
      await tx.flush();
      return row;
    }),
  );
}

@Resolver()
export class VisitRatingResolver {
  @Mutation(() => InspectionVisitRatingView, {
    description: '检查评价: the business rates the visit of the inspection code it scanned (no sign-in): score 1–5 and an optional comment (≤ 200 characters). One per code: a second is CONFLICT.',
  })
  async rateInspectionVisit(
    @Arg('code', () => String, { description: 'The inspection code (检查码) as scanned.' }) code: string,
    @Arg('score', () => Int, { description: '1 (very dissatisfied) to 5 (very satisfied).' }) score: number,
    @Arg('comment', () => String, { nullable: true, description: 'At most 200 characters.' }) comment: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionVisitRatingView> {
    return view(await rateVisit(ctx, code, score, comment));
  }

  @Authorized('rating:read')
  @Query(() => [InspectionVisitRatingSummary], {
    description: "检查评价统计: businesses' ratings of visits, one summary per task (only tasks with ratings), by task id. Office coordinators and analysts.",
  })
  async inspectionVisitRatings(
    @Arg('taskIds', () => [String], { nullable: true, description: 'Only these tasks (joint plans or department tasks); every rated task when omitted.' }) taskIds: string[] | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionVisitRatingSummary[]> {
    if (taskIds && taskIds.length > 100) throw badInput('taskIds', '一次最多查询100个任务 / at most 100 tasks at a time');
    const rows = await ctx.em.find(VisitRatingRow, taskIds ? { taskId: { $in: taskIds } } : {}, { orderBy: { ratedAt: 'desc', id: 'asc' } });
    const byTask = new Map<string, VisitRatingRow[]>();
    for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
    return [...byTask.keys()].sort().map((taskId) => {
      const list = byTask.get(taskId)!;
      const commented = list.filter((r) => r.comment);
      return {
        taskId,
        count: list.length,
        averageScore: list.length ? Math.round((list.reduce((s, r) => s + r.score, 0) / list.length) * 100) / 100 : null,
        scoreCounts: [1, 2, 3, 4, 5].map((n) => list.filter((r) => r.score === n).length),
        commentCount: commented.length,
        latestComments: commented.slice(0, 20).map(view),
      };
    });
  }
}
