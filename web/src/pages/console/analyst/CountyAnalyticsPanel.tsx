/**
 * 年度分析 (countyAnalytics): a year across its quarters — visits per business before and after
 * the merges, where the repeats are, inspector workload, findings by credit-risk class, and the
 * quarterly report's indicators quarter by quarter. docs/quarterly-reports.md#county-analytics-分析.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { AnalystCountyAnalyticsDocument, type AnalystCountyAnalyticsQuery } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../../lib/errors.js';
import { departmentName } from '../../../lib/labels.js';
import { INDUSTRIES, REGIONS } from '../../../../../shared/domain/industries.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { downloadCsv } from './csv.js';

type Analytics = AnalystCountyAnalyticsQuery['countyAnalytics'];
type Spot = Analytics['hotBusinessesByAvoided'][number];

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function Spots({ id, caption, rows, label }: { id: string; caption: string; rows: Spot[]; label: (key: string) => string }) {
  return (
    <>
      <h4 id={`${id}-heading`}>{caption}</h4>
      {rows.length === 0 ? <Empty>没有。</Empty> : (
        <table id={id} aria-labelledby={`${id}-heading`}>
          <thead><tr><th scope="col">名称</th><th scope="col">合并减少</th><th scope="col">仍然重复</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{label(r.key)}</th><td>{r.avoided}</td><td>{r.remaining}</td></tr>)}</tbody>
        </table>
      )}
    </>
  );
}

export function CountyAnalyticsPanel() {
  const [form, setForm] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [{ data, fetching, error }] = useQuery({ query: AnalystCountyAnalyticsDocument, variables: { year: year ?? 0, first: 10 }, pause: year === null });
  const { byField, other } = errorsByField(apiErrors(error), ['year', 'first']);
  const a = data?.countyAnalytics;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setYear(Number(form.trim()));
  };
  const industry = (k: string) => `${k} ${INDUSTRIES[k]?.nameZh ?? ''}`.trim();
  const township = (k: string) => `${REGIONS[k] ?? k}（${k}）`;

  return (
    <section aria-labelledby="analytics-heading">
      <h2 id="analytics-heading">年度分析</h2>
      <form onSubmit={submit} className="filters" aria-label="选择年份">
        <p>
          <label htmlFor="analytics-year">年份</label>
          <input id="analytics-year" inputMode="numeric" value={form} placeholder="如 2026" onChange={(e) => setForm(e.target.value)}
            aria-invalid={byField.year ? true : undefined} aria-describedby={byField.year ? 'analytics-year-error' : undefined} />
          <FieldErrors id="analytics-year-error" messages={byField.year} />
        </p>
        <p><button type="submit">查看分析</button></p>
      </form>
      <ErrorList errors={other} />
      {year === null ? <p className="muted">输入年份，查看企业受检负担、重复检查热点、检查人员工作量、按信用风险分类的问题发现率和季度趋势。计算四个季度的合并，需要几秒钟。</p> : null}
      {year !== null && fetching && !a ? <Loading what="年度分析" /> : null}
      {a ? (
        <>
          {!a.complete ? <p role="alert" className="error">{a.unansweredDepartments.map((u) => departmentName(u.subgraph)).join('、')}未响应，以下数字可能不全。</p> : null}
          <h3 id="burden-heading">企业受检负担（{a.year}年，{a.businesses} 户企业）</h3>
          <table id="analytics-burden" aria-labelledby="burden-heading">
            <thead><tr><th scope="col"></th><th scope="col">总次数</th><th scope="col">平均</th><th scope="col">中位数</th><th scope="col">90分位</th><th scope="col">最多</th>{a.visitsBefore.distribution.map((b) => <th key={b.label} scope="col">{b.label} 次的企业</th>)}</tr></thead>
            <tbody>
              {([['合并前', a.visitsBefore], ['合并后', a.visitsAfter]] as const).map(([label, v]) => (
                <tr key={label}><th scope="row">{label}</th><td>{v.total}</td><td>{v.mean}</td><td>{v.median}</td><td>{v.p90}</td><td>{v.max}</td>{v.distribution.map((b) => <td key={b.label}>{b.count}</td>)}</tr>
              ))}
            </tbody>
          </table>
          <h3>重复检查热点</h3>
          <Spots id="hot-businesses-avoided" caption="企业：合并减少最多" rows={a.hotBusinessesByAvoided} label={(k) => k} />
          <Spots id="hot-businesses-remaining" caption="企业：仍然重复最多" rows={a.hotBusinessesByRemaining} label={(k) => k} />
          <Spots id="hot-industries-avoided" caption="行业：合并减少最多" rows={a.hotIndustriesByAvoided} label={industry} />
          <Spots id="hot-industries-remaining" caption="行业：仍然重复最多" rows={a.hotIndustriesByRemaining} label={industry} />
          <Spots id="hot-townships-avoided" caption="乡镇：合并减少最多" rows={a.hotTownshipsByAvoided} label={township} />
          <Spots id="hot-townships-remaining" caption="乡镇：仍然重复最多" rows={a.hotTownshipsByRemaining} label={township} />
          <h3 id="workload-heading">检查人员工作量（抽中的检查组席位）</h3>
          {a.workload.length === 0 ? <Empty>该年没有抽取的检查组。</Empty> : (
            <table id="analytics-workload" aria-labelledby="workload-heading">
              <thead><tr><th scope="col">部门</th><th scope="col">有任务的人员</th><th scope="col">最少</th><th scope="col">中位数</th><th scope="col">90分位</th><th scope="col">最多</th><th scope="col">分布</th></tr></thead>
              <tbody>
                {a.workload.map((w) => (
                  <tr key={w.department ?? 'unknown'}><th scope="row">{w.department ? departmentName(w.department) : '不明'}</th><td>{w.inspectors}</td><td>{w.stats.min}</td><td>{w.stats.median}</td><td>{w.stats.p90}</td><td>{w.stats.max}</td>
                    <td>{w.histogram.map((h) => `${h.label}：${h.count}`).join('；')}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 id="findings-heading">按信用风险分类的问题发现率</h3>
          <table id="analytics-findings" aria-labelledby="findings-heading">
            <thead><tr><th scope="col">信用风险分类</th><th scope="col">已公示检查</th><th scope="col">发现问题</th><th scope="col">发现率</th></tr></thead>
            <tbody>{a.findingsByCreditClass.map((f) => <tr key={f.creditRiskClass}><th scope="row">{f.creditRiskClass} 类</th><td>{f.records}</td><td>{f.recordsWithProblems}</td><td>{pct(f.rate)}</td></tr>)}</tbody>
          </table>
          <h3 id="trend-heading">季度趋势</h3>
          <table id="analytics-trend" aria-labelledby="trend-heading">
            <thead><tr><th scope="col">指标</th>{a.trend.map((t) => <th key={t.period} scope="col">{t.period}</th>)}</tr></thead>
            <tbody>
              {a.trend[0].indicators.map((ind, i) => (
                <tr key={ind.name}><th scope="row">{ind.labelZh}</th>{a.trend.map((t) => <td key={t.period}>{t.indicators[i].target != null ? pct(t.indicators[i].value) : t.indicators[i].value}</td>)}</tr>
              ))}
              {a.trend[0].figures.map((f, i) => (
                <tr key={f.name}><th scope="row">{f.labelZh}</th>{a.trend.map((t) => <td key={t.period}>{t.figures[i].value}</td>)}</tr>
              ))}
            </tbody>
          </table>
          <p><button type="button" onClick={() => downloadCsv(`county-trend-${a.year}.csv`, ['指标', ...a.trend.map((t) => t.period)],
            [...a.trend[0].indicators.map((ind, i) => [ind.labelZh, ...a.trend.map((t) => t.indicators[i].value)]), ...a.trend[0].figures.map((f, i) => [f.labelZh, ...a.trend.map((t) => t.figures[i].value)])])}>导出季度趋势（CSV）</button></p>
          {a.notes.length ? <ul className="muted">{a.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
        </>
      ) : null}
    </section>
  );
}
