/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, launchChromium, signInWithToken, webBase as base } from '../support/browser.js';
import { gql, publishAnnualPlans, SUITE_TODAY, tokens } from '../support/federation.js';
import { inspectorToken, publishedTask, type TaskTarget } from '../support/tasks.js';

/**
 * The inspector's phone (390 × 844) in a real browser against the suite's federation: my visits,
 * the scan at the door, the record form; a record submitted while offline waits in the queue and
 * goes when the connection returns, and a record whose response was lost is sent again under the
 * same submission key: exactly one record is stored each time (asked of the API). Then the
 * business rates the visit on the code page, once; a second rating is refused. axe-core on every
 * page. Public security, 2026-Q4, 寿山寺乡 (130433200): see test/README.md.
 */
const REGION = '130433200';
const PHONE = { width: 390, height: 844 };
const TITLE = '2026年第四季度寿山寺乡公安检查（手机端测试）';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let task: { id: string; targets: TaskTarget[] };
let items: string[];

/** Signs the tab in as the inspector with this certificate number (the token the gateway verifies). */
async function signInAs(cert: string) {
  await signInWithToken(page, await inspectorToken('public-security', cert));
}

async function versions(target: TaskTarget) {
  const res = await gql('query ($t: String!, $u: String!) { inspectionRecordVersions(taskId: $t, uscc: $u, first: 100) { nodes { id version status enteredByCertificate } } }', { t: task.id, u: target.uscc }, { token: await tokens.coordinator() });
  expect(res.errors).toBeUndefined();
  return res.data.inspectionRecordVersions.nodes as { id: string; version: number; status: string; enteredByCertificate: string }[];
}

/**
 * Scans the code on the phone and fills the record form (no problem found on every item). `typed`:
 * what goes into the code field, the bare token by default, or the link a QR code holds.
 */
async function scanAndFill(target: TaskTarget, typed: string = target.code) {
  await page.goto(`${base()}/inspector/scan`);
  await page.getByRole('heading', { name: '扫码入企' }).waitFor();
  await page.getByLabel('检查码').fill(typed);
  await page.getByRole('button', { name: '记录扫码' }).click();
  await page.getByRole('heading', { name: '检查记录' }).waitFor();
  await page.getByLabel('检查日期').fill(SUITE_TODAY);
  for (const item of items) await page.locator(`input[name="result-${item}"][value="1"]`).check();
  await page.getByLabel('检查情况').fill('现场检查，各事项未发现问题（手机端测试）');
}

const summary = () => page.locator('#queue-summary');

beforeAll(async () => {
  await publishAnnualPlans(2026);
  const admin = await tokens.admin('public-security');
  const list = await gql('{ inspectionItems(filter: { department: PUBLIC_SECURITY }, first: 100) { nodes { code claimed } } }');
  expect(list.errors).toBeUndefined();
  items = list.data.inspectionItems.nodes.filter((i: { claimed: boolean }) => i.claimed).slice(0, 1).map((i: { code: string }) => i.code);
  task = await publishedTask('public-security', admin, { title: TITLE, itemCodes: items, period: '2026-Q4', regionCode: REGION });
  expect(task.targets.length).toBeGreaterThanOrEqual(2);
  expect(task.targets[0].team.length).toBeGreaterThanOrEqual(2);
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the inspector on a phone', () => {
  it('my visits lists the drawn business of the task, not yet entered', async () => {
    const target = task.targets[0];
    await signInAs(target.team[1]);
    await page.goto(`${base()}/inspector`);
    await page.getByRole('heading', { name: '我的检查' }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: target.uscc }) });
    await card.waitFor();
    expect(await card.textContent()).toContain(`${TITLE}（${task.id}）`);
    expect(await card.textContent()).toContain('未录入');
    expect(await card.textContent()).toContain('未扫码');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await audit(page, 'inspector-visits');
  });

  it('offline: the record waits in the queue and is sent when the connection returns; one record is stored', async () => {
    const target = task.targets[0];
    await scanAndFill(target);
    await audit(page, 'inspector-record-form');
    const key = await page.locator('#submission-key').textContent();
    expect(key).toMatch(/^web-[0-9a-f]{32}$/);

    await context.setOffline(true);
    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page.getByText('当前没有网络连接：记录已保存在本机待发送队列，联网后自动发送。').waitFor();
    expect(await summary().textContent()).toBe('待发送 1 条 · 已发送 0 条');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('yiye.inspector.queue')!).map((q: { key: string; state: string }) => [q.key, q.state]))).toEqual([[key, 'waiting']]);
    await audit(page, 'inspector-queued-offline');
    expect(await versions(target)).toEqual([]);

    await context.setOffline(false);
    await page.getByText('待发送 0 条 · 已发送 1 条').waitFor();
    const stored = await versions(target);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, status: 'AWAITING_REVIEW', enteredByCertificate: target.team[1] });
    expect(await page.locator(`li[data-key="${key}"]`).textContent()).toContain(`记录号 ${stored[0].id}`);
    expect(await page.locator('#record-notice').textContent()).toBe(`检查记录已提交（${stored[0].id}），等待审核。`);
    expect(await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith('yiye.inspector.draft.') && localStorage.getItem(x)!.includes(k!)), key)).toEqual([]);
    await audit(page, 'inspector-queue-sent');

    // The same submission again (the key is the record's): the API answers with the stored record.
    await page.goto(`${base()}/inspector`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: target.uscc }) });
    await card.getByText('待审核').waitFor();
    expect(await versions(target)).toHaveLength(1);
  });

  it('a lost response: the record is sent again under the same key; one record is stored', async () => {
    const target = task.targets[1];
    await signInAs(target.team[1]);
    // Pasted as what the printed QR code holds: the link to the code's public page.
    await scanAndFill(target, `http://localhost:4000/code/${target.code}`);
    const key = await page.locator('#submission-key').textContent();
    const sentKeys: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('submitInspectionRecord')) return route.continue();
      sentKeys.push(JSON.parse(body).variables.record.submissionKey);
      if (sentKeys.length === 1) {
        // The request reaches the API and is stored; its answer never reaches the phone.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByRole('button', { name: '提交检查记录' }).click();
    await page.getByText(/^网络中断，记录已保存在本机待发送队列/).waitFor();
    expect(await versions(target)).toHaveLength(1);
    await page.getByText('待发送 0 条 · 已发送 2 条').waitFor({ timeout: 30_000 });
    await page.unroute('**/graphql');
    expect(sentKeys).toEqual([key, key]);
    const stored = await versions(target);
    expect(stored).toHaveLength(1);
    expect(await page.locator(`li[data-key="${key}"]`).textContent()).toContain(`记录号 ${stored[0].id}`);
    expect(await page.locator('#record-notice').textContent()).toBe(`检查记录已提交（${stored[0].id}），等待审核。`);
  });
});

describe('the business rates the visit', () => {
  it('rates once without signing in; a second rating of the same code is refused with the reason', async () => {
    const target = task.targets[0];
    const visitor = await browser.newPage({ locale: 'zh-CN', viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await visitor.goto(`${base()}/code/${encodeURIComponent(target.code)}`);
      await visitor.getByRole('heading', { name: '检查码有效' }).waitFor();
      await visitor.getByRole('heading', { name: '评价本次检查' }).waitFor();
      await audit(visitor, 'code-rating');
      await visitor.getByLabel('5 分 非常满意').check();
      await visitor.getByLabel('意见（选填，最多 200 字）').fill('检查人员出示了执法证，过程规范');
      await visitor.getByRole('button', { name: '提交评价' }).click();
      await visitor.getByText('感谢您的评价：5 分（非常满意）。').waitFor();
      await audit(visitor, 'code-rated');

      await visitor.reload();
      await visitor.getByLabel('2 分 不满意').check();
      await visitor.getByRole('button', { name: '提交评价' }).click();
      const refused = visitor.locator('#rating-code-error');
      await refused.waitFor();
      expect(await refused.textContent()).toBe('该检查码已评价过，每个检查码只能评价一次 / this visit has already been rated: one rating per inspection code');
      await audit(visitor, 'code-rating-refused');
    } finally {
      await visitor.close();
    }
    const counts = await gql('query ($ids: [String!]) { inspectionVisitRatings(taskIds: $ids) { taskId count scoreCounts latestComments { uscc score comment } } }', { ids: [task.id] }, { token: await tokens.coordinator() });
    expect(counts.errors).toBeUndefined();
    expect(counts.data.inspectionVisitRatings).toEqual([
      { taskId: task.id, count: 1, scoreCounts: [0, 0, 0, 0, 1], latestComments: [{ uscc: target.uscc, score: 5, comment: '检查人员出示了执法证，过程规范' }] },
    ]);
  });
});
