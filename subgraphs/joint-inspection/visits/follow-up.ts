import { authorize } from '../../../shared/platform/policy.js';
import { DEPARTMENT_CODES, findDepartment, OFFICE } from '../../../shared/domain/departments.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { FollowUpRow, type FollowUpKind, type InspectionRecordRow } from './entities.js';
import { requireStatement, uniqueOrConflict } from '../../../shared/platform/versioned.js';
import { loadRecord, recordHistory } from './service.js';
import * as clock from '../../../shared/platform/clock.js';

/**
 * Follow-up (后续处置) of a published record: an order to correct with a deadline and a re-check,
 * a referral (移交) to the competent department — delivered into that department's own subgraph,
 * where it appears as an incoming referral —, a criminal referral (移送司法), and the credit
 * feedback written when the record was published (visit-service.ts). Each has a status; a record
 * is closed when none of its follow-ups is still open.
 */
export const OPEN_FOLLOW_UP = 'open';

/** The published record in force that a follow-up hangs on. */
async function publishedRecord(ctx: SubgraphContext, recordId: string): Promise<InspectionRecordRow> {
  const record = await loadRecord(ctx.em, recordId);
  authorize(ctx, 'follow-up:order', { departments: record.departments, field: 'recordId' });
  if ((await recordHistory(ctx.em, record.taskId, record.uscc)).statuses.get(record.id) !== 'published') {
    throw userError('PRECONDITION_FAILED', `检查记录${record.id}不是已公示的现行记录，不能据以处置 / record ${record.id} is not the published record in force`, {
      field: 'recordId',
    });
  }
  return record;
}

async function addFollowUp(ctx: SubgraphContext, record: InspectionRecordRow, kind: FollowUpKind, id: string, fields: Partial<FollowUpRow>): Promise<FollowUpRow> {
  const existing = await ctx.em.findOne(FollowUpRow, { id });
  if (existing) return existing;
  const message = '同一后续处置刚由他人登记，请刷新后重试 / the same follow-up was recorded by someone else a moment ago; reload and try again';
  return uniqueOrConflict('recordId', message, () =>
    ctx.em.transactional(async (tx) => {
      const row = tx.create(FollowUpRow, {
        id,
        recordId: record.id,
        taskId: record.taskId,
        uscc: record.uscc,
        kind,
        status: OPEN_FOLLOW_UP,
        detail: '',
        createdBy: ctx.identity.subject,
        createdAt: clock.now(),
        ...fields,
      });
      await tx.flush();
      return row;
    }),
  );
}

export async function orderCorrection(ctx: SubgraphContext, recordId: string, deadline: string, measures: string): Promise<FollowUpRow> {
  const record = await publishedRecord(ctx, recordId);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || deadline <= String(record.inspectedOn)) {
    throw badInput('deadline', `整改期限应为检查日期（${record.inspectedOn}）之后的日期YYYY-MM-DD / the deadline must be a date after the inspection (${record.inspectedOn})`);
  }
  const n = (await ctx.em.count(FollowUpRow, { recordId: record.id, kind: 'correction-order' })) + 1;
  return addFollowUp(ctx, record, 'correction-order', `${record.id}:correction-order:${n}`, {
    deadline,
    detail: requireStatement('measures', measures, '整改要求'),
  });
}

/** Re-check after the deadline: corrected, or not (which the office may then refer on). */
export async function recordRecheck(ctx: SubgraphContext, followUpId: string, corrected: boolean, note: string): Promise<FollowUpRow> {
  const row = await ctx.em.findOne(FollowUpRow, { id: followUpId });
  if (!row) throw notFound('followUpId', `后续处置“${followUpId}”不存在 / there is no follow-up "${followUpId}"`);
  await publishedRecord(ctx, row.recordId);
  if (row.kind !== 'correction-order' || row.status !== OPEN_FOLLOW_UP) {
    throw userError('PRECONDITION_FAILED', `后续处置${row.id}不是待复查的整改通知 / follow-up ${row.id} is not an open order to correct`, { field: 'followUpId' });
  }
  const outcome = requireStatement('note', note, '复查情况');
  return ctx.em.transactional(async (tx) => {
    const n = await tx.nativeUpdate(
      FollowUpRow,
      { id: row.id, status: OPEN_FOLLOW_UP },
      { status: corrected ? 'corrected' : 'not-corrected', outcome, closedBy: ctx.identity.subject, closedAt: clock.now() },
    );
    if (n !== 1) throw userError('CONFLICT', '该整改通知刚被他人复查 / this order was re-checked by someone else a moment ago', { field: 'followUpId' });
    return tx.findOneOrFail(FollowUpRow, { id: row.id }, { refresh: true });
  });
}

const RECEIVE_REFERRAL = `mutation ($referral: DepartmentReferralInput!) { receiveDepartmentReferral(referral: $referral) { referralId department status receivedAt } }`;

/** 移交: the finding goes to the competent department, which sees it in its own subgraph. */
export async function referFinding(ctx: SubgraphContext, recordId: string, toDepartment: string, finding: string): Promise<FollowUpRow> {
  const record = await publishedRecord(ctx, recordId);
  if (!(DEPARTMENT_CODES as string[]).includes(toDepartment)) {
    throw badInput('toDepartment', `部门“${toDepartment}”不存在，可选：${DEPARTMENT_CODES.join('、')} / unknown department "${toDepartment}"`);
  }
  const text = requireStatement('finding', finding, '移交事项');
  // Department contract ids are at most 64 of [A-Za-z0-9._:-].
  const id = `${record.id}:referral:${findDepartment(toDepartment)!.short}`;
  const existing = await ctx.em.findOne(FollowUpRow, { id });
  if (existing) return existing;
  const answer = await callSubgraph<{ receiveDepartmentReferral: { status: string } }>(toDepartment, ctx.identity, RECEIVE_REFERRAL, {
    referral: {
      referralId: id,
      fromDepartment: OFFICE.code,
      uscc: record.uscc,
      taskId: record.taskId,
      recordId: record.id,
      itemCodes: record.itemResults.map((r) => r.itemCode),
      resultCodes: [...new Set(record.itemResults.flatMap((r) => r.resultCodes))].sort(),
      finding: text,
      referredAt: clock.now().toISOString(),
    },
  });
  if (!answer.ok) {
    throw serviceFailure(answer, `${findDepartment(toDepartment)?.nameZh ?? toDepartment}暂时无法接收移交`, `${toDepartment} did not take the referral`, {
      field: 'toDepartment',
    });
  }
  return addFollowUp(ctx, record, 'referral', id, {
    recipient: toDepartment,
    detail: text,
    status: 'delivered',
    closedBy: ctx.identity.subject,
    closedAt: clock.now(),
  });
}

/** 移送司法: a suspected crime goes to the prosecuting authority (outside the federation). */
export async function referToProsecution(ctx: SubgraphContext, recordId: string, authority: string, finding: string): Promise<FollowUpRow> {
  const record = await publishedRecord(ctx, recordId);
  const to = requireStatement('authority', authority, '接收机关');
  return addFollowUp(ctx, record, 'criminal-referral', `${record.id}:criminal-referral`, {
    recipient: to,
    detail: requireStatement('finding', finding, '移送事项'),
    status: 'sent',
    closedBy: ctx.identity.subject,
    closedAt: clock.now(),
  });
}
