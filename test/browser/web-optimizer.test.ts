/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit as auditPage, launchChromium, webBase as base } from '../support/browser.js';
import { gql, publishAnnualPlans, tokens } from '../support/federation.js';

/**
 * The plan optimizer's page of the coordinator's console in a real browser (docs/optimizer.md):
 * ask for a proposal for the hotels of township 130433101 in 2025-Q4, read the figures against
 * the two baselines and the explanation, accept it, and the four open joint plans exist.
 * axe-core: no serious or critical violation. See test/README.md (2025-Q4).
 */
const PERIOD = '2025-Q4';
let browser: Browser;
let page: Page;

async function see(locator: ReturnType<Page['locator']>) {
  await locator.waitFor({ timeout: 60_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe page says:\n${await page.locator('main').innerText()}`);
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
  await publishAnnualPlans(2025);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('a coordinator asks the plan optimizer and accepts its proposal', () => {
  it('shows 19 visits against 63 alone, explains, and creates four open joint plans', async () => {
    await page.goto(`${base()}/sign-in`);
    await page.getByRole('button', { name: /^双随机办公室协调员（/ }).click();
    await page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
    await page.goto(`${base()}/console/coordinator`);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '计划优化' }).click();
    await page.getByLabel('季度（如 2026-Q4）').fill(PERIOD);
    await page.getByLabel('乡镇（行政区划代码，可不填）').fill('130433101');
    await page.getByLabel('行业代码（可不填，以逗号分隔）').fill('6110, 6121, 6129, 6130');
    await page.getByRole('button', { name: '生成方案' }).click();
    await see(page.getByRole('heading', { name: `方案 OPT-2025Q4-0001` }));
    const figures = page.getByRole('table', { name: '检查次数与考核指标' });
    expect(await figures.getByRole('row').allInnerTexts()).toEqual([
      '方案\t检查次数\t人日\t联合占比（次数）\t联合占比（企业）\t按分类抽查',
      '优化方案\t19\t31.5\t100.0 %\t100.0 %\t100.0 %',
      '各部门单独抽查\t63\t63\t0.0 %\t0.0 %\t100.0 %',
      '凡有共同行业即联合\t19\t31.5\t100.0 %\t100.0 %\t100.0 %',
    ]);
    const plans = page.getByRole('table', { name: '建议的联合抽查计划' });
    expect((await plans.getByRole('row').allInnerTexts()).slice(1)).toEqual([
      '6110 旅游饭店\t市场监督管理局\t公安局、消防救援大队、卫生健康局\t1/1/1/0\t3\t12',
      '6121 经济型连锁酒店\t市场监督管理局\t公安局、消防救援大队、卫生健康局\t1/1/0/1\t3\t12',
      '6129 其他一般旅馆\t公安局\t消防救援大队、卫生健康局\t1/2/1/1\t5\t15',
      '6130 民宿服务\t公安局\t消防救援大队、卫生健康局\t1/2/2/3\t8\t24',
    ]);
    await expect(page.getByText('没有约束起作用：这已是不受目标和能力限制时的最少检查次数。').isVisible()).resolves.toBe(true);
    await auditPage(page, 'coordinator-optimizer');
    await page.getByRole('button', { name: '采纳方案，创建联合抽查计划' }).click();
    await see(page.getByRole('status').filter({ hasText: '已采纳' }));
    expect(await page.getByRole('status').filter({ hasText: '已采纳' }).innerText()).toBe(
      '已采纳，创建了 4 个联合抽查计划：JP-2025Q4-0001 JP-2025Q4-0002 JP-2025Q4-0003 JP-2025Q4-0004',
    );
    const listed = await gql(`{ jointPlans(period: "${PERIOD}") { totalCount nodes { status } } }`, {}, { token: await tokens.coordinator() });
    expect(listed.data.jointPlans).toEqual({ totalCount: 4, nodes: Array(4).fill({ status: 'OPEN' }) });
  }, 180_000);
});
