import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { InspectionCodeView, issueCodesForDraw, revocationsOf, revokeCode } from '../../../shared/inspection/code-kit.js';
import { requirePlanInForce } from '../../../shared/inspection/annual-plan.js';
import { OFFICE } from '../../../shared/domain/departments.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { requireStatement } from '../../../shared/platform/versioned.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { DrawnTargetRow, InspectionCodeRow, type ItemSnapshot } from '../../../shared/inspection/task-entities.js';
import { latestCommitment, latestDraw } from '../../../shared/inspection/task-service.js';
import type { DepartmentAnswer } from './resolvers.js';
import { JointPlanRow } from '../plans/entities.js';
import { loadPlan, participations } from '../plans/service.js';

/** At most this many codes in one revocation. */
const MAX_REVOKED = 100;

/**
 * A joint task (联合抽查任务) is one drawn business of a published joint plan: its items are the
 * participating departments' items that apply to the business, its team the mixed team drawn for
 * it. Its inspection codes are issued and kept here, by the office, like a department's codes
 * for its own tasks (shared/inspection/code-kit.ts).
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
async function publishedDraw(em: EntityManager, plan: JointPlanRow, field: string): Promise<number> {
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

/** For the public scan: is this genuine code of a joint plan on record and in force? */
export async function jointCodeStatus(ctx: SubgraphContext, codeId: string, planId: string, uscc: string): Promise<DepartmentAnswer> {
  const unknown: DepartmentAnswer = { status: 'unknown', reason: null, department: '', title: null, items: [] };
  const row = await ctx.em.findOne(InspectionCodeRow, { id: codeId });
  if (!row || row.taskId !== planId || row.uscc !== uscc) return unknown;
  const plan = await ctx.em.findOne(JointPlanRow, { id: planId });
  if (!plan) return unknown;
  const items = (await participations(ctx.em, plan)).flatMap((p) => p.items);
  const base = { department: plan.initiatingDepartment, title: plan.title, items };
  const revocation = (await revocationsOf(ctx, [codeId])).get(codeId);
  if (revocation) return { ...base, status: 'revoked', reason: revocation.reason };
  return { ...base, status: plan.status === 'published' ? 'active' : 'revoked', reason: null };
}

@Resolver()
export class JointCodeResolver {
  @Mutation(() => [InspectionCodeView], {
    description: 'Inspection codes (检查码) of every joint task of a published joint plan (office coordinators); re-issuing returns the same codes.',
  })
  async issueJointInspectionCodes(@Arg('planId', () => String, { description: 'A published joint plan, e.g. JP-2026Q2-0001.' }) planId: string, @Ctx() ctx: SubgraphContext): Promise<InspectionCodeView[]> {
    const plan = await loadPlan(ctx.em, planId);
    const drawId = await publishedDraw(ctx.em, plan, 'planId');
    await requirePlanInForce(ctx.em, OFFICE.code, plan.period, (await participations(ctx.em, plan)).flatMap((p) => p.itemCodes), 'planId');
    return issueCodesForDraw(ctx, plan, drawId);
  }

  @Mutation(() => [InspectionCodeView], {
    description:
      'Revokes inspection codes of joint tasks (office coordinators), with one recorded reason. All or nothing: ' +
      'an unknown code (NOT_FOUND) or one already revoked (CONFLICT) revokes none; extensions.codeId names it.',
  })
  async revokeJointInspectionCodes(
    @Arg('codes', () => [String], { description: 'Code ids (codeId) of the codes to revoke, 1 to 100, no repeats.' }) codes: string[],
    @Arg('reason', () => String, { description: 'Why the codes are revoked (shown on a scan).' }) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionCodeView[]> {
    if (codes.length < 1 || codes.length > MAX_REVOKED) {
      throw badInput('codes', `一次作废1到${MAX_REVOKED}个检查码，收到${codes.length}个 / revoke 1 to ${MAX_REVOKED} codes at a time, got ${codes.length}`);
    }
    const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
    if (repeated !== undefined) throw badInput('codes', `检查码${repeated}重复 / code ${repeated} is listed twice`, { codeId: repeated });
    requireStatement('reason', reason, '作废检查码的理由');
    const rows = new Map((await ctx.em.find(InspectionCodeRow, { id: { $in: codes } })).map((r) => [r.id, r]));
    const missing = codes.find((c) => !rows.has(c));
    if (missing !== undefined) {
      throw userError('NOT_FOUND', `检查码“${missing}”不存在，未作废任何检查码 / there is no inspection code "${missing}"; no code was revoked`, { field: 'codes', codeId: missing });
    }
    const revoked = await revocationsOf(ctx, codes);
    const already = codes.find((c) => revoked.has(c));
    if (already !== undefined) {
      throw userError('CONFLICT', `检查码${already}已作废，未作废任何检查码 / inspection code ${already} is already revoked; no code was revoked`, { field: 'codes', codeId: already });
    }
    // The mutation's transaction (withTrail) holds every revocation: an error rolls all of them back.
    const out: InspectionCodeView[] = [];
    for (const codeId of codes) out.push(await revokeCode(ctx, codeId, reason));
    return out;
  }
}
