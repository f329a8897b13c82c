/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit as auditPage, launchChromium, signInWithToken, webBase as base } from '../support/browser.js';
import { gql, tokens } from '../support/federation.js';

/**
 * The analyst's 季度报告 and 年度分析 tabs in a real browser against the suite's federation: the
 * figures on screen are the API's; the reports due list marks late quarters; a coordinator
 * finalizes a quarter outside reportsDue's years (2046-Q1) and sees the version listed; 导出 Excel
 * downloads the report through the gateway's route with the tab's token, and a refusal is shown.
 * axe-core on every page; screenshots in test-output/screenshots/.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const cellText = (selector: string) => page.locator(selector).first().innerText();

describe('the analyst reads the quarterly report and the analytics', () => {
  it('shows the quarter figures the API computes, and the late reports marked', async () => {
    const api = await gql('{ quarterlyReport(period: "2026-Q3") { county { figures { name value previousQuarter } } } reportsDue(first: 100) { nodes { period late daysLate } } }', {}, { token: await tokens.analyst() });
    expect(api.errors).toBeUndefined();
    const tasks = api.data.quarterlyReport.county.figures.find((f: { name: string }) => f.name === 'tasks');
    await signInWithToken(page, await tokens.analyst());
    await page.goto(`${base()}/console/analyst?tab=report`);
    await page.getByRole('heading', { name: '季度报告', level: 2 }).waitFor();
    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2026-Q3');
    await page.getByRole('button', { name: '查看报告' }).click();
    await page.locator('#report-county').waitFor();
    expect(await cellText('#report-county tr[data-figure="tasks"] td.value')).toBe(String(tasks.value));
    expect(await cellText('#report-county tr[data-figure="tasks"] td:nth-child(3)')).toBe(String(tasks.previousQuarter));
    // The analyst has no 定稿 button.
    expect(await page.getByRole('button', { name: '定稿' }).count()).toBe(0);
    const late = api.data.reportsDue.nodes.filter((n: { late: boolean }) => n.late);
    expect(late.length).toBeGreaterThan(0);
    await page.locator('#reports-due').waitFor();
    expect(await page.locator('#reports-due tr.late').count()).toBe(late.length);
    expect(await cellText('#reports-due tr.late td:nth-child(3)')).toBe(`已逾期 ${late[0].daysLate} 天`);
    await auditPage(page, 'analyst-quarterly-report');

    // A bad quarter: the API's message under the field.
    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2026-Q5');
    await page.getByRole('button', { name: '查看报告' }).click();
    await page.locator('#report-period-error').waitFor();
    expect(await page.locator('#report-period-error').innerText()).toMatch(/the period "2026-Q5" must look like 2026-Q/);
  }, 180_000);

  it('exports the quarter as Excel with the signed-in token, the cells the API computes; a refused export says why', async () => {
    const QUERY = '{ quarterlyReport(period: "2026-Q3") { contentHash indicators { name } county { figures { name value previousQuarter } } } }';
    const api = await gql(QUERY, {}, { token: await tokens.analyst() });
    expect(api.errors).toBeUndefined();
    const r = api.data.quarterlyReport as { contentHash: string; indicators: unknown[]; county: { figures: { name: string; value: number; previousQuarter: number }[] } };
    await signInWithToken(page, await tokens.analyst());
    await page.goto(`${base()}/console/analyst?tab=report`);
    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2026-Q3');
    await page.getByRole('button', { name: '查看报告' }).click();
    await page.locator('#report-county').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('quarterly-report-2026-Q3.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const summary = wb.getWorksheet('汇总 summary')!;
    expect(summary.getCell('A1').value).toBe('季度报告 quarterly report 2026-Q3');
    expect(summary.getCell('B3').value).toBe(r.contentHash);
    const countyStart = 6 + r.indicators.length;
    r.county.figures.forEach((f, i) => {
      expect([summary.getRow(countyStart + i).getCell(3).value, summary.getRow(countyStart + i).getCell(4).value], f.name).toEqual([f.value, f.previousQuarter]);
    });
    expect(await page.locator('#report-export-error').count()).toBe(0);
    await auditPage(page, 'analyst-quarterly-report-export');

    // The tab's token changes to a department's admin, who may not read reports: the gateway's refusal is on screen.
    const admin = await tokens.admin('fire-rescue');
    const refused = await gql(QUERY, {}, { token: admin });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await page.evaluate((t) => sessionStorage.setItem('yiye.token', t), admin);
    await page.getByRole('button', { name: '导出 Markdown', exact: true }).click();
    await page.locator('#report-export-error').waitFor();
    expect(await page.locator('#report-export-error').innerText()).toBe(`导出失败：${refused.errors![0].message}`);
  }, 180_000);

  it('shows the year analytics the API computes', async () => {
    const api = await gql('{ countyAnalytics(year: 2026) { businesses visitsBefore { total } visitsAfter { total } } }', {}, { token: await tokens.analyst() });
    expect(api.errors).toBeUndefined();
    await signInWithToken(page, await tokens.analyst());
    await page.goto(`${base()}/console/analyst?tab=analytics`);
    await page.getByRole('textbox', { name: '年份', exact: true }).fill('2026');
    await page.getByRole('button', { name: '查看分析' }).click();
    await page.locator('#analytics-burden').waitFor({ timeout: 120_000 });
    expect(await page.getByRole('heading', { name: /企业受检负担/ }).innerText()).toBe(`企业受检负担（2026年，${api.data.countyAnalytics.businesses} 户企业）`);
    expect(await cellText('#analytics-burden tbody tr:nth-child(1) td:nth-child(2)')).toBe(String(api.data.countyAnalytics.visitsBefore.total));
    expect(await cellText('#analytics-burden tbody tr:nth-child(2) td:nth-child(2)')).toBe(String(api.data.countyAnalytics.visitsAfter.total));
    expect(await page.locator('#analytics-trend thead th').allInnerTexts()).toEqual(['指标', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    await auditPage(page, 'analyst-county-analytics');
  }, 240_000);

  it("lets the office's coordinator finalize, and lists the version", async () => {
    await signInWithToken(page, await tokens.coordinator());
    await page.goto(`${base()}/console/analyst?tab=report`);
    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2046-Q1');
    await page.getByRole('button', { name: '查看报告' }).click();
    await page.getByRole('button', { name: '定稿' }).click();
    await page.getByRole('status').filter({ hasText: '已定稿为第 1 版' }).waitFor();
    const stored = await gql('{ publishedQuarterlyReports(period: "2046-Q1", first: 5) { nodes { version contentHash } } }');
    expect(stored.data.publishedQuarterlyReports.nodes).toHaveLength(1);
    await page.locator('#published-reports').getByText(stored.data.publishedQuarterlyReports.nodes[0].contentHash).waitFor();
    // The report is read again: the same content as version 1, nothing left to finalize.
    await page.locator('#report-summary').getByText('与已定稿第 1 版内容相同').waitFor();
    expect(await page.getByRole('button', { name: '定稿' }).isDisabled()).toBe(true);
    await auditPage(page, 'coordinator-quarterly-report-finalized');
  }, 180_000);
});
