import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueUserToken } from '../../shared/platform/auth.js';
import { gql, publishAnnualPlans, token } from '../support/federation.js';
import { internalOf } from '../support/enums.js';

/**
 * The office's two lists, through the gateway: the review queue (inspectionRecordsAwaitingReview)
 * and a joint plan's issued codes (jointInspectionCodes). One hotels joint plan of township
 * 130433103 (used by no other file) in the clock's quarter, public security and fire and rescue joined (market supervision stays out); two
 * drawn businesses' records entered by their teams. Token subjects `lists-…` (test/README.md).
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const PERIOD = '2026-Q4';
const TODAY = '2026-11-16';
const TOWNSHIP = '130433103';
const HOTELS = ['6110', '6121', '6129', '6130'];
const JOINED = ['public-security', 'fire-rescue'];
const TITLE = `${PERIOD} 旅馆业联合抽查（办公室清单）`;

let coordinator: string;
const admin: Record<string, string> = {};
let plan: any;
let codes: any[] = [];
const entered: any[] = [];
const inspectorToken = (c: { certificateNumber: string; department: string }) =>
  issueUserToken({ roles: ['inspector'], department: internalOf(c.department), certificateNumber: c.certificateNumber, subject: `lists-inspector-${c.certificateNumber}` });

const QUEUE = `query ($first: Int!, $after: String, $d: Department, $t: String) {
  inspectionRecordsAwaitingReview(first: $first, after: $after, department: $d, taskId: $t) {
    totalCount pageInfo { endCursor hasNextPage } nodes { id taskId uscc version status departments } } }`;
const CODES = `query ($id: String!, $first: Int!, $after: String) { jointInspectionCodes(planId: $id, first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } nodes { codeId taskId uscc status revokedAt revocationReason } } }`;
const queue = (vars: Record<string, unknown>, t?: string) => gql(QUEUE, { first: 20, ...vars }, { token: t });
const planCodes = (vars: Record<string, unknown>, t?: string) => gql(CODES, { id: plan.id, first: 20, ...vars }, { token: t });

beforeAll(async () => {
  coordinator = await token(['coordinator'], 'double-random-office', 'lists-coordinator');
  for (const d of [...JOINED, 'market-supervision']) admin[d] = await token(['department-admin'], d, `lists-admin-${d}`);
  await publishAnnualPlans(2026);
  const items = await gql('{ inspectionItems(filter: { industryCode: "6110" }, first: 100) { nodes { code department claimed joinable } } }');
  const created = await gql(
    'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
    { input: { title: TITLE, industryCodes: HOTELS, period: PERIOD, initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['FIRE_RESCUE'], regionCode: TOWNSHIP, workloadCap: 100 } }, // a wide cap: other files draw 2026-Q4 fire and rescue teams too (test/README.md)
    { token: coordinator },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  const id = created.data.createJointPlan.id;
  for (const d of JOINED) {
    const mine = items.data.inspectionItems.nodes.filter((i: any) => i.department === d.toUpperCase().replace('-', '_') && i.claimed && i.joinable).map((i: any) => i.code);
    const joined = await gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id, c: mine }, { token: admin[d] });
    expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
  }
  const seed = `lists-${Date.now()}`;
  expect((await gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { id } }', { id, h: sha256(seed) }, { token: coordinator })).errors).toBeUndefined();
  const drawn = await gql(
    'mutation ($id: String!, $s: String!) { drawJointPlan(planId: $id, seed: $s) { id draw { tasks(first: 100) { nodes { uscc itemCodes team { certificateNumber department } } } } } }',
    { id, s: seed },
    { token: coordinator },
  );
  expect(drawn.errors, JSON.stringify(drawn.errors)).toBeUndefined();
  plan = drawn.data.drawJointPlan;
  expect(plan.draw.tasks.nodes.length).toBeGreaterThanOrEqual(2);
  expect((await gql('mutation ($id: String!) { publishJointDraw(planId: $id) { status } }', { id }, { token: coordinator })).errors).toBeUndefined();
});

describe("a joint plan's issued codes (jointInspectionCodes)", () => {
  it('lists nothing before issuing, then exactly the issued codes, paged, without issuing any', async () => {
    const before = await planCodes({}, coordinator);
    expect(before.errors).toBeUndefined();
    expect(before.data.jointInspectionCodes).toEqual({ totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] });

    const issued = await gql('mutation ($id: String!) { issueJointInspectionCodes(planId: $id) { codeId taskId uscc token status revokedAt revocationReason } }', { id: plan.id }, { token: coordinator });
    expect(issued.errors).toBeUndefined();
    codes = issued.data.issueJointInspectionCodes;
    const n = plan.draw.tasks.nodes.length;
    expect(codes.map((c) => c.uscc)).toEqual(plan.draw.tasks.nodes.map((t: any) => t.uscc));
    expect(codes.map((c) => c.status)).toEqual(codes.map(() => 'ACTIVE'));

    const all = await planCodes({ first: 100 }, coordinator);
    expect(all.data.jointInspectionCodes.totalCount).toBe(n);
    expect([...all.data.jointInspectionCodes.nodes].sort((a: any, b: any) => a.codeId.localeCompare(b.codeId))).toEqual(
      codes.map(({ token: _t, ...c }) => c).sort((a, b) => a.codeId.localeCompare(b.codeId)),
    );
    const one = await planCodes({ first: 1 }, coordinator);
    expect(one.data.jointInspectionCodes.nodes).toEqual([all.data.jointInspectionCodes.nodes[0]]);
    expect(one.data.jointInspectionCodes.pageInfo.hasNextPage).toBe(true);
    const rest = await planCodes({ first: 100, after: one.data.jointInspectionCodes.pageInfo.endCursor }, coordinator);
    expect(rest.data.jointInspectionCodes.nodes).toEqual(all.data.jointInspectionCodes.nodes.slice(1));
    expect(rest.data.jointInspectionCodes.pageInfo.hasNextPage).toBe(false);
    // Listing issued nothing more.
    expect((await planCodes({ first: 100 }, coordinator)).data.jointInspectionCodes.totalCount).toBe(n);
  });

  it('a revoked code is listed as revoked with its reason', async () => {
    const revoked = await gql('mutation ($c: [String!]!, $r: String!) { revokeJointInspectionCodes(codes: $c, reason: $r) { codeId } }', { c: [codes[codes.length - 1].codeId], r: '检查组成员回避，重新派员' }, { token: coordinator });
    expect(revoked.errors).toBeUndefined();
    const nodes = (await planCodes({ first: 100 }, coordinator)).data.jointInspectionCodes.nodes;
    const byId = new Map(nodes.map((c: any) => [c.codeId, c]));
    expect(byId.get(codes[codes.length - 1].codeId)).toMatchObject({ status: 'REVOKED', revocationReason: '检查组成员回避，重新派员', revokedAt: expect.stringMatching(/Z$/) });
    expect(nodes.filter((c: any) => c.status === 'REVOKED')).toHaveLength(1);
    expect(nodes.filter((c: any) => c.revokedAt !== null)).toHaveLength(1);
  });

  it("the plan's departments may list them; anonymous and other departments are refused; an unknown plan is null", async () => {
    expect((await planCodes({}, admin['fire-rescue'])).data.jointInspectionCodes.totalCount).toBe(codes.length);
    const anonymous = await planCodes({});
    expect(anonymous.data).toEqual({ jointInspectionCodes: null });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'jointInspectionCodes' });
    const outsider = await planCodes({}, admin['market-supervision']);
    expect(outsider.data).toEqual({ jointInspectionCodes: null });
    expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'jointInspectionCodes' });
    const unknown = await gql(CODES, { id: 'JP-2026Q4-9999', first: 20 }, { token: coordinator });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ jointInspectionCodes: null });
    const badPage = await planCodes({ first: 0 }, coordinator);
    expect(badPage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('the review queue (inspectionRecordsAwaitingReview)', () => {
  it('lists the records entered, oldest first, paged, filtered by task and department', async () => {
    expect((await queue({ t: plan.id }, coordinator)).data.inspectionRecordsAwaitingReview.totalCount).toBe(0);
    for (const [i, task] of plan.draw.tasks.nodes.slice(0, 2).entries()) {
      const member = await inspectorToken(task.team[1]);
      const scan = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: codes[i].token }, { token: member });
      expect(scan.errors, JSON.stringify(scan.errors)).toBeUndefined();
      const record = {
        submissionKey: `lists-${plan.id}-${i}`,
        taskId: plan.id,
        uscc: task.uscc,
        inspectedOn: TODAY,
        leader: task.team[0].certificateNumber,
        team: [task.team[0].certificateNumber, task.team[1].certificateNumber],
        experts: [],
        itemResults: task.itemCodes.map((c: string) => ({ itemCode: c, resultCodes: ['1'] })),
        findings: '旅客住宿登记、消防通道抽查',
      };
      const submitted = await gql('mutation ($r: InspectionRecordInput!) { submitInspectionRecord(record: $r) { id } }', { r: record }, { token: member });
      expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
      entered.push({ id: submitted.data.submitInspectionRecord.id, uscc: task.uscc });
    }
    const expected = entered.map((e) => ({ id: e.id, taskId: plan.id, uscc: e.uscc, version: 1, status: 'AWAITING_REVIEW', departments: ['PUBLIC_SECURITY', 'FIRE_RESCUE'] }));
    const all = await queue({ t: plan.id }, coordinator);
    expect(all.errors).toBeUndefined();
    expect(all.data.inspectionRecordsAwaitingReview.totalCount).toBe(2);
    expect(all.data.inspectionRecordsAwaitingReview.nodes).toEqual(expected);

    const first = await queue({ t: plan.id, first: 1 }, coordinator);
    expect(first.data.inspectionRecordsAwaitingReview).toMatchObject({ totalCount: 2, nodes: [expected[0]], pageInfo: { hasNextPage: true } });
    const second = await queue({ t: plan.id, first: 1, after: first.data.inspectionRecordsAwaitingReview.pageInfo.endCursor }, coordinator);
    expect(second.data.inspectionRecordsAwaitingReview).toMatchObject({ totalCount: 2, nodes: [expected[1]], pageInfo: { hasNextPage: false } });

    expect((await queue({ t: plan.id, d: 'FIRE_RESCUE' }, coordinator)).data.inspectionRecordsAwaitingReview.nodes).toEqual(expected);
    expect((await queue({ t: plan.id, d: 'MARKET_SUPERVISION' }, coordinator)).data.inspectionRecordsAwaitingReview).toEqual({ totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] });
    // Across every task: ours are in it, in entry order.
    const everything = await queue({ first: 100 }, coordinator);
    const ids = everything.data.inspectionRecordsAwaitingReview.nodes.map((r: any) => r.id);
    expect(ids.filter((id: string) => entered.some((e) => e.id === id))).toEqual(entered.map((e) => e.id));
  });

  it('a reviewed record leaves the queue; the next page does not shift', async () => {
    const first = await queue({ t: plan.id, first: 1 }, coordinator);
    const published = await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH) { status } }', { id: entered[0].id }, { token: coordinator });
    expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();
    const next = await queue({ t: plan.id, first: 1, after: first.data.inspectionRecordsAwaitingReview.pageInfo.endCursor }, coordinator);
    expect(next.data.inspectionRecordsAwaitingReview.nodes.map((r: any) => r.id)).toEqual([entered[1].id]);
    const now = await queue({ t: plan.id }, coordinator);
    expect(now.data.inspectionRecordsAwaitingReview.totalCount).toBe(1);
    expect(now.data.inspectionRecordsAwaitingReview.nodes.map((r: any) => r.id)).toEqual([entered[1].id]);
  });

  it('office coordinators only: anonymous and department admins are refused; bad arguments are named', async () => {
    const anonymous = await queue({ t: plan.id });
    expect(anonymous.data).toEqual({ inspectionRecordsAwaitingReview: null });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'inspectionRecordsAwaitingReview' });
    const admin_ = await queue({ t: plan.id }, admin['public-security']);
    expect(admin_.data).toEqual({ inspectionRecordsAwaitingReview: null });
    expect(admin_.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'inspectionRecordsAwaitingReview' });
    expect((await queue({ first: 101 }, coordinator)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await queue({ after: 'not-a-cursor!' }, coordinator)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
