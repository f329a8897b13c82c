/**
 * The review queue (待审核记录): a published joint plan's records awaiting review; each one is
 * published (通过并公示) or returned (退回) with a reason.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CoordinatorPlansDocument, PlanResultsDocument, RecordForReviewDocument, ReviewRecordDocument } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { percent, norm } from './util.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';

function Record({ recordId }: { recordId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: RecordForReviewDocument, variables: { recordId } });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const [{ fetching: sending }, review] = useMutation(ReviewRecordDocument);
  const { byField, other } = errorsByField(errors, ['reason', 'decision']);
  const r = data?.inspectionRecord;
  const decide = async (decision: 'publish' | 'return') => {
    setErrors([]);
    const res = await review({ recordId, decision: decision === 'publish' ? 'PUBLISH' : 'RETURN', reason: reason.trim() || null });
    if (res.error) return setErrors(apiErrors(res.error));
    setDone(decision === 'publish' ? '已通过并公示' : '已退回录入人更正');
  };
  const id = `rv-${recordId.replace(/[^A-Za-z0-9-]/g, '')}`;
  return (
    <li className="review-card">
      <ErrorList errors={apiErrors(error)} />
      {fetching && !r ? <Loading what="检查记录" /> : null}
      {r ? (
        <>
          <h3>{r.id}：{r.uscc}</h3>
          <dl className="facts">
            <dt>任务</dt><dd>{r.taskTitle}</dd>
            <dt>检查日期</dt><dd>{r.inspectedOn}（{r.method}）</dd>
            <dt>检查组</dt><dd>{r.leader}；{r.team.join('、')}</dd>
            <dt>结果</dt><dd>{r.itemResults.map((i) => `${i.itemCode}：${i.resultLabels.join('、')}`).join('；')}</dd>
            <dt>发现的问题</dt><dd>{r.findings || '—'}</dd>
            <dt>录入</dt><dd>{r.enteredBy}，{r.enteredAt}</dd>
          </dl>
          {done ? <p role="status">{done}</p> : (
            <>
              <label htmlFor={`${id}-reason`}>审核意见（退回时必填）</label>
              <input id={`${id}-reason`} size={50} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${id}-reason-err`} />
              <FieldErrors id={`${id}-reason-err`} messages={byField.reason} />
              <ErrorList errors={[...other, ...(byField.decision ?? []).map((message) => ({ message }))]} />
              <p>
                <button type="button" disabled={sending} onClick={() => void decide('publish')}>通过并公示</button>{' '}
                <button type="button" disabled={sending} onClick={() => void decide('return')}>退回</button>
              </p>
            </>
          )}
        </>
      ) : null}
    </li>
  );
}

function Queue({ planId }: { planId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: PlanResultsDocument, variables: { planId } });
  const res = data?.jointPlanResults;
  const waiting = (res?.tasks ?? []).filter((t) => norm(t.status) === 'awaiting-review' && t.recordId);
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">{planId} 的待审核记录</h2>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !res ? <Loading what="检查结果" /> : null}
      {res ? (
        <p className="muted">
          应检 {res.toCheck} · 已公示 {res.published} · 待审核 {res.awaitingReview} · 已退回 {res.returned} · 未录入 {res.notEntered} ·
          完成率 {percent(res.completionRate)} · 办结率 {percent(res.closureRate)}
        </p>
      ) : null}
      {res && waiting.length === 0 ? <Empty>没有待审核的记录。</Empty> : null}
      <ul className="plain">{waiting.map((t) => <Record key={t.recordId!} recordId={t.recordId!} />)}</ul>
    </section>
  );
}

export function ReviewPage() {
  const [{ data, error }] = useQuery({ query: CoordinatorPlansDocument, variables: { period: null, after: null } });
  const [planId, setPlanId] = useState('');
  const published = (data?.jointPlans.nodes ?? []).filter((p) => norm(p.status) === 'published');
  return (
    <>
      <h1>待审核的检查记录</h1>
      <ErrorList errors={apiErrors(error)} />
      <label htmlFor="rv-plan">联合抽查计划</label>
      <select id="rv-plan" value={planId} onChange={(e) => setPlanId(e.target.value)}>
        <option value="">请选择已公布的计划</option>
        {published.map((p) => <option key={p.id} value={p.id}>{p.id} {p.title}</option>)}
      </select>
      {planId ? <Queue planId={planId} /> : <Empty>选择一个计划以查看其待审核记录。</Empty>}
    </>
  );
}
