/** The office's annual plan (年度抽查计划): draft, publish, adjust with a reason; every version. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  AdjustOfficeAnnualPlanDocument, CreateOfficeAnnualPlanDocument, OfficeAnnualPlanDocument, PublishOfficeAnnualPlanDocument,
} from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { splitCodes, norm } from './util.js';

const STATUS: Record<string, string> = { draft: '草稿', published: '已公布', closed: '已关闭' };

export function AnnualPlanPage() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [yearText, setYearText] = useState(String(year));
  const [{ data, fetching, error }, refetch] = useQuery({ query: OfficeAnnualPlanDocument, variables: { year } });
  const [title, setTitle] = useState('');
  const [codes, setCodes] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const [, create] = useMutation(CreateOfficeAnnualPlanDocument);
  const [, publish] = useMutation(PublishOfficeAnnualPlanDocument);
  const [, adjust] = useMutation(AdjustOfficeAnnualPlanDocument);
  const plan = data?.jointAnnualPlan;
  const loadErrors = apiErrors(error).filter((e) => e.code !== 'NOT_FOUND');
  const { byField, other } = errorsByField(errors, ['year', 'title', 'itemCodes', 'reason']);

  const run = async (p: Promise<{ error?: Parameters<typeof apiErrors>[0] }>, message: string) => {
    setErrors([]);
    setDone('');
    const r = await p;
    if (r.error) return setErrors(apiErrors(r.error));
    setDone(message);
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <h1>双随机办公室年度抽查计划</h1>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); setYear(Number(yearText)); }}>
        <label htmlFor="ap-year">年度</label>
        <input id="ap-year" inputMode="numeric" value={yearText} onChange={(e) => setYearText(e.target.value)} aria-describedby="ap-year-err" />
        <button type="submit">查看</button>
        <FieldErrors id="ap-year-err" messages={byField.year} />
      </form>
      <ErrorList errors={loadErrors} />
      {fetching && !data ? <Loading what="年度计划" /> : null}
      {!fetching && !plan && !loadErrors.length ? <Empty>{year} 年尚无年度抽查计划，可在下方起草。</Empty> : null}
      {plan ? (
        <section aria-labelledby="ap-current">
          <h2 id="ap-current">{plan.year} 年：{plan.title}</h2>
          <dl className="facts">
            <dt>状态</dt><dd>{STATUS[norm(plan.status)] ?? plan.status}</dd>
            <dt>现行版本</dt><dd>{plan.versionInForce ?? '未公布'}</dd>
            {plan.closedAt ? (<><dt>关闭</dt><dd>{plan.closedAt}：{plan.closeReason}</dd></>) : null}
          </dl>
          <table>
            <caption>版本记录</caption>
            <thead><tr><th scope="col">版本</th><th scope="col">抽查事项</th><th scope="col">调整理由</th><th scope="col">起草时间</th><th scope="col">公布时间</th></tr></thead>
            <tbody>
              {plan.versions.map((v) => (
                <tr key={v.number}><td>第 {v.number} 版</td><td>{v.itemCodes.join('、')}</td><td>{v.note ?? '—'}</td><td>{v.createdAt}</td><td>{v.publishedAt ?? '未公布'}</td></tr>
              ))}
            </tbody>
          </table>
          {norm(plan.status) !== 'closed' && plan.versions.some((v) => !v.publishedAt) ? (
            <p><button type="button" onClick={() => void run(publish({ year }), '已公布年度计划')}>{plan.versionInForce ? '公布调整后的计划' : '公布年度计划'}</button></p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="ap-edit">
        <h2 id="ap-edit">{plan ? '调整年度计划' : '起草年度计划'}</h2>
        <form onSubmit={(e) => {
          e.preventDefault();
          const itemCodes = splitCodes(codes);
          void (plan
            ? run(adjust({ year, itemCodes, reason }), '已保存调整（新版本待公布）')
            : run(create({ year, title, itemCodes }), '已起草年度计划'));
        }}>
          {!plan ? (
            <>
              <label htmlFor="ap-title">计划名称</label>
              <input id="ap-title" value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby="ap-title-err" size={40} />
              <FieldErrors id="ap-title-err" messages={byField.title} />
            </>
          ) : null}
          <label htmlFor="ap-codes">抽查事项编码（以逗号或空格分隔）</label>
          <input id="ap-codes" value={codes} onChange={(e) => setCodes(e.target.value)} aria-describedby="ap-codes-err" size={60} />
          <FieldErrors id="ap-codes-err" messages={byField.itemCodes} />
          {plan ? (
            <>
              <label htmlFor="ap-reason">调整理由</label>
              <input id="ap-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby="ap-reason-err" size={60} />
              <FieldErrors id="ap-reason-err" messages={byField.reason} />
            </>
          ) : null}
          <p><button type="submit">{plan ? '保存调整' : '起草'}</button></p>
        </form>
      </section>
      <ErrorList errors={other} />
      {done ? <p role="status">{done}</p> : null}
    </>
  );
}
