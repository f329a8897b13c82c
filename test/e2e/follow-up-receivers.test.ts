import { createHash, generateKeyPairSync } from 'node:crypto';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, subgraphRequest, SUITE_TODAY, token, tokens } from '../support/federation.js';
import { gqlEnum } from '../support/enums.js';
import type { Identity } from '../../shared/platform/auth.js';
import { CODE_VERSION, signInspectionCode } from '../../shared/platform/inspection-code.js';

/**
 * What the follow-up of an inspection (inspection records, in joint-inspection) calls:
 * - a referral (移交) delivered to a department, which its people see and follow up, and which
 *   tags the business `referral` in that department's target directory for 12 months;
 * - credit feedback (联合惩戒) into the register: a `finding-12m` risk tag that later draws read,
 *   so the business is drawn one class higher than its register class;
 * and the QR rendering of inspection codes the teams print.
 * Draws here: period 2034-Q1 in 路桥乡 (130433203), where no other test draws.
 */
// jsqr is CommonJS whose types declare an ES default export: the decoder is `.default` (at run time too).
const jsQR = jsqr.default;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const SERVICE: Identity = { subject: 'joint-inspection', roles: ['service'] };
const REGION = '130433203';
const run = Date.now().toString(36);
// Tags run for 12 months from the suite's today (2026-11-16) through 2027-11-15, worked out by hand.
const TAG_FROM = SUITE_TODAY;
const TAG_UNTIL = '2027-11-15';

const RECEIVE = `mutation ($r: DepartmentReferralInput!) { receiveDepartmentReferral(referral: $r) { referralId department status receivedAt } }`;
const FEEDBACK = `mutation ($f: CreditFeedbackInput!) { recordCreditFeedback(feedback: $f) {
  uscc tag sourceDepartment sourceRef resultCodes validFrom validUntil createdAt } }`;
const REFERRALS = `query ($status: ReferralStatus) { fireRescueIncomingReferrals(status: $status, first: 50) {
  totalCount nodes { referralId fromDepartment uscc taskId recordId itemCodes resultCodes finding status receivedBy acceptedBy acceptNote closedBy outcome tagId } } }`;

let fireAdmin: string;
let hotelItem: string;
/** Two hotels of 路桥乡 in fire and rescue's directory, register class B, no tags: one is referred, one gets credit feedback. */
let referred: string;
let flagged: string;

beforeAll(async () => {
  // Tasks and joint draws of 2034 need the published annual plans of 2034.
  await publishAnnualPlans(2034);
  fireAdmin = await tokens.admin('fire-rescue');
  const items = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE, industryCode: "6129" }, first: 10) { nodes { code claimed } } }');
  hotelItem = items.data.inspectionItems.nodes.find((i: { claimed: boolean }) => i.claimed).code;
  const hotels = await gql(
    `query ($region: String!) { enterprises(filter: { industryCodes: ["6129"], regionCode: $region, creditRiskClass: B, status: OPERATING }, first: 100) {
      nodes { uscc fireRescueTarget { tags { key } } } } }`,
    { region: REGION },
    { token: fireAdmin },
  );
  expect(hotels.errors).toBeUndefined();
  const untagged = hotels.data.enterprises.nodes
    .filter((e: { fireRescueTarget: { tags: unknown[] } | null }) => e.fireRescueTarget && e.fireRescueTarget.tags.length === 0)
    .map((e: { uscc: string }) => e.uscc);
  expect(untagged.length).toBeGreaterThanOrEqual(2);
  [referred, flagged] = untagged.slice(-2);
});

describe('referrals (移交): a service delivers a finding to fire and rescue', () => {
  const referral = () => ({
    referralId: `RF-2034-${run}`,
    fromDepartment: 'market-supervision',
    uscc: referred,
    taskId: 'JP-2034Q1-0001',
    recordId: `IR-2034-${run}`,
    itemCodes: ['MS-FS-001'],
    resultCodes: ['A', '5'],
    finding: '疏散通道堆放杂物，安全出口上锁 / escape route blocked, exit locked',
    referredAt: '2034-02-10T09:30:00+08:00',
  });

  it('is received once, seen by fire and rescue (not the public, not other departments), and tags the business for 12 months', async () => {
    const first = await subgraphRequest('fire-rescue', RECEIVE, { r: referral() }, SERVICE);
    expect(first.errors).toBeUndefined();
    const receipt = first.data.receiveDepartmentReferral;
    expect(receipt).toMatchObject({ referralId: referral().referralId, department: 'fire-rescue', status: 'received' });

    // A retry (the caller did not see the answer) returns the same receipt and writes nothing.
    const retry = await subgraphRequest('fire-rescue', RECEIVE, { r: referral() }, SERVICE);
    expect(retry.data.receiveDepartmentReferral).toEqual(receipt);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM incoming_referral WHERE referral_id = $1', [referral().referralId])).toEqual([{ n: 1 }]);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM target_tag WHERE key = 'referral' AND value = $1", [referral().referralId])).toEqual([{ n: 1 }]);

    // The same id for a different finding is a caller's bug, not a retry.
    const reused = await subgraphRequest('fire-rescue', RECEIVE, { r: { ...referral(), recordId: 'IR-OTHER' } }, SERVICE);
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'referral.referralId' });

    const seen = await gql(REFERRALS, { status: 'RECEIVED' }, { token: fireAdmin });
    expect(seen.errors).toBeUndefined();
    const mine = seen.data.fireRescueIncomingReferrals.nodes.filter((n: { referralId: string }) => n.referralId === referral().referralId);
    expect(mine).toEqual([
      expect.objectContaining({ fromDepartment: 'MARKET_SUPERVISION', uscc: referred, recordId: referral().recordId, resultCodes: ['A', '5'], status: 'RECEIVED', receivedBy: 'joint-inspection' }),
    ]);
    expect(mine[0].tagId).toEqual(expect.any(Number));

    for (const reader of [await tokens.analyst(), await token(['analyst'], 'fire-rescue'), await tokens.inspector('fire-rescue')]) {
      expect((await gql(REFERRALS, {}, { token: reader })).errors).toBeUndefined();
    }
    const anonymous = await gql(REFERRALS, {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const police = await gql(REFERRALS, {}, { token: await tokens.admin('public-security') });
    expect(police.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const tags = await gql('query ($u: String!) { enterprise(uscc: $u) { fireRescueTarget { tags { key value source validFrom validUntil } } } }', { u: referred }, { token: fireAdmin });
    expect(tags.data.enterprise.fireRescueTarget.tags).toEqual([
      { key: 'referral', value: referral().referralId, source: 'REFERRAL', validFrom: TAG_FROM, validUntil: TAG_UNTIL },
    ]);
  });

  it('is followed up by the department: received → accepted → closed, each step once, with who and a note', async () => {
    const id = referral().referralId;
    const inspector = await tokens.inspector('fire-rescue');
    const closeEarly = await gql('mutation ($id: String!) { closeFireRescueReferral(referralId: $id, outcome: "整改完毕") { status } }', { id }, { token: inspector });
    expect(closeEarly.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'referralId', status: 'received' });
    const stranger = await gql('mutation ($id: String!) { acceptFireRescueReferral(referralId: $id) { status } }', { id }, { token: await tokens.admin('market-supervision') });
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const accepted = await gql('mutation ($id: String!) { acceptFireRescueReferral(referralId: $id, note: "已安排复查") { status acceptedBy acceptNote acceptedAt } }', { id }, { token: inspector });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.acceptFireRescueReferral).toMatchObject({ status: 'ACCEPTED', acceptedBy: 'test-inspector-fire-rescue', acceptNote: '已安排复查' });
    const again = await gql('mutation ($id: String!) { acceptFireRescueReferral(referralId: $id) { status } }', { id }, { token: inspector });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');

    const closed = await gql('mutation ($id: String!) { closeFireRescueReferral(referralId: $id, outcome: "已责令整改并复查合格") { status closedBy outcome } }', { id }, { token: fireAdmin });
    expect(closed.data.closeFireRescueReferral).toEqual({ status: 'CLOSED', closedBy: 'test-department-admin-fire-rescue', outcome: '已责令整改并复查合格' });
    // The receipt of a late retry tells the sender where it stands.
    const retry = await subgraphRequest('fire-rescue', RECEIVE, { r: referral() }, SERVICE);
    expect(retry.data.receiveDepartmentReferral.status).toBe('closed');
  });

  it('delivered twice at the same moment, is stored once and both callers get the same receipt', async () => {
    const twin = { ...referral(), referralId: `RF-2034-${run}-race`, recordId: `IR-2034-${run}-race` };
    const [a, b] = await Promise.all([subgraphRequest('fire-rescue', RECEIVE, { r: twin }, SERVICE), subgraphRequest('fire-rescue', RECEIVE, { r: twin }, SERVICE)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.receiveDepartmentReferral).toEqual(b.data.receiveDepartmentReferral);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM incoming_referral WHERE referral_id = $1', [twin.referralId])).toEqual([{ n: 1 }]);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM target_tag WHERE key = 'referral' AND value = $1", [twin.referralId])).toEqual([{ n: 1 }]);
  });

  it('is refused to anyone but a service, and is not in the public API at all', async () => {
    const admin = await subgraphRequest('fire-rescue', RECEIVE, { r: { ...referral(), referralId: `RF-USER-${run}` } }, { subject: 'u', department: 'fire-rescue', roles: ['department-admin'] });
    expect(admin.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.receiveDepartmentReferral' });
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM incoming_referral WHERE referral_id = $1', [`RF-USER-${run}`])).toEqual([{ n: 0 }]);
    const viaGateway = await gql(RECEIVE, { r: referral() }, { token: fireAdmin });
    expect(viaGateway.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('credit feedback (联合惩戒): a finding raises the business in later draws', () => {
  const feedback = () => ({
    uscc: flagged,
    tag: 'finding-12m',
    sourceDepartment: 'fire-rescue',
    sourceRef: `IR-2034-${run}-fb`,
    resultCodes: ['A', '5'],
    note: '消防设施未保持完好有效',
  });

  it('records a finding-12m risk tag once, on Enterprise.riskTags for signed-in users; the table is append-only', async () => {
    const first = await subgraphRequest('market-supervision', FEEDBACK, { f: feedback() }, SERVICE);
    expect(first.errors).toBeUndefined();
    const tag = first.data.recordCreditFeedback;
    expect(tag).toMatchObject({ uscc: flagged, tag: 'finding-12m', sourceDepartment: 'FIRE_RESCUE', resultCodes: ['A', '5'], validFrom: TAG_FROM, validUntil: TAG_UNTIL });

    // A retry, and two at once, answer the same tag: one row.
    const [retry, twin] = await Promise.all([subgraphRequest('market-supervision', FEEDBACK, { f: feedback() }, SERVICE), subgraphRequest('market-supervision', FEEDBACK, { f: feedback() }, SERVICE)]);
    expect(retry.data.recordCreditFeedback).toEqual(tag);
    expect(twin.data.recordCreditFeedback).toEqual(tag);
    expect(await sql('market-supervision', 'SELECT count(*)::int AS n FROM register_risk_tag WHERE source_ref = $1', [feedback().sourceRef])).toEqual([{ n: 1 }]);
    await expect(sql('market-supervision', "UPDATE register_risk_tag SET valid_until = '2099-12-31' WHERE source_ref = $1", [feedback().sourceRef])).rejects.toThrow(/append-only/);

    const read = await gql('query ($u: String!) { enterprise(uscc: $u) { creditRiskClass riskTags { tag sourceRef validFrom validUntil } later: riskTags(asOf: "2034-06-01") { tag } } }', { u: flagged }, { token: await tokens.analyst() });
    expect(read.errors).toBeUndefined();
    expect(read.data.enterprise).toEqual({ creditRiskClass: 'B', riskTags: [{ tag: 'finding-12m', sourceRef: feedback().sourceRef, validFrom: TAG_FROM, validUntil: TAG_UNTIL }], later: [] });
    const anonymous = await gql('query ($u: String!) { enterprise(uscc: $u) { riskTags { tag } } }', { u: flagged });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const user = await subgraphRequest('market-supervision', FEEDBACK, { f: { ...feedback(), sourceRef: `X-${run}` } }, { subject: 'u', department: 'market-supervision', roles: ['department-admin'] });
    expect(user.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.recordCreditFeedback' });
    const noProblem = await subgraphRequest('market-supervision', FEEDBACK, { f: { ...feedback(), sourceRef: `Y-${run}`, resultCodes: ['1'] } }, SERVICE);
    expect(noProblem.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'feedback.resultCodes' });
  });

  it('a fire task committed afterwards draws the flagged hotel in class C, one above its register class B', async () => {
    const coordinator = await tokens.coordinator();
    const created = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: '2034年第一季度路桥乡旅馆消防安全抽查', itemCodes: [hotelItem], period: '2034-Q1', regionCode: REGION, ratios: { A: 0, B: 0, C: 10000, D: 0 } } },
      { token: coordinator },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createFireRescueTask.id as string;
    const seed = `follow-up-${id}-${run}`;
    const committed = await gql('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { status } }', { id, h: sha256(seed) }, { token: coordinator });
    expect(committed.errors).toBeUndefined();

    // The frozen pool carries the register's tag next to the register's class.
    const pool = (await sql('fire-rescue', 'SELECT pool FROM draw_commitment WHERE task_id = $1', [id]))[0].pool as { uscc: string; riskClass: string; tags: string[] }[];
    expect(pool.find((e) => e.uscc === flagged)).toEqual({ uscc: flagged, riskClass: 'B', tags: ['finding-12m'] });
    // The referral tag applies from today for 12 months, so not at this 2034 window: the referred hotel stays B.
    expect(pool.find((e) => e.uscc === referred)).toEqual({ uscc: referred, riskClass: 'B', tags: [] });

    // Class C is drawn in full (ratio 100 %), B not at all: the flagged hotel is drawn, as C.
    const drawn = await gql('mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { draw { targets(first: 100) { nodes { uscc drawClass } } } } }', { id, s: seed }, { token: coordinator });
    expect(drawn.errors).toBeUndefined();
    const targets = drawn.data.drawFireRescueTask.draw.targets.nodes as { uscc: string; drawClass: string }[];
    expect(targets.find((t) => t.uscc === flagged)).toEqual({ uscc: flagged, drawClass: 'C' });
    expect(targets.some((t) => t.uscc === referred)).toBe(false);
  });

  it('a joint plan committed afterwards carries the same register tag in its pool', async () => {
    const coordinator = await tokens.coordinator();
    const items = await gql('{ inspectionItems(filter: { industryCode: "6110" }, first: 100) { nodes { code department claimed joinable } } }');
    const itemsOf = (d: string) => items.data.inspectionItems.nodes.filter((i: any) => i.department === gqlEnum(d) && i.claimed && i.joinable).map((i: any) => i.code);
    const created = await gql(
      'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
      { input: { title: '2034年第二季度路桥乡旅馆业联合抽查', industryCodes: ['6110', '6121', '6129', '6130'], period: '2034-Q2', initiatingDepartment: 'FIRE_RESCUE', invitedDepartments: ['MARKET_SUPERVISION'], regionCode: REGION } },
      { token: coordinator },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createJointPlan.id as string;
    for (const d of ['fire-rescue', 'market-supervision']) {
      const joined = await gql('mutation ($id: String!, $codes: [String!]!) { joinJointPlan(planId: $id, itemCodes: $codes) { id } }', { id, codes: itemsOf(d) }, { token: await tokens.admin(d) });
      expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
    }
    const committed = await gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { id } }', { id, h: sha256(`joint-${id}-${run}`) }, { token: coordinator });
    expect(committed.errors).toBeUndefined();
    const pool = (await sql('joint-inspection', 'SELECT pool FROM draw_commitment WHERE task_id = $1', [id]))[0].pool as { uscc: string; riskClass: string; tags: string[] }[];
    expect(pool.find((e) => e.uscc === flagged)).toEqual({ uscc: flagged, riskClass: 'B', tags: ['finding-12m'] });
  });
});

describe('inspection codes as QR codes (public)', () => {
  // Well-formed but signed with a key that is not the office's: printing does not vouch for a code.
  const code = signInspectionCode(
    { v: CODE_VERSION, cid: '00000000-0000-4000-8000-000000000001', tid: 'FR-2034Q1-0001', uscc: '91130433MA0C1KQX3P', certs: ['130433030013', '130433030014'], items: ['FR-CV-001'], nbf: '2034-01-01', exp: '2034-03-31', iat: '2034-01-02T01:00:00.000Z' },
    generateKeyPairSync('ed25519').privateKey,
  );
  const QR = 'query ($t: String!, $f: QrFormat) { inspectionCodeQr(token: $t, format: $f) { format mimeType data } }';

  it('renders SVG by default and PNG on request, to anyone', async () => {
    const svg = await gql(QR, { t: code });
    expect(svg.errors).toBeUndefined();
    expect(svg.data.inspectionCodeQr).toMatchObject({ format: 'SVG', mimeType: 'image/svg+xml' });
    expect(svg.data.inspectionCodeQr.data).toMatch(/^<svg/);
    expect(svg.data.inspectionCodeQr.data).toContain('<path');

    const png = await gql(QR, { t: code, f: 'PNG' });
    expect(png.data.inspectionCodeQr).toMatchObject({ format: 'PNG', mimeType: 'image/png' });
    const bytes = Buffer.from(png.data.inspectionCodeQr.data, 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // What a phone reads from the picture is the link to the code's public page (YIYE_PUBLIC_URL,
    // default http://localhost:4000), so that its camera opens it (an independent decoder: jsQR).
    const image = PNG.sync.read(bytes);
    const read = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(read?.data).toBe(`http://localhost:4000/code/${code}`);
  });

  it('refuses what is not shaped like an inspection code', async () => {
    for (const t of ['hello', 'abc.def', `${code.split('.')[0]}.AAAA`, `${Buffer.from('{"v":1}').toString('base64url')}.${code.split('.')[1]}`]) {
      const res = await gql(QR, { t });
      expect(res.errors?.[0].extensions, t).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    }
  });
});
