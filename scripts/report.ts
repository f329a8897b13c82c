/**
 * npm run report -- --period 2026-Q4 --format xlsx|md|pdf [--out file]
 *
 * Writes a quarter's report (季度报告, docs/quarterly-reports.md) as an Excel workbook (the
 * county's figures and indicators, then one formatted sheet per breakdown), Markdown, or PDF
 * (the same content as HTML, printed by the headless Chromium at /usr/bin/chromium). The report
 * is asked of the running joint-inspection service as the office's analyst, like the console
 * does; progress goes to stderr, the file to --out (default quarterly-report-<period>.<format>).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { INTERNAL_HEADER, signInternalIdentity } from '../shared/platform/auth.js';
import { subgraphUrl } from '../shared/platform/service-client.js';
import { parseQuarter } from '../shared/domain/quarters.js';

const FIGURE = 'name labelZh labelEn value previousQuarter sameQuarterLastYear changeFromPreviousQuarter changeFromSameQuarterLastYear';
const ROW = `dimension key figures { ${FIGURE} }`;
export const REPORT_QUERY = `query ($period: String!) { quarterlyReport(period: $period) {
  period previousPeriod sameQuarterLastYearPeriod dueDate dueDateProblem complete contentHash finalizedVersion notes
  unansweredDepartments { subgraph reason }
  county { ${ROW} } indicators { ${FIGURE} target met }
  resultCodes { code meaning inspections previousQuarter sameQuarterLastYear }
  byDepartment { ${ROW} } byBrigade { ${ROW} } byIndustry { ${ROW} } byTownship { ${ROW} } } }`;

interface Figure { name: string; labelZh: string; labelEn: string; value: number; previousQuarter: number; sameQuarterLastYear: number; changeFromPreviousQuarter: number; changeFromSameQuarterLastYear: number }
interface Row { dimension: string; key: string; figures: Figure[] }
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

const progress = (s: string) => process.stderr.write(`[report] ${s}\n`);

async function fetchReport(period: string): Promise<Report> {
  const token = await signInternalIdentity({ subject: 'report-cli', department: 'double-random-office', roles: ['analyst'] });
  const res = await fetch(subgraphUrl('joint-inspection'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
    body: JSON.stringify({ query: REPORT_QUERY, variables: { period } }),
  });
  const body = (await res.json()) as { data?: { quarterlyReport: Report }; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
  return body.data.quarterlyReport;
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
  summary.addRow([]);
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
  const out = [
    `# 季度报告 quarterly report ${r.period}`,
    '',
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
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>季度报告 ${esc(r.period)}</title>
<style>body{font-family:sans-serif;font-size:9pt}table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #999;padding:2px 4px}th{background:#ddebf7}td{text-align:right}td:first-child{text-align:left}h2{page-break-after:avoid}</style></head><body>
<h1>季度报告 quarterly report ${esc(r.period)}</h1><p>报送期限 due: ${esc(r.dueDate ?? r.dueDateProblem ?? '')} · SHA-256 ${esc(r.contentHash)}</p>
<h2>指标 indicators</h2>${table(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], r.indicators.map((i) => [`${i.labelZh} / ${i.labelEn}`, i.value, i.previousQuarter, i.sameQuarterLastYear]))}
<h2>全县 county</h2>${table(['', r.period, r.previousPeriod, r.sameQuarterLastYearPeriod], r.county.figures.map((f) => [`${f.labelZh} / ${f.labelEn}`, f.value, f.previousQuarter, f.sameQuarterLastYear]))}
<h2>检查结果 result codes</h2>${table(['code', 'meaning', r.period], r.resultCodes.map((c) => [c.code, c.meaning, c.inspections]))}
${sections.join('\n')}</body></html>`;
}

async function toPdf(r: Report): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.YIYE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(toHtml(r), { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

async function main() {
  const { values } = parseArgs({ options: { period: { type: 'string' }, format: { type: 'string', default: 'xlsx' }, out: { type: 'string' } } });
  const formats = ['xlsx', 'md', 'pdf'];
  if (!values.period || !formats.includes(values.format!)) {
    console.error('usage: npm run report -- --period 2026-Q4 --format xlsx|md|pdf [--out file]');
    process.exit(2);
  }
  try {
    parseQuarter(values.period);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const out = values.out ?? `quarterly-report-${values.period}.${values.format}`;
  progress(`asking joint-inspection for ${values.period}…`);
  const report = await fetchReport(values.period);
  if (!report.complete) progress(`incomplete: ${report.unansweredDepartments.map((u) => u.subgraph).join(', ')} did not answer`);
  progress(`writing ${values.format}…`);
  const data = values.format === 'xlsx' ? await toXlsx(report) : values.format === 'md' ? toMarkdown(report) : await toPdf(report);
  fs.writeFileSync(out, data);
  progress(`wrote ${out} (${fs.statSync(out).size} bytes, content hash ${report.contentHash})`);
}

// Run as a command, not when a test imports the writers.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`[report] ${(e as Error).message}`);
    process.exit(1);
  });
}
