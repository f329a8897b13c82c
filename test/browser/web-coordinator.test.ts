/// <reference lib="dom" />
import path from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit as auditPage, launchChromium, SHOTS, webBase as base } from '../support/browser.js';
import { issueUserToken } from '../../shared/platform/auth.js';
import * as clock from '../../shared/platform/clock.js';
import { DEPARTMENTS } from '../../shared/domain/departments.js';
import { gql, publishAnnualPlans, tokens } from '../support/federation.js';

/**
 * The coordinator's console in a real browser (Debian's chromium through playwright-core) against
 * the suite's federation: a joint plan from nothing to the printed QR sheet, through the UI only
 * (create, each department admin signs in and joins, commit, draw, publish, issue codes, print),
 * then the quarter's merge with its three ratios. axe-core on every page: no serious or critical
 * violation. Screenshots in test-output/screenshots/coordinator-*.png. Fuel retail (5265) in
 * 馆陶镇 (130433100), 2026-Q4 (codes are valid only inside the window, so the clock's quarter):
 * see test/README.md.
 */
// jsqr is CommonJS whose types declare an ES default export: the decoder is `.default` (at run time too).
const jsQR = jsqr.default;
const REGION = '130433100';
const INDUSTRY = '5265';
const PERIOD = '2026-Q4';
const TITLE = '2026年第四季度馆陶镇加油站联合抽查（浏览器测试）';
const JOINING = ['fire-rescue', 'market-supervision'];
/** A department's name from its code or its enum value (FIRE_RESCUE). */
const deptName = (code: string) => DEPARTMENTS.find((d) => d.code === code.toLowerCase().replace(/_/g, '-'))!.nameZh;

let browser: Browser;
let page: Page;
let planId = '';
/** The tokens the printed QR codes decode to. */
let printed: string[] = [];
const ANNUAL_YEAR = 2038;
const console_ = (p: string) => `${base()}/console/coordinator${p}`;

const audit = (name: string) => auditPage(page, `coordinator-${name}`);

/** Signs in through the development sign-in page as the demo user whose button starts with `label`. */
async function signInAs(label: string) {
  await page.goto(`${base()}/sign-in`);
  const button = page.getByRole('button', { name: new RegExp(`^${label}（`) });
  await button.click();
  await page.getByRole('heading', { name: '工作台', exact: true }).waitFor();
}

/** Waits for a locator, or fails with what the page says. */
async function see(locator: ReturnType<Page['locator']>) {
  await locator.waitFor({ timeout: 15_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe page says:\n${await page.locator('main').innerText()}`);
  });
}

const PLAN = `query ($id: String!) { jointPlan(id: $id) { status participations { department joinedBy itemCodes }
  commitment { commitmentHash } draw { taskCount tasks(first: 100) { nodes { uscc itemCodes team { certificateNumber department role } } } } } }`;
const plan = async () => {
  const r = await gql(PLAN, { id: planId }, { token: await tokens.coordinator() });
  expect(r.errors).toBeUndefined();
  return r.data.jointPlan;
};

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
  await publishAnnualPlans(2026);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('a coordinator builds a joint plan from nothing to the printed QR sheet', () => {
  it('creates the plan from an industry; a wrong township is shown next to its field', async () => {
    await signInAs('双随机办公室协调员');
    await page.getByRole('link', { name: '双随机办公室工作台' }).click();
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '联合抽查计划' }).click();
    await see(page.getByRole('heading', { name: '新建联合抽查计划' }));
    await page.getByLabel('计划名称').fill(TITLE);
    await page.getByLabel('行业代码（GB/T 4754，以逗号分隔）').fill(INDUSTRY);
    await page.getByLabel('季度（如 2026-Q4）').fill(PERIOD);
    await page.getByLabel('发起部门').selectOption('fire-rescue');
    await page.getByRole('checkbox', { name: deptName('market-supervision') }).check();
    await page.getByLabel('乡镇（行政区划代码，可不填）').fill('110101001');
    await page.getByRole('button', { name: '创建计划' }).click();
    const regionError = page.locator('#jp-region-err');
    await see(regionError);
    expect(await regionError.textContent()).toMatch(/110101001/);
    expect(await page.getByLabel('乡镇（行政区划代码，可不填）').getAttribute('aria-describedby')).toBe('jp-region-err');
    await audit('plans-error');

    await page.getByLabel('乡镇（行政区划代码，可不填）').fill(REGION);
    // A wide cap: other files draw 2026-Q4 fire and rescue teams too (test/README.md).
    await page.getByLabel('每名检查人员本季度最多参加的检查组数（可不填）').fill('100');
    await page.getByRole('button', { name: '创建计划' }).click();
    await see(page.getByRole('heading', { name: /^联合抽查计划 JP-2026Q4-\d{4}$/ }));
    planId = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('联合抽查计划 ', '');
    expect(new URL(page.url()).pathname).toBe(`/console/coordinator/plans/${planId}`);
    expect(await page.locator('#plan-status').textContent()).toBe('征集部门加入');
    await see(page.getByText('尚无部门加入。'));
    await audit('plan-open');
  });

  it('each department admin signs in and joins with its own items; the coordinator sees who joined', async () => {
    for (const d of JOINING) {
      await signInAs(`${deptName(d)}管理员`);
      await page.goto(console_(`/plans/${planId}`));
      await see(page.getByRole('heading', { name: `以${deptName(d)}事项加入` }));
      const boxes = page.getByRole('group', { name: '选择事项' }).getByRole('checkbox');
      await see(boxes.first());
      for (const box of await boxes.all()) await box.check();
      await page.getByRole('button', { name: '加入计划' }).click();
      await see(page.getByRole('status').filter({ hasText: '已加入：' }));
      if (d === JOINING[0]) await audit('plan-join');
    }
    const joined = (await plan()).participations;
    expect(joined.map((p: { department: string }) => p.department).sort()).toEqual(['FIRE_RESCUE', 'MARKET_SUPERVISION']);

    await signInAs('双随机办公室协调员');
    await page.goto(console_(`/plans/${planId}`));
    const rows = page.locator('section[aria-labelledby="joined"] tbody tr');
    await see(rows.first());
    expect(await rows.count()).toBe(2);
    for (const p of joined) {
      const row = rows.filter({ hasText: deptName(p.department) });
      expect(await row.locator('td').nth(2).textContent()).toBe(p.joinedBy);
    }
  });

  it('commits (the commitment hash to publish is shown), draws and publishes', async () => {
    await page.getByRole('button', { name: '提交承诺' }).click();
    await see(page.locator('#commitment-hash'));
    const committed = await plan();
    expect(committed.status).toBe('COMMITTED');
    expect(await page.locator('#commitment-hash').textContent()).toBe(committed.commitment.commitmentHash);
    await audit('plan-committed');

    // The seed kept in this browser is offered for the draw.
    expect(await page.getByLabel('抽签种子（与承诺的种子哈希一致）').inputValue()).toMatch(/^[0-9a-f]{32}$/);
    await page.getByRole('button', { name: '抽签', exact: true }).click();
    await see(page.locator('#drawn-table'));
    const drawn = await plan();
    expect(drawn.status).toBe('DRAWN');
    expect(drawn.draw.taskCount).toBeGreaterThan(0);
    const rows = page.locator('#drawn-table tbody tr');
    expect(await rows.count()).toBe(drawn.draw.taskCount);
    expect((await rows.locator('td:nth-child(2)').allTextContents()).sort()).toEqual(drawn.draw.tasks.nodes.map((t: { uscc: string }) => t.uscc).sort());
    await audit('plan-drawn');

    await page.getByRole('button', { name: '公布抽签结果' }).click();
    await page.waitForFunction(() => document.querySelector('#plan-status')?.textContent === '已公布');
    expect((await plan()).status).toBe('PUBLISHED');
  });

  it('issues the codes and prints one QR per drawn business, each decoding to a code the public page calls valid', async () => {
    const drawn = await plan();
    await page.getByRole('button', { name: '签发检查码' }).click();
    await see(page.getByRole('status').filter({ hasText: `已签发 ${drawn.draw.taskCount} 个检查码` }));
    await page.waitForFunction((n) => document.querySelectorAll('#codes-table tbody tr').length === n, drawn.draw.taskCount);
    await audit('plan-codes');

    // The print sheet lists the issued codes (jointInspectionCodes): opening it issues nothing.
    const issuing: string[] = [];
    const watch = (r: { postData(): string | null }) => { if (r.postData()?.includes('issueJointInspectionCodes')) issuing.push(r.postData()!); };
    page.on('request', watch);
    await page.getByRole('link', { name: '打印检查码（A4）' }).click();
    await see(page.locator('.code-card img.qr').first());
    const cards = page.locator('.code-card');
    await page.waitForFunction((n) => document.querySelectorAll('.code-card img.qr').length === n, drawn.draw.taskCount);
    expect(await cards.count()).toBe(drawn.draw.taskCount);
    expect((await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.uscc))).sort()).toEqual(drawn.draw.tasks.nodes.map((t: { uscc: string }) => t.uscc).sort());
    for (const card of await cards.all()) {
      expect(await card.innerText()).toMatch(/检查组[\s\S]*检查事项与依据/);
    }
    await audit('print-sheet');
    page.off('request', watch);
    expect(issuing).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SHOTS, 'coordinator-print-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const sources = await page.locator('.code-card img.qr').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    const decoded: string[] = [];
    for (const src of sources) {
      expect(src.startsWith('data:image/png;base64,')).toBe(true);
      const png = PNG.sync.read(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
      const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(qr, 'a QR code').not.toBeNull();
      decoded.push(qr!.data);
    }
    expect(new Set(decoded).size).toBe(drawn.draw.taskCount);
    // Each QR code holds the link to the code's public page (YIYE_PUBLIC_URL, by default
    // http://localhost:4000; this federation listens elsewhere, so the link is followed here).
    const links = decoded.map((d) => new URL(d));
    for (const link of links) {
      expect(link.origin).toBe('http://localhost:4000');
      expect(link.pathname).toMatch(/^\/code\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    const tokens = links.map((l) => decodeURIComponent(l.pathname.slice('/code/'.length)));
    for (const token of tokens) {
      const scan = await gql('query ($c: String!) { inspectionCodeScan(code: $c) { status uscc taskId } }', { c: token });
      expect(scan.errors).toBeUndefined();
      expect(scan.data.inspectionCodeScan).toMatchObject({ status: 'VALID', taskId: planId });
    }
    printed = tokens;
    await page.goto(`${base()}${links[0].pathname}`);
    await see(page.getByRole('heading', { name: '检查码有效' }));
    await audit('public-code');
  });
  it('the review queue: records the teams entered await review; one is published, one returned with a reason', async () => {
    const drawn = await plan();
    expect(drawn.draw.taskCount).toBeGreaterThanOrEqual(2);
    const entered: { id: string; uscc: string }[] = [];
    for (const token of printed.slice(0, 2)) {
      const scan = await gql('query ($c: String!) { inspectionCodeScan(code: $c) { uscc } }', { c: token });
      const task = drawn.draw.tasks.nodes.find((t: { uscc: string }) => t.uscc === scan.data.inspectionCodeScan.uscc);
      const [leader, member] = task.team;
      const inspector = await issueUserToken({ roles: ['inspector'], department: member.department.toLowerCase().replace(/_/g, '-'), certificateNumber: member.certificateNumber, subject: `coord-browser-${member.certificateNumber}` });
      const scanned = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: token }, { token: inspector });
      expect(scanned.errors).toBeUndefined();
      const record = {
        submissionKey: `coord-browser-${planId}-${task.uscc}`, taskId: planId, uscc: task.uscc, inspectedOn: clock.today(),
        leader: leader.certificateNumber, team: [leader.certificateNumber, member.certificateNumber], experts: [],
        itemResults: task.itemCodes.map((c: string) => ({ itemCode: c, resultCodes: ['1'] })), findings: '加油机计量与消防设施抽查', followUpMeasures: null,
      };
      const submitted = await gql('mutation ($r: InspectionRecordInput!) { submitInspectionRecord(record: $r) { id status } }', { r: record }, { token: inspector });
      expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
      expect(submitted.data.submitInspectionRecord.status).toBe('AWAITING_REVIEW');
      entered.push({ id: submitted.data.submitInspectionRecord.id, uscc: task.uscc });
    }

    await page.goto(console_('/review'));
    await page.getByLabel('任务编号').fill(planId);
    await see(page.getByRole('heading', { name: '待审核 2 条' }));
    const cards = page.locator('.review-card');
    await see(cards.nth(1).getByRole('button', { name: '退回' }));
    expect(await cards.count()).toBe(2);
    expect((await cards.locator('h3').allTextContents()).sort()).toEqual(entered.map((e) => `${e.id}：${e.uscc}`).sort());
    await audit('review-queue');

    const [first, second] = entered;
    const card = (e: { id: string; uscc: string }) => cards.filter({ has: page.getByRole('heading', { name: `${e.id}：${e.uscc}` }) });
    await card(first).getByRole('button', { name: '通过并公示' }).click();
    await see(card(first).getByRole('status').filter({ hasText: '已通过并公示' }));

    // Returning without a reason: the API's message appears next to the reason field.
    await card(second).getByRole('button', { name: '退回' }).click();
    const reasonError = card(second).locator('.field-error');
    await see(reasonError);
    expect(await reasonError.textContent()).not.toBe('');
    await audit('review-error');
    await card(second).getByLabel('审核意见（退回时必填）').fill('现场照片缺失，请补充后重新提交');
    await card(second).getByRole('button', { name: '退回' }).click();
    await see(card(second).getByRole('status').filter({ hasText: '已退回录入人更正' }));

    const statuses = await gql('query ($id: String!) { jointPlanResults(planId: $id) { tasks { uscc status } } }', { id: planId }, { token: await tokens.coordinator() });
    const byUscc = new Map(statuses.data.jointPlanResults.tasks.map((t: { uscc: string; status: string }) => [t.uscc, t.status]));
    expect([byUscc.get(first.uscc), byUscc.get(second.uscc)]).toEqual(['PUBLISHED', 'RETURNED']);
  });

  it('revokes one code from the print sheet with a reason; its public page then says revoked and why', async () => {
    const drawn = await plan();
    await page.goto(console_(`/plans/${encodeURIComponent(planId)}/codes`));
    const cards = page.locator('.code-card');
    await page.waitForFunction((n) => document.querySelectorAll('.code-card').length === n, drawn.draw.taskCount);
    const last = cards.nth(drawn.draw.taskCount - 1);
    const codeId = (await last.getAttribute('data-code-id'))!;
    const uscc = (await last.getAttribute('data-uscc'))!;
    await page.getByRole('button', { name: /作废所选检查码/ }).waitFor();
    // No reason: the API's message is shown next to the reason field, nothing is revoked.
    await last.getByLabel(`选择作废 ${codeId}`).check();
    await page.getByRole('button', { name: '作废所选检查码（1）' }).click();
    await see(page.locator('#revoke-reason-err'));
    expect(await page.locator('#revoke-reason-err').textContent()).not.toBe('');
    await audit('print-sheet-revoke-error');
    await page.getByLabel('作废理由').fill('检查组成员需回避，重新派员');
    await page.getByRole('button', { name: '作废所选检查码（1）' }).click();
    await see(page.getByRole('status').filter({ hasText: `已作废 1 个检查码：${codeId}` }));
    await see(last.locator('.code-status').filter({ hasText: '已作废（检查组成员需回避，重新派员）' }));
    expect(await page.locator('.code-card.revoked').count()).toBe(1);
    await audit('print-sheet-revoked');

    const listed = await gql('query ($id: String!) { jointInspectionCodes(planId: $id, first: 100) { nodes { codeId uscc token revocationReason } } }', { id: planId }, { token: await tokens.coordinator() });
    const revoked = listed.data.jointInspectionCodes.nodes.filter((c: { revocationReason: string | null }) => c.revocationReason !== null);
    expect(revoked.map((c: { codeId: string; uscc: string; revocationReason: string }) => [c.codeId, c.uscc, c.revocationReason])).toEqual([[codeId, uscc, '检查组成员需回避，重新派员']]);
    await page.goto(`${base()}/code/${encodeURIComponent(revoked[0].token)}`);
    await see(page.getByRole('heading', { name: '检查码已撤销' }));
    expect(await page.locator('main').innerText()).toContain('检查组成员需回避，重新派员');
    await audit('public-code-revoked');
  });

  it("the plan page shows the businesses' ratings of the visits", async () => {
    const rated = await gql('mutation ($c: String!) { rateInspectionVisit(code: $c, score: 4, comment: "检查人员态度良好") { score } }', { c: printed[0] });
    expect(rated.errors, JSON.stringify(rated.errors)).toBeUndefined();
    await page.goto(console_(`/plans/${encodeURIComponent(planId)}`));
    await see(page.locator('#ratings-summary'));
    expect(await page.locator('#ratings-summary').innerText()).toMatch(/评价数\s*1[\s\S]*平均分\s*4（满分 5 分）[\s\S]*1 分 0 条，2 分 0 条，3 分 0 条，4 分 1 条，5 分 0 条[\s\S]*留言数\s*1/);
    expect(await page.locator('#ratings-comments tbody').innerText()).toContain('检查人员态度良好');
    await audit('plan-ratings');
  });
});

describe('the quarter\'s merge and the other pages of the console', () => {
  it('the merge page shows the three ratios against 45 % / 30 % / 90 % and the chart', async () => {
    const m = (await gql(`query ($p: String!) { jointMerge(period: $p) { figures { jointShareByCount jointShareByBusinesses plannedByCreditClassShare jointShareByCountMet jointShareByBusinessesMet plannedByCreditClassMet } } }`, { p: PERIOD }, { token: await tokens.coordinator() }));
    expect(m.errors).toBeUndefined();
    const f = m.data.jointMerge.figures;
    await page.goto(console_('/merge'));
    await page.getByRole('textbox', { name: '季度', exact: true }).fill(PERIOD);
    await page.getByRole('button', { name: '查看' }).click();
    await see(page.locator('#ratio-table tbody tr').first());
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const met = (b: boolean) => (b ? '达标' : '未达标');
    const rows = await page.locator('#ratio-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)));
    expect(rows).toEqual([
      ['联合检查占比（按次数）', pct(f.jointShareByCount), '≥ 45 %', met(f.jointShareByCountMet)],
      ['联合检查占比（按企业）', pct(f.jointShareByBusinesses), '≥ 30 %', met(f.jointShareByBusinessesMet)],
      ['按信用分类抽取的任务占比', pct(f.plannedByCreditClassShare), '≥ 90 %', met(f.plannedByCreditClassMet)],
    ]);
    await see(page.locator('.chart svg'));
    expect(await page.locator('.chart').getAttribute('aria-label')).toContain('目标 45 %');
    await see(page.getByRole('heading', { name: /^检查（\d+）$/ }));

    // By township: every visited business counted once, under its township; this file's businesses are in 馆陶镇.
    const visits = await gql('query ($p: String!) { jointMerge(period: $p, first: 500) { visits { uscc } } }', { p: PERIOD }, { token: await tokens.coordinator() });
    const visited = new Set(visits.data.jointMerge.visits.map((v: { uscc: string }) => v.uscc));
    await page.getByRole('button', { name: '统计各乡镇的受检企业' }).click();
    const townships = page.locator('section[aria-labelledby="by-township"] tbody tr');
    await see(townships.first());
    const counts = new Map((await townships.evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent!, Number(tr.children[1].textContent)] as [string, number]))));
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(visited.size);
    expect(counts.get('馆陶镇')).toBeGreaterThanOrEqual((await plan()).draw.taskCount);
    await audit('merge');
    // Only single visits: the list follows the filter, the figures cover all.
    const single = await gql('query ($p: String!) { jointMerge(period: $p, visitKind: SINGLE, first: 500) { visits { uscc } } }', { p: PERIOD }, { token: await tokens.coordinator() });
    await page.getByLabel('检查方式').selectOption('single');
    await page.getByRole('button', { name: '查看' }).click();
    await see(page.getByRole('heading', { name: `检查（${single.data.jointMerge.visits.length}）` }));
    await page.getByLabel('检查方式').selectOption('');

    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2026-Q5');
    await page.getByRole('button', { name: '查看' }).click();
    await see(page.locator('#mg-period-err'));
    await audit('merge-error');
  });

  it('finalizes a quarter (2038-Q1, this file\'s year): the page says which version', async () => {
    await page.goto(console_('/merge'));
    await page.getByRole('textbox', { name: '季度', exact: true }).fill('2038-Q1');
    await page.getByRole('button', { name: '查看' }).click();
    await see(page.getByRole('button', { name: '定稿本季度合并' }));
    expect(await page.locator('#merge-finalized').textContent()).toBe('未定稿');
    await page.getByRole('button', { name: '定稿本季度合并' }).click();
    await see(page.getByRole('status').filter({ hasText: '已定稿（第 1 版）' }));
    await page.waitForFunction(() => document.querySelector('#merge-finalized')?.textContent === '已定稿（第 1 版）');
    const api = await gql('query { jointMerge(period: "2038-Q1") { finalized version } }', {}, { token: await tokens.coordinator() });
    expect(api.data.jointMerge).toEqual({ finalized: true, version: 1 });
    expect(await page.getByRole('button', { name: '定稿本季度合并' }).count()).toBe(0);
    await audit('merge-finalized');
  });

  it("the office's annual plan: drafted, published, adjusted with a reason, the adjustment published", async () => {
    await page.goto(console_('/annual-plan'));
    await page.getByRole('textbox', { name: '年度' }).fill(String(ANNUAL_YEAR));
    await page.getByRole('button', { name: '查看' }).click();
    await see(page.getByText(`${ANNUAL_YEAR} 年尚无年度抽查计划，可在下方起草。`));
    await page.getByLabel('计划名称').fill(`${ANNUAL_YEAR}年度联合抽查计划（浏览器测试）`);
    const codes = page.getByLabel('抽查事项编码（以逗号或空格分隔）');
    await codes.fill('FR-FL-001, FR-XX-999');
    await page.getByRole('button', { name: '起草' }).click();
    await see(page.locator('#ap-codes-err'));
    expect(await page.locator('#ap-codes-err').textContent()).toContain('FR-XX-999');
    await audit('annual-plan-error');

    await codes.fill('FR-FL-001');
    await page.getByRole('button', { name: '起草' }).click();
    await see(page.getByRole('heading', { name: `${ANNUAL_YEAR} 年：${ANNUAL_YEAR}年度联合抽查计划（浏览器测试）` }));
    await page.getByRole('button', { name: '公布年度计划' }).click();
    await see(page.getByRole('status').filter({ hasText: '已公布年度计划' }));
    await page.getByLabel('抽查事项编码（以逗号或空格分隔）').fill('FR-FL-001 MS-ME-001');
    await page.getByLabel('调整理由').fill('增加加油机计量检查事项');
    await page.getByRole('button', { name: '保存调整' }).click();
    await see(page.getByRole('button', { name: '公布调整后的计划' }));
    await page.getByRole('button', { name: '公布调整后的计划' }).click();
    await see(page.getByRole('status').filter({ hasText: '已公布年度计划' }));
    await page.waitForFunction(() => document.querySelectorAll('main tbody tr').length === 2 && !document.querySelector('main tbody')?.textContent?.includes('未公布'));
    const rows = await page.locator('main tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent).slice(0, 3)));
    expect(rows).toEqual([['第 1 版', 'FR-FL-001', '—'], ['第 2 版', 'FR-FL-001、MS-ME-001', '增加加油机计量检查事项']]);
    const api = await gql('query ($y: Int!) { jointAnnualPlan(year: $y) { status versionInForce } }', { y: ANNUAL_YEAR });
    expect(api.data.jointAnnualPlan).toEqual({ status: 'PUBLISHED', versionInForce: 2 });
    await audit('annual-plan');
  });

  it('the item list, overdue list and review queue render without serious accessibility violations', async () => {
    await page.goto(console_('/items'));
    await see(page.locator('main table tbody tr').first());
    await page.getByLabel('行业代码').fill(INDUSTRY);
    await page.getByRole('button', { name: '筛选' }).click();
    await see(page.getByText('共 3 项'));
    expect(await page.locator('main tbody tr td:first-child').allTextContents()).toEqual(['FR-FL-001', 'MS-ME-001', 'MS-PI-001']);
    await audit('items');

    await page.goto(console_('/overdue'));
    await see(page.getByRole('heading', { name: '逾期未公示的检查结果' }));
    await page.waitForFunction(() => !document.querySelector('main [role="status"]'));
    await audit('overdue');

    await page.goto(console_('/review'));
    await page.getByLabel('任务编号').fill(planId);
    await see(page.getByText('没有待审核的记录。'));
    expect(await page.locator('.review-card').count()).toBe(0);
    await audit('review');
  });
});
