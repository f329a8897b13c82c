/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launchChromium, signInWithToken, webBase as base } from '../support/browser.js';
import { gql, publishAnnualPlans, sql, tokens } from '../support/federation.js';
import { publishedTask } from '../support/tasks.js';
import { department as health } from '../../subgraphs/health/department.js';

/**
 * Health, the department added by the recipe, in a real browser: nothing of the web app was
 * written for it, yet its admin finds its workspace with its own columns, and anyone checks its
 * published draw on the public page. Health's 2048 annual plan and a 2048-Q1 task in 130433103
 * (see test/README.md). Screenshots in test-output/screenshots/.
 */
/** Health's public-place types as its manifest names them on screen. */
const VENUE_TYPE_ZH: Record<string, string> = Object.fromEntries(
  (health.targetColumns.find((c) => c.key === 'venueType') as { choices: { value: string; zh: string }[] }).choices.map((c) => [c.value, c.zh]),
);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('health in the web app', () => {
  it('its admin opens the workspace: its public places under its own column titles, as its database has them', async () => {
    const count = async () => (await sql('health', 'SELECT count(*)::int AS n FROM supervised_target WHERE valid_to IS NULL'))[0].n as number;
    // health-department.test.ts may add a target meanwhile: the page shows the count of some moment in between.
    const before = await count();
    await signInWithToken(page, await tokens.admin('health'));
    await page.goto(`${base()}/console/department`);
    await page.getByRole('heading', { name: '部门工作台 · 卫生健康局' }).waitFor();
    await page.getByRole('button', { name: '检查对象' }).click();
    const table = page.locator('#targets-table');
    await table.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers).toEqual(['统一社会信用代码', '纳入日期', '场所类别', '卫生许可证号', '二次供水设施', '标签', '操作']);
    const shown = Number(/^共 (\d+) 个检查对象$/.exec(await table.locator('caption').innerText())?.[1]);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(await count());

    // The first row shows what health's database holds for that business.
    const first = table.locator('tbody tr').first();
    const uscc = /^[0-9A-HJ-NPQRTUWXY]{18}/.exec(await first.innerText())?.[0];
    const [stored] = await sql('health', 'SELECT venue_type, hygiene_licence_number, drinking_water_supply FROM supervised_target WHERE uscc = $1 AND valid_to IS NULL', [uscc]);
    expect(stored).toBeDefined();
    const [, , venueType, licence, water] = (await first.innerText()).split('\t');
    expect([venueType, licence, water]).toEqual([VENUE_TYPE_ZH[stored.venue_type], stored.hygiene_licence_number ?? '—', stored.drinking_water_supply ? '是' : '否']);
    await audit(page, 'health-workspace-targets');
  });

  it('anyone checks a published health draw on the public draw page, without signing in', async () => {
    await publishAnnualPlans(2048);
    const task = await publishedTask('health', await tokens.admin('health'), {
      title: '2048年第一季度美容美发、沐浴场所卫生抽查（魏僧寨镇）',
      itemCodes: ['HE-PP-002'],
      period: '2048-Q1',
      regionCode: '130433103',
    });
    expect(task.id).toMatch(/^HE-2048Q1-\d{4}$/);
    const exported = await gql('query ($id: String!) { jointDrawExport(taskId: $id) }', { id: task.id });
    expect(JSON.parse(exported.data.jointDrawExport).result.drawn.sort()).toEqual(task.targets.map((t) => t.uscc).sort());

    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${base()}/draws/${encodeURIComponent(task.id)}`);
    await page.getByRole('heading', { name: `抽签公示：${task.id}` }).waitFor();
    await page.getByText(`${task.targets.length} 家`).waitFor();
    await page.getByRole('button', { name: '校验抽签' }).click();
    await page.getByText('校验通过：抽签结果与承诺一致，可复现').waitFor();
    await audit(page, 'health-public-draw');
  });
});
