/**
 * The review queue (待审核记录): every record awaiting review across plans and tasks, oldest first
 * (inspectionRecordsAwaitingReview), filtered by department or task; each one is published
 * (通过并公示) or returned (退回) with a reason.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RecordForReviewDocument, ReviewQueueDocument, ReviewRecordDocument, type Department, type ReviewQueueQuery } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { DEPARTMENTS } from '../../../../../shared/domain/departments.js';
import { toEnum } from './util.js';

function Record({ recordId, onDecided }: { recordId: string; onDecided: (id: string) => void }) {
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
    onDecided(recordId);
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

type QueueRecord = ReviewQueueQuery['inspectionRecordsAwaitingReview'] extends infer C ? (C extends { nodes: (infer N)[] } ? N : never) : never;

// Every department of the registry (subgraphs/departments.ts), as the API's enum value and its Chinese name.
const DEPARTMENT_CHOICES: [Department, string][] = DEPARTMENTS.map((d) => [toEnum<Department>(d.code), d.nameZh]);

export function ReviewPage() {
  const [department, setDepartment] = useState('');
  const [taskId, setTaskId] = useState('');
  const [after, setAfter] = useState<string[]>([]);
  // Records decided here stay on screen with their outcome although the queue (refetched) no longer holds them.
  const [decided, setDecided] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({
    query: ReviewQueueDocument,
    variables: { first: 20, after: after.at(-1) ?? null, department: (department || null) as Department | null, taskId: taskId.trim() || null },
    requestPolicy: 'cache-and-network',
  });
  const list = data?.inspectionRecordsAwaitingReview;
  const waiting = (list?.nodes ?? []).map((r: QueueRecord) => r.id);
  const shown = [...decided.filter((id) => !waiting.includes(id)), ...waiting];
  const onDecided = (id: string) => setDecided((d) => (d.includes(id) ? d : [...d, id]));
  return (
    <>
      <h1>待审核的检查记录</h1>
      <p>各联合抽查计划和部门任务中等待审核的检查记录，按录入时间从早到晚排列。</p>
      <div className="filters">
        <label htmlFor="rv-dept">部门</label>
        <select id="rv-dept" value={department} onChange={(e) => { setDepartment(e.target.value); setAfter([]); setDecided([]); }}>
          <option value="">全部部门</option>
          {DEPARTMENT_CHOICES.map(([v, name]) => <option key={v} value={v}>{name}</option>)}
        </select>{' '}
        <label htmlFor="rv-task">任务编号</label>
        <input id="rv-task" value={taskId} placeholder="如 JP-2026Q4-0001" onChange={(e) => { setTaskId(e.target.value); setAfter([]); setDecided([]); }} />
      </div>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !list ? <Loading what="待审核记录" /> : null}
      {list && shown.length === 0 ? <Empty>没有待审核的记录。</Empty> : null}
      {list && shown.length > 0 ? (
        <section aria-labelledby="queue">
          <h2 id="queue">待审核 {list.totalCount} 条</h2>
          <ul className="plain">{shown.map((id) => <Record key={id} recordId={id} onDecided={onDecided} />)}</ul>
          <div className="pager">
            <button type="button" disabled={after.length === 0} onClick={() => { setAfter(after.slice(0, -1)); setDecided([]); }}>上一页</button>
            <button type="button" disabled={!list.pageInfo.hasNextPage} onClick={() => { setAfter([...after, list.pageInfo.endCursor!]); setDecided([]); }}>下一页</button>
          </div>
        </section>
      ) : null}
    </>
  );
}
