/** A business's history across departments: the register's facts, who supervises it, every planned and past inspection. */
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AnalystEnterpriseDocument } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../../lib/errors.js';
import { departmentName } from '../../../lib/labels.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { downloadCsv } from './csv.js';
import { codeOf } from '../../../lib/labels.js';

const STATUS: Record<string, string> = { planned: '计划中', drawn: '已抽中', inspected: '已检查', published: '已公示', operating: '存续', closed: '注销' };
const zh = (s: string) => STATUS[codeOf(s)] ?? s;

export function EnterpriseHistory() {
  const [input, setInput] = useState(() => new URLSearchParams(location.search).get('uscc') ?? '');
  const [uscc, setUscc] = useState(input.trim().toUpperCase());
  const [{ data, fetching, error }] = useQuery({ query: AnalystEnterpriseDocument, variables: { uscc }, pause: !uscc });
  const { byField, other } = errorsByField(apiErrors(error), ['uscc']);
  const e = data?.enterprise;
  const inspections = e?.inspectionHistory?.inspections.nodes ?? [];

  const search = (ev: FormEvent) => {
    ev.preventDefault();
    const u = input.trim().toUpperCase();
    setUscc(u);
    history.replaceState(null, '', `?tab=enterprise${u ? `&uscc=${encodeURIComponent(u)}` : ''}`);
  };
  const exportCsv = () =>
    downloadCsv(
      `inspection-history-${uscc}.csv`,
      ['统一社会信用代码', '企业名称', '部门', '任务', '期间', '抽查事项', '状态', '日期'],
      inspections.map((i) => [uscc, e?.name, i.departmentName, i.taskId, i.period, i.itemCodes.join(' '), zh(i.status), String(i.date)]),
    );

  return (
    <section aria-labelledby="enterprise-heading">
      <h2 id="enterprise-heading">企业跨部门检查历史</h2>
      <form role="search" aria-label="按统一社会信用代码查询企业" onSubmit={search} className="search">
        <label htmlFor="analyst-uscc">统一社会信用代码</label>
        <input id="analyst-uscc" value={input} onChange={(ev) => setInput(ev.target.value)} maxLength={18} autoComplete="off"
          aria-invalid={byField.uscc ? true : undefined} aria-describedby={byField.uscc ? 'uscc-error' : undefined} />
        <button type="submit">查询</button>
        <FieldErrors id="uscc-error" messages={byField.uscc} />
      </form>
      <ErrorList errors={other} />
      {!uscc ? <p className="muted">输入18位统一社会信用代码，查看该企业在各部门的检查对象名录和检查记录。</p> : null}
      {uscc && fetching && !data ? <Loading what="企业信息" /> : null}
      {data && !e ? <Empty>登记系统中没有统一社会信用代码为 {uscc} 的市场主体。</Empty> : null}
      {e ? (
        <>
          <h3 id="enterprise-name">{e.name}</h3>
          <dl className="facts">
            <dt>统一社会信用代码</dt><dd>{e.uscc}</dd>
            <dt>行业</dt><dd>{e.industryCode} {e.industryName}</dd>
            <dt>乡镇</dt><dd>{e.regionName}（{e.regionCode}）</dd>
            <dt>经营状态</dt><dd>{zh(e.status)}</dd>
            <dt>信用风险分类</dt><dd>{e.creditRiskClass ?? '—'}</dd>
            <dt>成立日期</dt><dd>{String(e.registeredOn)}</dd>
          </dl>
          <h3 id="supervision-heading">纳入检查对象名录的部门</h3>
          {e.supervision && !e.supervision.complete ? <p role="alert" className="error">有部门未及时响应，名单可能不全。</p> : null}
          {!e.supervision || e.supervision.departments.length === 0 ? <Empty>尚无部门将该企业纳入检查对象名录。</Empty> : (
            <ul id="supervision">
              {e.supervision.departments.map((d) => <li key={d.department}>{d.departmentName || departmentName(codeOf(d.department))}（{String(d.supervisedSince)} 起）</li>)}
            </ul>
          )}
          <h3 id="inspections-heading">检查记录</h3>
          {e.inspectionHistory && !e.inspectionHistory.complete ? <p role="alert" className="error">以下部门未及时响应，记录可能不全：{e.inspectionHistory.unansweredDepartments.map((d) => departmentName(codeOf(d))).join('、')}</p> : null}
          {inspections.length === 0 ? <Empty>该企业尚无计划或已完成的检查。</Empty> : (
            <>
              <table id="inspection-history" aria-labelledby="inspections-heading">
                <thead><tr><th scope="col">部门</th><th scope="col">任务</th><th scope="col">期间</th><th scope="col">抽查事项</th><th scope="col">状态</th><th scope="col">日期</th></tr></thead>
                <tbody>
                  {inspections.map((i, k) => (
                    <tr key={k}><td>{i.departmentName}</td><td>{i.taskId}</td><td>{i.period}</td><td>{i.itemCodes.join('、')}</td><td>{zh(i.status)}</td><td>{String(i.date)}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p><button type="button" onClick={exportCsv}>导出检查记录（CSV）</button></p>
        </>
      ) : null}
    </section>
  );
}
