/**
 * The A4 sheet of a published joint plan's inspection codes (检查码打印页): one card per drawn
 * business with its QR code (rendered by the API, inspectionCodeQr), the task, the team and the
 * legal basis. It lists the codes already issued (jointInspectionCodes): issuing is the explicit
 * button on the plan page. Selected codes are revoked here with a reason (revokeJointInspectionCodes,
 * all at once). Print CSS in style.css (@media print, .print-sheet).
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { CodeQrDocument, CoordinatorPlanDocument, PlanCodesDocument, RevokeJointCodesDocument, type PlanCodesQuery } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { codeToken } from '../../../lib/code-link.js';
import { BASE, deptName } from './util.js';

type Code = NonNullable<PlanCodesQuery['jointInspectionCodes']>['nodes'][number];

function Qr({ token, label }: { token: string; label: string }) {
  const [{ data, error }] = useQuery({ query: CodeQrDocument, variables: { token: codeToken(token) } });
  if (error) return <ErrorList errors={apiErrors(error)} />;
  if (!data) return <Loading what="二维码" />;
  const q = data.inspectionCodeQr;
  return <img className="qr" src={`data:${q.mimeType};base64,${q.data}`} alt={label} width={180} height={180} />;
}

export function PrintSheet({ planId }: { planId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CoordinatorPlanDocument, variables: { id: planId } });
  const [{ data: codeData, fetching: codesFetching, error: codesError }, refetchCodes] = useQuery({ query: PlanCodesDocument, variables: { planId, after: null }, requestPolicy: 'cache-and-network' });
  const codes: Code[] | null = codeData ? (codeData.jointInspectionCodes?.nodes ?? []) : null;
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const [{ fetching: revoking }, revoke] = useMutation(RevokeJointCodesDocument);
  const { byField, other } = errorsByField(errors, ['codes', 'reason']);
  const revokeSelected = async () => {
    setErrors([]);
    setDone('');
    const r = await revoke({ codes: selected, reason });
    if (r.error) return setErrors(apiErrors(r.error));
    setDone(`已作废 ${r.data!.revokeJointInspectionCodes.length} 个检查码：${selected.join('、')}`);
    setSelected([]);
    setReason('');
    refetchCodes({ requestPolicy: 'network-only' });
  };
  const plan = data?.jointPlan;
  const items = new Map((plan?.participations ?? []).flatMap((p) => p.items.map((i) => [i.code, i] as const)));
  return (
    <div className="print-sheet">
      <p className="no-print">
        <Link href={`${BASE}/plans/${encodeURIComponent(planId)}`}>返回计划</Link>{' '}
        <button type="button" onClick={() => window.print()}>打印</button>
      </p>
      <h1>检查码：{plan?.title ?? planId}</h1>
      <ErrorList errors={[...apiErrors(error), ...apiErrors(codesError)]} />
      {(fetching && !plan) || (codesFetching && !codes) ? <Loading what="检查码" /> : null}
      {codes && codes.length === 0 ? <Empty>该计划尚未签发检查码：请在计划页点击“签发检查码”。</Empty> : null}
      {codes && codes.length > 0 ? (
        <section className="no-print" aria-labelledby="revoke">
          <h2 id="revoke">作废检查码</h2>
          <p>勾选下方要作废的检查码，填写理由后作废；企业扫码时将看到作废理由。</p>
          <label htmlFor="revoke-reason">作废理由</label>
          <input id="revoke-reason" size={40} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="revoke-reason-err revoke-codes-err" />
          <FieldErrors id="revoke-reason-err" messages={byField.reason} />
          <FieldErrors id="revoke-codes-err" messages={byField.codes} />
          <ErrorList errors={other} />
          <p><button type="button" disabled={revoking || selected.length === 0} onClick={() => void revokeSelected()}>作废所选检查码（{selected.length}）</button></p>
          {done ? <p role="status">{done}</p> : null}
        </section>
      ) : null}
      {plan && codes && codes.length > 0 ? (
        <>
          <p className="muted">{plan.id} · {plan.windowStart} 至 {plan.windowEnd} · 共 {codes.length} 户{codeData?.jointInspectionCodes?.pageInfo.hasNextPage ? `（仅显示前 ${codes.length} 个，共 ${codeData.jointInspectionCodes.totalCount} 个）` : ''}</p>
          <ol className="code-cards">
            {codes.map((c) => {
              const task = plan.draw?.tasks.nodes.find((t) => t.uscc === c.uscc);
              return (
                <li key={c.codeId} className={c.revokedAt ? 'code-card revoked' : 'code-card'} data-uscc={c.uscc} data-code-id={c.codeId}>
                  <Qr token={c.token} label={`检查码二维码：${task?.enterprise.name ?? c.uscc}`} />
                  <div>
                    <h2>{task?.enterprise.name ?? c.uscc}</h2>
                    <dl className="facts">
                      <dt>信用代码</dt><dd>{c.uscc}</dd>
                      <dt>任务</dt><dd>{plan.title}（{plan.id}）</dd>
                      <dt>检查组</dt><dd>{(task?.team ?? []).map((m) => `${m.certificateNumber}（${deptName(m.department)}）`).join('；') || c.certificateNumbers.join('、')}</dd>
                      <dt>检查事项与依据</dt>
                      <dd>
                        <ul>
                          {c.itemCodes.map((code) => <li key={code}>{code} {items.get(code)?.name ?? ''}：{items.get(code)?.legalBasis ?? '—'}</li>)}
                        </ul>
                      </dd>
                      <dt>有效期</dt><dd>{c.validFrom} 至 {c.validUntil}</dd>
                      <dt>检查码编号</dt><dd>{c.codeId}</dd>
                      <dt>状态</dt><dd className="code-status">{c.status === 'REVOKED' ? `已作废（${c.revocationReason}）` : '有效'}</dd>
                    </dl>
                    {c.revokedAt ? null : (
                      <label className="check no-print">
                        <input type="checkbox" checked={selected.includes(c.codeId)} onChange={(e) => setSelected(e.target.checked ? [...selected, c.codeId] : selected.filter((x) => x !== c.codeId))} />
                        选择作废 {c.codeId}
                      </label>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </div>
  );
}
