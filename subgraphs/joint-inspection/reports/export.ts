/**
 * The quarterly report (季度报告, docs/quarterly-reports.md) as files: an Excel workbook (the
 * county's figures and indicators, then one formatted sheet per breakdown), Markdown, and PDF
 * (the same content as HTML, printed by a headless Chromium). One implementation for the command
 * (`npm run report`, scripts/report.ts) and the gateway's download route (gateway/reports.ts), so
 * that a file from the console and one from the command are the same file.
 *
 * Database-free: it renders what `REPORT_QUERY` returns, whoever asked it.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { findDepartment } from '../../../shared/domain/departments.js';

const FIGURE = 'name labelZh labelEn value previousQuarter sameQuarterLastYear changeFromPreviousQuarter changeFromSameQuarterLastYear';
const ROW = `dimension key figures { ${FIGURE} }`;
/** What the files show; `$period` is the only variable. */
export const REPORT_QUERY = `query ($period: String!) { quarterlyReport(period: $period) {
  period previousPeriod sameQuarterLastYearPeriod dueDate dueDateProblem complete contentHash finalizedVersion notes
  unansweredDepartments { subgraph reason }
  county { ${ROW} } indicators { ${FIGURE} target met }
  resultCodes { code meaning inspections previousQuarter sameQuarterLastYear }
  byDepartment { ${ROW} } byBrigade { ${ROW} } byIndustry { ${ROW} } byTownship { ${ROW} } } }`;

export interface Figure { name: string; labelZh: string; labelEn: string; value: number; previousQuarter: number; sameQuarterLastYear: number; changeFromPreviousQuarter: number; changeFromSameQuarterLastYear: number }
export interface Row { dimension: string; key: string; figures: Figure[] }
export interface Report {
  period: string; previousPeriod: string; sameQuarterLastYearPeriod: string; dueDate: string | null; dueDateProblem: string | null;
  complete: boolean; contentHash: string; finalizedVersion: number | null; notes: string[]; unansweredDepartments: { subgraph: string; reason: string }[];
  county: Row; indicators: (Figure & { target: number | null; met: boolean | null })[];
  resultCodes: { code: string; meaning: string; inspections: number; previousQuarter: number; sameQuarterLastYear: number }[];
  byDepartment: Row[]; byBrigade: Row[]; byIndustry: Row[]; byTownship: Row[];
}

/** The breakdown sheets, in order: name of the sheet, its rows. */
export const BREAKDOWNS = [
  ['按部门 by department', 'byDepartment'],
  ['按大队 by brigade', 'byBrigade'],
  ['按行业 by industry', 'byIndustry'],
  ['按乡镇 by township', 'byTownship'],
] as const;

export const REPORT_FORMATS = ['xlsx', 'md', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
};

export const reportFileName = (period: string, format: ReportFormat) => `quarterly-report-${period}.${format}`;

/**
 * The line every format puts at its top when a department did not answer: figures missing from a
 * file must be said in the file, since the file travels without the screen that showed the alert.
 */
export function incompleteWarning(r: Report): string | null {
  if (r.complete) return null;
  const zh = r.unansweredDepartments.map((u) => findDepartment(u.subgraph)?.nameZh ?? u.subgraph).join('、');
  const en = r.unansweredDepartments.map((u) => findDepartment(u.subgraph)?.nameEn ?? u.subgraph).join(', ');
  return `⚠ 报告不完整：${zh}未在时限内应答，其数据未计入，本文件不能作为定稿 / incomplete report: ${en} did not answer in time; their figures are missing and this file is not a final version`;
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

export async function toXlsx(r: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yiye';
  const header = (ws: ExcelJS.Worksheet, cells: string[]) => {
    const row = ws.addRow(cells);
    row.font = { bold: true };
    row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    ws.views = [{ state: 'frozen', ySplit: row.number }];
  };
  const summary = wb.addWorksheet('汇总 summary');
  summary.addRow([`季度报告 quarterly report ${r.period}`]).font = { bold: true, size: 14 };
  summary.addRow(['报送期限 due date', r.dueDate ?? r.dueDateProblem ?? '']);
  summary.addRow(['内容哈希 content hash (SHA-256)', r.contentHash]);
  // Row 4 is blank in a complete report; the warning takes it, so that the rows below stay where readers expect them.
  const warning = incompleteWarning(r);
  if (warning) summary.addRow([warning]).font = { bold: true, color: { argb: 'FFC00000' } };
  else summary.addRow([]);
  header(summary, ['指标 figure', 'indicator', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod, '环比变化 change', '同比变化 change', '目标 target', '达标 met']);
  for (const i of r.indicators) {
    const row = summary.addRow([i.labelZh, i.labelEn, i.value, i.previousQuarter, i.sameQuarterLastYear, i.changeFromPreviousQuarter, i.changeFromSameQuarterLastYear, i.target, i.met === null ? '' : i.met ? '是 yes' : '否 no']);
    if (i.target !== null) for (const c of [3, 4, 5, 6, 7, 8]) row.getCell(c).numFmt = '0.0%';
  }
  for (const f of r.county.figures) summary.addRow([f.labelZh, f.labelEn, f.value, f.previousQuarter, f.sameQuarterLastYear, f.changeFromPreviousQuarter, f.changeFromSameQuarterLastYear]);
  summary.columns.forEach((c, i) => (c.width = i < 2 ? 36 : 14));

  const codes = wb.addWorksheet('检查结果 result codes');
  header(codes, ['结果代码 code', '含义 meaning', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod]);
  for (const c of r.resultCodes) codes.addRow([c.code, c.meaning, c.inspections, c.previousQuarter, c.sameQuarterLastYear]);
  codes.columns.forEach((c, i) => (c.width = i === 1 ? 60 : 14));

  for (const [name, key] of BREAKDOWNS) {
    const ws = wb.addWorksheet(name);
    const names = r.county.figures;
    header(ws, ['键 key', ...names.flatMap((f) => [`${f.labelZh} ${r.period}`, `环比 vs ${r.previousPeriod}`, `同比 vs ${r.sameQuarterLastYearPeriod}`])]);
    for (const row of r[key]) ws.addRow([row.key, ...row.figures.flatMap((f) => [f.value, f.changeFromPreviousQuarter, f.changeFromSameQuarterLastYear])]);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 12));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const mdTable = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function toMarkdown(r: Report): string {
  const figureRows = (row: Row) => row.figures.map((f) => [`${f.labelZh} / ${f.labelEn}`, f.value, f.previousQuarter, f.sameQuarterLastYear]);
  const warning = incompleteWarning(r);
  const out = [
    `# 季度报告 quarterly report ${r.period}`,
    '',
    ...(warning ? [`> **${warning}**`, ''] : []),
    `报送期限 due: ${r.dueDate ?? r.dueDateProblem} · 内容哈希 content hash: \`${r.contentHash}\`${r.finalizedVersion ? ` · 定稿版本 version ${r.finalizedVersion}` : ''}`,
    '',
    '## 指标 indicators',
    '',
    mdTable(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod, '目标 target'], r.indicators.map((i) =>
      i.target === null ? [`${i.labelZh} / ${i.labelEn}`, i.value, i.previousQuarter, i.sameQuarterLastYear, ''] : [`${i.labelZh} / ${i.labelEn}`, pct(i.value), pct(i.previousQuarter), pct(i.sameQuarterLastYear), `≥ ${pct(i.target)} ${i.met ? '✓' : '✗'}`])),
    '',
    '## 全县 county',
    '',
    mdTable(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], figureRows(r.county)),
    '',
    '## 检查结果 result codes',
    '',
    mdTable(['code', 'meaning', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], r.resultCodes.map((c) => [c.code, c.meaning, c.inspections, c.previousQuarter, c.sameQuarterLastYear])),
  ];
  for (const [name, key] of BREAKDOWNS) {
    out.push('', `## ${name}`, '', mdTable(['key', ...r.county.figures.map((f) => f.labelZh)], r[key].map((row) => [row.key, ...row.figures.map((f) => f.value)])));
  }
  if (r.notes.length) out.push('', '## 说明 notes', '', ...r.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}

const esc = (s: string | number) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function toHtml(r: Report): string {
  const table = (head: (string | number)[], rows: (string | number)[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const sections = BREAKDOWNS.map(([name, key]) => `<h2>${esc(name)}</h2>${table(['key', ...r.county.figures.map((f) => f.labelZh)], r[key].map((row) => [row.key, ...row.figures.map((f) => f.value)]))}`);
  const warning = incompleteWarning(r);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>季度报告 ${esc(r.period)}</title>
<style>body{font-family:sans-serif;font-size:9pt}table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #999;padding:2px 4px}th{background:#ddebf7}td{text-align:right}td:first-child{text-align:left}h2{page-break-after:avoid}.warning{color:#c00000;font-weight:bold;border:2px solid #c00000;padding:4px}</style></head><body>
<h1>季度报告 quarterly report ${esc(r.period)}</h1>${warning ? `<p class="warning">${esc(warning)}</p>` : ''}<p>报送期限 due: ${esc(r.dueDate ?? r.dueDateProblem ?? '')} · SHA-256 ${esc(r.contentHash)}${r.finalizedVersion ? ` · 定稿版本 version ${r.finalizedVersion}` : ''}</p>
<h2>指标 indicators</h2>${table(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], r.indicators.map((i) => [`${i.labelZh} / ${i.labelEn}`, i.value, i.previousQuarter, i.sameQuarterLastYear]))}
<h2>全县 county</h2>${table(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], r.county.figures.map((f) => [`${f.labelZh} / ${f.labelEn}`, f.value, f.previousQuarter, f.sameQuarterLastYear]))}
<h2>检查结果 result codes</h2>${table(['code', 'meaning', r.period], r.resultCodes.map((c) => [c.code, c.meaning, c.inspections]))}
${sections.join('\n')}</body></html>`;
}

/** No Chromium to print with (not installed, or it would not start): the caller says so rather than failing vaguely. */
export class PdfUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`PDF printing is unavailable: ${reason}`);
  }
}

/** The Chromium that prints PDFs: YIYE_CHROMIUM, or Debian's. Read at each print, so that a test can point it elsewhere. */
export const chromiumPath = () => process.env.YIYE_CHROMIUM ?? '/usr/bin/chromium';

export async function toPdf(r: Report): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new PdfUnavailableError(`${executablePath} does not exist (apt-get install -y chromium, or set YIYE_CHROMIUM)`);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    throw new PdfUnavailableError(`playwright-core cannot be loaded (${(e as Error).message})`);
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  } catch (e) {
    throw new PdfUnavailableError(`${executablePath} did not start (${(e as Error).message.split('\n')[0]})`);
  }
  try {
    const page = await browser.newPage();
    await page.setContent(toHtml(r), { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

/** The file of one format. */
export async function renderReport(r: Report, format: ReportFormat): Promise<Buffer> {
  if (format === 'xlsx') return toXlsx(r);
  if (format === 'md') return Buffer.from(toMarkdown(r), 'utf8');
  return toPdf(r);
}
