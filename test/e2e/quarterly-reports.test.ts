import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, npmRun, publishAnnualPlans, sql, subgraphRequest, token, tokens, type GqlResult } from '../support/federation.js';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { enteredRecord, publishedTask, type TaskTarget } from '../support/tasks.js';
import { DEPARTMENT_CODES } from '../../shared/domain/departments.js';
import { internalOf } from '../support/enums.js';

/**
 * 季度报告 through the gateway. Two hand-built quarters:
 * - 2043-Q1 (and 2042-Q1, the same quarter last year), years no other file uses, 房寨镇
 *   (130433101): tasks and draws of three departments, whose figures are exact and absolute;
 *   2043 is not in the holiday calendar, so the report has no due date and says why;
 * - 2026-Q4 (the clock's quarter: records need today in the task's window), 馆陶镇 130433100:
 *   a market supervision task whose records, follow-ups and referral move the figures by exactly
 *   what this file did (the report before and after; files run one at a time).
 * Finalizing 2043-Q1 and 2025-Q1 (reportsDue): no other file finalizes quarterly reports.
 */
const TOWNSHIP = '130433101';
const Q4_TOWNSHIP = '130433100';

const FIGURE = 'name value previousQuarter sameQuarterLastYear changeFromPreviousQuarter changeFromSameQuarterLastYear';
const ROW = `dimension key figures { ${FIGURE} }`;
const REPORT = `query ($period: String!) { quarterlyReport(period: $period) {
  period previousPeriod sameQuarterLastYearPeriod dueDate dueDateProblem complete contentHash finalizedVersion notes
  county { ${ROW} } indicators { name value target met }
  resultCodes { code inspections } byDepartment { ${ROW} } byBrigade { ${ROW} } byIndustry { ${ROW} } byTownship { ${ROW} } } }`;

interface Figure { name: string; value: number; previousQuarter: number; sameQuarterLastYear: number; changeFromPreviousQuarter: number; changeFromSameQuarterLastYear: number }
interface Row { dimension: string; key: string; figures: Figure[] }
interface Report {
  period: string; dueDate: string | null; dueDateProblem: string | null; complete: boolean; contentHash: string; finalizedVersion: number | null; notes: string[];
  county: Row; indicators: { name: string; value: number; target: number | null; met: boolean | null }[]; resultCodes: { code: string; inspections: number }[];
  byDepartment: Row[]; byBrigade: Row[]; byIndustry: Row[]; byTownship: Row[];
}

const ok = <T = any>(res: GqlResult, what: string): T => {
  expect(res.errors, `${what}: ${JSON.stringify(res.errors)}`).toBeUndefined();
  return res.data as T;
};

async function report(period: string): Promise<Report> {
  return ok<{ quarterlyReport: Report }>(await gql(REPORT, { period }, { token: await tokens.analyst() }), `quarterlyReport ${period}`).quarterlyReport;
}

/** name → value of a row's figures (0 for a row that is not there). */
const values = (row: Row | undefined): Record<string, number> => Object.fromEntries((row?.figures ?? []).map((f) => [f.name, f.value]));
const rowOf = (rows: Row[], key: string) => rows.find((r) => r.key === key);

type Item = { code: string; department: string; brigade: string | null; targetIndustries: string[]; claimed: boolean };
let items: Item[];
const claimedItem = (department: string, withBrigade = false) =>
  items.find((i) => i.department === department && i.claimed && (!withBrigade || i.brigade) && i.targetIndustries.length > 0)!;

const created: { department: string; item: Item; id: string; targets: TaskTarget[]; stratified: boolean }[] = [];

beforeAll(async () => {
  await publishAnnualPlans(2026);
  await publishAnnualPlans(2042);
  await publishAnnualPlans(2043);
  const res = await gql('{ inspectionItems(first: 100) { nodes { code department brigade targetIndustries claimed } } }', {}, { token: await tokens.coordinator() });
  items = ok<{ inspectionItems: { nodes: Item[] } }>(res, 'inspectionItems').inspectionItems.nodes.map((i) => ({ ...i, department: i.department.toLowerCase().replace(/_/g, '-') }));
  const plans = [
    { department: 'market-supervision', ratios: { A: 100, B: 200, C: 300, D: 400 }, brigade: false },
    { department: 'fire-rescue', ratios: { A: 300, B: 300, C: 300, D: 300 }, brigade: false },
    { department: 'public-security', ratios: { A: 200, B: 300, C: 400, D: 500 }, brigade: true },
  ];
  for (const p of plans) {
    const item = claimedItem(p.department, p.brigade);
    const admin = await tokens.admin(p.department);
    const task = await publishedTask(p.department, admin, { title: `2043年第一季度季度报告测试（${p.department}）`, itemCodes: [item.code], period: '2043-Q1', regionCode: TOWNSHIP, ratios: p.ratios });
    created.push({ department: p.department, item, ...task, stratified: new Set(Object.values(p.ratios)).size > 1 });
  }
  // The same quarter a year earlier: one market supervision task.
  const ms = claimedItem('market-supervision');
  await publishedTask('market-supervision', await tokens.admin('market-supervision'), {
    title: '2042年第一季度季度报告测试', itemCodes: [ms.code], period: '2042-Q1', regionCode: TOWNSHIP, ratios: { A: 300, B: 300, C: 300, D: 300 },
  });
}, 300_000);

describe('quarterlyReport of a hand-built quarter (2043-Q1)', () => {
  it('counts tasks and draws per department, brigade, industry and township, against the same quarter last year', async () => {
    const r = await report('2043-Q1');
    expect(r).toMatchObject({ period: '2043-Q1', complete: true, dueDate: null, finalizedVersion: null });
    expect(r.dueDateProblem).toMatch(/2043年.*the public holidays and make-up working days of 2043/);
    const drawn = created.reduce((n, c) => n + c.targets.length, 0);
    for (const c of created) expect(c.targets.length).toBeGreaterThan(0);
    const businesses = new Set(created.flatMap((c) => c.targets.map((t) => t.uscc))).size;
    expect(values(r.county)).toMatchObject({
      tasks: 3, tasksDrawn: 3, tasksDrawnByCreditClass: created.filter((c) => c.stratified).length, jointPlans: 0,
      businessesDrawn: businesses, inspectionsDrawn: drawn, inspections: 0, referralsReceived: 0,
    });
    const tasks = r.county.figures.find((f) => f.name === 'tasks')!;
    expect(tasks).toEqual({ name: 'tasks', value: 3, previousQuarter: 0, sameQuarterLastYear: 1, changeFromPreviousQuarter: 3, changeFromSameQuarterLastYear: 2 });

    // Every department has its row, a department without tasks (health here) with zeros.
    expect(r.byDepartment.map((d) => d.key).sort()).toEqual([...DEPARTMENT_CODES].sort());
    expect(values(rowOf(r.byDepartment, 'health'))).toMatchObject({ tasks: 0, tasksDrawn: 0, businessesDrawn: 0, inspectionsDrawn: 0 });
    for (const c of created) {
      expect(values(rowOf(r.byDepartment, c.department))).toMatchObject({
        tasks: 1, tasksDrawn: 1, tasksDrawnByCreditClass: c.stratified ? 1 : 0, businessesDrawn: c.targets.length, inspectionsDrawn: c.targets.length,
      });
    }
    const ps = created.find((c) => c.department === 'public-security')!;
    expect(r.byBrigade.map((b) => [b.key, values(b).tasks, values(b).inspectionsDrawn])).toEqual([[`public-security/${ps.item.brigade}`, 1, ps.targets.length]]);
    // A task counts under every industry its items target; departments add up.
    const industries = new Map<string, { tasks: number; drawn: number }>();
    for (const c of created) {
      for (const code of new Set(c.item.targetIndustries)) {
        const e = industries.get(code) ?? { tasks: 0, drawn: 0 };
        industries.set(code, { tasks: e.tasks + 1, drawn: e.drawn + c.targets.length });
      }
    }
    expect(r.byIndustry.map((i) => [i.key, values(i).tasks, values(i).inspectionsDrawn])).toEqual(
      [...industries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, e]) => [code, e.tasks, e.drawn]),
    );
    expect(r.byTownship.map((t) => [t.key, values(t).tasks, values(t).inspectionsDrawn, values(t).businessesDrawn])).toEqual([[TOWNSHIP, 3, drawn, drawn]]);
    // Indicators are the quarter's merge.
    const merge = ok(
      await gql('{ jointMerge(period: "2043-Q1", first: 0) { figures { jointShareByCount visitsAvoided visitsBefore inspections jointInspections removedRepeats } byDepartment { department joined alone removed } } }', {}, { token: await tokens.analyst() }),
      'jointMerge',
    );
    // The merge's inspections break down like the rest: by department as the merge counts them,
    // and every task of the quarter is in this one township.
    const m = merge.jointMerge.figures;
    const mergeFigures = { mergedInspections: m.inspections, jointInspections: m.jointInspections, repeatsRemoved: m.removedRepeats };
    expect(m.inspections).toBe(drawn - m.removedRepeats);
    expect(values(r.county)).toMatchObject(mergeFigures);
    expect(values(rowOf(r.byTownship, TOWNSHIP))).toMatchObject(mergeFigures);
    for (const d of merge.jointMerge.byDepartment) {
      expect(values(rowOf(r.byDepartment, internalOf(d.department)))).toMatchObject({ mergedInspections: d.joined + d.alone, jointInspections: d.joined, repeatsRemoved: d.removed });
    }
    const ind = Object.fromEntries(r.indicators.map((i) => [i.name, i]));
    expect(ind.visitsBefore.value).toBe(merge.jointMerge.figures.visitsBefore);
    expect(ind.visitsAvoided.value).toBe(merge.jointMerge.figures.visitsAvoided);
    expect(ind.jointShareByCount).toMatchObject({ value: Math.round(merge.jointMerge.figures.jointShareByCount * 10_000) / 10_000, target: 0.45 });
    expect(ind.visitsAvoided.target).toBeNull();
  });

  it('exports the report as XLSX, re-read cell by cell, and as Markdown and PDF', async () => {
    const r = await report('2043-Q1');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-report-'));
    const file = path.join(dir, 'r.xlsx');
    const run = await npmRun(['report', '--', '--period', '2043-Q1', '--format', 'xlsx', '--out', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`wrote ${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总 summary', '检查结果 result codes', '按部门 by department', '按大队 by brigade', '按行业 by industry', '按乡镇 by township']);
    const summary = wb.getWorksheet('汇总 summary')!;
    expect(summary.getCell('A1').value).toBe('季度报告 quarterly report 2043-Q1');
    expect(summary.getCell('B3').value).toBe(r.contentHash);
    // Row 5 is the header, then the indicators, then the county's figures.
    expect(summary.getRow(5).font?.bold).toBe(true);
    const countyStart = 6 + r.indicators.length;
    r.county.figures.forEach((f, i) => {
      expect(summary.getRow(countyStart + i).values).toEqual([undefined, expect.any(String), expect.any(String), f.value, f.previousQuarter, f.sameQuarterLastYear, f.changeFromPreviousQuarter, f.changeFromSameQuarterLastYear]);
    });
    for (const [sheet, rows] of [['按部门 by department', r.byDepartment], ['按乡镇 by township', r.byTownship], ['按行业 by industry', r.byIndustry], ['按大队 by brigade', r.byBrigade]] as const) {
      const ws = wb.getWorksheet(sheet)!;
      expect(ws.rowCount, sheet).toBe(1 + rows.length);
      expect(ws.getCell('A1').font?.bold).toBe(true);
      rows.forEach((row, i) => {
        expect(ws.getRow(2 + i).values, `${sheet} ${row.key}`).toEqual([undefined, row.key, ...row.figures.flatMap((f) => [f.value, f.changeFromPreviousQuarter, f.changeFromSameQuarterLastYear])]);
      });
    }
    const md = await npmRun(['report', '--', '--period', '2043-Q1', '--format', 'md', '--out', path.join(dir, 'r.md')]);
    expect(md.code, md.stderr).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'r.md'), 'utf8');
    expect(text).toContain('# 季度报告 quarterly report 2043-Q1');
    expect(text).toContain(`| ${TOWNSHIP} | 3 |`);
    const pdf = await npmRun(['report', '--', '--period', '2043-Q1', '--format', 'pdf', '--out', path.join(dir, 'r.pdf')]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await npmRun(['report', '--', '--period', '2043-Q9', '--format', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/the period "2043-Q9" must look like 2026-Q4/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('downloads through the gateway: GET /reports/quarterly/<period>.<xlsx|pdf|md>', () => {
  const base = () => inject('gatewayUrl').replace(/\/$/, '');
  const download = (name: string, jwt?: string, url = base()) =>
    fetch(`${url}/reports/quarterly/${name}`, { headers: jwt === undefined ? {} : { authorization: `Bearer ${jwt}` } });
  const errorOf = async (res: Response) => ((await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0];
  let other: RunningGateway | undefined;
  afterAll(async () => {
    await other?.stop();
  });

  it('answers the XLSX of the GraphQL figures, re-read cell by cell, with its name and type', async () => {
    const r = await report('2043-Q1');
    const res = await download('2043-Q1.xlsx', await tokens.analyst());
    expect(res.status, await res.clone().text().catch(() => '')).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=quarterly-report-2043-Q1.xlsx');
    expect(res.headers.get('x-yiye-report-complete')).toBe('true');
    expect(res.headers.get('x-yiye-content-hash')).toBe(r.contentHash);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总 summary', '检查结果 result codes', '按部门 by department', '按大队 by brigade', '按行业 by industry', '按乡镇 by township']);
    const summary = wb.getWorksheet('汇总 summary')!;
    expect(summary.getCell('A1').value).toBe('季度报告 quarterly report 2043-Q1');
    expect(summary.getCell('B3').value).toBe(r.contentHash);
    // A complete report leaves row 4 empty: no warning.
    expect(summary.getCell('A4').value).toBeNull();
    const countyStart = 6 + r.indicators.length;
    r.county.figures.forEach((f, i) => {
      expect(summary.getRow(countyStart + i).getCell(3).value, f.name).toBe(f.value);
      expect(summary.getRow(countyStart + i).getCell(4).value, f.name).toBe(f.previousQuarter);
    });
    const township = wb.getWorksheet('按乡镇 by township')!;
    expect(township.getRow(2).values).toEqual([undefined, TOWNSHIP, ...r.byTownship[0].figures.flatMap((f) => [f.value, f.changeFromPreviousQuarter, f.changeFromSameQuarterLastYear])]);
  }, 60_000);

  it('answers Markdown to a coordinator and PDF to an analyst', async () => {
    const md = await download('2043-Q1.md', await tokens.coordinator());
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename=quarterly-report-2043-Q1.md');
    const text = await md.text();
    expect(text.split('\n')[0]).toBe('# 季度报告 quarterly report 2043-Q1');
    expect(text).toContain(`| ${TOWNSHIP} | 3 |`);
    expect(text).not.toContain('报告不完整');
    const pdf = await download('2043-Q1.pdf', await tokens.analyst());
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename=quarterly-report-2043-Q1.pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  it('refuses as the GraphQL field does: 401 without a valid token, 403 outside the office, 400 for a bad period or format, 404 elsewhere', async () => {
    const anonymous = await download('2043-Q1.xlsx');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await errorOf(anonymous)).extensions.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(`${base()}/reports/quarterly/2043-Q1.xlsx`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.status).toBe(401);
    expect((await errorOf(forged)).extensions.code).toBe('UNAUTHENTICATED');
    for (const jwt of [await tokens.admin('fire-rescue'), await tokens.inspector('market-supervision')]) {
      const res = await download('2043-Q1.xlsx', jwt);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).extensions.code).toBe('FORBIDDEN');
    }
    const badPeriod = await download('2026-Q5.xlsx', await tokens.analyst());
    expect(badPeriod.status).toBe(400);
    const periodError = await errorOf(badPeriod);
    expect(periodError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    // The gateway's edge check answers, as it does on /graphql (the same message as the refusals below).
    expect(periodError.message).toMatch(/^期间“2026-Q5”格式应为“2026-Q\d”.* \/ the period "2026-Q5" must look like 2026-Q\d/);
    const badFormat = await download('2043-Q1.docx', await tokens.analyst());
    expect(badFormat.status).toBe(400);
    expect(await errorOf(badFormat)).toEqual({
      message: '不支持的导出格式“docx”，可选：xlsx、md、pdf / the export format "docx" is not supported: use xlsx, pdf or md',
      extensions: { code: 'BAD_USER_INPUT', field: 'format', value: 'docx' },
    });
    const noFormat = await download('2043-Q1', await tokens.analyst());
    expect(noFormat.status).toBe(400);
    expect((await errorOf(noFormat)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
    const unknown = await fetch(`${base()}/reports/annual/2043.xlsx`, { headers: { authorization: `Bearer ${await tokens.analyst()}` } });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).extensions.code).toBe('NOT_FOUND');
    const post = await fetch(`${base()}/reports/quarterly/2043-Q1.xlsx`, { method: 'POST', headers: { authorization: `Bearer ${await tokens.analyst()}` } });
    expect(post.status).toBe(405);
  }, 60_000);

  it('is 503 with a clerk-readable message when no Chromium can print the PDF; the other formats still work', async () => {
    // A second gateway in this process, where YIYE_CHROMIUM can point nowhere.
    other = await startGateway({ port: 0, subgraphUrls: inject('subgraphUrls') });
    const url = other.url.replace(/\/$/, '');
    const saved = process.env.YIYE_CHROMIUM;
    process.env.YIYE_CHROMIUM = path.join(os.tmpdir(), 'no-such-chromium');
    try {
      const pdf = await download('2043-Q1.pdf', await tokens.analyst(), url);
      expect(pdf.status).toBe(503);
      const e = await errorOf(pdf);
      expect(e.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', field: 'format' });
      expect(e.message).toMatch(/^服务器暂时无法生成PDF.*请先导出Excel或Markdown/);
      expect(e.message).not.toContain('no-such-chromium');
      expect((await download('2043-Q1.md', await tokens.analyst(), url)).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.YIYE_CHROMIUM;
      else process.env.YIYE_CHROMIUM = saved;
    }
  }, 60_000);
});

describe('quarterlyReport counts records, follow-ups and referrals (2026-Q4, by difference)', () => {
  it('moves by exactly what this file inspected, published and followed up', async () => {
    const before = await report('2026-Q4');
    // Special equipment, 1 %: 2026-Q4 is drawn by several files from the same 40 inspectors, and
    // the food-safety ones are what the others need (test/README.md).
    const item = items.find((i) => i.code === 'MS-SE-001' && i.claimed)!;
    const admin = await tokens.admin('market-supervision');
    const task = await publishedTask('market-supervision', admin, {
      title: '2026年第四季度馆陶镇特种设备抽查（季度报告测试）', itemCodes: [item.code], period: '2026-Q4', regionCode: Q4_TOWNSHIP, ratios: { A: 100, B: 100, C: 100, D: 100 },
    });
    expect(task.targets.length).toBeGreaterThanOrEqual(3);
    const coordinator = { token: await tokens.coordinator() };
    const results = [['1'], ['D'], ['B']];
    const recordIds: string[] = [];
    for (const [i, codes] of results.entries()) {
      const id = await enteredRecord('market-supervision', task.id, task.targets[i], [{ itemCode: item.code, resultCodes: codes }], '2026-11-12');
      ok(await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH, reason: "核对无误") { status } }', { id }, coordinator), 'publish');
      recordIds.push(id);
    }
    const order = ok(await gql('mutation ($id: String!) { orderCorrection(recordId: $id, deadline: "2026-11-30", measures: "整改公示信息") { id } }', { id: recordIds[1] }, coordinator), 'orderCorrection');
    ok(await gql('mutation ($id: String!) { recordRecheck(followUpId: $id, corrected: true, note: "复查已整改") { id } }', { id: order.orderCorrection.id }, coordinator), 'recordRecheck');
    ok(await gql('mutation ($id: String!) { referInspectionFinding(recordId: $id, toDepartment: FIRE_RESCUE, finding: "疏散通道堵塞") { id } }', { id: recordIds[2] }, coordinator), 'referInspectionFinding');
    ok(await gql('mutation ($id: String!) { referToProsecution(recordId: $id, authority: "馆陶县人民检察院", finding: "涉嫌生产销售伪劣产品") { id } }', { id: recordIds[2] }, coordinator), 'referToProsecution');
    const after = await report('2026-Q4');

    const delta = (a: Row | undefined, b: Row | undefined) => {
      const [x, y] = [values(a), values(b)];
      return Object.fromEntries(Object.keys(y).map((k) => [k, y[k] - (x[k] ?? 0)]));
    };
    // 2026-11-12 (Thursday) inspected, published 2026-11-16 (Monday): 2 working days.
    const done = {
      tasks: 1, tasksDrawn: 1, tasksDrawnByCreditClass: 0, inspectionsDrawn: task.targets.length, jointPlans: 0,
      inspections: 3, inspectionsOnSite: 3, inspectionsOffSite: 0, inspectionsWithProblems: 2,
      correctionOrders: 1, rechecks: 1, referralsOut: 1, criminalReferrals: 1, creditFeedback: 2, publishedWithin20WorkingDays: 3, publishedLate: 0,
    };
    expect(delta(before.county, after.county)).toMatchObject({ ...done, referralsReceived: 1, referralsClosed: 0 });
    expect(delta(rowOf(before.byDepartment, 'market-supervision'), rowOf(after.byDepartment, 'market-supervision'))).toMatchObject({ ...done, referralsReceived: 0 });
    expect(delta(rowOf(before.byDepartment, 'fire-rescue'), rowOf(after.byDepartment, 'fire-rescue'))).toMatchObject({ tasks: 0, inspections: 0, referralsReceived: 1, referralsClosed: 0 });
    // Records, follow-ups and publication break down by the task's township and industries too
    // (its keys asked of market supervision); referrals received count on the department row only.
    expect(delta(rowOf(before.byTownship, Q4_TOWNSHIP), rowOf(after.byTownship, Q4_TOWNSHIP))).toMatchObject({ ...done, referralsReceived: 0 });
    expect(item.targetIndustries.length).toBeGreaterThan(0);
    for (const industry of item.targetIndustries) {
      expect(delta(rowOf(before.byIndustry, industry), rowOf(after.byIndustry, industry))).toMatchObject({ ...done, referralsReceived: 0 });
    }
    const code = (r: Report, c: string) => r.resultCodes.find((x) => x.code === c)?.inspections ?? 0;
    expect(['1', 'D', 'B', 'G'].map((c) => code(after, c) - code(before, c))).toEqual([1, 1, 1, 0]);
    // The comparisons are the other quarters' own figures.
    const q3 = await report('2026-Q3');
    expect(after.county.figures.find((f) => f.name === 'tasks')!.previousQuarter).toBe(values(q3.county).tasks);
    expect(after.dueDate).toBe('2026-12-21'); // 20 December 2026 is a Sunday
  }, 300_000);
});

describe('reportsDue, finalizing and the published summaries', () => {
  const DUE = '{ reportsDue(first: 100) { totalCount nodes { period dueDate late daysLate } } }';

  it('lists every quarter not finalized with its due date, late ones named (the clock: 2026-11-16)', async () => {
    const due = ok(await gql(DUE, {}, { token: await tokens.coordinator() }), 'reportsDue').reportsDue;
    // Due dates by hand from the 2025 and 2026 notices: 20 Sep 2025 and 20 Dec 2025 are Saturdays;
    // 20 Jun 2026 is in the Dragon Boat holiday (a Saturday); 20 Sep 2026 is a make-up working Sunday.
    expect(due.nodes).toEqual([
      { period: '2025-Q1', dueDate: '2025-03-20', late: true, daysLate: 606 },
      { period: '2025-Q2', dueDate: '2025-06-20', late: true, daysLate: 514 },
      { period: '2025-Q3', dueDate: '2025-09-22', late: true, daysLate: 420 },
      { period: '2025-Q4', dueDate: '2025-12-22', late: true, daysLate: 329 },
      { period: '2026-Q1', dueDate: '2026-03-20', late: true, daysLate: 241 },
      { period: '2026-Q2', dueDate: '2026-06-22', late: true, daysLate: 147 },
      { period: '2026-Q3', dueDate: '2026-09-20', late: true, daysLate: 57 },
      { period: '2026-Q4', dueDate: '2026-12-21', late: false, daysLate: 0 },
    ]);
    const page = ok(await gql('{ reportsDue(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { period } } }', {}, { token: await tokens.analyst() }), 'page').reportsDue;
    expect(page).toMatchObject({ totalCount: 8, pageInfo: { hasNextPage: true }, nodes: [{ period: '2025-Q1' }, { period: '2025-Q2' }, { period: '2025-Q3' }] });
    // Finalized, a quarter leaves the list.
    ok(await gql('mutation { finalizeQuarterlyReport(period: "2025-Q1") { finalizedVersion } }', {}, { token: await tokens.coordinator() }), 'finalize 2025-Q1');
    const again = ok(await gql(DUE, {}, { token: await tokens.coordinator() }), 'reportsDue').reportsDue;
    expect(again.nodes.map((n: { period: string }) => n.period)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  }, 120_000);

  it('stores versions by content hash, puts the hash on the trail, and publishes the summary', async () => {
    const coordinator = { token: await tokens.coordinator() };
    const FINALIZE = 'mutation { finalizeQuarterlyReport(period: "2043-Q1") { contentHash finalizedVersion county { figures { name value } } } }';
    const computed = await report('2043-Q1');
    const first = ok(await gql(FINALIZE, {}, coordinator), 'finalize').finalizeQuarterlyReport;
    expect(first).toMatchObject({ contentHash: computed.contentHash, finalizedVersion: 1 });
    expect((await report('2043-Q1')).finalizedVersion).toBe(1);
    // Same content: same version, nothing stored.
    expect(ok(await gql(FINALIZE, {}, coordinator), 'finalize again').finalizeQuarterlyReport).toMatchObject({ contentHash: computed.contentHash, finalizedVersion: 1 });
    // A new task of the quarter changes the content: version 2, version 1 stays.
    const fr = claimedItem('fire-rescue');
    ok(await gql('mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }', {
      input: { title: '2043年第一季度季度报告测试（未抽取）', itemCodes: [fr.code], period: '2043-Q1', regionCode: TOWNSHIP },
    }, { token: await tokens.admin('fire-rescue') }), 'createFireRescueTask');
    const second = ok(await gql(FINALIZE, {}, coordinator), 'finalize changed').finalizeQuarterlyReport;
    expect(second.finalizedVersion).toBe(2);
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(second.county.figures.find((f: { name: string }) => f.name === 'tasks').value).toBe(4);

    // Stored: the hash is SHA-256 of the canonical content, and each insert is on the trail (its after digest chains the row with its hash).
    const rows = await sql<{ version: number; content_hash: string; content: unknown; after: string }>('joint-inspection',
      `select version, content_hash, content, encode(sha256(convert_to('quarterly_report:' || row_to_json(q)::text, 'UTF8')), 'hex') as after
         from quarterly_report q where period = '2043-Q1' order by version`);
    expect(rows.map((r) => [r.version, r.content_hash])).toEqual([[1, first.contentHash], [2, second.contentHash]]);
    const trail = await sql<{ outcome: string; after_digest: string | null }>('joint-inspection',
      `select outcome, after_digest from trail where operation = 'Mutation.finalizeQuarterlyReport' and args_digest = $1 order by seq`,
      [argsDigest('2043-Q1')]);
    expect(trail).toEqual([
      { outcome: 'ok', after_digest: rows[0].after },
      { outcome: 'ok', after_digest: null },
      { outcome: 'ok', after_digest: rows[1].after },
    ]);
    const canonical = JSON.stringify(sortKeys(rows[0].content));
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(first.contentHash);
    await expect(sql('joint-inspection', `update quarterly_report set content_hash = 'x' where period = '2043-Q1'`)).rejects.toThrow(/append-only/);

    // The public sees the summaries, newest first.
    const pub = ok(await gql('{ publishedQuarterlyReports(period: "2043-Q1", first: 10) { totalCount nodes { period version contentHash dueDate figures { name value } indicators { name } } } }'), 'published');
    expect(pub.publishedQuarterlyReports.totalCount).toBe(2);
    expect(pub.publishedQuarterlyReports.nodes.map((n: { version: number; contentHash: string }) => [n.version, n.contentHash])).toEqual([[2, second.contentHash], [1, first.contentHash]]);
    expect(pub.publishedQuarterlyReports.nodes[1].figures.find((f: { name: string }) => f.name === 'tasks').value).toBe(3);
    expect(pub.publishedQuarterlyReports.nodes[0].dueDate).toBeNull();
  }, 300_000);
});

describe('refusals', () => {
  it('refuses a bad period with BAD_USER_INPUT on period, in Chinese and English', async () => {
    for (const [q, t] of [
      ['query { quarterlyReport(period: "2026-Q5") { period } }', await tokens.analyst()],
      ['mutation { finalizeQuarterlyReport(period: "Q4-2026") { period } }', await tokens.coordinator()],
      ['query { publishedQuarterlyReports(period: "2026") { totalCount } }', undefined],
    ] as const) {
      const res = await gql(q, {}, { token: t });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      // The gateway's edge check of every `period` argument answers first (shared/platform/edge-validation.ts).
      expect(res.errors?.[0].message).toMatch(/^期间“.+”格式应为“2026-Q\d”.* \/ the period ".+" must look like 2026-Q\d/);
    }
    const page = await gql('{ reportsDue(first: 500) { totalCount } }', {}, { token: await tokens.analyst() });
    expect(page.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('lets the office read, only a coordinator finalize, and keeps the contract field from clients', async () => {
    const READ = '{ quarterlyReport(period: "2043-Q1") { period } }';
    expect((await gql(READ)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(READ, {}, { token: await tokens.admin('fire-rescue') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(READ, {}, { token: await tokens.inspector('fire-rescue') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('{ reportsDue(first: 1) { totalCount } }', {}, { token: await tokens.admin('market-supervision') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const FINALIZE = 'mutation { finalizeQuarterlyReport(period: "2043-Q2") { period } }';
    expect((await gql(FINALIZE, {}, { token: await tokens.analyst() })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(FINALIZE, {}, { token: await token(['coordinator'], 'fire-rescue') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(FINALIZE)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Not offered through the gateway; at the subgraph, the service role only.
    const CONTRACT = '{ departmentQuarterFigures(period: "2043-Q1") { key tasks } }';
    expect((await gql(CONTRACT, {}, { token: await tokens.coordinator() })).errors?.[0].message).toMatch(/Cannot query field "departmentQuarterFigures"/);
    const asCoordinator = await subgraphRequest('fire-rescue', CONTRACT, {}, { subject: 'c', roles: ['coordinator'], department: 'double-random-office' });
    expect(asCoordinator.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const asService = await subgraphRequest('fire-rescue', CONTRACT, {}, { subject: 'service:test', roles: ['service'] });
    expect(asService.errors).toBeUndefined();
    expect(asService.data.departmentQuarterFigures[0]).toEqual({ key: 'fire-rescue', tasks: 2 });
  });
});

/** The trail's argsDigest of `{ period }` (shared/platform/trail.ts: SHA-256 of canonical JSON). */
const argsDigest = (period: string) => createHash('sha256').update(JSON.stringify({ period }), 'utf8').digest('hex');

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
