import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseName, urlForDatabase } from '../../shared/platform/orm.js';
import { callSubgraph, serviceFailure } from '../../shared/platform/service-client.js';
import { freePort } from '../../scripts/postgres.js';
import { gql, sql, subgraphPid, tokens } from '../support/federation.js';

/**
 * The edge of every subgraph (shared/platform/edge-validation.ts), department refusals passed on with their
 * own code (shared/platform/service-client.ts), and what a client sees when a department does not answer
 * (shared/platform/error-mask.ts). Through the gateway, on the demo county.
 */
const INTERNAL_TEXT = /select |insert into|update .* set|\bat .*\(|\bpg\b|postgres|node_modules|\.ts:\d|ECONNREFUSED|127\.0\.0\.1/i;

let coordinator: string;
let fireAdmin: string;
let psAdmin: string;

beforeAll(async () => {
  coordinator = await tokens.coordinator();
  fireAdmin = await tokens.admin('fire-rescue');
  psAdmin = await tokens.admin('public-security');
});

const trailCount = async (subgraph: string) => (await sql(subgraph, 'SELECT count(*)::int AS n FROM trail'))[0].n as number;
const lastTrail = async (subgraph: string) =>
  (await sql(subgraph, 'SELECT operation, outcome FROM trail ORDER BY seq DESC LIMIT 1'))[0] as { operation: string; outcome: string };

describe('strings are checked at the edge, in variables, input objects and list items', () => {
  it('a NUL in a variable, without a token: BAD_USER_INPUT naming the argument, no SQL in the message', async () => {
    const res = await gql('query ($x: String!) { jointPlan(id: $x) { id } }', { x: 'x\u0000' });
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', reason: 'control-character' });
    expect(res.errors![0].message).toBe('“id”含有不允许的控制字符（第2个字符，U+0000），请删除后重试 / id contains a control character (U+0000 at position 2); only tab and newline are allowed');
    expect(res.errors![0].message).not.toMatch(INTERNAL_TEXT);
  });

  it('a control character in a list item of an input object refuses the mutation, which writes nothing but its refusal in the trail', async () => {
    const tasks = await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_task');
    const trail = await trailCount('fire-rescue');
    const res = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: '第二季度消防抽查', itemCodes: ['FR-FL-001', 'FR-\u001b[31m'], period: '2026-Q2' } },
      { token: coordinator },
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemCodes[1]', reason: 'control-character' });
    expect(res.errors?.[0].message).toContain('U+001B');
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_task')).toEqual(tasks);
    expect(await trailCount('fire-rescue')).toBe(trail + 1);
    expect(await lastTrail('fire-rescue')).toEqual({ operation: 'Mutation.createFireRescueTask', outcome: 'BAD_USER_INPUT' });
  });

  it('tab and newline are allowed; a 100,000-character title is too long (at most 1,000)', async () => {
    const res = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: 'x'.repeat(100_000), itemCodes: ['FR-FL-001'], period: '2026-Q2' } },
      { token: coordinator },
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', reason: 'too-long', maxLength: 1000 });
    expect(res.errors?.[0].message).toBe('“input.title”过长：100000个字符，最多1000个 / input.title is too long: 100000 characters, at most 1000');
    // A reason is long text: 10,000 characters; tab and newline pass the edge (the resolver then decides).
    const tabbed = await gql('mutation { finalizeJointMerge(period: "2026-Q\\t1") { version } }', {}, { token: coordinator });
    expect(tabbed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period', reason: 'not-a-period' });
  });
});

describe('dates, periods and numbers within the documented range (years 2000–2100)', () => {
  const TARGET = { uscc: '91130433MA0CXY1234', venueCategory: 'crowded-venue' };

  it.each(['0001-01-01', '0000-01-01', '1999-12-31', '2101-01-01'])('effectiveFrom %s is refused on a target, a conflict and an inspector', async (day) => {
    const date = `${day}T00:00:00+08:00`;
    const shown = new Date(date).toISOString();
    const before = await sql('fire-rescue', 'SELECT count(*)::int AS n FROM supervised_target');
    const target = await gql(
      'mutation ($input: FireRescueTargetInput!, $d: DateTime) { addFireRescueTarget(input: $input, effectiveFrom: $d) { uscc } }',
      { input: TARGET, d: date },
      { token: fireAdmin },
    );
    expect(target.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom', reason: 'out-of-range', minYear: 2000, maxYear: 2100 });
    expect(target.errors?.[0].message).toBe(`“effectiveFrom”的“${shown}”超出允许的年份范围（2000—2100年） / effectiveFrom "${shown}" is outside the years 2000–2100`);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM supervised_target')).toEqual(before);

    const conflict = await gql(
      `mutation ($d: DateTime) { declareFireRescueInspectorConflict(certificateNumber: "FR-000001", uscc: "${TARGET.uscc}", kind: RELATIVE, reason: "其配偶为法定代表人", effectiveFrom: $d) { id } }`,
      { d: date },
      { token: fireAdmin },
    );
    expect(conflict.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom', reason: 'out-of-range' });

    const inspector = await gql(
      'mutation ($d: DateTime) { addPublicSecurityInspector(effectiveFrom: $d, input: { certificateNumber: "PS-EDGE-0001", name: "张三", expertise: [] }) { certificateNumber } }',
      { d: date },
      { token: psAdmin },
    );
    expect(inspector.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom', reason: 'out-of-range' });
  });

  it('a day that does not exist, or a text that is no date, is refused at the edge', async () => {
    const res = await gql('query { enterprise(uscc: "9113043300GFHKY8ER") { creditRiskClassAsOf(date: "2026-02-30") } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date', reason: 'not-a-date' });
    expect(res.errors?.[0].message).toBe('“date”的值无效：日期应为真实存在的“YYYY-MM-DD”，收到"2026-02-30" / date: a date must be a real day written YYYY-MM-DD, got "2026-02-30"');
    const text = await gql('query { enterprise(uscc: "9113043300GFHKY8ER") { creditRiskClassAsOf(date: "yesterday") } }');
    expect(text.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date', reason: 'not-a-date' });
    // The same in a variable, and inside an input object: the field is the argument's path.
    const variable = await gql('query ($d: Date!) { enterprise(uscc: "9113043300GFHKY8ER") { creditRiskClassAsOf(date: $d) } }', { d: '2026-2-3' });
    expect(variable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date', reason: 'not-a-date', variable: 'd' });
    const nested = await gql(
      'mutation ($input: TargetTagInput!) { tagFireRescueTarget(uscc: "9113043300GFHKY8ER", input: $input) { id } }',
      { input: { key: 'high-risk', reason: '研判', validFrom: '2026-13-01' } },
      { token: fireAdmin },
    );
    expect(nested.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validFrom' });
    expect(nested.errors?.[0].message).toContain('日期应为真实存在的“YYYY-MM-DD”');
  });

  it('a value that is not one of its enum is BAD_USER_INPUT naming the field, in a variable or a literal', async () => {
    const variable = await gql('query ($s: TaskStatus) { fireRescueTasks(status: $s, first: 1) { totalCount } }', { s: 'published' });
    expect(variable.errors).toHaveLength(1);
    expect(variable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status', reason: 'not-an-enum-value', variable: 's' });
    expect(variable.errors?.[0].message).toBe('“status”的值无效：“published”不是TaskStatus的取值 / status: "published" is not a value of TaskStatus');
    const literal = await gql('{ fireRescueTasks(status: published, first: 1) { totalCount } }');
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status', reason: 'not-an-enum-value' });
    const nested = await gql('query ($f: InspectorFilter) { fireRescueInspectors(filter: $f, first: 1) { totalCount } }', { f: { status: 'on-leave' } }, { token: fireAdmin });
    expect(nested.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.status', reason: 'not-an-enum-value' });
    const good = await gql('query ($s: TaskStatus) { fireRescueTasks(status: $s, first: 1) { totalCount } }', { s: 'PUBLISHED' });
    expect(good.errors).toBeUndefined();
  });

  it('finalizeJointMerge(period: "0000-Q1") is refused and stores nothing', async () => {
    const before = await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_merge');
    const res = await gql('mutation { finalizeJointMerge(period: "0000-Q1") { version } }', {}, { token: coordinator });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period', reason: 'out-of-range' });
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_merge')).toEqual(before);
  });

  it('a negative page size or year is refused', async () => {
    const page = await gql('{ inspectionItems(first: -1) { totalCount } }');
    expect(page.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', reason: 'out-of-range', min: 0 });
    const year = await gql('{ fireRescueAnnualPlan(year: -2026) { year } }');
    expect(year.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year', min: 2000, max: 2100 });
  });
});

describe("a department's refusal travels back with its own code", () => {
  it.each([
    ['jointDrawExport(taskId: "FR-2099Q1-9999")', 'jointDrawExport'],
    ['jointDrawVerification(taskId: "FR-2099Q1-9999") { match }', 'jointDrawVerification'],
  ])('%s: the department\'s NOT_FOUND becomes null (a lookup), not SERVICE_UNAVAILABLE', async (field, name) => {
    const res = await gql(`{ ${field} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ [name]: null });
  });

  it('a task number no department has is BAD_USER_INPUT naming taskId', async () => {
    const res = await gql('{ jointDrawExport(taskId: "XX-2026Q1-0001") }');
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskId' });
    expect(res.data).toEqual({ jointDrawExport: null });
  });

  it('a service call refused by the department gives its BAD_USER_INPUT; one that finds nobody gives SERVICE_UNAVAILABLE with a retry hint', async () => {
    process.env.YIYE_SUBGRAPH_URLS = JSON.stringify({ ...inject('subgraphUrls'), nowhere: `http://127.0.0.1:${await freePort()}/graphql` });
    const caller = { subject: 'edge-test', department: 'double-random-office', roles: ['coordinator'] };
    const query = 'query ($taskId: String!) { departmentDrawExport(taskId: $taskId) }';
    const refused = await callSubgraph('fire-rescue', caller, query, { taskId: 'FR-\u0000' });
    expect(refused.ok).toBe(false);
    const forwarded = serviceFailure(refused, '部门暂时无法应答', 'the department is not answering', { field: 'taskId' });
    expect(forwarded.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taskId', reason: 'control-character', department: 'fire-rescue' });

    const nobody = await callSubgraph('nowhere', caller, query, { taskId: 'FR-2026Q2-0001' });
    const unavailable = serviceFailure(nobody, '部门暂时无法应答', 'the department is not answering', { field: 'taskId' });
    expect(unavailable.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5, unansweredDepartments: ['nowhere'], field: 'taskId' });
    expect(unavailable.message).toBe('部门暂时无法应答，请5秒后重试 / the department is not answering (nowhere: ECONNREFUSED); try again in 5 s');
  });
});

describe('writes racing each other', () => {
  it('eight admins drafting the same annual plan at once: one plan, the others CONFLICT, none an internal error', async () => {
    const create = () =>
      gql('mutation { createFireRescueAnnualPlan(year: 2097, title: "2097年度消防抽查计划", itemCodes: ["FR-FL-001"]) { year } }', {}, { token: fireAdmin });
    const answers = await Promise.all(Array.from({ length: 8 }, create));
    const codes = answers.map((a) => (a.errors ? a.errors[0].extensions?.code : 'ok'));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(7);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM annual_plan WHERE year = 2097")).toEqual([{ n: 1 }]);
  });
});

describe('a department that does not answer', () => {
  it('paused fire and rescue: the business page keeps the register and public security, and names fire and rescue as SERVICE_UNAVAILABLE', async () => {
    const analyst = await tokens.analyst();
    const query = '{ enterprises(first: 3, filter: { industryCodes: ["6129"] }) { nodes { uscc name publicSecurityTarget { brigade } fireRescueTarget { venueCategory } } } }';
    const healthy = await gql(query, {}, { token: analyst });
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data.enterprises.nodes).toHaveLength(3);
    const pid = await subgraphPid('fire-rescue');
    process.kill(pid, 'SIGSTOP');
    let paused;
    try {
      paused = await gql(query, {}, { token: analyst });
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(paused.status).toBe(200);
    expect(paused.errors).toHaveLength(1);
    expect(paused.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', department: 'fire-rescue', retryAfterSeconds: 5 });
    expect(paused.errors![0].message).toBe('消防救援大队暂时无法应答，请5秒后重试 / fire-rescue is not answering; try again in 5 s');
    expect(paused.data.enterprises.nodes).toEqual(
      healthy.data.enterprises.nodes.map((n: Record<string, unknown>) => ({ ...n, fireRescueTarget: null })),
    );
  }, 60_000);
});

describe('a database that does not answer', () => {
  it("fire and rescue's database refuses connections: SERVICE_UNAVAILABLE with a retry hint, the other departments are served, and it recovers by itself", async () => {
    const fireDb = databaseName('fire-rescue', inject('dbPrefix'));
    const admin = new pg.Client({ connectionString: urlForDatabase(inject('pgUrl'), 'postgres') });
    await admin.connect();
    const query = '{ enterprises(first: 3, filter: { industryCodes: ["6129"] }) { nodes { uscc name publicSecurityTarget { brigade } fireRescueTarget { venueCategory } } } }';
    const token = await tokens.analyst();
    const healthy = await gql(query, {}, { token });
    expect(healthy.errors).toBeUndefined();
    let down;
    try {
      // What a restart looks like to the subgraph: its connections dropped, new ones refused.
      await admin.query(`ALTER DATABASE "${fireDb}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [fireDb]);
      down = await gql(query, {}, { token });
    } finally {
      await admin.query(`ALTER DATABASE "${fireDb}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(down.status).toBe(200);
    // One error per business whose fire record could not be read, all the same.
    expect(down.errors!.length).toBeGreaterThan(0);
    expect(new Set(down.errors!.map((e) => e.message))).toEqual(new Set(['数据库暂时无法应答，请5秒后重试 / the database is not answering; try again in 5 s']));
    expect(new Set(down.errors!.map((e) => `${e.extensions?.code} ${e.extensions?.retryAfterSeconds} ${e.extensions?.serviceName}`))).toEqual(new Set(['SERVICE_UNAVAILABLE 5 fire-rescue']));
    expect(down.data.enterprises.nodes).toEqual(healthy.data.enterprises.nodes.map((n: Record<string, unknown>) => ({ ...n, fireRescueTarget: null })));
    expect(await gql(query, {}, { token })).toEqual(healthy);
  });
});
