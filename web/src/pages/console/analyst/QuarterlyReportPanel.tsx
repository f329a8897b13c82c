/**
 * 季度报告: a quarter's report computed now (quarterlyReport), each figure beside the previous
 * quarter and the same quarter last year; the breakdowns; the quarters whose report is due or
 * late (reportsDue); the finalized versions (publishedQuarterlyReports); and, for the office's
 * coordinators, 定稿 (finalizeQuarterlyReport); the whole report as Excel, PDF or Markdown from the
 * gateway's download route (./report-download.ts). docs/quarterly-reports.md.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  AnalystPublishedReportsDocument, AnalystQuarterlyReportDocument, AnalystReportsDueDocument, FinalizeQuarterlyReportDocument,
  type AnalystQuarterlyReportQuery,
} from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../../lib/errors.js';
import { currentUser } from '../../../lib/auth.js';
import { departmentName } from '../../../lib/labels.js';
import { INDUSTRIES, REGIONS } from '../../../../../shared/domain/industries.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { downloadCsv } from './csv.js';
import { downloadReport, type ReportFormat } from './report-download.js';
import type { ApiError } from '../../../lib/errors.js';

const EXPORTS: [ReportFormat, string][] = [['xlsx', 'Excel'], ['pdf', 'PDF'], ['md', 'Markdown']];

type Report = AnalystQuarterlyReportQuery['quarterlyReport'];
type Figure = Report['county']['figures'][number];
type Row = Report['county'];

/** Shares (the indicators with a target) as percentages, counts as they are. */
const shown = (v: number, share: boolean) => (share ? `${(v * 100).toFixed(1)}%` : String(v));
const change = (v: number, share: boolean) => (v > 0 ? '+' : v < 0 ? '−' : '±') + shown(Math.abs(v), share);

function keyLabel(dimension: string, key: string): string {
  if (dimension === 'department') return departmentName(key);
  if (dimension === 'brigade') {
    const [d, b] = key.split('/');
    return `${departmentName(d)} / ${b}`;
  }
  if (dimension === 'industry') return `${key} ${INDUSTRIES[key]?.nameZh ?? ''}`.trim();
  if (dimension === 'township') return key === 'county' ? '全县' : `${REGIONS[key] ?? key}（${key}）`;
  return '全县';
}

function FigureTable({ id, caption, figures, share }: { id: string; caption: string; figures: (Figure & { target?: number | null; met?: boolean | null })[]; share?: (f: Figure & { target?: number | null }) => boolean }) {
  return (
    <table id={id}>
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">指标</th><th scope="col">本季度</th><th scope="col">上季度</th><th scope="col">较上季度</th><th scope="col">去年同期</th><th scope="col">较去年同期</th>{share ? <th scope="col">目标</th> : null}</tr>
      </thead>
      <tbody>
        {figures.map((f) => {
          const s = share ? share(f) : false;
          return (
            <tr key={f.name} data-figure={f.name}>
              <th scope="row">{f.labelZh}</th>
              <td className="value">{shown(f.value, s)}</td>
              <td>{shown(f.previousQuarter, s)}</td>
              <td>{change(f.changeFromPreviousQuarter, s)}</td>
              <td>{shown(f.sameQuarterLastYear, s)}</td>
              <td>{change(f.changeFromSameQuarterLastYear, s)}</td>
              {share ? <td>{f.target == null ? '—' : `≥ ${shown(f.target, true)}（${f.met ? '已达到' : '未达到'}）`}</td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

// What an analyst compares across rows: drawn, inspected, found, published in time, and what the merge joined and removed.
const BREAKDOWN_FIGURES = ['tasks', 'tasksDrawn', 'businessesDrawn', 'inspectionsDrawn', 'inspections', 'inspectionsWithProblems', 'publishedWithin20WorkingDays', 'jointInspections', 'repeatsRemoved'];

function Breakdown({ id, caption, rows, period }: { id: string; caption: string; rows: Row[]; period: string }) {
  if (rows.length === 0) return <Empty>{caption}：本季度没有数据。</Empty>;
  const names = BREAKDOWN_FIGURES.filter((n) => rows[0].figures.some((f) => f.name === n));
  const label = (n: string) => rows[0].figures.find((f) => f.name === n)!.labelZh;
  const value = (r: Row, n: string) => r.figures.find((f) => f.name === n)!;
  return (
    <>
      <table id={id}>
        <caption>{caption}</caption>
        <thead><tr><th scope="col">{caption.replace(/^按/, '')}</th>{names.map((n) => <th key={n} scope="col">{label(n)}（较上季度）</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{keyLabel(r.dimension, r.key)}</th>
              {names.map((n) => <td key={n}>{value(r, n).value}（{change(value(r, n).changeFromPreviousQuarter, false)}）</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p><button type="button" onClick={() => downloadCsv(`${id}-${period}.csv`, ['代码', '名称', ...names.map(label)], rows.map((r) => [r.key, keyLabel(r.dimension, r.key), ...names.map((n) => value(r, n).value)]))}>导出{caption}（CSV）</button></p>
    </>
  );
}

export function QuarterlyReportPanel() {
  const user = currentUser();
  const coordinator = !!user?.roles.includes('coordinator') && user.department === 'double-random-office';
  const [form, setForm] = useState('');
  const [period, setPeriod] = useState('');
  const [{ data, fetching, error }, refetch] = useQuery({ query: AnalystQuarterlyReportDocument, variables: { period }, pause: !period, requestPolicy: 'network-only' });
  const [due] = useQuery({ query: AnalystReportsDueDocument, variables: { first: 100 } });
  const [published, refetchPublished] = useQuery({ query: AnalystPublishedReportsDocument, variables: { period: period || null, first: 20 }, requestPolicy: 'network-only' });
  const [finalizing, finalize] = useMutation(FinalizeQuarterlyReportDocument);
  const [done, setDone] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ReportFormat | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const { byField, other } = errorsByField(apiErrors(error), ['period']);
  const finalizeErrors = apiErrors(finalizing.error);
  const report = data?.quarterlyReport;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPeriod(form.trim());
    setDone(null);
    setExportError(null);
  };
  const doExport = async (period: string, format: ReportFormat) => {
    setExporting(format);
    setExportError(null);
    try {
      setExportError(await downloadReport(period, format));
    } finally {
      setExporting(null);
    }
  };
  const doFinalize = async () => {
    const r = await finalize({ period });
    if (r.data) {
      setDone(`已定稿为第 ${r.data.finalizeQuarterlyReport.finalizedVersion} 版（内容哈希 ${r.data.finalizeQuarterlyReport.contentHash.slice(0, 12)}…）`);
      refetch({ requestPolicy: 'network-only' });
      refetchPublished({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">季度报告</h2>
      <form onSubmit={submit} className="filters" aria-label="选择季度">
        <p>
          <label htmlFor="report-period">季度</label>
          <input id="report-period" value={form} placeholder="如 2026-Q4" onChange={(e) => setForm(e.target.value)}
            aria-invalid={byField.period ? true : undefined} aria-describedby={byField.period ? 'report-period-error' : undefined} />
          <FieldErrors id="report-period-error" messages={byField.period} />
        </p>
        <p><button type="submit">查看报告</button></p>
      </form>
      <ErrorList errors={other} />
      {!period ? <p className="muted">输入季度（如 2026-Q4），查看该季度的报告；下方列出待报送和已定稿的报告。</p> : null}
      {period && fetching && !report ? <Loading what="季度报告" /> : null}
      {report ? (
        <>
          {!report.complete ? <p role="alert" className="error">{report.unansweredDepartments.map((u) => departmentName(u.subgraph)).join('、')}未响应：报告不完整，不能定稿。</p> : null}
          <p id="report-summary">
            {report.period}（对比 {report.previousPeriod} 和 {report.sameQuarterLastYearPeriod}）；报送期限：{report.dueDate ?? `无（${report.dueDateProblem}）`}；
            {report.finalizedVersion ? `与已定稿第 ${report.finalizedVersion} 版内容相同。` : '当前内容尚未定稿。'}
          </p>
          {coordinator ? (
            <p>
              <button type="button" onClick={doFinalize} disabled={finalizing.fetching || !report.complete || !!report.finalizedVersion}>定稿</button>
              {done ? <span role="status"> {done}</span> : null}
            </p>
          ) : null}
          <ErrorList errors={finalizeErrors} />
          <p id="report-export">
            {EXPORTS.map(([format, label]) => (
              <button key={format} type="button" onClick={() => doExport(report.period, format)} disabled={exporting !== null}>导出 {label}</button>
            ))}
            {exporting ? <span role="status"> 正在生成{EXPORTS.find(([f]) => f === exporting)![1]}文件…</span> : null}
            {!report.complete ? <span className="muted"> 导出的文件会注明报告不完整。</span> : null}
          </p>
          {exportError ? <div id="report-export-error" role="alert" className="error"><p>导出失败：{exportError.message}</p></div> : null}
          <FigureTable id="report-indicators" caption="考核指标" figures={report.indicators} share={(f) => f.target != null} />
          <FigureTable id="report-county" caption="全县数据" figures={report.county.figures} />
          {report.notes.length ? <ul className="muted">{report.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
          <h3>分类明细</h3>
          <Breakdown id="report-by-department" caption="按部门" rows={report.byDepartment} period={report.period} />
          <Breakdown id="report-by-brigade" caption="按大队" rows={report.byBrigade} period={report.period} />
          <Breakdown id="report-by-industry" caption="按行业" rows={report.byIndustry} period={report.period} />
          <Breakdown id="report-by-township" caption="按乡镇" rows={report.byTownship} period={report.period} />
          <h3 id="result-codes-heading">检查结果</h3>
          {report.resultCodes.length === 0 ? <Empty>本季度没有已公示的检查结果。</Empty> : (
            <table id="report-result-codes" aria-labelledby="result-codes-heading">
              <thead><tr><th scope="col">结果代码</th><th scope="col">含义</th><th scope="col">本季度</th><th scope="col">上季度</th><th scope="col">去年同期</th></tr></thead>
              <tbody>{report.resultCodes.map((c) => <tr key={c.code}><th scope="row">{c.code}</th><td>{c.meaning}</td><td>{c.inspections}</td><td>{c.previousQuarter}</td><td>{c.sameQuarterLastYear}</td></tr>)}</tbody>
            </table>
          )}
        </>
      ) : null}

      <h3 id="due-heading">待报送的季度报告</h3>
      {due.fetching && !due.data ? <Loading what="报送期限" /> : null}
      <ErrorList errors={apiErrors(due.error)} />
      {due.data ? (
        due.data.reportsDue.nodes.length === 0 ? <Empty>没有待报送的报告。</Empty> : (
          <table id="reports-due" aria-labelledby="due-heading">
            <thead><tr><th scope="col">季度</th><th scope="col">报送期限</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {due.data.reportsDue.nodes.map((d) => (
                <tr key={d.period} className={d.late ? 'late' : undefined}>
                  <th scope="row"><button type="button" className="link" onClick={() => { setForm(d.period); setPeriod(d.period); }}>{d.period}</button></th>
                  <td>{d.dueDate ?? `无（${d.dueDateProblem}）`}</td>
                  <td>{d.late ? <strong className="error">已逾期 {d.daysLate} 天</strong> : '未到期'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}

      <h3 id="published-heading">已定稿版本{period ? `（${period}）` : ''}</h3>
      <ErrorList errors={apiErrors(published.error)} />
      {published.data ? (
        published.data.publishedQuarterlyReports.nodes.length === 0 ? <Empty>尚无定稿版本。</Empty> : (
          <table id="published-reports" aria-labelledby="published-heading">
            <thead><tr><th scope="col">季度</th><th scope="col">版本</th><th scope="col">定稿时间</th><th scope="col">内容哈希（SHA-256）</th></tr></thead>
            <tbody>
              {published.data.publishedQuarterlyReports.nodes.map((p) => (
                <tr key={`${p.period}-${p.version}`}><th scope="row">{p.period}</th><td>第 {p.version} 版</td><td>{new Date(p.finalizedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td><td><code>{p.contentHash}</code></td></tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
