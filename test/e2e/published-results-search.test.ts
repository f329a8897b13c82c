import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, tokens, type GqlResult } from '../support/federation.js';
import { enteredRecord, publishedTask, type TaskTarget } from '../support/tasks.js';

/**
 * 一公开 searched by business name through the gateway: publishedInspectionResults(name:) asks
 * the register (market supervision) for the names, filters, then pages; businessName on every
 * result. Market supervision, 2026-Q4, 魏僧寨镇 (130433103): see test/README.md.
 */
const REGION = '130433103';
const PUBLISHED = 3;
const PAGE = `query ($name: String, $uscc: String, $first: Int, $after: String) {
  publishedInspectionResults(name: $name, uscc: $uscc, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { recordId uscc businessName taskId } } }`;

type Result = { recordId: string; uscc: string; businessName: string | null; taskId: string };

let task: { id: string; targets: TaskTarget[] };
const names = new Map<string, string>();

/** Every page of a search, `first` at a time, checking totalCount and hasNextPage on the way. */
async function all(vars: { name?: string; uscc?: string }, first: number): Promise<Result[]> {
  const found: Result[] = [];
  let after: string | null = null;
  let total: number | null = null;
  for (;;) {
    const res: GqlResult = await gql(PAGE, { ...vars, first, after });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const page: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: Result[] } = res.data.publishedInspectionResults;
    total ??= page.totalCount as number;
    found.push(...page.nodes);
    expect(page.pageInfo.hasNextPage).toBe(found.length < total);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(found.length).toBe(total);
  return found;
}

beforeAll(async () => {
  await publishAnnualPlans(2026);
  const admin = await tokens.admin('market-supervision');
  const items = await gql('{ inspectionItems(filter: { department: MARKET_SUPERVISION }, first: 100) { nodes { code claimed } } }');
  expect(items.errors).toBeUndefined();
  const itemCode = items.data.inspectionItems.nodes.filter((i: { claimed: boolean }) => i.claimed)[0].code as string;
  // 3 % of each class is enough for three records: market supervision's food-safety inspectors of the clock's
  // quarter are shared with other files, and the item's own ratios (up to 80 %) used most of them.
  task = await publishedTask('market-supervision', admin, { title: '2026年第四季度魏僧寨镇市场监管抽查（名称检索测试）', itemCodes: [itemCode], period: '2026-Q4', regionCode: REGION, ratios: { A: 300, B: 300, C: 300, D: 300 } });
  expect(task.targets.length).toBeGreaterThanOrEqual(PUBLISHED);
  const coordinator = await tokens.coordinator();
  for (const target of task.targets.slice(0, PUBLISHED)) {
    const recordId = await enteredRecord('market-supervision', task.id, target, [{ itemCode, resultCodes: ['1'] }], '2026-11-12');
    const reviewed = await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH, reason: "核对无误") { status } }', { id: recordId }, { token: coordinator });
    expect(reviewed.errors).toBeUndefined();
    const e = await gql('query ($u: String!) { enterprise(uscc: $u) { name } }', { u: target.uscc });
    names.set(target.uscc, e.data.enterprise.name);
  }
}, 180_000);

describe('publishedInspectionResults by business name', () => {
  it("shows each result's business name from the register", async () => {
    for (const target of task.targets.slice(0, PUBLISHED)) {
      const found = await all({ uscc: target.uscc }, 10);
      expect(found.map((r) => [r.taskId, r.uscc, r.businessName])).toEqual([[task.id, target.uscc, names.get(target.uscc)]]);
    }
  });

  it('finds exactly the results whose business name contains the text, paged one at a time', async () => {
    const uscc = task.targets[0].uscc;
    const needle = names.get(uscc)!.replace(/^馆陶县/, '');
    expect(needle.length).toBeGreaterThanOrEqual(2);
    const found = await all({ name: `  ${needle} ` }, 1);
    // What the unfiltered list says, read the same way: the results whose name contains the text.
    const everything = await all({}, 100);
    const expected = everything.filter((r) => r.businessName?.includes(needle));
    expect(found.map((r) => r.recordId)).toEqual(expected.map((r) => r.recordId));
    expect(found.map((r) => r.uscc)).toContain(uscc);
    expect(everything.length).toBeGreaterThan(found.length);
    for (const r of found) expect(r.businessName).toContain(needle);
    // The other businesses of this task are found by their names only when those contain the text.
    for (const other of task.targets.slice(1, PUBLISHED).map((t) => t.uscc)) {
      expect(found.some((r) => r.uscc === other)).toBe(names.get(other)!.includes(needle));
    }
  });

  it('combines with the USCC, and a name nobody has finds nothing', async () => {
    const [a, b] = task.targets.map((t) => t.uscc);
    expect((await all({ name: names.get(a)!, uscc: a }, 10)).map((r) => r.uscc)).toEqual([a]);
    if (!names.get(a)!.includes(names.get(b)!)) expect(await all({ name: names.get(b)!, uscc: a }, 10)).toEqual([]);
    const none = await gql(PAGE, { name: '不存在的企业名称甲乙丙' });
    expect(none.errors).toBeUndefined();
    expect(none.data.publishedInspectionResults).toEqual({ totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] });
  });

  it('refuses a name shorter than 2 characters, naming the field', async () => {
    for (const name of ['馆', ' 陶 ', '', 'a']) {
      const res = await gql(PAGE, { name });
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      expect(res.errors?.[0].message).toMatch(/至少.*2.*\/.*at least 2 characters/);
    }
  });
});
