import { Field, ObjectType } from 'type-graphql';
import { departmentByShort } from '../../../shared/domain/departments.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import { TaskItem } from '../../../shared/inspection/task-kit.js';
import { revocationsOf } from '../../../shared/inspection/code-kit.js';
import { InspectionCodeRow } from '../../../shared/inspection/task-entities.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { Department } from '../../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../../shared/platform/scalars.js';
import { codeKeys, verifyInspectionCode, windowStatus, type InspectionCodePayload } from '../../../shared/platform/inspection-code.js';
import { InspectionCodeScanStatus } from '../enums.js';
import { JointPlanRow } from '../plans/entities.js';
import { isJointPlanId, participations } from '../plans/service.js';

/**
 * 扫码入企 / 亮证执法: anyone — the business at its door above all — scans an inspection team's
 * code. The signature is checked here with the office's public key (a forged or altered code
 * never reaches a department); the department named by the task number then says whether the
 * code is on record and not revoked (`departmentInspectionCode`, service only).
 */

export const SCAN_STATUSES = ['valid', 'expired', 'not-yet-valid', 'revoked', 'forged', 'unknown'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

@ObjectType('InspectionCodeScan', { description: 'What a scanned inspection code (检查码) says, and whether it is in force.' })
export class InspectionCodeScan {
  @Field(() => InspectionCodeScanStatus, { description: 'What the code says.' }) status!: ScanStatus;
  @Field(() => String, { description: 'What it means, for the business at the door (中文 / English).' }) message!: string;
  @Field(() => String, { nullable: true, description: "The code's id; null when forged or unknown." }) codeId?: string | null;
  @Field(() => String, { nullable: true, description: 'The lawful basis: the inspection task.' }) taskId?: string | null;
  @Field(() => String, { nullable: true, description: "The task's title." }) taskTitle?: string | null;
  @Field(() => Department, { nullable: true, description: "The task's department (a joint plan's initiating one)." }) department?: string | null;
  @Field(() => [TaskItem], { description: "The task's items in this inspection, with their legal basis." }) items!: TaskItem[];
  @Field(() => String, { nullable: true, description: 'The business the code is for (统一社会信用代码).' }) uscc?: string | null;
  @Field(() => [String], { description: "The team's certificate numbers (执法证号), leader first; names are not shown." })
  certificateNumbers!: string[];
  @Field(() => DateScalar, { nullable: true, description: 'First day the code is valid.' }) validFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day the code is valid.' }) validUntil?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was issued.' }) issuedAt?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the code was revoked.' }) revocationReason?: string | null;
}

const CODE_QUERY = `query ($codeId: String!, $taskId: String!, $uscc: String!) {
  departmentInspectionCode(codeId: $codeId, taskId: $taskId, uscc: $uscc) {
    status reason revokedAt department title items { code name legalBasis method targetIndustries requiredExpertise } } }`;

export interface DepartmentAnswer {
  status: 'active' | 'revoked' | 'unknown';
  reason: string | null;
  department: string;
  title: string | null;
  items: TaskItem[];
}

const MESSAGES: Record<ScanStatus, string> = {
  valid: '检查码有效：该检查组依法对本单位开展抽查 / valid: this team is inspecting this business under the task below',
  expired: '检查码已过有效期 / this code has expired',
  'not-yet-valid': '检查码尚未到有效期 / this code is not valid yet',
  revoked: '检查码已作废 / this code has been revoked',
  forged: '检查码签名无效，可能系伪造或被篡改，请拨打12345核实 / the signature does not match: this code is forged or altered',
  unknown: '检查码未登记，请拨打12345核实 / this code is not on record',
};

function empty(status: ScanStatus, extra = ''): InspectionCodeScan {
  return { status, message: MESSAGES[status] + extra, items: [], certificateNumbers: [] };
}

/** Where the code's task is kept: joint plans here, department tasks in their department. */
async function codeOnRecord(ctx: SubgraphContext, p: InspectionCodePayload): Promise<DepartmentAnswer | null> {
  if (isJointPlanId(p.tid)) return jointCodeStatus(ctx, p.cid, p.tid, p.uscc);
  const dep = departmentByShort(p.tid.split('-')[0] ?? '');
  if (!dep) return null;
  const answer = await callSubgraph<{ departmentInspectionCode: DepartmentAnswer }>(dep.code, ctx.identity, CODE_QUERY, {
    codeId: p.cid,
    taskId: p.tid,
    uscc: p.uscc,
  });
  if (!answer.ok) {
    throw serviceFailure(answer, `${dep.nameZh}暂时无法应答`, `${dep.code} is not answering`, { field: 'code' });
  }
  return answer.data.departmentInspectionCode;
}

/** The public scan's answer on a given date; also what an inspector's recorded scan is judged by. */
export async function checkInspectionCode(ctx: SubgraphContext, code: string, asOf: string): Promise<InspectionCodeScan> {
  const checked = verifyInspectionCode(code, codeKeys().publicKey);
  if (!checked.ok) return empty('forged');
  const p: InspectionCodePayload = checked.payload;
  const record = await codeOnRecord(ctx, p);
  if (!record || record.status === 'unknown') return empty('unknown');
  const status: ScanStatus = record.status === 'revoked' ? 'revoked' : windowStatus(p, asOf);
  return {
    status,
    message: MESSAGES[status] + (status === 'revoked' && record.reason ? `（${record.reason}）` : ''),
    codeId: p.cid,
    taskId: p.tid,
    taskTitle: record.title,
    department: record.department,
    items: record.items.filter((i) => p.items.includes(i.code)),
    uscc: p.uscc,
    certificateNumbers: p.certs,
    validFrom: p.nbf,
    validUntil: p.exp,
    issuedAt: p.iat,
    revocationReason: status === 'revoked' ? record.reason : null,
  };
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
