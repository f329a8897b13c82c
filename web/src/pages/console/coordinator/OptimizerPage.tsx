/** The plan optimizer (联合抽查计划优化, docs/optimizer.md): ask for a proposal, read its figures and why, accept it. */
import { useState } from 'react';
import { useMutation } from 'urql';
import { Link } from 'wouter';
import { AcceptJointPlanProposalDocument, ProposeJointPlansDocument, type ProposeJointPlansMutation } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { ErrorList, FieldErrors } from '../../../ui.js';
import { BASE, currentQuarter, deptName, percent, splitCodes } from './util.js';

type Proposal = ProposeJointPlansMutation['proposeJointPlans'];
const BASELINES: Record<string, string> = { alone: '各部门单独抽查', greedy: '凡有共同行业即联合' };

export function OptimizerPage() {
  const [period, setPeriod] = useState(currentQuarter());
  const [region, setRegion] = useState('');
  const [industries, setIndustries] = useState('');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [accepted, setAccepted] = useState<{ id: string; title: string }[] | null>(null);
  const [{ fetching }, propose] = useMutation(ProposeJointPlansDocument);
  const [{ fetching: accepting }, accept] = useMutation(AcceptJointPlanProposalDocument);
  const { byField, other } = errorsByField(errors, ['input.period', 'input.regionCode', 'input.industryCodes']);
  const submit = async () => {
    setErrors([]);
    setAccepted(null);
    const codes = splitCodes(industries);
    const r = await propose({ input: { period, ...(region.trim() ? { regionCode: region.trim() } : {}), ...(codes.length ? { industryCodes: codes } : {}) } });
    if (r.error) return setErrors(apiErrors(r.error));
    setProposal(r.data!.proposeJointPlans);
  };
  const doAccept = async () => {
    setErrors([]);
    const r = await accept({ proposalId: proposal!.id });
    if (r.error) return setErrors(apiErrors(r.error));
    setAccepted(r.data!.acceptJointPlanProposal.jointPlans);
  };
  const f = proposal?.figures;
  return (
    <>
      <h1>联合抽查计划优化</h1>
      <p>按事项清单、各部门名录和检查力量，求出满足联合检查占比（按次数 ≥ 45 %、按企业 ≥ 30 %）和按信用风险分类抽查 ≥ 90 % 的最少检查次数方案。</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="opt-period">季度（如 2026-Q4）</label>
        <input id="opt-period" value={period} onChange={(e) => setPeriod(e.target.value)} aria-describedby="opt-period-err" />
        <FieldErrors id="opt-period-err" messages={byField['input.period']} />
        <label htmlFor="opt-region">乡镇（行政区划代码，可不填）</label>
        <input id="opt-region" value={region} onChange={(e) => setRegion(e.target.value)} aria-describedby="opt-region-err" />
        <FieldErrors id="opt-region-err" messages={byField['input.regionCode']} />
        <label htmlFor="opt-industries">行业代码（可不填，以逗号分隔）</label>
        <input id="opt-industries" value={industries} onChange={(e) => setIndustries(e.target.value)} aria-describedby="opt-industries-err" />
        <FieldErrors id="opt-industries-err" messages={byField['input.industryCodes']} />
        <ErrorList errors={other} />
        <p><button type="submit" disabled={fetching}>{fetching ? '求解中…' : '生成方案'}</button></p>
      </form>
      {proposal ? (
        <section aria-labelledby="opt-result">
          <h2 id="opt-result">方案 {proposal.id}</h2>
          <ul>{proposal.explanation.map((s) => <li key={s}>{s.split(' / ')[0]}</li>)}</ul>
          {f ? (
            <table>
              <caption>检查次数与考核指标</caption>
              <thead><tr><th scope="col">方案</th><th scope="col">检查次数</th><th scope="col">人日</th><th scope="col">联合占比（次数）</th><th scope="col">联合占比（企业）</th><th scope="col">按分类抽查</th></tr></thead>
              <tbody>
                <tr><th scope="row">优化方案</th><td>{f.visits}</td><td>{f.inspectorDaysUsed}</td><td>{percent(f.jointShareByCount)}</td><td>{percent(f.jointShareByBusinesses)}</td><td>{percent(f.plannedByClassShare)}</td></tr>
                {proposal.baselines.map((b) => (
                  <tr key={b.name}><th scope="row">{BASELINES[b.name] ?? b.name}</th><td>{b.figures.visits}</td><td>{b.figures.inspectorDaysUsed}</td><td>{percent(b.figures.jointShareByCount)}</td><td>{percent(b.figures.jointShareByBusinesses)}</td><td>{percent(b.figures.plannedByClassShare)}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {proposal.plans.length ? (
            <table>
              <caption>建议的联合抽查计划</caption>
              <thead><tr><th scope="col">行业</th><th scope="col">发起部门</th><th scope="col">参与部门</th><th scope="col">抽取数 A/B/C/D</th><th scope="col">检查次数</th><th scope="col">替代单独检查</th></tr></thead>
              <tbody>
                {proposal.plans.map((p) => (
                  <tr key={p.industryCode}>
                    <td>{p.industryCode} {p.industryName}</td><td>{deptName(p.initiatingDepartment)}</td><td>{p.departments.slice(1).map(deptName).join('、')}</td>
                    <td>{p.quotas.A}/{p.quotas.B}/{p.quotas.C}/{p.quotas.D}</td><td>{p.visits}</td><td>{p.replacedVisits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {accepted ? (
            <p role="status">已采纳，创建了 {accepted.length} 个联合抽查计划：{accepted.map((p) => <Link key={p.id} href={`${BASE}/plans/${encodeURIComponent(p.id)}`}>{p.id} </Link>)}</p>
          ) : proposal.plans.length ? (
            <p><button type="button" disabled={accepting} onClick={() => void doAccept()}>采纳方案，创建联合抽查计划</button></p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
