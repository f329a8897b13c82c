import type { EntityManager } from '@mikro-orm/postgresql';
import { CONTRACT_VISIT_TASK_QUERY, type DepartmentVisitTask } from '../../../shared/department/contract.js';
import { requirePlanInForce } from '../../../shared/inspection/annual-plan.js';
import { departmentByShort, OFFICE } from '../../../shared/domain/departments.js';
import { notFound, userError } from '../../../shared/platform/errors.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { loadJointTask } from '../plans/joint-tasks.js';
import { isJointPlanId, planDepartments } from '../plans/service.js';

/**
 * What a visit and its record are checked against: one drawn business of a published task —
 * a joint task of a joint plan (kept here) or a department's own task (asked of the department
 * through `departmentTaskForVisit`). Records of both are kept by the office, which publishes them.
 */
export interface VisitTask {
  taskId: string;
  title: string;
  kind: 'joint' | 'department';
  /** The initiating department of a joint plan, or the department of a department task. */
  owner: string;
  /** Every department with items on the task (the owner first). */
  departments: string[];
  windowStart: string;
  windowEnd: string;
  uscc: string;
  /** Certificate numbers, leader first. */
  team: string[];
  items: { code: string; name: string; legalBasis: string; method: string; department: string }[];
}

const TASK_QUERY = `query ($taskId: String!, $uscc: String!) { ${CONTRACT_VISIT_TASK_QUERY}(taskId: $taskId, uscc: $uscc) {
  taskId title department status windowStart windowEnd uscc team items { code name legalBasis method department } planProblem } }`;

const IN_FORCE = ['published', 'in-progress'];

export async function loadVisitTask(ctx: SubgraphContext, taskId: string, uscc: string, field: string): Promise<VisitTask> {
  if (isJointPlanId(taskId)) return fromJointTask(ctx.em, taskId, uscc, field);
  const dep = departmentByShort(taskId.split('-')[0] ?? '');
  if (!dep) throw notFound(field, `抽查任务“${taskId}”不存在 / there is no inspection task "${taskId}"`);
  const answer = await callSubgraph<{ departmentTaskForVisit: DepartmentVisitTask | null }>(dep.code, ctx.identity, TASK_QUERY, { taskId, uscc });
  if (!answer.ok) {
    throw serviceFailure(answer, `${dep.nameZh}暂时无法应答`, `${dep.code} is not answering`, { field });
  }
  const t = answer.data.departmentTaskForVisit;
  if (!t) {
    throw notFound('uscc', `企业${uscc}不在抽查任务${taskId}的抽取结果中，没有据以检查的任务 / business ${uscc} is not among the drawn businesses of task ${taskId}`);
  }
  if (!IN_FORCE.includes(t.status)) {
    throw userError('PRECONDITION_FAILED', `任务${taskId}当前状态为“${t.status}”，抽取结果公示后才能执行 / task ${taskId} is ${t.status}; it can be carried out only once its draw is published`, {
      field,
      status: t.status,
    });
  }
  if (t.planProblem) throw userError('PRECONDITION_FAILED', t.planProblem, { field, reason: 'annual-plan' });
  const { planProblem: _none, ...task } = t;
  return { ...task, kind: 'department', owner: t.department, departments: [t.department] };
}

async function fromJointTask(em: EntityManager, planId: string, uscc: string, field: string): Promise<VisitTask> {
  const t = await loadJointTask(em, planId, uscc, field);
  // Executed only under the office's annual plan in force (a closed year takes no more records).
  await requirePlanInForce(em, OFFICE.code, t.plan.period, t.items.map((i) => i.code), field);
  return {
    taskId: t.plan.id,
    title: t.plan.title,
    kind: 'joint',
    owner: t.plan.initiatingDepartment,
    departments: planDepartments(t.plan),
    windowStart: String(t.plan.windowStart),
    windowEnd: String(t.plan.windowEnd),
    uscc,
    team: t.team,
    items: t.items.map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis, method: i.method, department: i.department })),
  };
}
