/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit as auditPage, launchChromium, signInWithToken, webBase as base } from '../support/browser.js';
import { gql, token, tokens } from '../support/federation.js';
import { makeUscc, prng } from '../../shared/demo/county.js';
import { REGISTER_COLUMNS, targetColumns, writeTableToBuffer, type Values } from '../../shared/exchange/index.js';

/**
 * The department admin's workspace and the analyst's views in a real browser (Debian's chromium
 * through playwright-core) against the suite's federation and the built web app: a public
 * security admin imports a target file with two bad rows and sees the row report (exact rows and
 * messages), then a good file, and finds the targets in the directory list; an analyst opens one
 * business's history across departments and a quarter's merge. axe-core on every page visited.
 * Screenshots in test-output/screenshots/. Fresh businesses (industry 8051, township 路桥乡
 * 130433203, registered here), public security's 2041 annual plan and a 2041-Q1 task in 路桥乡 (its merge read back): see test/README.md.
 */
const FILES = path.resolve('test-output', 'web-department');
const REGION = '130433203';
const INDUSTRY = '8051';
const PS_ADMIN = 'ps-admin-web-department';

let browser: Browser;
let page: Page;
let usccs: string[];
let stranger: string;
/** The businesses the browser's 2041-Q1 task drew (public security). */
let drawn: string[] = [];

const audit = (name: string) => auditPage(page, name);

const signIn = (jwt: string) => signInWithToken(page, jwt);

const psTarget = (uscc: string, extra: Values = {}): Values => ({ uscc, supervisedSince: '2026-03-01', brigade: 'public-order', specialTradeLicence: '', ...extra });

async function writeFile(name: string, rows: Values[]) {
  const { bytes } = await writeTableToBuffer('csv', targetColumns('public-security'), rows, { headers: 'zh' });
  fs.mkdirSync(FILES, { recursive: true });
  const file = path.join(FILES, name);
  fs.writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  // Three fresh businesses in the register and one valid USCC that is not there.
  const rand = prng(`browser-web-department/${process.pid}/${Date.now()}`);
  const fresh = Array.from({ length: 4 }, (_, i) => makeUscc(rand, i % 2 === 1));
  for (const u of fresh) {
    const r = await gql('query ($u: String!) { enterprise(uscc: $u) { uscc } }', { u }, { token: await tokens.analyst() });
    expect(r.data.enterprise, u).toBeNull();
  }
  usccs = fresh.slice(0, 3).sort();
  stranger = fresh[3];
  const register = usccs.map((uscc, i) => ({
    uscc,
    name: `馆陶县浏览器测试${i + 1}号理发店`,
    industryCode: INDUSTRY,
    regionCode: REGION,
    status: 'operating',
    creditRiskClass: 'B',
    registeredOn: '2021-04-01',
  }));
  const { bytes } = await writeTableToBuffer('csv', REGISTER_COLUMNS, register, { headers: 'zh' });
  const res = await gql(
    'mutation ($file: FileReference!) { importRegister(file: $file, kind: REGISTER) { accepted inserted } }',
    { file: { contentBase64: bytes.toString('base64'), fileName: 'register.csv' } },
    { token: await tokens.admin('market-supervision') },
  );
  expect(res.data?.importRegister, JSON.stringify(res.errors)).toEqual({ accepted: true, inserted: 3 });
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('a department admin imports the target directory', () => {
  it('a file with two bad rows: nothing is written and the row report names each row, column and message', async () => {
    await signIn(await token(['department-admin'], 'public-security', PS_ADMIN));
    await page.goto(`${base()}/console`);
    await page.getByRole('link', { name: /^部门工作台/ }).click();
    await page.getByRole('heading', { name: '部门工作台 · 公安局' }).waitFor();
    await page.getByRole('button', { name: '导入与导出' }).click();
    await page.getByRole('heading', { name: '导入名录文件' }).waitFor();
    await audit('department-import');

    const bad = await writeFile('targets-bad.csv', [psTarget(usccs[0]), psTarget(usccs[1], { brigade: 'traffic' }), psTarget(stranger)]);
    await page.getByLabel('名录', { exact: true }).first().selectOption('TARGETS');
    await page.getByLabel('文件（CSV 或 XLSX）').setInputFiles(bad);
    await page.getByLabel('变更原因').fill('2026年度名录更新（浏览器测试）');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.locator('#import-errors').waitFor();

    expect(await page.locator('#import-result').textContent()).toBe('文件未导入，没有写入任何数据：targets-bad.csv（CSV，3 行）有 2 处错误，请改正后重新导入。');
    expect(await page.locator('#import-errors caption').textContent()).toBe('导入错误报告（共 2 处）');
    const rows = await page.locator('#import-errors tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.innerText)));
    expect(rows).toEqual([
      [
        '3',
        'brigade',
        'traffic',
        '“traffic”不是公安局的大队，应为：public-order（治安管理大队）、cyber-security（网络安全保卫大队）、criminal-investigation（刑事侦查大队）\n"traffic" is not a brigade of public-security; use one of public-order, cyber-security, criminal-investigation',
      ],
      ['4', 'uscc', stranger, `登记系统中没有统一社会信用代码为“${stranger}”的市场主体\nno business with USCC "${stranger}" is in the register`],
    ]);
    // The stage indicator ends at 完成; the upload went all the way.
    expect(await page.locator('.stages li[aria-current="step"]').textContent()).toBe('完成（已完成）');
    expect(await page.locator('#upload-progress').getAttribute('value')).toBe('100');
    await audit('department-import-errors');

    // Nothing was written.
    const list = await gql('query ($f: PublicSecurityTargetFilter) { publicSecurityTargets(filter: $f, first: 10) { totalCount } }', { f: { regionCode: REGION, industryCodes: [INDUSTRY] } }, { token: await tokens.analyst() });
    expect(list.data.publicSecurityTargets.totalCount).toBe(0);
  });

  it('a reason left empty is refused next to its field', async () => {
    const good = await writeFile('targets-2026.csv', usccs.map((u) => psTarget(u)));
    await page.getByLabel('文件（CSV 或 XLSX）').setInputFiles(good);
    await page.getByLabel('变更原因').fill('');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const message = page.locator('#reason-error');
    await message.waitFor();
    expect(await page.getByLabel('变更原因').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('变更原因').getAttribute('aria-describedby')).toBe('reason-error');
    expect(await message.textContent()).toBe('请填写变更原因 / a reason is required for this change');
  });

  it('the corrected file imports; its targets are in the list (township and industry filters), with their history and a tag added and revoked', async () => {
    await page.getByLabel('变更原因').fill('2026年度名录更新（浏览器测试）');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.locator('#import-result.ok').waitFor();
    expect(await page.locator('#import-result').textContent()).toBe('导入成功：targets-2026.csv（CSV，3 行），新增 3，更新 0，未变 0。');
    expect(await page.locator('#import-errors').count()).toBe(0);
    await audit('department-import-ok');

    await page.getByRole('button', { name: '检查对象' }).click();
    await page.getByLabel('乡镇').selectOption(REGION);
    await page.getByLabel('行业').selectOption(INDUSTRY);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.locator('#targets-table caption', { hasText: '共 3 个检查对象' }).waitFor();
    const listed = await page.locator('#targets-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).slice(0, 4).map((c) => c.innerText)));
    expect(listed).toEqual(usccs.map((u) => [u, '2026-03-01', '治安管理大队', '—']));
    await audit('department-targets');

    // Its history, opened with the keyboard: one version, by this admin, with the file's reason.
    await page.locator('#targets-table tbody tr').first().getByRole('button', { name: /^历史与标签/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${usccs[0]} 的历史与标签` }).waitFor();
    const versions = page.locator('#target-detail table tbody tr');
    await versions.first().waitFor();
    expect(await versions.count()).toBe(1);
    expect(await versions.first().textContent()).toContain(`${PS_ADMIN}2026年度名录更新（浏览器测试）`);
    await audit('department-target-history');

    // A tag added, then revoked: an empty reason is refused next to its field.
    await page.getByLabel('标签', { exact: true }).last().selectOption('high-risk');
    await page.getByLabel('原因', { exact: true }).fill('群众举报经营场所存在安全隐患（浏览器测试）');
    await page.getByRole('button', { name: '添加标签' }).click();
    await page.getByRole('status').filter({ hasText: '已添加标签“高风险”。' }).waitFor();
    const tag = page.locator('#target-detail ul.tags li');
    await tag.first().waitFor();
    expect(await tag.count()).toBe(1);
    expect(await tag.first().textContent()).toContain('高风险（manual，');
    await tag.first().getByRole('button', { name: /^撤销/ }).click();
    await page.locator('#reason-error').waitFor();
    expect(await page.locator('#reason-error').textContent()).toBe('请填写变更原因 / a reason is required for this change');
    expect(await page.getByLabel('撤销原因').getAttribute('aria-describedby')).toBe('reason-error');
    await audit('department-target-tag');
    await page.getByLabel('撤销原因').fill('核查后隐患已消除（浏览器测试）');
    await tag.first().getByRole('button', { name: /^撤销/ }).click();
    await page.getByRole('status').filter({ hasText: '已撤销标签“高风险”。' }).waitFor();
    await page.locator('#target-detail').getByText('没有标签。').waitFor();
  });
});

describe('a department admin runs a task in the browser', () => {
  it('creates a task (an empty title is refused next to its field), commits, draws and publishes it; the other sections render', async () => {
    // The plan in force for 2041 (public security's own year here), made through the API.
    const admin = await token(['department-admin'], 'public-security', PS_ADMIN);
    const items = await gql('{ inspectionItems(filter: { department: PUBLIC_SECURITY, claimed: true }, first: 100) { nodes { code } } }', {}, { token: admin });
    const itemCodes = items.data.inspectionItems.nodes.map((i: { code: string }) => i.code);
    expect(itemCodes.length).toBeGreaterThan(0);
    const plan = await gql('mutation ($c: [String!]!) { createPublicSecurityAnnualPlan(year: 2041, title: "2041年度公安局抽查计划（浏览器测试）", itemCodes: $c) { year } }', { c: itemCodes }, { token: admin });
    expect(plan.errors).toBeUndefined();
    const published = await gql('mutation { publishPublicSecurityAnnualPlan(year: 2041) { year } }', {}, { token: admin });
    expect(published.errors).toBeUndefined();

    await signIn(admin);
    await page.goto(`${base()}/console/department?tab=tasks`);
    await page.getByRole('heading', { name: '新建抽查任务' }).waitFor();
    await page.getByLabel(`${itemCodes[0]} `, { exact: false }).first().waitFor();
    await page.getByLabel('期间（如 2026-Q4）').fill('2041-Q1');
    await page.getByLabel('乡镇').first().selectOption(REGION);
    for (const code of itemCodes) await page.locator(`#item-${code}`).check();
    await page.getByRole('button', { name: '创建任务' }).click();
    await page.locator('#input\\.title-error').waitFor();
    expect(await page.locator('#input\\.title-error').textContent()).toBe('任务名称不能为空 / the task needs a title');
    expect(await page.getByLabel('任务名称').getAttribute('aria-invalid')).toBe('true');
    await audit('department-task-error');

    const title = '2041年第一季度路桥乡公安抽查（浏览器测试）';
    await page.getByLabel('任务名称').fill(title);
    await page.getByRole('button', { name: '创建任务' }).click();
    const created = page.getByRole('status').filter({ hasText: '已创建任务' });
    await created.waitFor();
    const taskId = /已创建任务 ([A-Za-z0-9-]+)（/.exec((await created.textContent())!)![1];
    await page.getByLabel('期间', { exact: true }).fill('2041-Q1');
    await page.getByRole('button', { name: '筛选' }).click();
    const card = page.locator('ol.results > li').filter({ hasText: taskId });
    await card.getByRole('button', { name: /^承诺/ }).click();
    await card.getByText('状态已承诺').waitFor();
    const seed = await card.getByLabel(/^种子/).inputValue();
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    await card.getByRole('button', { name: '抽取', exact: true }).click();
    await card.getByText('状态已抽取').waitFor();
    await card.getByRole('button', { name: '公示抽签结果' }).click();
    await card.getByText('状态已公示').waitFor();
    const task = await gql('query ($id: String!) { publicSecurityTask(id: $id) { status title draw { seed targets(first: 100) { nodes { uscc } } } } }', { id: taskId }, { token: admin });
    const { draw, ...rest } = task.data.publicSecurityTask;
    expect({ ...rest, seed: draw.seed }).toEqual({ status: 'PUBLISHED', title, seed });
    drawn = draw.targets.nodes.map((t: { uscc: string }) => t.uscc).sort();
    expect(drawn.length).toBeGreaterThan(0);
    await audit('department-tasks');

    for (const [tab, heading] of [['执法检查人员', '执法检查人员名录'], ['移交案件', '移交本部门的案件']]) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.getByRole('status').filter({ hasText: '正在加载' }).waitFor({ state: 'detached' });
      await audit(`department-${tab === '移交案件' ? 'referrals' : 'inspectors'}`);
    }
  });
});

describe('the analyst', () => {
  it("a business's history across departments: the register, the supervising department, no inspection yet", async () => {
    await signIn(await tokens.analyst());
    await page.goto(`${base()}/console/analyst`);
    await page.getByRole('heading', { name: '企业跨部门检查历史' }).waitFor();
    await page.getByRole('textbox', { name: '统一社会信用代码' }).fill(usccs[0]);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '馆陶县浏览器测试1号理发店' }).waitFor();
    expect(await page.locator('#supervision li').allTextContents()).toEqual(['公安局（2026-03-01 起）']);
    expect(await page.getByText('该企业尚无计划或已完成的检查。').count()).toBe(1);
    await audit('analyst-enterprise');
  });

  it("the quarter of the browser's task: one visit per drawn business, no repeat hot spot", async () => {
    await page.getByRole('button', { name: '检查次数与重复热点' }).click();
    await page.getByRole('textbox', { name: '季度' }).fill('2041-Q1');
    await page.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '每户企业的检查次数' }).waitFor();
    const rows = await page.locator('#visits-per-business tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.innerText)));
    expect(rows).toEqual(drawn.slice(0, 20).map((u) => [u, '1', '0', '公安局', '0']));
    expect(await page.locator('nav[aria-label="检查次数分页"] span').textContent()).toBe(`第 1 / ${Math.ceil(drawn.length / 20)} 页`);
    expect(await page.getByText('该季度没有重复检查。').count()).toBe(2);
    await audit('analyst-merge');
  });
});
