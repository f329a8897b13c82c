import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueUserToken } from '../../shared/platform/auth.js';
import * as clock from '../../shared/platform/clock.js';
import { coveredYears } from '../../shared/domain/working-days.js';
import { gql, publishAnnualPlans, sql, token, tokens } from '../support/federation.js';
import { gqlEnum, internalOf } from '../support/enums.js';

/**
 * One joint task from published plan to published result, through the gateway, as the people
 * who do it: the office draws a hotels plan for 王桥乡 in the current quarter of the suite's clock
 * (codes are valid only inside the task's window; YIYE_NOW puts "today" in 2026-Q4, where only
 * files that carry out inspections plan, each in its own township: test/README.md), issues the inspection codes; an
 * inspector of the drawn team scans in at the business, enters the record (the field device
 * retries: one record), the office returns it once and publishes the second version; the public
 * reads the result; the finding is referred to fire and rescue, who see it in their own
 * subgraph; the register carries the credit feedback; the trails verify. Every forbidden step
 * on the way is tried and refused. Township 130433201 is used by no other test file.
 * Deadlines in working days need the holiday calendar of their year: the overdue list is checked
 * on a plan of 2026-Q3, whose deadline the National Day holiday moves.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TODAY = clock.today();
// Worked out by hand from the suite's clock, Monday 2026-11-16 (no public holiday or make-up day until 2027).
const SUITE_TODAY = '2026-11-16';
const TWENTY_WORKING_DAYS_LATER = '2026-12-14';
const THREE_WORKING_DAYS_LATER = '2026-11-19';
const YEAR = Number(TODAY.slice(0, 4));
const PERIOD = `${YEAR}-Q${Math.ceil(Number(TODAY.slice(5, 7)) / 3)}`;
const TOWNSHIP = '130433201';
const HOTELS = ['6110', '6121', '6129', '6130'];
const DEPARTMENTS = ['public-security', 'fire-rescue', 'market-supervision'];

let coordinator: string;
const admin: Record<string, string> = {};
let plan: any;
let task: any; // the joint task we walk: one drawn business
let other: any; // another drawn business, left without a record
let code: any;
const inspectorToken = (c: { certificateNumber: string; department: string }) =>
  issueUserToken({ roles: ['inspector'], department: internalOf(c.department), certificateNumber: c.certificateNumber, subject: `walk-inspector-${c.certificateNumber}` });

const PLAN = `id status windowStart windowEnd draw { tasks(first: 100) { nodes { uscc itemCodes team { certificateNumber department role } } } }`;
const RECORD = `id taskId taskTitle department departments uscc version supersedes correctionReason status method offSite scanId inspectedOn leader team
  itemResults { itemCode department resultCodes } findings enteredByCertificate publicationDueBy
  review { decision reason } followUps { kind status recipient }`;

const submit = (record: Record<string, unknown>, t: string) =>
  gql(`mutation ($r: InspectionRecordInput!) { submitInspectionRecord(record: $r) { ${RECORD} } }`, { r: record }, { token: t });
const review = (recordId: string, decision: string, reason: string | null, t: string) =>
  gql(`mutation ($id: String!, $d: ReviewDecision!, $r: String) { reviewInspectionRecord(recordId: $id, decision: $d, reason: $r) { ${RECORD} } }`, { id: recordId, d: gqlEnum(decision), r: reason }, { token: t });

function recordOf(t: any, key: string, results: Record<string, string[]> = {}) {
  const [leader, second] = t.team;
  return {
    submissionKey: key,
    taskId: plan.id,
    uscc: t.uscc,
    inspectedOn: TODAY,
    leader: leader.certificateNumber,
    team: [leader.certificateNumber, second.certificateNumber],
    experts: [],
    itemResults: t.itemCodes.map((c: string) => ({ itemCode: c, resultCodes: results[c] ?? ['1'] })),
    findings: '旅客住宿登记、消防通道、电梯维保抽查',
    followUpMeasures: null,
  };
}

/** A hotels joint plan of 王桥乡 for `period`, every department's joinable items in, drawn (not yet published). */
async function drawnHotelsPlan(period: string): Promise<any> {
  const items = await gql('{ inspectionItems(filter: { industryCode: "6110" }, first: 100) { nodes { code department claimed joinable } } }');
  const created = await gql(
    `mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { ${PLAN} } }`,
    {
      input: {
        title: `${period} 王桥乡旅馆业联合抽查`,
        industryCodes: HOTELS,
        period,
        initiatingDepartment: 'PUBLIC_SECURITY',
        invitedDepartments: ['FIRE_RESCUE', 'MARKET_SUPERVISION'],
        regionCode: TOWNSHIP,
      },
    },
    { token: coordinator },
  );
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  const id = created.data.createJointPlan.id;
  for (const d of DEPARTMENTS) {
    const codes = items.data.inspectionItems.nodes.filter((i: any) => i.department === gqlEnum(d) && i.claimed && i.joinable).map((i: any) => i.code);
    const joined = await gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id, c: codes }, { token: admin[d] });
    expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
  }
  const seed = `walk-${period}-${Date.now()}`;
  const committed = await gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { id } }', { id, h: sha256(seed) }, { token: coordinator });
  expect(committed.errors, JSON.stringify(committed.errors)).toBeUndefined();
  const drawn = await gql(`mutation ($id: String!, $s: String!) { drawJointPlan(planId: $id, seed: $s) { ${PLAN} } }`, { id, s: seed }, { token: coordinator });
  expect(drawn.errors, JSON.stringify(drawn.errors)).toBeUndefined();
  return drawn.data.drawJointPlan;
}

beforeAll(async () => {
  // Subjects of this file only (walk-…), so that its trail entries can be told from other files'.
  coordinator = await token(['coordinator'], 'double-random-office', 'walk-coordinator');
  for (const d of DEPARTMENTS) admin[d] = await token(['department-admin'], d, `walk-admin-${d}`);
  // Every department's and the office's annual plan of this year, published (other files may have done it already).
  await publishAnnualPlans(YEAR);
  plan = await drawnHotelsPlan(PERIOD);
  expect(plan.draw.tasks.nodes.length).toBeGreaterThanOrEqual(2);
  [task, other] = plan.draw.tasks.nodes;
});

describe('one joint task from published plan to published result', () => {
  it("runs on the suite's clock (vitest.config.ts), whatever the calendar says", () => {
    expect(TODAY).toBe(SUITE_TODAY);
    expect(PERIOD).toBe('2026-Q4');
  });

  it('no plan, no task: a year whose annual plan is not published takes no task at all', async () => {
    const later = `${YEAR + 14}-Q1`; // no test publishes plans for that year (test/README.md)
    const refused = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: '无计划的抽查', itemCodes: plan.draw.tasks.nodes[0].itemCodes.filter((c: string) => c.startsWith('FR-')), period: later, regionCode: TOWNSHIP } },
      { token: admin['fire-rescue'] },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'input.itemCodes', reason: 'no-plan', year: YEAR + 14 });
  });

  it('no codes before the draw is published; afterwards one signed code per joint task, the same on re-issue', async () => {
    const issue = () => gql('mutation ($id: String!) { issueJointInspectionCodes(planId: $id) { codeId uscc token certificateNumbers itemCodes validFrom validUntil } }', { id: plan.id }, { token: coordinator });
    const early = await issue();
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'planId', status: 'drawn' });
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_code WHERE task_id = $1', [plan.id])).toEqual([{ n: 0 }]);

    const published = await gql('mutation ($id: String!) { publishJointDraw(planId: $id) { status } }', { id: plan.id }, { token: coordinator });
    expect(published.data.publishJointDraw.status).toBe('PUBLISHED');
    const byDepartment = await gql('mutation ($id: String!) { issueJointInspectionCodes(planId: $id) { codeId } }', { id: plan.id }, { token: admin['fire-rescue'] });
    expect(byDepartment.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.issueJointInspectionCodes' });

    const first = await issue();
    expect(first.errors).toBeUndefined();
    expect(first.data.issueJointInspectionCodes.map((c: any) => c.uscc)).toEqual(plan.draw.tasks.nodes.map((t: any) => t.uscc));
    expect((await issue()).data.issueJointInspectionCodes.map((c: any) => c.codeId)).toEqual(first.data.issueJointInspectionCodes.map((c: any) => c.codeId));
    code = first.data.issueJointInspectionCodes[0];
    expect(code).toMatchObject({ uscc: task.uscc, itemCodes: task.itemCodes, validFrom: plan.windowStart, validUntil: plan.windowEnd });
    expect(code.certificateNumbers).toEqual(task.team.map((m: any) => m.certificateNumber));
  });

  it('the business scans the code: the task is lawful, the team and its certificates are shown', async () => {
    const scan = await gql('query ($c: String!) { inspectionCodeScan(code: $c) { status taskId taskTitle department uscc certificateNumbers inspectors { certificateNumber name department } items { code legalBasis } } }', { c: code.token });
    expect(scan.errors).toBeUndefined();
    expect(scan.data.inspectionCodeScan).toMatchObject({
      status: 'VALID',
      taskId: plan.id,
      taskTitle: `${PERIOD} 王桥乡旅馆业联合抽查`,
      department: 'PUBLIC_SECURITY',
      uscc: task.uscc,
      certificateNumbers: task.team.map((m: any) => m.certificateNumber),
    });
    expect(scan.data.inspectionCodeScan.items.map((i: any) => i.code).sort()).toEqual([...task.itemCodes].sort());
    // 亮证执法: each inspector by name and certificate, as their department's directory has them.
    const names = await Promise.all(
      task.team.map(async (m: any) => (await sql(internalOf(m.department), 'SELECT name FROM inspector WHERE certificate_number = $1 AND valid_to IS NULL', [m.certificateNumber]))[0].name),
    );
    expect(scan.data.inspectionCodeScan.inspectors).toEqual(task.team.map((m: any, n: number) => ({ certificateNumber: m.certificateNumber, name: names[n], department: m.department })));
  });

  it('no visit without a scan, and only an inspector of the drawn team may scan in or enter the record', async () => {
    const member = await inspectorToken(task.team[1]);
    const noScan = await submit(recordOf(task, `walk-noscan-${plan.id}`), member);
    expect(noScan.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'record.method' });

    const outsider = other.team.find((m: any) => !task.team.some((t: any) => t.certificateNumber === m.certificateNumber));
    const wrongScan = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: code.token }, { token: await inspectorToken(outsider) });
    expect(wrongScan.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
    const noCertificate = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: code.token }, { token: await token(['inspector'], 'fire-rescue', 'walk-inspector-without-certificate') });
    expect(noCertificate.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.recordInspectionScan' });
    const forged = code.token.slice(0, -4) + (code.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const forgedScan = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: forged }, { token: member });
    expect(forgedScan.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', scanStatus: 'forged' });
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM visit_scan WHERE task_id = $1', [plan.id])).toEqual([{ n: 0 }]);

    const scanned = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId taskId uscc certificateNumber code { status } } }', { c: code.token }, { token: member });
    expect(scanned.errors).toBeUndefined();
    expect(scanned.data.recordInspectionScan).toMatchObject({ taskId: plan.id, uscc: task.uscc, certificateNumber: task.team[1].certificateNumber, code: { status: 'VALID' } });

    const wrongInspector = await submit(recordOf(task, `walk-outsider-${plan.id}`), await inspectorToken(outsider));
    expect(wrongInspector.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'record' });
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_record WHERE task_id = $1', [plan.id])).toEqual([{ n: 0 }]);
  });

  let v1: any;
  let v2: any;
  it('the field device submits twice with one key: one record; a reused key with other content is refused', async () => {
    const member = await inspectorToken(task.team[1]);
    const body = recordOf(task, `walk-v1-${plan.id}`);
    const [a, b] = await Promise.all([submit(body, member), submit(body, member)]);
    expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    expect(b.errors, JSON.stringify(b.errors)).toBeUndefined();
    v1 = a.data.submitInspectionRecord;
    expect(b.data.submitInspectionRecord.id).toBe(v1.id);
    expect(v1).toMatchObject({
      taskId: plan.id,
      taskTitle: `${PERIOD} 王桥乡旅馆业联合抽查`,
      department: 'PUBLIC_SECURITY',
      departments: DEPARTMENTS.map(gqlEnum),
      uscc: task.uscc,
      version: 1,
      status: 'AWAITING_REVIEW',
      method: 'ON_SITE',
      offSite: false,
      leader: task.team[0].certificateNumber,
      enteredByCertificate: task.team[1].certificateNumber,
      publicationDueBy: TWENTY_WORKING_DAYS_LATER,
    });
    expect(v1.scanId).not.toBeNull();
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_record WHERE task_id = $1 AND uscc = $2', [plan.id, task.uscc])).toEqual([{ n: 1 }]);

    const reused = await submit({ ...body, findings: '另一份记录' }, member);
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'record.submissionKey', recordId: v1.id });
    // The same key from another inspector's device is not a retry either.
    const otherDevice = await submit(body, await inspectorToken(task.team[0]));
    expect(otherDevice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'record.submissionKey' });
    const second = await submit(recordOf(task, `walk-v1b-${plan.id}`), member);
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'record', recordId: v1.id });
    const badCode = await submit(recordOf(task, `walk-bad-${plan.id}`, { [task.itemCodes[0]]: ['1', 'G'] }), member);
    expect(badCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'record.itemResults[0].resultCodes' });
    const offSite = await submit({ ...recordOf(task, `walk-off-${plan.id}`), method: 'DOCUMENT_REVIEW', evidence: '营业执照及消防检查记录' }, member);
    expect(offSite.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'record.method' });
  });

  it('review: the office returns it with a reason, the inspector resubmits, the office publishes; the public reads it', async () => {
    const member = await inspectorToken(task.team[1]);
    const byInspector = await review(v1.id, 'publish', null, member);
    expect(byInspector.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.reviewInspectionRecord' });
    const noReason = await review(v1.id, 'return', '', coordinator);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const returned = await review(v1.id, 'return', '未写明电梯维保检查情况', coordinator);
    expect(returned.data.reviewInspectionRecord).toMatchObject({ status: 'RETURNED', review: { decision: 'RETURN', reason: '未写明电梯维保检查情况' } });

    const problem = { [task.itemCodes[0]]: ['A', 'G'] };
    const resubmitted = await submit({ ...recordOf(task, `walk-v2-${plan.id}`, problem), findings: '旅客住宿登记不全（G）；电梯维保记录齐全' }, member);
    expect(resubmitted.errors, JSON.stringify(resubmitted.errors)).toBeUndefined();
    v2 = resubmitted.data.submitInspectionRecord;
    expect(v2).toMatchObject({ version: 2, supersedes: v1.id, status: 'AWAITING_REVIEW' });

    const published = await review(v2.id, 'publish', null, coordinator);
    expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();
    expect(published.data.reviewInspectionRecord).toMatchObject({
      status: 'PUBLISHED',
      review: { decision: 'PUBLISH' },
      followUps: [{ kind: 'CREDIT_FEEDBACK', status: 'RECORDED', recipient: 'market-supervision' }],
    });

    const pub = await gql('query ($p: String!) { publishedInspectionResults(taskId: $p) { totalCount nodes { recordId version uscc method certificateNumbers itemResults { itemCode resultCodes } corrects } } }', { p: plan.id });
    expect(pub.errors).toBeUndefined();
    expect(pub.data.publishedInspectionResults.totalCount).toBe(1);
    expect(pub.data.publishedInspectionResults.nodes[0]).toMatchObject({
      recordId: v2.id,
      version: 2,
      uscc: task.uscc,
      method: 'ON_SITE',
      certificateNumbers: [task.team[0].certificateNumber, task.team[1].certificateNumber],
      corrects: null,
    });
    expect(pub.data.publishedInspectionResults.nodes[0].itemResults[0]).toEqual({ itemCode: task.itemCodes[0], resultCodes: ['A', 'G'] });
    // Only public fields exist on the public type: nobody can ask who entered it.
    const personal = await gql('query { publishedInspectionResults { nodes { enteredBy } } }');
    expect(personal.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a published record is locked: a new submission is refused and SQL cannot change it; a correction is a new version', async () => {
    const member = await inspectorToken(task.team[1]);
    const edit = await submit(recordOf(task, `walk-edit-${plan.id}`), member);
    expect(edit.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'record', recordId: v2.id });
    await expect(sql('joint-inspection', "UPDATE inspection_record SET findings = 'changed' WHERE id = $1", [v2.id])).rejects.toThrow(/append-only/);

    const corrected = await gql(
      `mutation ($id: String!, $why: String!, $r: InspectionRecordInput!) { correctInspectionRecord(recordId: $id, reason: $why, record: $r) { ${RECORD} } }`,
      { id: v2.id, why: '检查日期笔误以外，补记整改措施', r: { ...recordOf(task, `walk-v3-${plan.id}`, { [task.itemCodes[0]]: ['A', 'G'] }), followUpMeasures: '责令3日内补全旅客登记' } },
      { token: member },
    );
    expect(corrected.errors, JSON.stringify(corrected.errors)).toBeUndefined();
    const v3 = corrected.data.correctInspectionRecord;
    expect(v3).toMatchObject({ version: 3, supersedes: v2.id, status: 'AWAITING_REVIEW', correctionReason: '检查日期笔误以外，补记整改措施' });
    const stillV2 = await gql('query ($p: String!) { publishedInspectionResults(taskId: $p) { nodes { recordId } } }', { p: plan.id });
    expect(stillV2.data.publishedInspectionResults.nodes).toEqual([{ recordId: v2.id }]);
    expect((await review(v3.id, 'publish', null, coordinator)).errors).toBeUndefined();
    const nowV3 = await gql('query ($p: String!) { publishedInspectionResults(taskId: $p) { nodes { recordId corrects followUpMeasures } } }', { p: plan.id });
    expect(nowV3.data.publishedInspectionResults.nodes).toEqual([{ recordId: v3.id, corrects: v2.id, followUpMeasures: '责令3日内补全旅客登记' }]);
    const versions = await gql('query ($p: String!, $u: String!) { inspectionRecordVersions(taskId: $p, uscc: $u) { nodes { id status } } }', { p: plan.id, u: task.uscc }, { token: coordinator });
    expect(versions.data.inspectionRecordVersions.nodes).toEqual([
      { id: v1.id, status: 'RETURNED' },
      { id: v2.id, status: 'SUPERSEDED' },
      { id: v3.id, status: 'PUBLISHED' },
    ]);
    v2 = v3;
  });

  it('follow-up: an order to correct and its re-check, a referral that fire and rescue sees in its own subgraph, the credit tag in the register', async () => {
    const order = await gql('mutation ($id: String!, $d: Date!) { orderCorrection(recordId: $id, deadline: $d, measures: "三日内补全旅客住宿登记") { id kind status deadline } }', { id: v2.id, d: THREE_WORKING_DAYS_LATER }, { token: admin['public-security'] });
    expect(order.errors, JSON.stringify(order.errors)).toBeUndefined();
    expect(order.data.orderCorrection).toMatchObject({ kind: 'CORRECTION_ORDER', status: 'OPEN' });
    let results = await gql('query ($p: String!) { jointPlanResults(planId: $p) { toCheck published closed closureRate tasks { uscc status closed } } }', { p: plan.id }, { token: coordinator });
    expect(results.data.jointPlanResults).toMatchObject({ toCheck: plan.draw.tasks.nodes.length, published: 1, closed: 0, closureRate: 0 });
    const recheck = await gql('mutation ($id: String!) { recordRecheck(followUpId: $id, corrected: true, note: "复查：登记已补全") { status outcome } }', { id: order.data.orderCorrection.id }, { token: admin['public-security'] });
    expect(recheck.data.recordRecheck).toEqual({ status: 'CORRECTED', outcome: '复查：登记已补全' });
    results = await gql('query ($p: String!) { jointPlanResults(planId: $p) { published closed closureRate completionRate } }', { p: plan.id }, { token: coordinator });
    expect(results.data.jointPlanResults).toEqual({ published: 1, closed: 1, closureRate: 1, completionRate: 1 / plan.draw.tasks.nodes.length });

    const refer = () => gql('mutation ($id: String!) { referInspectionFinding(recordId: $id, toDepartment: FIRE_RESCUE, finding: "客房内私拉电线，移交消防救援大队处理") { id kind status recipient } }', { id: v2.id }, { token: coordinator });
    const referral = await refer();
    expect(referral.errors, JSON.stringify(referral.errors)).toBeUndefined();
    expect(referral.data.referInspectionFinding).toMatchObject({ kind: 'REFERRAL', status: 'DELIVERED', recipient: 'fire-rescue' });
    expect((await refer()).data.referInspectionFinding.id).toBe(referral.data.referInspectionFinding.id);
    const incoming = await gql('{ fireRescueIncomingReferrals(first: 100) { nodes { referralId fromDepartment uscc recordId status } } }', {}, { token: admin['fire-rescue'] });
    expect(incoming.errors, JSON.stringify(incoming.errors)).toBeUndefined();
    expect(incoming.data.fireRescueIncomingReferrals.nodes.filter((r: any) => r.recordId === v2.id)).toEqual([
      { referralId: referral.data.referInspectionFinding.id, fromDepartment: 'DOUBLE_RANDOM_OFFICE', uscc: task.uscc, recordId: v2.id, status: 'RECEIVED' },
    ]);
    // Fire and rescue handles it; the office sees the loop close.
    const referralId = referral.data.referInspectionFinding.id;
    expect((await gql('mutation ($id: String!) { acceptFireRescueReferral(referralId: $id, note: "已受理") { status } }', { id: referralId }, { token: admin['fire-rescue'] })).errors).toBeUndefined();
    expect((await gql('mutation ($id: String!) { closeFireRescueReferral(referralId: $id, outcome: "已责令拆除私拉电线") { status } }', { id: referralId }, { token: admin['fire-rescue'] })).errors).toBeUndefined();
    const seen = await gql('query ($id: String!) { inspectionRecord(recordId: $id) { followUps { kind status recipientStatus } } }', { id: v2.id }, { token: coordinator });
    expect(seen.data.inspectionRecord.followUps.find((f: any) => f.kind === 'REFERRAL')).toEqual({ kind: 'REFERRAL', status: 'DELIVERED', recipientStatus: 'CLOSED' });

    const tags = await gql('query ($u: String!) { enterprise(uscc: $u) { riskTags { tag sourceRef } } }', { u: task.uscc }, { token: coordinator });
    expect(tags.errors, JSON.stringify(tags.errors)).toBeUndefined();
    expect(tags.data.enterprise.riskTags.filter((t: any) => t.sourceRef.startsWith(`IR-${plan.id}-${task.uscc}`)).map((t: any) => t.tag)).toEqual(['finding-12m', 'finding-12m']);
  });

  it("the quarter's report counts the joint record under the plan's township, with its follow-ups", async () => {
    // 王桥乡 in this quarter is this file's alone (test/README.md): the plan's one record in force
    // (the correction, v3), published today; its order to correct, re-check and referral.
    const res = await gql(
      'query ($p: String!) { quarterlyReport(period: $p) { byTownship { key figures { name value } } } }',
      { p: PERIOD },
      { token: await tokens.analyst() },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const row = res.data.quarterlyReport.byTownship.find((r: any) => r.key === TOWNSHIP);
    const figures = Object.fromEntries(row.figures.map((f: any) => [f.name, f.value]));
    expect(figures).toMatchObject({
      inspections: 1, inspectionsOnSite: 1, inspectionsOffSite: 0, businessesInspected: 1,
      correctionOrders: 1, rechecks: 1, referralsOut: 1, criminalReferrals: 0, publishedWithin20WorkingDays: 1, publishedLate: 0,
    });
  });

  it('results left unpublished 20 working days after the window are listed for the office, the deadline moved by the holidays; the trails verify', async () => {
    // A plan of 2026-Q3 (a year the holiday calendar covers, whatever today is), drawn and published,
    // nothing entered. Its window ends Wednesday 30 September; counting 20 working days after it:
    // 1–7 Oct off; 8, 9 Oct (2); Saturday 10 Oct made up (3); 12–16 (8); 19–23 (13); 26–30 (18);
    // 2, 3 Nov (20). Due 2026-11-03, where Monday–Friday alone would have said 2026-10-28.
    await publishAnnualPlans(2026);
    const q3 = await drawnHotelsPlan('2026-Q3');
    expect(q3.windowEnd).toBe('2026-09-30');
    expect(q3.draw.tasks.nodes.length).toBeGreaterThanOrEqual(1);
    expect((await gql('mutation ($id: String!) { publishJointDraw(planId: $id) { status } }', { id: q3.id }, { token: coordinator })).errors).toBeUndefined();
    const overdueOn = async (asOf: string) => {
      const r = await gql('query ($d: Date!) { overdueInspectionResults(asOf: $d, first: 100) { nodes { taskId uscc status inspectionEnd dueBy workingDaysLate } } }', { d: asOf }, { token: coordinator });
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      return r.data.overdueInspectionResults.nodes.filter((n: any) => n.taskId === q3.id);
    };
    expect(await overdueOn('2026-10-29')).toEqual([]);
    expect(await overdueOn('2026-11-03')).toEqual([]);
    expect(await overdueOn('2026-11-04')).toEqual(
      q3.draw.tasks.nodes.map((t: any) => ({ taskId: q3.id, uscc: t.uscc, status: 'NOT_ENTERED', inspectionEnd: '2026-09-30', dueBy: '2026-11-03', workingDaysLate: 1 })).sort((a: any, b: any) => (a.uscc < b.uscc ? -1 : 1)),
    );
    // A deadline in a year whose holidays are not in the repo is refused with the year named, not guessed.
    const uncovered = await gql('{ overdueInspectionResults(asOf: "2045-06-01", first: 100) { totalCount } }', {}, { token: coordinator });
    expect(uncovered.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'holiday-calendar-missing' });
    expect(coveredYears()).not.toContain(uncovered.errors?.[0].extensions?.year);
    expect(uncovered.errors?.[0].message).toContain(`${uncovered.errors?.[0].extensions?.year}年的法定节假日`);
    const byDepartment = await gql('{ overdueInspectionResults { totalCount } }', {}, { token: admin['fire-rescue'] });
    expect(byDepartment.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const trails = await gql('{ jointTrail { ok entries } fireRescueTrail { ok } marketSupervisionTrail { ok } }', {}, { token: await tokens.analyst() });
    expect(trails.data).toMatchObject({ jointTrail: { ok: true }, fireRescueTrail: { ok: true }, marketSupervisionTrail: { ok: true } });
    // Every step of the walk is on the office's trail, refusals included, with what it changed.
    const steps = await sql(
      'joint-inspection',
      "SELECT operation, outcome, before_digest, after_digest FROM trail WHERE subject LIKE 'walk-%' AND operation IN ('Mutation.recordInspectionScan', 'Mutation.submitInspectionRecord', 'Mutation.reviewInspectionRecord') ORDER BY trail.seq",
    );
    const reviews = steps.filter((s: any) => s.operation === 'Mutation.reviewInspectionRecord');
    // An inspector refused, a missing reason refused, v1 returned, v2 published, v3 published.
    expect(reviews.map((s: any) => s.outcome)).toEqual(['FORBIDDEN', 'BAD_USER_INPUT', 'ok', 'ok', 'ok']);
    for (const ok of reviews.filter((s: any) => s.outcome === 'ok')) expect(ok.after_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(steps.filter((s: any) => s.operation === 'Mutation.recordInspectionScan').map((s: any) => s.outcome)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'BAD_USER_INPUT', 'ok']);
  });
});

describe("a department's own task is carried out and published the same way", () => {
  it('fire and rescue: code, scan by a team inspector, record, review by the department, publication', async () => {
    const fireAdmin = admin['fire-rescue'];
    const items = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE, industryCode: "6129" }, first: 10) { nodes { code claimed } } }');
    const itemCode = items.data.inspectionItems.nodes.find((i: any) => i.claimed).code;
    const created = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: `${PERIOD} 王桥乡消防安全抽查`, itemCodes: [itemCode], period: PERIOD, regionCode: TOWNSHIP } },
      { token: fireAdmin },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const id = created.data.createFireRescueTask.id;
    const seed = `walk-fire-${id}-${Date.now()}`;
    expect((await gql('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { id } }', { id, h: sha256(seed) }, { token: fireAdmin })).errors).toBeUndefined();
    const drawn = await gql('mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { draw { targets(first: 100) { nodes { uscc team { certificateNumber } } } } } }', { id, s: seed }, { token: fireAdmin });
    expect(drawn.errors, JSON.stringify(drawn.errors)).toBeUndefined();
    const target = drawn.data.drawFireRescueTask.draw.targets.nodes[0];
    const team = target.team.map((m: any) => ({ certificateNumber: m.certificateNumber, department: 'fire-rescue' }));
    const member = await inspectorToken(team[1]);
    const record = {
      submissionKey: `walk-fire-${id}`,
      taskId: id,
      uscc: target.uscc,
      inspectedOn: TODAY,
      leader: team[0].certificateNumber,
      team: [team[0].certificateNumber, team[1].certificateNumber],
      itemResults: [{ itemCode, resultCodes: ['1'] }],
      findings: '疏散通道畅通，灭火器在有效期内',
    };
    // Drawn but not yet published: nothing may be carried out.
    const unpublished = await submit(record, member);
    expect(unpublished.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'record.taskId', status: 'drawn' });

    expect((await gql('mutation ($id: String!) { publishFireRescueDraw(taskId: $id) { status } }', { id }, { token: fireAdmin })).errors).toBeUndefined();
    const codes = await gql('mutation ($id: String!) { issueFireRescueInspectionCodes(taskId: $id) { uscc token } }', { id }, { token: fireAdmin });
    const token = codes.data.issueFireRescueInspectionCodes.find((c: any) => c.uscc === target.uscc).token;
    const scanned = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { taskId code { status department } } }', { c: token }, { token: member });
    expect(scanned.data.recordInspectionScan).toEqual({ taskId: id, code: { status: 'VALID', department: 'FIRE_RESCUE' } });

    const submitted = await submit(record, member);
    expect(submitted.errors, JSON.stringify(submitted.errors)).toBeUndefined();
    expect(submitted.data.submitInspectionRecord).toMatchObject({ taskId: id, department: 'FIRE_RESCUE', departments: ['FIRE_RESCUE'], status: 'AWAITING_REVIEW', itemResults: [{ itemCode, department: 'FIRE_RESCUE', resultCodes: ['1'] }] });
    // Another department's administrator does not review fire and rescue's records.
    const foreign = await review(submitted.data.submitInspectionRecord.id, 'publish', null, admin['market-supervision']);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'recordId' });
    const published = await review(submitted.data.submitInspectionRecord.id, 'publish', null, fireAdmin);
    // No problem found: nothing is fed back to the register.
    expect(published.data.reviewInspectionRecord).toMatchObject({ status: 'PUBLISHED', followUps: [] });
    const pub = await gql('query ($t: String!) { publishedInspectionResults(taskId: $t) { nodes { taskId taskTitle departments uscc itemResults { resultCodes } } } }', { t: id });
    expect(pub.data.publishedInspectionResults.nodes).toEqual([{ taskId: id, taskTitle: `${PERIOD} 王桥乡消防安全抽查`, departments: ['FIRE_RESCUE'], uscc: target.uscc, itemResults: [{ resultCodes: ['1'] }] }]);
    // Analysts (and the merge) now see the inspection as done, on its date.
    const history = await gql('query ($u: String!) { enterprise(uscc: $u) { inspectionHistory { inspections(first: 100) { nodes { taskId status date } } } } }', { u: target.uscc }, { token: await tokens.analyst() });
    expect(history.data.enterprise.inspectionHistory.inspections.nodes.filter((i: any) => i.taskId === id)).toEqual([{ taskId: id, status: 'DONE', date: TODAY }]);
  });
});
