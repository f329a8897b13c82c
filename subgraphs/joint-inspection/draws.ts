import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { departmentByShort } from '../../shared/departments.js';
import { notFound } from '../../shared/errors.js';
import { callSubgraph, serviceFailure } from '../../shared/service-client.js';
import { DrawVerification } from '../../shared/task-kit.js';
import type { SubgraphContext } from '../../shared/subgraph.js';
import { canonicalJson } from '../../shared/draw.js';
import { exportRecordedDraw, verifyRecordedDraw } from '../../shared/task-service.js';
import { JointPlanRow } from './plan-entities.js';
import { isJointPlanId, planNotFound } from './plan-service.js';

/**
 * The public's door to published draws: anyone can fetch a draw export (for
 * `npm run verify-draw`) or ask the platform to verify it, whichever department ran it. The task
 * number names the department (`FR-2026Q2-0001`); the office's service asks that department
 * through the department contract. Joint plans (`JP-2026Q2-0001`) are drawn by this service and
 * answered from its own database, published ones only, like the departments' tasks.
 */
async function publishedJointPlan(ctx: SubgraphContext, taskId: string): Promise<string> {
  const plan = await ctx.em.findOne(JointPlanRow, { id: taskId });
  if (!plan || plan.status !== 'published') throw planNotFound(taskId, 'taskId');
  return plan.id;
}

function departmentOf(taskId: string): string {
  const dep = departmentByShort(taskId.split('-')[0] ?? '');
  if (!dep) throw notFound('taskId', `抽查任务编号“${taskId}”无法识别 / "${taskId}" is not an inspection task number`);
  return dep.code;
}

async function ask<T>(ctx: SubgraphContext, taskId: string, query: string): Promise<T> {
  const answer = await callSubgraph<T>(departmentOf(taskId), ctx.identity, query, { taskId });
  if (!answer.ok) throw serviceFailure(answer, '部门暂时无法应答', 'the department is not answering', { field: 'taskId' });
  return answer.data;
}

@Resolver()
export class PublicDrawResolver {
  @Query(() => String, {
    description: 'The export of a published draw (JSON): commitment, revealed seed, pool, result. Check it with `npm run verify-draw -- draw.json`.',
  })
  async drawExport(@Arg('taskId', () => String) taskId: string, @Ctx() ctx: SubgraphContext): Promise<string> {
    if (isJointPlanId(taskId)) return canonicalJson(await exportRecordedDraw(ctx.em, await publishedJointPlan(ctx, taskId)));
    return (await ask<{ departmentDrawExport: string }>(ctx, taskId, 'query ($taskId: String!) { departmentDrawExport(taskId: $taskId) }')).departmentDrawExport;
  }

  @Query(() => DrawVerification, { description: 'Recomputes a published draw from its stored inputs and says whether it matches.' })
  async verifyDraw(@Arg('taskId', () => String) taskId: string, @Ctx() ctx: SubgraphContext): Promise<DrawVerification> {
    if (isJointPlanId(taskId)) return { taskId, ...(await verifyRecordedDraw(ctx.em, await publishedJointPlan(ctx, taskId))) };
    return (
      await ask<{ departmentVerifyDraw: DrawVerification }>(ctx, taskId, 'query ($taskId: String!) { departmentVerifyDraw(taskId: $taskId) { taskId match problems } }')
    ).departmentVerifyDraw;
  }
}
