import { Args, Ctx, Field, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import { authorize } from '../../../shared/platform/policy.js';
import { Department, storedValue } from '../../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../../shared/platform/scalars.js';
import { DEPARTMENT_CODES, findDepartment } from '../../../shared/domain/departments.js';
import { byKey, checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import { fieldPrefix } from '../../../shared/platform/policy.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { DrawnTargetRow } from '../../../shared/inspection/task-entities.js';
import { latestCommitment, latestDraw } from '../../../shared/inspection/draw-procedure.js';
import { JointPlanRow } from '../plans/entities.js';
import { VisitScanRow } from './entities.js';
import { recordStandings, standingKey } from './service.js';

/**
 * 我的检查 (an inspector's own visits): every drawn business of a published task — a joint plan's
 * (kept here) or the inspector's department's own (asked of the department) — whose drawn team
 * names the signed-in inspector's certificate number, with where its record stands and the
 * inspector's latest scan at the door. For the inspector's phone (web/src/pages/inspector).
 */

export enum InspectionVisitStatus {
  NOT_ENTERED = 'not-entered',
  AWAITING_REVIEW = 'awaiting-review',
  RETURNED = 'returned',
  PUBLISHED = 'published',
}
registerEnumType(InspectionVisitStatus, {
  name: 'InspectionVisitStatus',
  description: "Where the record of one visit stands (检查记录状态).",
  valuesConfig: {
    NOT_ENTERED: { description: '未录入: no record yet.' },
    AWAITING_REVIEW: { description: '待审核: the latest version awaits review.' },
    RETURNED: { description: '已退回: the latest version was returned; submit it again.' },
    PUBLISHED: { description: '已公示: a version is published.' },
  },
});

@ObjectType('InspectionVisit', { description: "我的检查: one drawn business of a published task whose drawn team names the signed-in inspector." })
export class InspectionVisitView {
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => String, { description: "The task's title." }) taskTitle!: string;
  @Field(() => Department, { description: "The task's department (a joint plan's initiating one)." }) department!: string;
  @Field(() => DateScalar, { description: 'First day of the task window.' }) windowStart!: string;
  @Field(() => DateScalar, { description: 'Last day of the task window.' }) windowEnd!: string;
  @Field(() => String, { description: 'The drawn business (统一社会信用代码).' }) uscc!: string;
  @Field(() => [String], { description: "The drawn team's certificate numbers (执法证号), leader first." }) team!: string[];
  @Field(() => InspectionVisitStatus, { description: 'Where its record stands.' }) status!: InspectionVisitStatus;
  @Field(() => String, { nullable: true, description: 'The latest record version, if any.' }) recordId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: "The signed-in inspector's latest scan of the code at the business, if any." })
  scannedAt?: string | null;
}
const InspectionVisitConnection = Connection(InspectionVisitView, 'InspectionVisitConnection');

type Visit = Omit<InspectionVisitView, 'status' | 'recordId' | 'scannedAt'>;

const TASK_STATUSES_IN_FORCE = ['published', 'in-progress'];
const rootField = (department: string) => {
  const p = fieldPrefix(department);
  return `${p.charAt(0).toLowerCase()}${p.slice(1)}`;
};
/** The department's latest 100 tasks (the list carries no draw; statuses are filtered here, whether the schema spells them `published` or `PUBLISHED`) … */
const tasksQuery = (department: string) => `query { tasks: ${rootField(department)}Tasks(first: 100) { nodes { id status } } }`;
const inForce = (status: string) => TASK_STATUSES_IN_FORCE.includes(storedValue(status));
/** … then their draws, in one request. */
const drawsQuery = (department: string, ids: string[]) =>
  `query { ${ids.map((id, i) => `d${i}: ${rootField(department)}Task(id: ${JSON.stringify(id)}) { id title department windowStart windowEnd draw { targets(first: 100) { nodes { uscc team { certificateNumber } } } } }`).join(' ')} }`;

interface DepartmentTask {
  id: string;
  title: string;
  department: string;
  windowStart: string;
  windowEnd: string;
  draw: { targets: { nodes: { uscc: string; team: { certificateNumber: string }[] }[] } } | null;
}

async function jointVisits(ctx: SubgraphContext, cert: string): Promise<Visit[]> {
  const out: Visit[] = [];
  for (const plan of await ctx.em.find(JointPlanRow, { status: 'published' }, { orderBy: { id: 'asc' } })) {
    const committed = await latestCommitment(ctx.em, plan.id);
    const draw = committed ? await latestDraw(ctx.em, committed.id) : null;
    if (!draw) continue;
    for (const t of await ctx.em.find(DrawnTargetRow, { drawId: draw.id }, { orderBy: { uscc: 'asc' } })) {
      if (!t.team.includes(cert)) continue;
      out.push({
        taskId: plan.id,
        taskTitle: plan.title,
        department: plan.initiatingDepartment,
        windowStart: String(plan.windowStart),
        windowEnd: String(plan.windowEnd),
        uscc: t.uscc,
        team: t.team,
      });
    }
  }
  return out;
}

/** The department tasks in force (published or in progress) of the inspector's department (every department when the token names none). */
async function departmentVisits(ctx: SubgraphContext, cert: string): Promise<Visit[]> {
  const own = ctx.identity.department && findDepartment(ctx.identity.department) ? [ctx.identity.department] : DEPARTMENT_CODES;
  const ask = async (d: string) => {
    const listed = await callSubgraph<{ tasks: { nodes: { id: string; status: string }[] } }>(d, ctx.identity, tasksQuery(d), {});
    if (!listed.ok) return listed;
    const ids = listed.data.tasks.nodes.filter((t) => inForce(t.status)).map((t) => t.id);
    if (!ids.length) return { subgraph: d, ok: true as const, data: {} as Record<string, DepartmentTask | null> };
    return callSubgraph<Record<string, DepartmentTask | null>>(d, ctx.identity, drawsQuery(d, ids), {});
  };
  const answers = await Promise.all(own.map(ask));
  const failed = answers.filter((a) => !a.ok);
  if (failed.length) {
    throw serviceFailure(answers, `${failed.map((a) => findDepartment(a.subgraph)?.nameZh ?? a.subgraph).join('、')}暂时无法应答，无法列出部门任务`, "a department did not answer; its tasks cannot be listed", {
      field: 'myInspectionVisits',
    });
  }
  const out: Visit[] = [];
  for (const a of answers) {
    if (!a.ok) continue;
    for (const task of Object.values(a.data)) {
      if (!task) continue;
      for (const t of task.draw?.targets.nodes ?? []) {
        const team = t.team.map((m) => m.certificateNumber);
        if (!team.includes(cert)) continue;
        // The department answers with its Department enum's name (FIRE_RESCUE); this field keeps the code (fire-rescue).
        out.push({ taskId: task.id, taskTitle: task.title, department: storedValue(task.department), windowStart: task.windowStart, windowEnd: task.windowEnd, uscc: t.uscc, team });
      }
    }
  }
  return out;
}

const sortKey = (v: Visit) => `${v.windowEnd}/${v.taskId}/${v.uscc}`;

@Resolver()
export class MyInspectionVisitsResolver {
  @Query(() => InspectionVisitConnection, {
    description:
      "我的检查: the signed-in inspector's visits — drawn businesses of published joint plans and of their department's published tasks whose drawn team names their certificate number — by window end, task and USCC. Certified inspectors only.",
  })
  async myInspectionVisits(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<InspectionVisitView>> {
    authorize(ctx, 'visit:record', { field: 'myInspectionVisits' });
    checkPageSize(first);
    const cert = ctx.identity.certificateNumber!;
    const from = decodeCursor(after);
    const visits = [...(await jointVisits(ctx, cert)), ...(await departmentVisits(ctx, cert))];
    visits.sort((a, b) => byKey(sortKey(a), sortKey(b)));
    const start = from ? visits.findIndex((v) => sortKey(v) > from) : 0;
    const page = start < 0 ? [] : visits.slice(start, start + first + 1);
    const taskIds = [...new Set(page.map((v) => v.taskId))];
    const standings = taskIds.length ? await recordStandings(ctx.em, { taskId: { $in: taskIds } }) : new Map();
    const scans = taskIds.length
      ? await ctx.em.find(VisitScanRow, { taskId: { $in: taskIds }, certificateNumber: cert }, { orderBy: { scannedAt: 'asc' } })
      : [];
    const lastScan = new Map(scans.map((s) => [standingKey(s.taskId, s.uscc), s.scannedAt]));
    const rows = page.map((v): InspectionVisitView & { key: string } => {
      const s = standings.get(standingKey(v.taskId, v.uscc));
      const at = lastScan.get(standingKey(v.taskId, v.uscc));
      return {
        ...v,
        key: sortKey(v),
        status: (s?.status ?? 'not-entered') as InspectionVisitStatus,
        recordId: (s?.inForce ?? s?.latest)?.id ?? null,
        scannedAt: at ? new Date(at).toISOString() : null,
      };
    });
    return toPage(rows, first, visits.length, (r) => r.key);
  }
}
