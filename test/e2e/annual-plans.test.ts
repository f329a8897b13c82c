import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, sql, token, tokens } from '../support/federation.js';
import { gqlEnum } from '../support/enums.js';

/**
 * 年度抽查计划: draft → published → (adjusted with a reason → re-published) → closed. Publication
 * makes the plan public; a task is created, committed, drawn and published only under the
 * published plan of its year and for the items of its version in force; an adjustment counts only
 * once re-published; every published version stays readable. Year 2031: no other test plans it.
 */
const YEAR = 2031;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const PLAN = 'id department year title status versionInForce version { number itemCodes note publishedAt } versions { number itemCodes note createdAt publishedAt }';

let fireAdmin: string;
let coordinator: string;
/** Two claimed fire-rescue items: the first in the plan from the start, the second added by an adjustment. */
let hotelItem: string;
let laterItem: string;
let psHotelItem: string;

const readPlan = (tok?: string, version?: number) =>
  gql(`query ($y: Int!, $v: Int) { fireRescueAnnualPlan(year: $y, version: $v) { ${PLAN} } }`, { y: YEAR, v: version ?? null }, { token: tok });
const createPlan = (itemCodes: string[], tok = fireAdmin) =>
  gql(`mutation ($y: Int!, $i: [String!]!) { createFireRescueAnnualPlan(year: $y, title: "2031年度消防安全双随机抽查计划", itemCodes: $i) { ${PLAN} } }`, { y: YEAR, i: itemCodes }, { token: tok });
const publishPlan = (tok = fireAdmin) => gql(`mutation ($y: Int!) { publishFireRescueAnnualPlan(year: $y) { ${PLAN} } }`, { y: YEAR }, { token: tok });
const adjustPlan = (itemCodes: string[], reason: string) =>
  gql(`mutation ($y: Int!, $i: [String!]!, $r: String!) { adjustFireRescueAnnualPlan(year: $y, itemCodes: $i, reason: $r) { ${PLAN} } }`, { y: YEAR, i: itemCodes, r: reason }, { token: fireAdmin });
const closePlan = (reason: string) => gql(`mutation ($y: Int!, $r: String!) { closeFireRescueAnnualPlan(year: $y, reason: $r) { ${PLAN} } }`, { y: YEAR, r: reason }, { token: fireAdmin });
const createTask = (itemCode: string, period = `${YEAR}-Q1`) =>
  gql(
    'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id status } }',
    { input: { title: `${period} ${itemCode}`, itemCodes: [itemCode], period, regionCode: '130433200' } },
    { token: coordinator },
  );
const tasksOf2031 = async () => (await sql('fire-rescue', "SELECT count(*)::int AS n FROM inspection_task WHERE period LIKE '2031-%'"))[0].n;

beforeAll(async () => {
  fireAdmin = await tokens.admin('fire-rescue');
  coordinator = await tokens.coordinator();
  const items = await gql('{ inspectionItems(filter: { industryCode: "6129" }, first: 100) { nodes { code department claimed joinable } } }');
  expect(items.errors).toBeUndefined();
  const claimed = (d: string) => items.data.inspectionItems.nodes.filter((i: any) => i.department === gqlEnum(d) && i.claimed && i.joinable).map((i: any) => i.code as string);
  [hotelItem] = claimed('fire-rescue');
  [psHotelItem] = claimed('public-security');
  const fire = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE }, first: 100) { nodes { code claimed } } }');
  laterItem = fire.data.inspectionItems.nodes.find((i: any) => i.claimed && i.code !== hotelItem).code;
  expect([hotelItem, laterItem, psHotelItem].every(Boolean)).toBe(true);
});

describe('a department annual plan: draft, publish, adjust, re-publish, close', () => {
  let taskId: string;

  it('a department admin drafts it; only the department (and the office) can read the draft', async () => {
    const draft = await createPlan([hotelItem]);
    expect(draft.errors).toBeUndefined();
    expect(draft.data.createFireRescueAnnualPlan).toMatchObject({
      id: 'FR-AP-2031',
      department: 'FIRE_RESCUE',
      year: YEAR,
      status: 'DRAFT',
      versionInForce: null,
      version: { number: 1, itemCodes: [hotelItem], note: null, publishedAt: null },
    });

    // A draft does not exist for outsiders: the lookup answers null, without an error.
    for (const tok of [undefined, await tokens.admin('public-security')]) {
      const hidden = await readPlan(tok);
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data.fireRescueAnnualPlan).toBeNull();
    }
    expect((await readPlan(fireAdmin)).data.fireRescueAnnualPlan.status).toBe('DRAFT');
    expect((await readPlan(coordinator)).data.fireRescueAnnualPlan.status).toBe('DRAFT');

    const again = await createPlan([hotelItem]);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'year' });
  });

  it('bad input and the wrong people are refused, and write nothing', async () => {
    const cases: [string, Promise<any>, Record<string, unknown>][] = [
      ['adjusting a draft', adjustPlan([hotelItem, laterItem], '增加事项的理由'), { code: 'PRECONDITION_FAILED', field: 'year' }],
      ['an unknown item at creation', gql('mutation { createFireRescueAnnualPlan(year: 2033, title: "x", itemCodes: ["FR-XX-999"]) { id } }', {}, { token: fireAdmin }), { code: 'BAD_USER_INPUT', field: 'itemCodes' }],
      ["another department's item", gql(`mutation { createFireRescueAnnualPlan(year: 2033, title: "x", itemCodes: ["${psHotelItem}"]) { id } }`, {}, { token: fireAdmin }), { code: 'BAD_USER_INPUT', field: 'itemCodes' }],
      ['an office coordinator', publishPlan(coordinator), { code: 'FORBIDDEN', field: 'Mutation.publishFireRescueAnnualPlan' }],
      ['an inspector of the department', publishPlan(await tokens.inspector('fire-rescue')), { code: 'FORBIDDEN', field: 'Mutation.publishFireRescueAnnualPlan' }],
      ["another department's admin", publishPlan(await tokens.admin('market-supervision')), { code: 'FORBIDDEN', field: 'Mutation.publishFireRescueAnnualPlan' }],
      ['the public', gql('mutation { publishFireRescueAnnualPlan(year: 2031) { id } }'), { code: 'UNAUTHENTICATED', field: 'Mutation.publishFireRescueAnnualPlan' }],
    ];
    for (const [what, pending, expected] of cases) expect((await pending).errors?.[0].extensions, what).toMatchObject(expected);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM annual_plan WHERE year = 2033")).toEqual([{ n: 0 }]);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM annual_plan_version v JOIN annual_plan p ON p.id = v.plan_id WHERE p.year = 2031")).toEqual([{ n: 1 }]);
  });

  it('no task under a draft: PRECONDITION_FAILED on the items, nothing written', async () => {
    const refused = await createTask(hotelItem);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'input.itemCodes', reason: 'not-published', year: YEAR });
    expect(refused.errors?.[0].message).toContain('2031年度抽查计划尚未公布');
    expect(await tasksOf2031()).toBe(0);
    // A year without any plan.
    const none = await createTask(hotelItem, '2045-Q1');
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'input.itemCodes', reason: 'no-plan', year: 2045 });
  });

  it('published: anyone reads it, and tasks of its items are created', async () => {
    const published = await publishPlan();
    expect(published.errors).toBeUndefined();
    expect(published.data.publishFireRescueAnnualPlan).toMatchObject({ status: 'PUBLISHED', versionInForce: 1 });

    const pub = await readPlan();
    expect(pub.errors).toBeUndefined();
    expect(pub.data.fireRescueAnnualPlan).toMatchObject({ status: 'PUBLISHED', versionInForce: 1, version: { number: 1, itemCodes: [hotelItem] } });
    expect(pub.data.fireRescueAnnualPlan.versions.map((v: any) => v.number)).toEqual([1]);
    expect(pub.data.fireRescueAnnualPlan.version.publishedAt).toMatch(/^2\d{3}-/);

    const again = await publishPlan();
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'year' });

    const task = await createTask(hotelItem);
    expect(task.errors).toBeUndefined();
    expect(task.data.createFireRescueTask.status).toBe('PENDING_DRAW');
    taskId = task.data.createFireRescueTask.id;

    const notPlanned = await createTask(laterItem);
    expect(notPlanned.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'input.itemCodes', reason: 'not-in-plan', missing: [laterItem] });
  });

  it('an adjustment needs a reason and counts only once re-published; version 1 stays readable', async () => {
    const noReason = await adjustPlan([hotelItem, laterItem], '补充');
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const adjusted = await adjustPlan([hotelItem, laterItem], '增加消防设施检查事项');
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data.adjustFireRescueAnnualPlan).toMatchObject({
      status: 'PUBLISHED',
      versionInForce: 1,
      version: { number: 2, itemCodes: [hotelItem, laterItem].sort(), note: '增加消防设施检查事项', publishedAt: null },
    });

    // The public still sees version 1 only; the department sees the pending draft too.
    const pub = (await readPlan()).data.fireRescueAnnualPlan;
    expect(pub).toMatchObject({ versionInForce: 1, version: { number: 1, itemCodes: [hotelItem] } });
    expect(pub.versions.map((v: any) => v.number)).toEqual([1]);
    const unpublished = await readPlan(undefined, 2);
    expect(unpublished.errors).toBeUndefined();
    expect(unpublished.data.fireRescueAnnualPlan).toBeNull();
    expect((await readPlan(fireAdmin)).data.fireRescueAnnualPlan.versions.map((v: any) => [v.number, v.publishedAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);

    const early = await createTask(laterItem);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'input.itemCodes', reason: 'adjustment-not-published', missing: [laterItem] });
    expect(early.errors?.[0].message).toContain('调整尚未重新公布');
    expect(early.errors?.[0].message).toContain('the adjustment is not re-published yet');

    const republished = await publishPlan();
    expect(republished.data.publishFireRescueAnnualPlan).toMatchObject({ status: 'PUBLISHED', versionInForce: 2 });
    const later = await createTask(laterItem);
    expect(later.errors).toBeUndefined();

    const now = (await readPlan()).data.fireRescueAnnualPlan;
    expect(now.version).toMatchObject({ number: 2, itemCodes: [hotelItem, laterItem].sort() });
    expect(now.versions.map((v: any) => [v.number, v.note])).toEqual([
      [1, null],
      [2, '增加消防设施检查事项'],
    ]);
    const first = (await readPlan(undefined, 1)).data.fireRescueAnnualPlan;
    expect(first.version).toMatchObject({ number: 1, itemCodes: [hotelItem], note: null });
  });

  it('versions and publications are append-only in the database', async () => {
    await expect(sql('fire-rescue', "UPDATE annual_plan_version SET note = 'rewritten' WHERE plan_id = 'FR-AP-2031'")).rejects.toThrow(/append-only/);
    await expect(sql('fire-rescue', "DELETE FROM annual_plan_publication WHERE plan_id = 'FR-AP-2031'")).rejects.toThrow(/append-only/);
  });

  it('closed: no more draws, inspection codes, tasks or changes', async () => {
    const run = (q: string, vars: Record<string, unknown>) => gql(q, vars, { token: coordinator });
    const commit = (id: string, seed: string) => run('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { status } }', { id, h: sha256(seed) });
    const drawTask = (id: string, seed: string) => run('mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { status } }', { id, s: seed });
    // One task drawn and published under the open plan (its codes could be issued)…
    const publishedSeed = `annual-plan-${taskId}-${Date.now()}`;
    expect((await commit(taskId, publishedSeed)).errors).toBeUndefined();
    expect((await drawTask(taskId, publishedSeed)).errors).toBeUndefined();
    expect((await run('mutation ($id: String!) { publishFireRescueDraw(taskId: $id) { status } }', { id: taskId })).errors).toBeUndefined();
    // … and one committed, waiting for its draw.
    const waiting = await createTask(hotelItem);
    expect(waiting.errors).toBeUndefined();
    const waitingId = waiting.data.createFireRescueTask.id;
    const seed = `annual-plan-${waitingId}-${Date.now()}`;
    expect((await commit(waitingId, seed)).errors).toBeUndefined();

    const tooShort = await closePlan('停');
    expect(tooShort.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const closed = await closePlan('年度工作调整，计划终止执行');
    expect(closed.errors).toBeUndefined();
    expect(closed.data.closeFireRescueAnnualPlan).toMatchObject({ status: 'CLOSED', versionInForce: 2 });

    const draw = await drawTask(waitingId, seed);
    expect(draw.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'taskId', reason: 'closed' });
    expect(await sql('fire-rescue', 'SELECT status FROM inspection_task WHERE id = $1', [waitingId])).toEqual([{ status: 'committed' }]);
    const codes = await run('mutation ($id: String!) { issueFireRescueInspectionCodes(taskId: $id) { codeId } }', { id: taskId });
    expect(codes.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'taskId', reason: 'closed' });
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_code WHERE task_id = $1', [taskId])).toEqual([{ n: 0 }]);
    expect((await createTask(hotelItem)).errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'closed' });

    for (const refused of [await closePlan('再次关闭计划'), await adjustPlan([hotelItem], '关闭后调整'), await publishPlan()]) {
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'year' });
    }
    // Still public, with every version.
    expect((await readPlan()).data.fireRescueAnnualPlan).toMatchObject({ status: 'CLOSED', versionInForce: 2 });
  });
});

describe("the office's annual plan gates joint draws", () => {
  const officePlan = (op: 'create' | 'publish' | 'adjust', vars: Record<string, unknown> = {}) => {
    const args = { create: '(year: $y, title: "2031年度联合抽查计划", itemCodes: $i)', publish: '(year: $y)', adjust: '(year: $y, itemCodes: $i, reason: "增加公安治安事项")' }[op];
    const decl = op === 'publish' ? '($y: Int!)' : '($y: Int!, $i: [String!]!)';
    const name = `${op}JointAnnualPlan`;
    return gql(`mutation ${decl} { ${name}${args} { status versionInForce } }`, { y: YEAR, ...vars }, { token: coordinator });
  };

  it('a joint commit is refused until the office publishes a plan with every participating item', async () => {
    const created = await gql(
      'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
      { input: { title: '2031年第二季度旅馆业联合抽查', industryCodes: ['6129'], period: `${YEAR}-Q2`, initiatingDepartment: 'FIRE_RESCUE', invitedDepartments: ['PUBLIC_SECURITY'], regionCode: '130433200' } },
      { token: coordinator },
    );
    expect(created.errors).toBeUndefined();
    const planId = created.data.createJointPlan.id;
    for (const [d, item] of [['fire-rescue', hotelItem], ['public-security', psHotelItem]]) {
      const joined = await gql('mutation ($id: String!, $i: [String!]!) { joinJointPlan(planId: $id, itemCodes: $i) { id } }', { id: planId, i: [item] }, { token: await tokens.admin(d) });
      expect(joined.errors).toBeUndefined();
    }
    const commit = () => gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { status } }', { id: planId, h: sha256(`joint-${planId}`) }, { token: coordinator });
    const refusal = async () => (await commit()).errors?.[0].extensions;

    // The departments' plans do not count: the office's own plan does.
    expect(await refusal()).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'planId', reason: 'no-plan' });

    // Only the office's coordinators make it.
    const foreign = await gql('mutation { createJointAnnualPlan(year: 2031, title: "x", itemCodes: ["x"]) { id } }', {}, { token: await token(['department-admin'], 'double-random-office') });
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.createJointAnnualPlan' });

    expect((await officePlan('create', { i: [hotelItem] })).errors).toBeUndefined();
    expect(await refusal()).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'not-published' });
    expect((await officePlan('publish')).data.publishJointAnnualPlan).toEqual({ status: 'PUBLISHED', versionInForce: 1 });
    expect(await refusal()).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'not-in-plan', missing: [psHotelItem] });
    expect((await officePlan('adjust', { i: [hotelItem, psHotelItem] })).errors).toBeUndefined();
    expect(await refusal()).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'adjustment-not-published', missing: [psHotelItem] });
    expect(await sql('joint-inspection', 'SELECT status FROM joint_plan WHERE id = $1', [planId])).toEqual([{ status: 'open' }]);

    expect((await officePlan('publish')).data.publishJointAnnualPlan).toEqual({ status: 'PUBLISHED', versionInForce: 2 });
    const ok = await commit();
    expect(ok.errors).toBeUndefined();
    expect(ok.data.commitJointDraw.status).toBe('COMMITTED');
    expect((await gql('{ jointAnnualPlan(year: 2031) { id department version { itemCodes } } }')).data.jointAnnualPlan).toEqual({
      id: 'DR-AP-2031',
      department: 'DOUBLE_RANDOM_OFFICE',
      version: { itemCodes: [hotelItem, psHotelItem].sort() },
    });
  });
});
