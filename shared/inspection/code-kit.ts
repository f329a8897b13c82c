import type { KeyObject } from 'node:crypto';
import { Arg, Authorized, Ctx, Directive, Field, Mutation, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import { badInput, notFound, userError } from '../platform/errors.js';
import { requireStatement, uniqueOrConflict } from '../platform/versioned.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import { codeKeys, CODE_VERSION, newCodeId, signInspectionCode } from '../platform/inspection-code.js';
import { DrawnTargetRow, InspectionCodeRevocationRow, InspectionCodeRow, InspectionTaskRow } from './task-entities.js';
import { loadTask, requireTaskInPlan, type TaskDepartment } from './task-service.js';
import { latestCommitment, latestDraw, supersededDrawIds } from './draw-procedure.js';
import { ContractTaskItem, type TaskItem } from './task-kit.js';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';
import * as clock from '../platform/clock.js';
import { InspectionCodeStatus } from '../platform/enums.js';

/**
 * Inspection codes (检查码, 扫码入企) of a department's published tasks: issued once per drawn
 * business of the current draw (re-issuing returns the stored codes), revoked with a reason.
 * Both tables are append-only. The office's public scan asks the owning department through
 * `departmentInspectionCode` (service only) whether a genuine code is still in force.
 */

@ObjectType('InspectionCode', { description: '检查码: the signed code of one drawn business of a published task.' })
@Directive('@shareable')
export class InspectionCodeView {
  @Field(() => String, { description: 'Id of the inspection code; pass to revoke…InspectionCodes.' }) codeId!: string;
  @Field(() => String, { description: 'Task number (任务编号).' }) taskId!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'base64url(JSON payload) "." base64url(Ed25519 signature); check with inspectionCodePublicKey.' })
  token!: string;
  @Field(() => [String], { description: "The team's certificate numbers, leader first." }) certificateNumbers!: string[];
  @Field(() => [String], { description: 'Inspection item codes (抽查事项编码).' }) itemCodes!: string[];
  @Field(() => DateScalar, { description: 'First day the code is valid (the task window).' }) validFrom!: string;
  @Field(() => DateScalar, { description: 'Last day the code is valid.' }) validUntil!: string;
  @Field(() => DateTimeScalar, { description: 'When the code was issued.' }) issuedAt!: string;
  @Field(() => InspectionCodeStatus, { description: 'ACTIVE, or REVOKED (with revokedAt and revocationReason).' }) status!: InspectionCodeStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked; null while in force.' }) revokedAt?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was revoked; null while in force.' }) revocationReason?: string | null;
}

@ObjectType('DepartmentInspectionCode', { description: 'Department contract: whether a genuine inspection code is in force, and its task.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentInspectionCode {
  @Field(() => String, { description: 'active, revoked or unknown' }) status!: 'active' | 'revoked' | 'unknown';
  @Field(() => String, { nullable: true, description: 'Why (as recorded).' }) reason?: string | null;
  @Field(() => String, { nullable: true }) revokedAt?: string | null;
  @Field(() => String) department!: string;
  @Field(() => String, { nullable: true, description: 'Title.' }) title?: string | null;
  @Field(() => [ContractTaskItem], { description: 'Inspection items (抽查事项) as the task froze them.' }) items!: TaskItem[];
}

const IN_FORCE = ['published', 'in-progress'];

function payloadOf(token: string): { certs: string[]; items: string[]; nbf: string; exp: string } {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
}

export function codeView(row: InspectionCodeRow, revocation?: InspectionCodeRevocationRow): InspectionCodeView {
  const p = payloadOf(row.token);
  return {
    codeId: row.id,
    taskId: row.taskId,
    uscc: row.uscc,
    token: row.token,
    certificateNumbers: p.certs,
    itemCodes: p.items,
    validFrom: p.nbf,
    validUntil: p.exp,
    issuedAt: new Date(row.issuedAt).toISOString(),
    status: revocation ? InspectionCodeStatus.REVOKED : InspectionCodeStatus.ACTIVE,
    revokedAt: revocation ? new Date(revocation.revokedAt).toISOString() : null,
    revocationReason: revocation?.reason ?? null,
  };
}

export async function revocationsOf(ctx: SubgraphContext, codeIds: string[]): Promise<Map<string, InspectionCodeRevocationRow>> {
  if (!codeIds.length) return new Map();
  const rows = await ctx.em.find(InspectionCodeRevocationRow, { codeId: { $in: codeIds } });
  return new Map(rows.map((r) => [r.codeId, r]));
}

/** The codes of every drawn business of the task's current draw; issues the missing ones. */
export async function issueCodes(ctx: SubgraphContext, dep: TaskDepartment, taskId: string): Promise<InspectionCodeView[]> {
  const task = await loadTask(ctx.em, taskId);
  if (!IN_FORCE.includes(task.status)) {
    throw userError(
      'PRECONDITION_FAILED',
      `任务${task.id}当前状态为“${task.status}”，抽查结果公示后才能签发检查码 / task ${task.id} is ${task.status}; inspection codes are issued for published draws only`,
      { field: 'taskId', status: task.status },
    );
  }
  // Executing: codes only under the plan in force that still covers the task's items.
  await requireTaskInPlan(ctx.em, task);
  const committed = await latestCommitment(ctx.em, task.id);
  const draw = committed ? await latestDraw(ctx.em, committed.id) : null;
  if (!draw) throw userError('PRECONDITION_FAILED', `任务${task.id}尚无抽取结果 / task ${task.id} has no draw`, { field: 'taskId' });
  return issueCodesForDraw(ctx, task, draw.id);
}

/** The codes of a draw (department task or joint plan), issuing the missing ones; a concurrent issue is a CONFLICT. */
export async function issueCodesForDraw(
  ctx: SubgraphContext,
  task: Pick<InspectionTaskRow, 'id' | 'windowStart' | 'windowEnd'>,
  drawId: number,
): Promise<InspectionCodeView[]> {
  const { privateKey } = codeKeys();
  const rows = await uniqueOrConflict(
    'taskId',
    `任务${task.id}的检查码正在由他人签发，请重试 / codes of task ${task.id} were being issued at the same moment; try again`,
    () => issueMissing(ctx, task, drawId, privateKey),
  );
  const revoked = await revocationsOf(ctx, rows.map((r) => r.id));
  return rows.map((r) => codeView(r, revoked.get(r.id)));
}

/**
 * Signs and stores the codes of the draw's businesses that have none yet; returns all, in draw
 * order. `task` is a department task or a joint plan: both keep their draws in drawn_target.
 */
function issueMissing(
  ctx: SubgraphContext,
  task: Pick<InspectionTaskRow, 'id' | 'windowStart' | 'windowEnd'>,
  drawId: number,
  privateKey: KeyObject,
): Promise<InspectionCodeRow[]> {
  return ctx.em.transactional(async (tx) => {
    const targets = await tx.find(DrawnTargetRow, { drawId }, { orderBy: { id: 'asc' } });
    const existing = new Map((await tx.find(InspectionCodeRow, { taskId: task.id, drawId })).map((c) => [c.uscc, c]));
    const out: InspectionCodeRow[] = [];
    const issuedAt = clock.now();
    for (const t of targets) {
      let row = existing.get(t.uscc);
      if (!row) {
        const id = newCodeId();
        const token = signInspectionCode(
          {
            v: CODE_VERSION,
            cid: id,
            tid: task.id,
            uscc: t.uscc,
            certs: [...t.team],
            items: [...t.itemCodes],
            nbf: String(task.windowStart),
            exp: String(task.windowEnd),
            iat: issuedAt.toISOString(),
          },
          privateKey,
        );
        row = tx.create(InspectionCodeRow, { id, taskId: task.id, drawId, uscc: t.uscc, token, issuedBy: ctx.identity.subject, issuedAt });
      }
      out.push(row);
    }
    await tx.flush();
    return out;
  });
}

/** Revokes a code; `requireAuthority` says who may (the task's department, or the office for joint plans). */
export async function revokeCode(ctx: SubgraphContext, codeId: string, reason: string): Promise<InspectionCodeView> {
  const row = await ctx.em.findOne(InspectionCodeRow, { id: codeId });
  if (!row) throw notFound('codeId', `检查码“${codeId}”不存在 / there is no inspection code "${codeId}"`);
  requireStatement('reason', reason, '作废检查码的理由');
  if ((await revocationsOf(ctx, [codeId])).size) {
    throw userError('CONFLICT', `检查码${codeId}已作废 / inspection code ${codeId} is already revoked`, { field: 'codeId' });
  }
  const revocation = await ctx.em.transactional(async (tx) => {
    const r = tx.create(InspectionCodeRevocationRow, { codeId, reason: reason.trim(), revokedBy: ctx.identity.subject, revokedAt: clock.now() });
    await tx.flush();
    return r;
  });
  return codeView(row, revocation);
}

/** At most this many codes per revocation. */
export const MAX_CODES_PER_REVOCATION = 100;

/**
 * Revokes several codes with one reason, all or nothing (one transaction): an unknown code
 * (NOT_FOUND) or one already revoked (CONFLICT) and none is revoked. `field` names the argument.
 */
export async function revokeCodes(ctx: SubgraphContext, codeIds: string[], reason: string, field = 'codes'): Promise<InspectionCodeView[]> {
  if (codeIds.length < 1 || codeIds.length > MAX_CODES_PER_REVOCATION) {
    throw badInput(field, `一次作废1至${MAX_CODES_PER_REVOCATION}个检查码，收到${codeIds.length}个 / revoke 1 to ${MAX_CODES_PER_REVOCATION} codes at a time, got ${codeIds.length}`);
  }
  const duplicate = codeIds.find((id, i) => codeIds.indexOf(id) !== i);
  if (duplicate !== undefined) throw badInput(field, `检查码“${duplicate}”重复 / the code "${duplicate}" is given twice`, { codeId: duplicate });
  const why = requireStatement('reason', reason, '作废检查码的理由');
  return ctx.em.transactional(async (tx) => {
    const rows = new Map((await tx.find(InspectionCodeRow, { id: { $in: codeIds } })).map((r) => [r.id, r]));
    const unknown = codeIds.find((id) => !rows.has(id));
    if (unknown !== undefined) {
      throw userError('NOT_FOUND', `检查码“${unknown}”不存在，所有检查码均未作废 / there is no inspection code "${unknown}"; no code was revoked`, { field, codeId: unknown });
    }
    const done = await tx.find(InspectionCodeRevocationRow, { codeId: { $in: codeIds } });
    if (done.length) {
      const id = done[0].codeId;
      throw userError('CONFLICT', `检查码${id}已作废，所有检查码均未作废 / inspection code ${id} is already revoked; no code was revoked`, { field, codeId: id });
    }
    const at = clock.now();
    const revocations = codeIds.map((codeId) => tx.create(InspectionCodeRevocationRow, { codeId, reason: why, revokedBy: ctx.identity.subject, revokedAt: at }));
    await tx.flush();
    return codeIds.map((id, i) => codeView(rows.get(id)!, revocations[i]));
  });
}

/** For the office's scan: is this (genuine) code on record and in force? */
export async function codeStatus(ctx: SubgraphContext, dep: TaskDepartment, codeId: string, taskId: string, uscc: string): Promise<DepartmentInspectionCode> {
  const unknown: DepartmentInspectionCode = { status: 'unknown', department: dep.department, items: [] };
  const row = await ctx.em.findOne(InspectionCodeRow, { id: codeId });
  if (!row || row.taskId !== taskId || row.uscc !== uscc) return unknown;
  const task = await ctx.em.findOne(InspectionTaskRow, { id: taskId });
  if (!task) return unknown;
  const base = { department: dep.department, title: task.title, items: task.items };
  const revocation = (await revocationsOf(ctx, [codeId])).get(codeId);
  if (revocation) return { ...base, status: 'revoked', reason: revocation.reason, revokedAt: new Date(revocation.revokedAt).toISOString() };
  if ((await supersededDrawIds(ctx.em)).has(row.drawId) || !IN_FORCE.includes(task.status)) {
    return { ...base, status: 'revoked', reason: '抽查结果已调整，原检查码失效 / the draw was adjusted; earlier codes are void', revokedAt: null };
  }
  return { ...base, status: 'active' };
}

export function createCodeResolvers(prefix: string, dep: TaskDepartment): ClassType[] {
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);

  @Resolver()
  class CodeResolver {
    @Mutation(() => [InspectionCodeView], {
      name: `issue${Prefix}InspectionCodes`,
      description: 'Inspection codes (检查码) of every drawn business of a published task; re-issuing returns the same codes.',
    })
    async issue(@Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string, @Ctx() ctx: SubgraphContext): Promise<InspectionCodeView[]> {
      return issueCodes(ctx, dep, taskId);
    }

    @Mutation(() => [InspectionCodeView], {
      name: `revoke${Prefix}InspectionCodes`,
      description: 'Revokes 1–100 inspection codes with one recorded reason, all or nothing: an unknown or already revoked code and none is revoked.',
    })
    async revoke(
      @Arg('codes', () => [String], { description: 'Code ids (InspectionCode.codeId), 1 to 100, each once.' }) codes: string[],
      @Arg('reason', () => String, { description: 'Why (at least 4 characters), recorded with each revocation.' }) reason: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectionCodeView[]> {
      return revokeCodes(ctx, codes, reason);
    }

    @Query(() => DepartmentInspectionCode, {
      name: 'departmentInspectionCode',
      description: 'Department contract: whether a genuine inspection code is on record and in force, for the public scan.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async contractCode(
      @Arg('codeId', () => String) codeId: string,
      @Arg('taskId', () => String, { description: 'Task number (任务编号), e.g. FR-2026Q2-0001.' }) taskId: string,
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentInspectionCode> {
      return codeStatus(ctx, dep, codeId, taskId, uscc);
    }
  }
  return [CodeResolver];
}
