import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../../shared/domain/draw.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../../shared/platform/auth.js';
import { authorize, decide } from '../../../shared/platform/policy.js';
import { badInput, notFound, requireUscc, userError } from '../../../shared/platform/errors.js';
import { insertOnce, requireStatement, uniqueOrConflict } from '../../../shared/platform/versioned.js';
import { chinaToday } from '../../../shared/platform/inspection-code.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { OFFICE } from '../../../shared/domain/departments.js';
import { PROBLEM_RESULT_CODES, RESULT_CODES } from '../../../shared/domain/result-codes.js';
export { addWorkingDays, workingDaysBetween } from '../../../shared/domain/working-days.js';
import { checkInspectionCode, type InspectionCodeScan } from '../codes/service.js';
import { loadVisitTask, type VisitTask } from './task.js';
import {
  FollowUpRow,
  InspectionRecordRow,
  OFF_SITE_METHODS,
  ON_SITE,
  RECORD_METHODS,
  RecordReviewRow,
  VisitScanRow,
  type ItemResult,
  type RecordMethod,
} from './entities.js';
import * as clock from '../../../shared/platform/clock.js';

/**
 * Carrying out a task (a joint plan's or a department's): the scan that starts a visit, the inspection record (检查记录表),
 * its review and publication (一公开), and the overdue list. Rules from docs/domain.md and
 * the 2024 State Council rules: no visit without a task in a published plan, a scanned code and
 * an inspector of the drawn team; at least two inspectors on site; results public within 20
 * working days of the inspection.
 */

/** Days within which a result must be published, counted in working days (shared/domain/working-days.ts: holidays and 调休 included). */
export const PUBLICATION_DUE_WORKING_DAYS = 20;

export type RecordStatus = 'awaiting-review' | 'returned' | 'published' | 'superseded';

export interface RecordInput {
  submissionKey: string;
  taskId: string;
  uscc: string;
  /** Default: the task's preferred method (preferredMethod). */
  method?: string | null;
  inspectedOn: string;
  leader: string;
  team: string[];
  experts: string[];
  itemResults: { itemCode: string; resultCodes: string[] }[];
  findings: string;
  evidence?: string | null;
  followUpMeasures?: string | null;
  disposalStatus: string;
  disposalDate?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: unknown): s is string => typeof s === 'string' && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

// ---------------------------------------------------------------------------------------------
// Who may do what.

/** Who may see unpublished records of a task: the office and the departments with items on it. */
export function maySeeRecords(identity: Identity, task: { departments: string[] }): boolean {
  return decide(identity, 'record:read', { departments: task.departments }).allowed;
}

// ---------------------------------------------------------------------------------------------
// Scan at the door.

/** 扫码入企: an inspector of the team scans the task's code at the business; the visit starts. */
export async function recordScan(ctx: SubgraphContext, code: string): Promise<{ scan: VisitScanRow; check: InspectionCodeScan }> {
  // The policy's gate (shared/platform/policy.ts, visit:record) let only inspectors with a certificate through.
  const cert = ctx.identity.certificateNumber!;
  const check = await checkInspectionCode(ctx, code, chinaToday());
  if (check.status === 'forged' || check.status === 'unknown') throw badInput('code', check.message, { scanStatus: check.status });
  if (check.status !== 'valid') throw userError('PRECONDITION_FAILED', check.message, { field: 'code', scanStatus: check.status });
  authorize(ctx, 'visit:record', { team: check.certificateNumbers, field: 'code' });
  const scan = await ctx.em.transactional(async (tx) => {
    const row = tx.create(VisitScanRow, {
      id: randomUUID(),
      codeId: check.codeId!,
      taskId: check.taskId!,
      uscc: check.uscc!,
      certificateNumber: cert,
      scannedBy: ctx.identity.subject,
      scannedAt: clock.now(),
    });
    await tx.flush();
    return row;
  });
  return { scan, check };
}

// ---------------------------------------------------------------------------------------------
// Records.

export async function recordVersions(em: EntityManager, taskId: string, uscc: string): Promise<InspectionRecordRow[]> {
  return em.find(InspectionRecordRow, { taskId, uscc }, { orderBy: { version: 'asc' } });
}

export async function reviewsOf(em: EntityManager, recordIds: string[]): Promise<Map<string, RecordReviewRow>> {
  if (!recordIds.length) return new Map();
  return new Map((await em.find(RecordReviewRow, { recordId: { $in: recordIds } })).map((r) => [r.recordId, r]));
}

/** Every version of one business's record under a task, oldest first, with its review and status. */
export interface RecordHistory {
  versions: InspectionRecordRow[];
  reviews: Map<string, RecordReviewRow>;
  statuses: Map<string, RecordStatus>;
}

export async function recordHistory(em: EntityManager, taskId: string, uscc: string): Promise<RecordHistory> {
  const versions = await recordVersions(em, taskId, uscc);
  const reviews = await reviewsOf(em, versions.map((v) => v.id));
  return { versions, reviews, statuses: statusesOf(versions, reviews) };
}

/** The status of each version: the latest published one is in force; earlier published ones are superseded. */
export function statusesOf(versions: InspectionRecordRow[], reviews: Map<string, RecordReviewRow>): Map<string, RecordStatus> {
  const out = new Map<string, RecordStatus>();
  const lastPublished = [...versions].reverse().find((v) => reviews.get(v.id)?.decision === 'published');
  for (const v of versions) {
    const r = reviews.get(v.id);
    out.set(v.id, !r ? 'awaiting-review' : r.decision === 'returned' ? 'returned' : v === lastPublished ? 'published' : 'superseded');
  }
  return out;
}

const digestOf = (input: RecordInput) => sha256Hex(JSON.stringify({ ...input, submissionKey: undefined, uscc: input.uscc.trim().toUpperCase() }));

/**
 * 非现场监管 is preferred where it suffices: when every item of the task is checked by the same
 * off-site method, that is the record's method unless the inspector says otherwise.
 */
export function preferredMethod(task: Pick<VisitTask, 'items'>): RecordMethod {
  const methods = new Set(task.items.map((i) => i.method));
  const [only] = methods;
  return methods.size === 1 && (OFF_SITE_METHODS as readonly string[]).includes(only) ? (only as RecordMethod) : ON_SITE;
}

/** Checks the record against its task; returns the item results as stored. */
export function checkRecord(input: RecordInput, task: Pick<VisitTask, 'windowStart' | 'windowEnd' | 'team' | 'items'>, enteredBy: string): ItemResult[] {
  const f = (name: string) => `record.${name}`;
  if (!(RECORD_METHODS as readonly string[]).includes(input.method ?? '')) {
    throw badInput(f('method'), `检查方式应为${RECORD_METHODS.join('、')}之一 / method must be one of ${RECORD_METHODS.join(', ')}`);
  }
  if (!isDate(input.inspectedOn)) throw badInput(f('inspectedOn'), '检查日期格式应为YYYY-MM-DD / inspectedOn must be a date YYYY-MM-DD');
  if (input.inspectedOn > chinaToday()) throw badInput(f('inspectedOn'), '检查日期不能晚于今天 / the inspection date cannot be in the future');
  const { windowStart, windowEnd } = task;
  if (input.inspectedOn < windowStart || input.inspectedOn > windowEnd) {
    throw badInput(f('inspectedOn'), `检查日期应在任务期限${windowStart}至${windowEnd}之内 / the inspection date must fall within the task's window ${windowStart}…${windowEnd}`);
  }
  const team = input.team.map((c) => c.trim());
  const outsiders = team.filter((c) => !task.team.includes(c));
  if (outsiders.length) {
    throw badInput(f('team'), `${outsiders.join('、')}不在抽取的检查组中 / ${outsiders.join(', ')} are not on the drawn team (${task.team.join(', ')})`);
  }
  if (!team.includes(enteredBy)) throw badInput(f('team'), `录入人${enteredBy}应为在场检查人员之一 / the inspector entering the record (${enteredBy}) must be one of those present`);
  if (input.method === ON_SITE && new Set(team).size < 2) {
    throw badInput(f('team'), '现场检查至少需要2名执法检查人员 / an on-site inspection needs at least 2 certified inspectors present');
  }
  if (!team.includes(input.leader.trim())) throw badInput(f('leader'), '组长应为在场检查人员之一 / the team leader must be one of the inspectors present');
  if (input.experts.some((e) => !e.trim())) throw badInput(f('experts'), '专家姓名不能为空 / expert names cannot be empty');

  const byCode = new Map(task.items.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const results: ItemResult[] = [];
  for (const [n, r] of input.itemResults.entries()) {
    const item = byCode.get(r.itemCode);
    if (!item) throw badInput(f(`itemResults[${n}].itemCode`), `事项${r.itemCode}不属于该抽查任务 / item ${r.itemCode} is not part of this task`);
    if (seen.has(r.itemCode)) throw badInput(f(`itemResults[${n}].itemCode`), `事项${r.itemCode}重复 / item ${r.itemCode} is given twice`);
    seen.add(r.itemCode);
    const codes = [...new Set(r.resultCodes.map((c) => c.trim().toUpperCase()))];
    const unknown = codes.filter((c) => !Object.hasOwn(RESULT_CODES, c));
    if (!codes.length || unknown.length) {
      throw badInput(
        f(`itemResults[${n}].resultCodes`),
        `检查结果代码${unknown.join('、') || '（空）'}无效，应为：${Object.keys(RESULT_CODES).join(' ')} / result codes must be taken from the list (${Object.keys(RESULT_CODES).join(' ')})`,
      );
    }
    if (codes.includes('1') && codes.length > 1) {
      throw badInput(f(`itemResults[${n}].resultCodes`), '“1 未发现问题”不能与其他结果同时选择 / "1 no problem found" cannot be combined with other results');
    }
    results.push({ itemCode: r.itemCode, department: item.department, resultCodes: codes });
  }
  const missing = task.items.filter((i) => !seen.has(i.code)).map((i) => i.code);
  if (missing.length) throw badInput(f('itemResults'), `以下事项缺少检查结果：${missing.join('、')} / results are missing for items ${missing.join(', ')}`);

  if (input.method !== ON_SITE) {
    const onSiteOnly = task.items.filter((i) => i.method !== input.method).map((i) => i.code);
    if (onSiteOnly.length) {
      throw badInput(
        f('method'),
        `事项${onSiteOnly.join('、')}不能以“${input.method}”方式非现场检查 / items ${onSiteOnly.join(', ')} do not allow ${input.method}; inspect them on site`,
      );
    }
    if (!input.evidence?.trim()) throw badInput(f('evidence'), '非现场检查必须写明核查的材料或数据 / an off-site check must say what evidence was examined');
  }
  if (!['none', 'pending', 'done'].includes(input.disposalStatus)) {
    throw badInput(f('disposalStatus'), '处置状态应为none、pending或done / disposalStatus must be none, pending or done');
  }
  if (input.disposalStatus === 'done' && !isDate(input.disposalDate)) {
    throw badInput(f('disposalDate'), '处置完毕须填写处置日期（YYYY-MM-DD） / a done disposal needs its date (YYYY-MM-DD)');
  }
  if (!input.findings.trim()) throw badInput(f('findings'), '检查情况不能为空 / findings cannot be empty');
  return results;
}

/**
 * Submits a record (or, with `correction`, a correction of the published one). Idempotent by the
 * submission key: a retry with the same key and content returns the same record and writes nothing.
 */
export async function submitRecord(
  ctx: SubgraphContext,
  input: RecordInput,
  correction?: { recordId: string; reason: string },
): Promise<InspectionRecordRow> {
  const cert = ctx.identity.certificateNumber!;
  const key = input.submissionKey?.trim() ?? '';
  if (key.length < 8 || key.length > 100) {
    throw badInput('record.submissionKey', '提交键应为8到100个字符（同一记录重试时保持不变） / submissionKey must be 8–100 characters, the same on every retry of one record');
  }
  const uscc = requireUscc('record.uscc', input.uscc);
  const digest = digestOf(input);
  const again = await ctx.em.findOne(InspectionRecordRow, { submissionKey: key });
  if (again) return sameSubmission(again, digest, cert);

  const task = await loadVisitTask(ctx, input.taskId, uscc, 'record.taskId');
  authorize(ctx, 'visit:record', { team: task.team, field: 'record' });
  input = { ...input, method: input.method ?? preferredMethod(task) };
  const itemResults = checkRecord(input, task, cert);

  let scanId: string | null = null;
  if (input.method === ON_SITE) {
    const scan = await ctx.em.findOne(VisitScanRow, { taskId: task.taskId, uscc, certificateNumber: { $in: task.team } }, { orderBy: { scannedAt: 'desc' } });
    if (!scan) {
      throw userError(
        'PRECONDITION_FAILED',
        '现场检查须先由检查组人员扫描检查码（扫码入企），未扫码不得录入现场检查记录 / an on-site record needs a scan of the inspection code by a team member at the business first',
        { field: 'record.method' },
      );
    }
    scanId = scan.id;
  }

  const { versions, statuses } = await recordHistory(ctx.em, task.taskId, uscc);
  // A retry in flight beside its first attempt (a phone on a bad connection) may find the record
  // that attempt stored after the lookup above: that record is its answer, not a conflict.
  const stored = versions.find((v) => v.submissionKey === key);
  if (stored) return sameSubmission(stored, digest, cert);
  const latest = versions[versions.length - 1];
  const latestStatus = latest ? statuses.get(latest.id) : undefined;
  const published = versions.find((v) => statuses.get(v.id) === 'published');
  if (latestStatus === 'awaiting-review') {
    throw userError('CONFLICT', `该企业已有待审核的检查记录${latest.id}，请等待审核结果 / record ${latest.id} of this business is awaiting review`, {
      field: 'record',
      recordId: latest.id,
    });
  }
  if (correction) {
    if (!published || published.id !== correction.recordId) {
      throw userError('PRECONDITION_FAILED', `只能更正已公示的现行记录${published ? `（${published.id}）` : ''} / only the published record in force can be corrected`, {
        field: 'recordId',
      });
    }
    requireStatement('reason', correction.reason, '更正理由');
  } else if (published) {
    throw userError(
      'PRECONDITION_FAILED',
      `检查记录${published.id}已公示并锁定，不能修改；如有错误请提交更正 / record ${published.id} is published and locked; submit a correction instead`,
      { field: 'record', recordId: published.id },
    );
  }

  const version = (latest?.version ?? 0) + 1;
  // A retry that raced its first attempt gets the stored record; another inspector entering the
  // same business at the same moment (same version, other key) gets a CONFLICT.
  const write = () =>
    ctx.em.transactional(async (tx) => {
      const row = tx.create(InspectionRecordRow, {
        id: `IR-${task.taskId}-${uscc}-${version}`,
        taskId: task.taskId,
        uscc,
        version,
        title: task.title,
        department: task.owner,
        departments: task.departments,
        supersedes: latest?.id ?? null,
        correctionReason: correction?.reason.trim() ?? null,
        submissionKey: key,
        submissionDigest: digest,
        method: input.method as RecordMethod,
        scanId,
        inspectedOn: input.inspectedOn,
        leader: input.leader.trim(),
        team: [input.leader.trim(), ...input.team.map((c) => c.trim()).filter((c) => c !== input.leader.trim())],
        experts: input.experts.map((e) => e.trim()),
        itemResults,
        findings: input.findings.trim(),
        evidence: input.evidence?.trim() || null,
        followUpMeasures: input.followUpMeasures?.trim() || null,
        disposalStatus: input.disposalStatus,
        disposalDate: input.disposalDate ?? null,
        enteredBy: ctx.identity.subject,
        enteredByCertificate: cert,
        enteredAt: clock.now(),
      });
      await tx.flush();
      return row;
    });
  return uniqueOrConflict('record', '同一企业的检查记录刚由他人提交，请刷新后重试 / another record of this business was submitted at the same moment; reload and try again', () =>
    insertOnce(write, async () => {
      const raced = await ctx.em.fork().findOne(InspectionRecordRow, { submissionKey: key });
      return raced && sameSubmission(raced, digest, cert);
    }),
  );
}

function sameSubmission(row: InspectionRecordRow, digest: string, cert: string): InspectionRecordRow {
  if (row.submissionDigest !== digest || row.enteredByCertificate !== cert) {
    throw userError(
      'CONFLICT',
      `提交键已用于另一份内容不同的记录${row.id}，请为新记录使用新的提交键 / this submission key was used for a different record (${row.id}); use a new key for a new record`,
      { field: 'record.submissionKey', recordId: row.id },
    );
  }
  return row;
}

export async function loadRecord(em: EntityManager, recordId: string, field = 'recordId'): Promise<InspectionRecordRow> {
  const row = await em.findOne(InspectionRecordRow, { id: recordId });
  if (!row) throw notFound(field, `检查记录“${recordId}”不存在 / there is no inspection record "${recordId}"`);
  return row;
}

const CREDIT_FEEDBACK = `mutation ($feedback: CreditFeedbackInput!) { recordCreditFeedback(feedback: $feedback) { tag validUntil } }`;

/**
 * Review: returned with a reason, or published. The reviewer is never the one who entered it.
 * Publishing a record with a problem found feeds it back to the register (market supervision)
 * as a `finding-12m` risk tag in the same step; if the register does not answer, nothing is
 * published (the feedback is idempotent by record id, so the retry is safe).
 */
export async function reviewRecord(ctx: SubgraphContext, recordId: string, decision: 'publish' | 'return', reason?: string | null): Promise<InspectionRecordRow> {
  const record = await loadRecord(ctx.em, recordId);
  authorize(ctx, 'record:review', { department: record.department, enteredBy: record.enteredBy, field: 'recordId' });
  if (!['publish', 'return'].includes(decision)) throw badInput('decision', 'decision 应为 publish 或 return / decision must be publish or return');
  if ((await reviewsOf(ctx.em, [record.id])).size) {
    throw userError('PRECONDITION_FAILED', `检查记录${record.id}已审核，不能再次审核 / record ${record.id} has been reviewed already`, { field: 'recordId' });
  }
  if (decision === 'return') requireStatement('reason', reason, '退回理由');
  const problems = record.itemResults.some((r) => r.resultCodes.some((c) => PROBLEM_RESULT_CODES.has(c)));
  if (decision === 'publish' && problems) {
    const answer = await callSubgraph('market-supervision', ctx.identity, CREDIT_FEEDBACK, {
      feedback: {
        uscc: record.uscc,
        tag: 'finding-12m',
        sourceDepartment: OFFICE.code,
        sourceRef: record.id,
        resultCodes: [...new Set(record.itemResults.flatMap((r) => r.resultCodes))].sort(),
        note: `抽查任务${record.taskId}发现问题 / inspection task ${record.taskId} found a problem`,
      },
    });
    if (!answer.ok) {
      throw serviceFailure(answer, '企业登记（市场监管）暂时无法接收信用反馈，记录未公示', 'the register did not take the credit feedback; nothing was published', {
        field: 'recordId',
      });
    }
  }
  return uniqueOrConflict('recordId', `检查记录${record.id}刚由他人审核 / record ${record.id} was reviewed by someone else a moment ago`, () =>
    ctx.em.transactional(async (tx) => {
      tx.create(RecordReviewRow, {
        recordId: record.id,
        decision: decision === 'publish' ? 'published' : 'returned',
        reason: reason?.trim() || null,
        reviewedBy: ctx.identity.subject,
        reviewedAt: clock.now(),
      });
      if (decision === 'publish' && problems) {
        tx.create(FollowUpRow, {
          id: `${record.id}:credit-feedback`,
          recordId: record.id,
          taskId: record.taskId,
          uscc: record.uscc,
          kind: 'credit-feedback',
          status: 'recorded',
          recipient: 'market-supervision',
          detail: '检查发现问题，已作为风险标注（finding-12m）反馈至企业登记 / the finding was fed back to the register as a finding-12m risk tag',
          createdBy: ctx.identity.subject,
          createdAt: clock.now(),
          closedBy: ctx.identity.subject,
          closedAt: clock.now(),
        });
      }
      await tx.flush();
      return record;
    }),
  );
}

/** Where one drawn business's result stands. */
export interface Standing {
  taskId: string;
  uscc: string;
  status: 'not-entered' | RecordStatus;
  latest: InspectionRecordRow | null;
  inForce: InspectionRecordRow | null;
  publishedAt: Date | null;
}

export const standingKey = (taskId: string, uscc: string) => `${taskId}/${uscc}`;

export const notEntered = (taskId: string, uscc: string): Standing => ({ taskId, uscc, status: 'not-entered', latest: null, inForce: null, publishedAt: null });

/** The standing of every task and business that has records matching `where`, by standingKey. Two statements. */
export async function recordStandings(em: EntityManager, where: Record<string, unknown>): Promise<Map<string, Standing>> {
  const records = await em.find(InspectionRecordRow, where, { orderBy: { version: 'asc' } });
  const reviews = await reviewsOf(em, records.map((r) => r.id));
  const byTask = new Map<string, InspectionRecordRow[]>();
  for (const r of records) byTask.set(standingKey(r.taskId, r.uscc), [...(byTask.get(standingKey(r.taskId, r.uscc)) ?? []), r]);
  const out = new Map<string, Standing>();
  for (const [key, versions] of byTask) {
    const statuses = statusesOf(versions, reviews);
    const latest = versions[versions.length - 1];
    const inForce = versions.find((v) => statuses.get(v.id) === 'published') ?? null;
    out.set(key, {
      taskId: latest.taskId,
      uscc: latest.uscc,
      status: inForce ? 'published' : statuses.get(latest.id)!,
      latest,
      inForce,
      publishedAt: inForce ? reviews.get(inForce.id)!.reviewedAt : null,
    });
  }
  return out;
}

/**
 * Published results turn planned inspections into done ones (with the inspection date), for the
 * merge (a business inspected in the window is not visited again) and the inspection history.
 */
export async function markDone<T extends { taskId: string; uscc: string; status: string; date: string }>(em: EntityManager, inspections: T[]): Promise<T[]> {
  const taskIds = [...new Set(inspections.map((i) => i.taskId))];
  if (!taskIds.length) return inspections;
  const standings = await recordStandings(em, { taskId: { $in: taskIds } });
  return inspections.map((i) => {
    const inForce = standings.get(standingKey(i.taskId, i.uscc))?.inForce;
    return inForce ? { ...i, status: 'done' as const, date: String(inForce.inspectedOn) } : i;
  });
}
