/** 移交案件: referrals other departments handed to this one (status filter, pages); accept with a note, close with the outcome. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { departmentName } from '../../../lib/labels.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import type { ReferralStatus } from '../../../api/generated/graphql.js';
import { norm, REFERRAL_STATUS, toEnum, type DepartmentConfig, type ReferralRow } from './ops.js';
import { dateTime, formErrors, Pager, useCursors } from './parts.js';

export function ReferralsPanel({ config }: { config: DepartmentConfig }) {
  const [status, setStatus] = useState('');
  const cursors = useCursors();
  const [{ data, fetching, error }] = useQuery({ query: config.ops.referrals, variables: { first: 10, after: cursors.after, status: status ? toEnum<ReferralStatus>(status) : null } });
  const page = data?.referrals;
  const { byField, other, props } = formErrors(error, ['status']);

  return (
    <section aria-labelledby="referrals-heading">
      <h2 id="referrals-heading">移交本部门的案件</h2>
      <form role="search" aria-label="筛选移交案件" className="filters" onSubmit={(e) => e.preventDefault()}>
        <p>
          <label htmlFor="referral-status">状态</label>
          <select id="referral-status" value={status} onChange={(e) => { setStatus(e.target.value); cursors.reset(); }} {...props('status')}>
            <option value="">全部</option>
            {Object.entries(REFERRAL_STATUS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
          <FieldErrors id="status-error" messages={byField.status} />
        </p>
      </form>
      <ErrorList errors={other} />
      {fetching && !page ? <Loading what="移交案件" /> : null}
      {page && page.nodes.length === 0 ? <Empty>没有移交案件。</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <p>共 {page.totalCount} 件</p>
          <ol className="results">{page.nodes.map((r) => <Referral key={r.referralId} config={config} referral={r} />)}</ol>
          <Pager label="移交案件分页" cursors={cursors} pageInfo={page.pageInfo} />
        </>
      ) : null}
    </section>
  );
}

function Referral({ config, referral: r }: { config: DepartmentConfig; referral: ReferralRow }) {
  const [acceptState, accept] = useMutation(config.ops.acceptReferral);
  const [closeState, close] = useMutation(config.ops.closeReferral);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const id = r.referralId.replace(/[^A-Za-z0-9-]/g, '-');
  const acceptErrors = formErrors(acceptState.error, ['note', 'referralId']);
  const closeErrors = formErrors(closeState.error, ['outcome', 'referralId']);
  const ctx = { additionalTypenames: ['IncomingReferral'] };

  const doAccept = async (e: FormEvent) => {
    e.preventDefault();
    await accept({ referralId: r.referralId, note: note.trim() || null }, ctx);
  };
  const doClose = async (e: FormEvent) => {
    e.preventDefault();
    await close({ referralId: r.referralId, outcome }, ctx);
  };

  return (
    <li aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{r.uscc} · 来自{departmentName(norm(r.fromDepartment))}</h3>
      <dl className="facts">
        <dt>编号</dt><dd>{r.referralId}</dd>
        <dt>状态</dt><dd>{REFERRAL_STATUS[norm(r.status)] ?? r.status}</dd>
        <dt>任务</dt><dd>{r.taskId}</dd>
        <dt>事项与结果</dt><dd>{r.itemCodes.join('、')}：{r.resultCodes.join('、')}</dd>
        <dt>发现的问题</dt><dd>{r.finding}</dd>
        <dt>移交时间</dt><dd>{dateTime(r.referredAt)}</dd>
        {r.acceptedAt ? (<><dt>受理</dt><dd>{dateTime(r.acceptedAt)}{r.acceptNote ? `：${r.acceptNote}` : ''}</dd></>) : null}
        {r.closedAt ? (<><dt>办结</dt><dd>{dateTime(r.closedAt)}：{r.outcome}</dd></>) : null}
      </dl>
      {norm(r.status) === 'received' ? (
        <form onSubmit={doAccept}>
          <label htmlFor={`${id}-note`}>受理意见（可选）</label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} {...(acceptErrors.byField.note ? { 'aria-invalid': true, 'aria-describedby': `${id}-note-error` } : {})} />
          <FieldErrors id={`${id}-note-error`} messages={acceptErrors.byField.note} />
          <button type="submit" disabled={acceptState.fetching}>受理</button>
          <ErrorList errors={acceptErrors.other} />
        </form>
      ) : null}
      {norm(r.status) === 'accepted' ? (
        <form onSubmit={doClose}>
          <label htmlFor={`${id}-outcome`}>办理结果</label>
          <input id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)} {...(closeErrors.byField.outcome ? { 'aria-invalid': true, 'aria-describedby': `${id}-outcome-error` } : {})} />
          <FieldErrors id={`${id}-outcome-error`} messages={closeErrors.byField.outcome} />
          <button type="submit" disabled={closeState.fetching}>办结</button>
          <ErrorList errors={closeErrors.other} />
        </form>
      ) : null}
    </li>
  );
}
