/** Joint plans (联合抽查计划): the list by quarter (paged) and, for the office, a new plan from an industry. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { CoordinatorPlansDocument, CreateJointPlanDocument, type Department } from '../../../api/generated/graphql.js';
import { currentUser } from '../../../lib/auth.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { DEPARTMENTS } from '../../../../../shared/domain/departments.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { BASE, currentQuarter, splitCodes, norm, deptName, toEnum } from './util.js';

export const PLAN_STATUS: Record<string, string> = { open: '征集部门加入', committed: '已承诺', drawn: '已抽签', published: '已公布' };

function CreatePlan() {
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [industries, setIndustries] = useState('');
  const [period, setPeriod] = useState(currentQuarter());
  const [initiating, setInitiating] = useState(DEPARTMENTS[0].code);
  const [invited, setInvited] = useState<string[]>([]);
  const [region, setRegion] = useState('');
  const [cap, setCap] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [{ fetching }, create] = useMutation(CreateJointPlanDocument);
  const fields = ['input.title', 'input.industryCodes', 'input.period', 'input.initiatingDepartment', 'input.invitedDepartments', 'input.regionCode', 'input.workloadCap'];
  const { byField, other } = errorsByField(errors, fields);
  const submit = async () => {
    setErrors([]);
    const input = {
      title, industryCodes: splitCodes(industries), period, initiatingDepartment: toEnum<Department>(initiating),
      invitedDepartments: invited.filter((d) => d !== initiating).map((d) => toEnum<Department>(d)),
      ...(region.trim() ? { regionCode: region.trim() } : {}),
      ...(cap.trim() ? { workloadCap: Number(cap) } : {}),
    };
    const r = await create({ input });
    if (r.error) return setErrors(apiErrors(r.error));
    navigate(`${BASE}/plans/${encodeURIComponent(r.data!.createJointPlan.id)}`);
  };
  const field = (name: string, id: string) => ({ 'aria-describedby': `${id}-err`, 'aria-invalid': byField[name] ? true : undefined });
  return (
    <section aria-labelledby="new-plan">
      <h2 id="new-plan">新建联合抽查计划</h2>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="jp-title">计划名称</label>
        <input id="jp-title" size={50} value={title} onChange={(e) => setTitle(e.target.value)} {...field('input.title', 'jp-title')} />
        <FieldErrors id="jp-title-err" messages={byField['input.title']} />
        <label htmlFor="jp-industries">行业代码（GB/T 4754，以逗号分隔）</label>
        <input id="jp-industries" value={industries} onChange={(e) => setIndustries(e.target.value)} {...field('input.industryCodes', 'jp-industries')} />
        <FieldErrors id="jp-industries-err" messages={byField['input.industryCodes']} />
        <label htmlFor="jp-period">季度（如 2026-Q4）</label>
        <input id="jp-period" value={period} onChange={(e) => setPeriod(e.target.value)} {...field('input.period', 'jp-period')} />
        <FieldErrors id="jp-period-err" messages={byField['input.period']} />
        <label htmlFor="jp-initiating">发起部门</label>
        <select id="jp-initiating" value={initiating} onChange={(e) => setInitiating(e.target.value)} {...field('input.initiatingDepartment', 'jp-initiating')}>
          {DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d.nameZh}</option>)}
        </select>
        <FieldErrors id="jp-initiating-err" messages={byField['input.initiatingDepartment']} />
        <fieldset aria-describedby="jp-invited-err">
          <legend>受邀部门</legend>
          {DEPARTMENTS.filter((d) => d.code !== initiating).map((d) => (
            <label key={d.code} className="check">
              <input type="checkbox" checked={invited.includes(d.code)} onChange={(e) => setInvited(e.target.checked ? [...invited, d.code] : invited.filter((x) => x !== d.code))} />
              {d.nameZh}
            </label>
          ))}
        </fieldset>
        <FieldErrors id="jp-invited-err" messages={byField['input.invitedDepartments']} />
        <label htmlFor="jp-region">乡镇（行政区划代码，可不填）</label>
        <input id="jp-region" value={region} onChange={(e) => setRegion(e.target.value)} {...field('input.regionCode', 'jp-region')} />
        <FieldErrors id="jp-region-err" messages={byField['input.regionCode']} />
        <label htmlFor="jp-cap">每名检查人员本季度最多参加的检查组数（可不填）</label>
        <input id="jp-cap" inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} {...field('input.workloadCap', 'jp-cap')} />
        <FieldErrors id="jp-cap-err" messages={byField['input.workloadCap']} />
        <ErrorList errors={other} />
        <p><button type="submit" disabled={fetching}>创建计划</button></p>
      </form>
    </section>
  );
}

export function PlansPage() {
  const user = currentUser();
  const [periodText, setPeriodText] = useState('');
  const [period, setPeriod] = useState<string | null>(null);
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({ query: CoordinatorPlansDocument, variables: { period, after: after.at(-1) ?? null }, requestPolicy: 'cache-and-network' });
  const { byField, other } = errorsByField(apiErrors(error), ['period']);
  const plans = data?.jointPlans;
  return (
    <>
      <h1>联合抽查计划</h1>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); setAfter([]); setPeriod(periodText.trim() || null); }}>
        <label htmlFor="jp-filter-period">按季度筛选</label>
        <input id="jp-filter-period" value={periodText} onChange={(e) => setPeriodText(e.target.value)} aria-describedby="jp-filter-period-err" placeholder="2026-Q4" />
        <button type="submit">筛选</button>
        <FieldErrors id="jp-filter-period-err" messages={byField.period} />
      </form>
      <ErrorList errors={other} />
      {fetching && !plans ? <Loading what="联合抽查计划" /> : null}
      {plans && plans.nodes.length === 0 ? <Empty>暂无联合抽查计划。</Empty> : null}
      {plans && plans.nodes.length > 0 ? (
        <>
          <p className="muted">共 {plans.totalCount} 项</p>
          <table>
            <caption className="sr-only">联合抽查计划</caption>
            <thead><tr><th scope="col">编号</th><th scope="col">名称</th><th scope="col">季度</th><th scope="col">行业</th><th scope="col">发起部门</th><th scope="col">受邀部门</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {plans.nodes.map((p) => (
                <tr key={p.id}>
                  <td><Link href={`${BASE}/plans/${encodeURIComponent(p.id)}`}>{p.id}</Link></td>
                  <td>{p.title}</td><td>{p.period}</td><td>{p.industryCodes.join('、')}</td>
                  <td>{deptName(p.initiatingDepartment)}</td><td>{p.invitedDepartments.map(deptName).join('、')}</td>
                  <td>{PLAN_STATUS[norm(p.status)] ?? p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>上一页</button>
            <button type="button" disabled={!plans.pageInfo.hasNextPage} onClick={() => setAfter([...after, plans.pageInfo.endCursor!])}>下一页</button>
          </div>
        </>
      ) : null}
      {user?.roles.includes('coordinator') ? <CreatePlan /> : null}
    </>
  );
}
