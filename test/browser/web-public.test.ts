/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit as auditPage, launchChromium, webBase as base } from '../support/browser.js';
import { gql, publishAnnualPlans, tokens } from '../support/federation.js';
import { enteredRecord, publishedTask, type TaskTarget } from '../support/tasks.js';

/**
 * The public portal in a real browser (Debian's chromium through playwright-core) against the
 * suite's federation and the real build of the web app that the gateway serves: the public checks
 * a draw (and a tampered export fails), a business opens a valid, an expired and a revoked
 * inspection code. axe-core on every page visited: no serious or critical violation.
 * Screenshots in test-output/screenshots/. Market supervision, 2026-Q3 and 2026-Q4, 路桥乡
 * (130433203): see test/README.md.
 */
const REGION = '130433203';

let browser: Browser;
let page: Page;
let q4: { id: string; targets: TaskTarget[]; itemCode: string };
/** Results published for the first 11 businesses of q4 (one more than a page). */
const PUBLISHED = 11;
let q3: { id: string; targets: TaskTarget[] };
let revoked: { code: string; reason: string };

const audit = (name: string) => auditPage(page, name);

async function msTask(period: string, title: string) {
  const admin = await tokens.admin('market-supervision');
  const items = await gql('{ inspectionItems(filter: { department: MARKET_SUPERVISION }, first: 100) { nodes { code claimed } } }');
  expect(items.errors).toBeUndefined();
  const itemCodes = items.data.inspectionItems.nodes.filter((i: { claimed: boolean }) => i.claimed).slice(0, 1).map((i: { code: string }) => i.code);
  return { ...(await publishedTask('market-supervision', admin, { title, itemCodes, period, regionCode: REGION })), itemCode: itemCodes[0] as string };
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
  await publishAnnualPlans(2026);
  q4 = await msTask('2026-Q4', '2026年第四季度路桥乡市场监管抽查（浏览器测试）');
  q3 = await msTask('2026-Q3', '2026年第三季度路桥乡市场监管抽查（浏览器测试）');
  expect(q4.targets.length).toBeGreaterThanOrEqual(2);
  const admin = await tokens.admin('market-supervision');
  const issued = await gql('mutation ($id: String!) { issueMarketSupervisionInspectionCodes(taskId: $id) { codeId token } }', { id: q4.id }, { token: admin });
  expect(issued.errors).toBeUndefined();
  const last = issued.data.issueMarketSupervisionInspectionCodes.at(-1) as { codeId: string; token: string };
  const reason = '检查组成员变更，原检查码作废 / the team changed';
  const r = await gql('mutation ($c: String!, $r: String!) { revokeMarketSupervisionInspectionCodes(codes: [$c], reason: $r) { revokedAt } }', { c: last.codeId, r: reason }, { token: admin });
  expect(r.errors).toBeUndefined();
  revoked = { code: last.token, reason };
  const coordinator = await tokens.coordinator();
  for (const target of q4.targets.slice(0, PUBLISHED)) {
    const recordId = await enteredRecord('market-supervision', q4.id, target, [{ itemCode: q4.itemCode, resultCodes: ['1'] }], '2026-11-10');
    const reviewed = await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH, reason: "核对无误") { status } }', { id: recordId }, { token: coordinator });
    expect(reviewed.errors).toBeUndefined();
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('the public checks a draw in the browser', () => {
  it('finds the task among the published plans and opens its draw with the keyboard', async () => {
    await page.goto(`${base()}/plans`);
    await page.getByRole('heading', { name: '部门抽查任务' }).waitFor();
    const link = page.getByRole('link', { name: `查看并校验抽签（${q4.id}）` });
    await link.waitFor({ timeout: 10_000 }).catch(async (e: Error) => {
      throw new Error(`${e.message}\nthe page says:\n${await page.locator('main').innerText()}`);
    });
    await audit('plans');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `抽签公示：${q4.id}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/draws/${q4.id}`);
  });

  it('"校验抽签" recomputes the published draw: it verifies', async () => {
    await page.goto(`${base()}/draws/${encodeURIComponent(q4.id)}`);
    const box = page.getByLabel('抽签导出（JSON）');
    await page.getByRole('heading', { name: '抽签承诺' }).waitFor();
    const exported = JSON.parse(await box.inputValue());
    expect(exported.commitment.taskId).toBe(q4.id);
    await page.getByRole('button', { name: '校验抽签' }).click();
    const verdict = page.locator('#check-result');
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe('校验通过：抽签结果与承诺一致，可复现');
    expect(await page.locator('.checks li.ok').count()).toBe(9);
    await audit('draw-verified');
  });

  it('a tampered export pasted into the checker fails with a clear message', async () => {
    await page.goto(`${base()}/draws/${encodeURIComponent(q4.id)}`);
    const box = page.getByLabel('抽签导出（JSON）');
    await page.getByRole('heading', { name: '抽签承诺' }).waitFor();
    const exported = JSON.parse(await box.inputValue());

    // The seed changed.
    await box.fill(JSON.stringify({ ...exported, seed: `${exported.seed}x` }));
    await page.getByRole('button', { name: '校验抽签' }).click();
    await page.locator('#check-result').waitFor();
    expect(await page.locator('#check-result').textContent()).toBe('校验未通过：抽签结果与承诺不一致');
    expect(await page.locator('.checks li.danger').allTextContents()).toEqual([
      expect.stringContaining('种子与承诺的种子哈希一致 / seed matches the committed seed hash'),
      expect.stringContaining('公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw'),
    ]);

    // One drawn business swapped for one of the pool that was not drawn.
    const drawn: string[] = exported.result.drawn;
    const notDrawn = (exported.pool as { uscc: string }[]).map((e) => e.uscc).find((u) => !drawn.includes(u));
    expect(notDrawn, 'the pool has a business that was not drawn').toBeDefined();
    const swapped = structuredClone(exported);
    swapped.result.drawn[0] = notDrawn;
    await box.fill(JSON.stringify(swapped));
    await page.getByRole('button', { name: '校验抽签' }).click();
    await page.getByText(`published but not drawn (1): ${notDrawn}`).waitFor();
    expect(await page.locator('#check-result').textContent()).toBe('校验未通过：抽签结果与承诺不一致');
    expect(await page.locator('.checks li.danger').count()).toBe(1);
    expect(await page.locator('.checks li.danger').textContent()).toContain(`missing from the published result (1): ${drawn[0]}`);
    await audit('draw-tampered');

    // Not a draw export at all.
    await box.fill('{"seed": 1}');
    await page.getByRole('button', { name: '校验抽签' }).click();
    expect(await page.getByRole('alert').filter({ hasText: '抽签导出缺少' }).textContent()).toBe(
      '抽签导出缺少 commitment、seed、pool 或 result.drawn / expected { commitment, seed, pool: [...], result: { drawn: [...] } }',
    );
  });
});

describe('the draw checker elsewhere', () => {
  it('without crypto.subtle (a plain-http page) it hashes with @noble/hashes, loaded on demand, and still verifies', async () => {
    const plain = await browser.newPage({ locale: 'zh-CN' });
    try {
      await plain.addInitScript(() => Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined }));
      await plain.goto(`${base()}/draws/${encodeURIComponent(q4.id)}`);
      await plain.getByRole('heading', { name: '抽签承诺' }).waitFor();
      expect(await plain.evaluate(() => typeof globalThis.crypto.subtle)).toBe('undefined');
      await plain.getByRole('button', { name: '校验抽签' }).click();
      await plain.locator('#check-result').waitFor();
      expect(await plain.locator('#check-result').textContent()).toBe('校验通过：抽签结果与承诺一致，可复现');
      expect(await plain.locator('section[aria-labelledby="check-result"] p.muted').textContent()).toContain('（哈希：@noble/hashes）');
    } finally {
      await plain.close();
    }
  });

  it('a task that does not exist: the page says no draw is published under that number', async () => {
    const missing = await gql('query ($id: String!) { jointDrawExport(taskId: $id) }', { id: 'MS-2099Q1-9999' });
    expect(missing).toMatchObject({ status: 200, data: { jointDrawExport: null } });
    expect(missing.errors).toBeUndefined();
    await page.goto(`${base()}/draws/MS-2099Q1-9999`);
    await page.getByRole('alert').filter({ hasText: '未找到任务 MS-2099Q1-9999 的抽签公示' }).waitFor();
    await audit('draw-missing');
  });
});

describe('a business scans an inspection code', () => {
  it('a revoked code: the page says it is revoked and why', async () => {
    await page.goto(`${base()}/code/${encodeURIComponent(revoked.code)}`);
    await page.getByRole('heading', { name: '检查码已撤销' }).waitFor();
    expect(await page.locator('.verdict').textContent()).toContain(`撤销原因：${revoked.reason}`);
    await audit('code-revoked');
  });

  it('a valid code: who is at the door, with certificate numbers, the task and its legal basis', async () => {
    const target = q4.targets[0];
    await page.goto(`${base()}/code/${encodeURIComponent(target.code)}`);
    await page.getByRole('heading', { name: '检查码有效' }).waitFor();
    const rows = await page.locator('#team ~ table tbody tr').allTextContents();
    expect(rows).toHaveLength(target.team.length);
    target.team.forEach((cert, i) => expect(rows[i]).toContain(cert));
    expect(rows[0]).toContain('组长');
    expect(await page.locator('section[aria-labelledby="task"]').textContent()).toContain(q4.id);
    expect(await page.locator('.items li').count()).toBe(1);
    expect(await page.locator('.items li').textContent()).toMatch(/：.+/);
    await audit('code-valid');
  });

  it('an expired code (last quarter\'s task) says so', async () => {
    await page.goto(`${base()}/code/${encodeURIComponent(q3.targets[0].code)}`);
    await page.getByRole('heading', { name: '检查码已过期' }).waitFor();
    expect(await page.locator('section[aria-labelledby="task"]').textContent()).toContain('2026-07-01 至 2026-09-30');
    await audit('code-expired');
  });

  it('a code that is not one: the API\'s message is shown', async () => {
    const bad = await gql('query ($c: String!) { inspectionCodeScan(code: $c) { status message } }', { c: 'not-a-code' });
    const shown = bad.errors ? bad.errors[0].message : (bad.data.inspectionCodeScan.message as string);
    await page.goto(`${base()}/code/not-a-code`);
    await page.getByText(shown).waitFor();
    await audit('code-malformed');
  });
});

describe('published results and the other public pages', () => {
  it('the results page: first render timed, ten a page, by USCC, by name, and the empty state', async () => {
    await page.goto(`${base()}/results`);
    await page.getByRole('heading', { name: '检查结果公示' }).waitFor();
    const mark = await page.waitForFunction(() => performance.getEntriesByName('yiye:results-rendered')[0]?.startTime);
    const firstRender = (await mark.jsonValue()) as number;
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    console.log(`[web] public results page: first contentful paint ${fcp?.toFixed(0)} ms, results rendered ${firstRender.toFixed(0)} ms after navigation start`);
    await audit('results');
    // Ten a page: this file published eleven.
    expect(await page.locator('ol.results > li').count()).toBe(10);
    const first = await page.locator('ol.results > li h3').allTextContents();
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 2 页').waitFor();
    await page.waitForFunction((before) => document.querySelector('ol.results > li h3')?.textContent !== before, first[0]);
    const second = await page.locator('ol.results > li h3').allTextContents();
    expect(second.length).toBeGreaterThanOrEqual(1);
    expect(second.filter((h) => first.includes(h))).toEqual([]);

    // By USCC: the published result of one business of q4.
    const target = q4.targets[0];
    await page.getByLabel('统一社会信用代码').fill(target.uscc);
    await page.getByRole('button', { name: '检索' }).click();
    await page.getByRole('heading', { name: '共 1 条结果' }).waitFor();
    expect(await page.locator('ol.results > li h3').textContent()).toBe(`${target.uscc} · 2026年第四季度路桥乡市场监管抽查（浏览器测试）`);
    expect(await page.locator('ol.results > li').textContent()).toContain('2026-11-10');
    await audit('results-found');

    // By name, in the same box: what the register calls this business, less the county's prefix.
    const registered = await gql('query ($u: String!) { enterprise(uscc: $u) { name } }', { u: target.uscc });
    const name = registered.data.enterprise.name as string;
    expect(await page.locator('ol.results > li .business-name').textContent()).toBe(name);
    const needle = name.replace(/^馆陶县/, '');
    const expected = await gql('query ($n: String!) { publishedInspectionResults(name: $n, first: 10) { totalCount nodes { uscc taskTitle } } }', { n: needle });
    expect(expected.errors).toBeUndefined();
    const want = expected.data.publishedInspectionResults as { totalCount: number; nodes: { uscc: string; taskTitle: string }[] };
    expect(want.nodes.map((n) => n.uscc)).toContain(target.uscc);
    await page.getByLabel('统一社会信用代码或企业名称').fill(needle);
    await page.getByRole('button', { name: '检索' }).click();
    await page.getByRole('heading', { name: `共 ${want.totalCount} 条结果` }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('ol.results > li').length === n, want.nodes.length);
    expect(await page.locator('ol.results > li h3').allTextContents()).toEqual(want.nodes.map((n) => `${n.uscc} · ${n.taskTitle}`));
    for (const shown of await page.locator('ol.results > li .business-name').allTextContents()) expect(shown).toContain(needle);
    expect(new URL(page.url()).search).toBe(`?q=${encodeURIComponent(needle)}`);
    await audit('results-by-name');

    // One character is too short: the API's message next to the box.
    await page.getByLabel('统一社会信用代码或企业名称').fill(needle.slice(0, 1));
    await page.getByRole('button', { name: '检索' }).click();
    const tooShort = page.locator('#q-error');
    await tooShort.waitFor();
    expect(await tooShort.textContent()).toMatch(/至少输入2个字/);
    expect(await page.getByLabel('统一社会信用代码或企业名称').getAttribute('aria-invalid')).toBe('true');
    await audit('results-name-too-short');

    // A business without a published result: the empty state.
    const without = q4.targets[PUBLISHED].uscc;
    await page.getByLabel('统一社会信用代码').fill(without);
    await page.getByRole('button', { name: '检索' }).click();
    await page.getByText(`没有统一社会信用代码为 ${without} 的已公示检查结果。`).waitFor();
    await audit('results-empty');
  });

  it('the home page, keyboard first: the skip link, then the navigation', async () => {
    await page.goto(`${base()}/`);
    await page.getByRole('heading', { name: '双随机、一公开 公示平台' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await audit('home');
  });

  it('development sign-in lists the demo users and signs in as one', async () => {
    await page.goto(`${base()}/sign-in`);
    await page.getByRole('heading', { name: '开发环境登录' }).waitFor();
    await page.getByRole('button', { name: /^双随机办公室协调员/ }).waitFor();
    await audit('sign-in');
    await page.getByRole('button', { name: /^双随机办公室协调员/ }).click();
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('双随机办公室协调员');
    expect(await page.evaluate(() => sessionStorage.getItem('yiye.token'))).toMatch(/^eyJ/);
    await audit('console');
  });
});
