import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { departmentByShort } from '../../../shared/domain/departments.js';
import { badInput } from '../../../shared/platform/errors.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import { DrawVerification } from '../../../shared/inspection/task-kit.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { canonicalJson } from '../../../shared/domain/draw.js';
import { exportRecordedDraw, verifyRecordedDraw } from '../../../shared/inspection/draw-procedure.js';
import { JointPlanRow } from './entities.js';
import { isJointPlanId } from './service.js';

/**
 * The public's door to published draws: anyone can fetch a draw export (for
 * `npm run verify-draw`) or ask the platform to verify it, whichever department ran it. The task
 * number names the department (`FR-2026Q2-0001`); the office's service asks that department
 * through the department contract. Joint plans (`JP-2026Q2-0001`) are drawn by this service and
 * answered from its own database, published ones only, like the departments' tasks.
 */
async function publishedJointPlan(ctx: SubgraphContext, taskId: string): Promise<string | null> {
  const plan = await ctx.em.findOne(JointPlanRow, { id: taskId });
  return plan && plan.status === 'published' ? plan.id : null;
}

function departmentOf(taskId: string): string {
  const dep = departmentByShort(taskId.split('-')[0] ?? '');
  if (!dep) throw badInput('taskId', `抽查任务编号“${taskId}”无法识别，应如 JP-2026Q2-0001、FR-2026Q2-0001 / "${taskId}" is not an inspection task number (e.g. JP-2026Q2-0001, FR-2026Q2-0001)`);
  return dep.code;
}

/** The department's answer; null when it has no published task with that number. */
async function ask<T>(ctx: SubgraphContext, taskId: string, query: string): Promise<T | null> {
  const answer = await callSubgraph<T>(departmentOf(taskId), ctx.identity, query, { taskId });
  if (!answer.ok && answer.refusal?.extensions?.code === 'NOT_FOUND') return null;
  if (!answer.ok) throw serviceFailure(answer, '部门暂时无法应答', 'the department is not answering', { field: 'taskId' });
  return answer.data;
}

const TASK_ID = 'Task number of a published draw: a joint plan (JP-2026Q2-0001) or a department task (PS-…, MS-…, FR-…).';

@Resolver()
export class PublicDrawResolver {
  @Query(() => String, {
    nullable: true,
    description:
      'The export of a published draw (JSON): commitment, revealed seed, pool, result; null when no published draw has that task number. ' +
      'Check it with `npm run verify-draw -- draw.json`.',
  })
  async jointDrawExport(@Arg('taskId', () => String, { description: TASK_ID }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    if (isJointPlanId(taskId)) {
      const planId = await publishedJointPlan(ctx, taskId);
      return planId ? canonicalJson(await exportRecordedDraw(ctx.em, planId)) : null;
    }
    return (await ask<{ departmentDrawExport: string }>(ctx, taskId, 'query ($taskId: String!) { departmentDrawExport(taskId: $taskId) }'))?.departmentDrawExport ?? null;
  }

  @Query(() => DrawVerification, {
    nullable: true,
    description: 'Recomputes a published draw from its stored inputs and says whether it matches; null when no published draw has that task number.',
  })
  async jointDrawVerification(@Arg('taskId', () => String, { description: TASK_ID }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<DrawVerification | null> {
    if (isJointPlanId(taskId)) {
      const planId = await publishedJointPlan(ctx, taskId);
      return planId ? { taskId, ...(await verifyRecordedDraw(ctx.em, planId)) } : null;
    }
    return (
      await ask<{ departmentVerifyDraw: DrawVerification }>(ctx, taskId, 'query ($taskId: String!) { departmentVerifyDraw(taskId: $taskId) { taskId match problems } }')
    )?.departmentVerifyDraw ?? null;
  }
}
