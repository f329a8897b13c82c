/**
 * The A4 sheet of a published joint plan's inspection codes (检查码打印页): one card per drawn
 * business with its QR code (rendered by the API, inspectionCodeQr), the task, the team and the
 * legal basis. Opening it issues the codes (re-issuing returns the same codes). Print CSS in
 * style.css (@media print, .print-sheet).
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { CodeQrDocument, CoordinatorPlanDocument, IssueJointCodesDocument, type IssueJointCodesMutation } from '../../../api/generated/graphql.js';
import { apiErrors, type ApiError } from '../../../lib/errors.js';
import { codeToken } from '../../../lib/code-link.js';
import { Empty, ErrorList, Loading } from '../../../ui.js';
import { BASE, deptName } from './util.js';

type Code = IssueJointCodesMutation['issueJointInspectionCodes'][number];

function Qr({ token, label }: { token: string; label: string }) {
  const [{ data, error }] = useQuery({ query: CodeQrDocument, variables: { token: codeToken(token) } });
  if (error) return <ErrorList errors={apiErrors(error)} />;
  if (!data) return <Loading what="二维码" />;
  const q = data.inspectionCodeQr;
  return <img className="qr" src={`data:${q.mimeType};base64,${q.data}`} alt={label} width={180} height={180} />;
}

export function PrintSheet({ planId }: { planId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: CoordinatorPlanDocument, variables: { id: planId } });
  const [codes, setCodes] = useState<Code[] | null>(null);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [, issue] = useMutation(IssueJointCodesDocument);
  useEffect(() => {
    void issue({ planId }).then((r) => (r.error ? setErrors(apiErrors(r.error)) : setCodes(r.data!.issueJointInspectionCodes)));
  }, [planId, issue]);
  const plan = data?.jointPlan;
  const items = new Map((plan?.participations ?? []).flatMap((p) => p.items.map((i) => [i.code, i] as const)));
  return (
    <div className="print-sheet">
      <p className="no-print">
        <Link href={`${BASE}/plans/${encodeURIComponent(planId)}`}>返回计划</Link>{' '}
        <button type="button" onClick={() => window.print()}>打印</button>
      </p>
      <h1>检查码：{plan?.title ?? planId}</h1>
      <ErrorList errors={[...apiErrors(error), ...errors]} />
      {(fetching && !plan) || (!codes && !errors.length) ? <Loading what="检查码" /> : null}
      {codes && codes.length === 0 ? <Empty>该计划没有检查码。</Empty> : null}
      {plan && codes && codes.length > 0 ? (
        <>
          <p className="muted">{plan.id} · {plan.windowStart} 至 {plan.windowEnd} · 共 {codes.length} 户</p>
          <ol className="code-cards">
            {codes.map((c) => {
              const task = plan.draw?.tasks.nodes.find((t) => t.uscc === c.uscc);
              return (
                <li key={c.codeId} className="code-card" data-uscc={c.uscc}>
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
                    </dl>
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
