import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, userError } from '../../../shared/platform/errors.js';
import { DrawnTargetRow, type ItemSnapshot } from '../../../shared/inspection/task-entities.js';
import { latestCommitment, latestDraw } from '../../../shared/inspection/draw-procedure.js';
import { JointPlanRow } from './entities.js';
import { loadPlan, participations } from './service.js';

/**
 * A joint task (联合抽查任务) is one drawn business of a published joint plan: its items are the
 * participating departments' items that apply to the business, its team the mixed team drawn for
 * it. Its inspection codes are issued in codes/joint-codes.ts; visits are checked against it
 * (visits/task.ts).
 */
export interface JointTask {
  plan: JointPlanRow;
  drawId: number;
  uscc: string;
  /** Certificate numbers, leader first. */
  team: string[];
  items: (ItemSnapshot & { department: string })[];
}

const notPublished = (plan: JointPlanRow, field: string) =>
  userError(
    'PRECONDITION_FAILED',
    `联合抽查计划${plan.id}当前状态为“${plan.status}”，抽取结果公示后才能执行 / joint plan ${plan.id} is ${plan.status}; its tasks can be carried out only once its draw is published`,
    { field, status: plan.status },
  );

/** The current draw of a published joint plan. */
export async function publishedDraw(em: EntityManager, plan: JointPlanRow, field: string): Promise<number> {
  if (plan.status !== 'published') throw notPublished(plan, field);
  const committed = await latestCommitment(em, plan.id);
  const draw = committed ? await latestDraw(em, committed.id) : null;
  if (!draw) throw notPublished(plan, field);
  return draw.id;
}

/** The joint task of one business under a published plan; a business the plan did not draw has none. */
export async function loadJointTask(em: EntityManager, planId: string, uscc: string, field = 'taskId'): Promise<JointTask> {
  const plan = await loadPlan(em, planId, field);
  const drawId = await publishedDraw(em, plan, field);
  const target = await em.findOne(DrawnTargetRow, { drawId, uscc });
  if (!target) {
    throw notFound(
      'uscc',
      `企业${uscc}未被联合抽查计划${plan.id}抽中，没有据以检查的任务 / business ${uscc} was not drawn by joint plan ${plan.id}: there is no task to inspect it under`,
    );
  }
  const wanted = new Set(target.itemCodes);
  const items = (await participations(em, plan)).flatMap((p) => p.items.filter((i) => wanted.has(i.code)).map((i) => ({ ...i, department: p.department })));
  return { plan, drawId, uscc, team: [...target.team], items };
}
