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
import { INTERNAL_HEADER, signInternalIdentity } from '../shared/platform/auth.js';
import { subgraphUrl } from '../shared/platform/service-client.js';
import { parseQuarter } from '../shared/domain/quarters.js';
import { REPORT_FORMATS, REPORT_QUERY, renderReport, reportFileName, type Report, type ReportFormat } from '../subgraphs/joint-inspection/reports/export.js';

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

async function main() {
  const { values } = parseArgs({ options: { period: { type: 'string' }, format: { type: 'string', default: 'xlsx' }, out: { type: 'string' } } });
  if (!values.period || !(REPORT_FORMATS as readonly string[]).includes(values.format!)) {
    console.error('usage: npm run report -- --period 2026-Q4 --format xlsx|md|pdf [--out file]');
    process.exit(2);
  }
  try {
    parseQuarter(values.period);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const format = values.format as ReportFormat;
  const out = values.out ?? reportFileName(values.period, format);
  progress(`asking joint-inspection for ${values.period}…`);
  const report = await fetchReport(values.period);
  if (!report.complete) progress(`incomplete: ${report.unansweredDepartments.map((u) => u.subgraph).join(', ')} did not answer`);
  progress(`writing ${format}…`);
  const data = await renderReport(report, format);
  fs.writeFileSync(out, data);
  progress(`wrote ${out} (${fs.statSync(out).size} bytes, content hash ${report.contentHash})`);
}

// Run as a command, not when something imports this file.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`[report] ${(e as Error).message}`);
    process.exit(1);
  });
}
