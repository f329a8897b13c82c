import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, SUITE_TODAY, token, tokens } from '../support/federation.js';
import { enteredRecord, publishedTask, sha256 } from '../support/tasks.js';

/**
 * Two README promises of the office: `referToProsecution` (移送司法) on a published record, and
 * `revokeJointInspectionCodes`. Township 南徐村乡 (130433202): a public security task in 2026-Q4
 * (the suite clock's quarter, so the team scans in today) and a joint plan of 2030-Q2
 * (test/README.md). Each describe builds what it needs in its own beforeAll.
 */
const TOWNSHIP = '130433202';

describe('referToProsecution: a criminal referral of a published record', () => {
  let admin: string;
  let recordId: string;
  let unpublishedId: string | null = null;
  const refer = (id: string, authority: string, finding: string, t?: string) =>
    gql('mutation ($id: String!, $a: String!, $f: String!) { referToProsecution(recordId: $id, authority: $a, finding: $f) { id recordId kind status recipient detail closedAt } }', { id, a: authority, f: finding }, { token: t });

  beforeAll(async () => {
    await publishAnnualPlans(2026);
    admin = await token(['department-admin'], 'public-security', 'prosecution-ps-admin');
    const task = await publishedTask('public-security', admin, {
      title: '2026年第四季度南徐村乡旅馆治安检查',
      itemCodes: ['PS-PO-001'],
      period: '2026-Q4',
      regionCode: TOWNSHIP,
    });
    expect(task.targets.length).toBeGreaterThan(0);
    recordId = await enteredRecord('public-security', task.id, task.targets[0], [{ itemCode: 'PS-PO-001', resultCodes: ['A', 'G'] }], SUITE_TODAY);
    const published = await gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH) { status } }', { id: recordId }, { token: admin });
    expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();
    if (task.targets[1]) unpublishedId = await enteredRecord('public-security', task.id, task.targets[1], [{ itemCode: 'PS-PO-001', resultCodes: ['A', 'G'] }], SUITE_TODAY);
  });

  it('is recorded once as sent to the named authority; a repeat returns the same referral', async () => {
    const first = await refer(recordId, '馆陶县人民检察院', '涉嫌容留他人吸毒，移送检察机关', admin);
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    expect(first.data.referToProsecution).toMatchObject({
      id: `${recordId}:criminal-referral`,
      recordId,
      kind: 'CRIMINAL_REFERRAL',
      status: 'SENT',
      recipient: '馆陶县人民检察院',
      detail: '涉嫌容留他人吸毒，移送检察机关',
    });
    expect(first.data.referToProsecution.closedAt).toEqual(expect.any(String));
    const again = await refer(recordId, '馆陶县人民检察院', '涉嫌容留他人吸毒，移送检察机关', await tokens.coordinator());
    expect(again.data.referToProsecution).toEqual(first.data.referToProsecution);
    expect(await sql('joint-inspection', "SELECT count(*)::int AS n FROM follow_up WHERE record_id = $1 AND kind = 'criminal-referral'", [recordId])).toEqual([{ n: 1 }]);
    const seen = await gql('query ($id: String!) { inspectionRecord(recordId: $id) { followUps { kind status recipient } } }', { id: recordId }, { token: admin });
    expect(seen.data.inspectionRecord.followUps.filter((f: { kind: string }) => f.kind === 'CRIMINAL_REFERRAL')).toEqual([{ kind: 'CRIMINAL_REFERRAL', status: 'SENT', recipient: '馆陶县人民检察院' }]);
  });

  it('is refused to the public, to a department not on the task, without an authority or a finding, and on a record not published', async () => {
    const cases: [string, Promise<any>, Record<string, unknown>][] = [
      ['the public', refer(recordId, '馆陶县人民检察院', '涉嫌犯罪移送'), { code: 'UNAUTHENTICATED', field: 'Mutation.referToProsecution' }],
      ['another department', refer(recordId, '馆陶县人民检察院', '涉嫌犯罪移送', await tokens.admin('fire-rescue')), { code: 'FORBIDDEN', field: 'recordId' }],
      ['no authority', refer(recordId, ' ', '涉嫌犯罪移送', admin), { code: 'BAD_USER_INPUT', field: 'authority' }],
      ['no finding', refer(recordId, '馆陶县人民检察院', '', admin), { code: 'BAD_USER_INPUT', field: 'finding' }],
      ['an unknown record', refer('IR-NO-SUCH-RECORD', '馆陶县人民检察院', '涉嫌犯罪移送', admin), { code: 'NOT_FOUND', field: 'recordId' }],
    ];
    for (const [what, answer, expected] of cases) expect((await answer).errors?.[0].extensions, what).toMatchObject(expected);
    if (unpublishedId) {
      const early = await refer(unpublishedId, '馆陶县人民检察院', '涉嫌犯罪移送', admin);
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'recordId' });
    }
    const ids = unpublishedId ? [recordId, unpublishedId] : [recordId];
    expect(await sql('joint-inspection', "SELECT record_id FROM follow_up WHERE record_id = ANY($1) AND kind = 'criminal-referral'", [ids])).toEqual([{ record_id: recordId }]);
  });
});

describe('revokeJointInspectionCodes: the office voids codes of a published joint plan, all or nothing', () => {
  const IN_WINDOW = '2030-05-15';
  let coordinator: string;
  let codes: { codeId: string; uscc: string; token: string }[];
  const scan = (code: string) => gql('query ($c: String!, $a: Date) { inspectionCodeScan(code: $c, asOf: $a) { status revocationReason } }', { c: code, a: IN_WINDOW });
  const revokeAll = (ids: string[], reason: string, t?: string) =>
    gql('mutation ($ids: [String!]!, $r: String!) { revokeJointInspectionCodes(codes: $ids, reason: $r) { codeId revocationReason revokedAt } }', { ids, r: reason }, { token: t });
  const revoke = (codeId: string, reason: string, t?: string) => revokeAll([codeId], reason, t);
  const revocations = async (ids: string[]) =>
    (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_code_revocation WHERE code_id = ANY($1)', [ids]))[0].n as number;

  beforeAll(async () => {
    await publishAnnualPlans(2030);
    coordinator = await token(['coordinator'], 'double-random-office', 'revocation-coordinator');
    const created = await gql(
      'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
      { input: { title: '2030年第二季度南徐村乡旅馆业联合抽查', industryCodes: ['6110', '6121', '6129', '6130'], period: '2030-Q2', initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['FIRE_RESCUE'], regionCode: TOWNSHIP } },
      { token: coordinator },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const id = created.data.createJointPlan.id;
    for (const [d, item] of [['public-security', 'PS-PO-001'], ['fire-rescue', 'FR-CV-001']]) {
      const joined = await gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id, c: [item] }, { token: await tokens.admin(d) });
      expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
    }
    const seed = `revocation-${id}`;
    for (const [q, v] of [
      ['mutation ($id: String!, $v: String!) { commitJointDraw(planId: $id, seedHash: $v) { id } }', sha256(seed)],
      ['mutation ($id: String!, $v: String!) { drawJointPlan(planId: $id, seed: $v) { id } }', seed],
    ]) {
      const res = await gql(q, { id, v }, { token: coordinator });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    expect((await gql('mutation ($id: String!) { publishJointDraw(planId: $id) { status } }', { id }, { token: coordinator })).errors).toBeUndefined();
    const issued = await gql('mutation ($id: String!) { issueJointInspectionCodes(planId: $id) { codeId uscc token } }', { id }, { token: coordinator });
    expect(issued.errors, JSON.stringify(issued.errors)).toBeUndefined();
    codes = issued.data.issueJointInspectionCodes;
    expect(codes.length).toBeGreaterThanOrEqual(2);
  });

  it('the revoked code scans as revoked with the reason, the others stay valid; revoking again is CONFLICT; one revocation stored', async () => {
    const [voided, kept] = codes;
    expect((await scan(voided.token)).data.inspectionCodeScan).toEqual({ status: 'VALID', revocationReason: null });
    const revoked = await revoke(voided.codeId, '检查组成员调整，原检查码作废', coordinator);
    expect(revoked.errors, JSON.stringify(revoked.errors)).toBeUndefined();
    expect(revoked.data.revokeJointInspectionCodes).toEqual([{ codeId: voided.codeId, revocationReason: '检查组成员调整，原检查码作废', revokedAt: expect.any(String) }]);
    expect((await scan(voided.token)).data.inspectionCodeScan).toEqual({ status: 'REVOKED', revocationReason: '检查组成员调整，原检查码作废' });
    expect((await scan(kept.token)).data.inspectionCodeScan).toEqual({ status: 'VALID', revocationReason: null });

    const twice = await revoke(voided.codeId, '再次作废同一检查码', coordinator);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'codes', codeId: voided.codeId });
    expect(await sql('joint-inspection', 'SELECT code_id, revoked_by FROM inspection_code_revocation WHERE code_id = $1', [voided.codeId])).toEqual([
      { code_id: voided.codeId, revoked_by: 'revocation-coordinator' },
    ]);
  });

  it('is refused to the public, to department admins, without a reason, and for an unknown code; nothing is stored', async () => {
    const target = codes[codes.length - 1];
    const cases: [string, Promise<any>, Record<string, unknown>][] = [
      ['the public', revoke(target.codeId, '无权作废'), { code: 'UNAUTHENTICATED' }],
      ['a department admin', revoke(target.codeId, '部门无权作废', await tokens.admin('public-security')), { code: 'FORBIDDEN', field: 'Mutation.revokeJointInspectionCodes' }],
      ['a reason too short', revoke(target.codeId, '作废', coordinator), { code: 'BAD_USER_INPUT', field: 'reason' }],
      ['an unknown code', revoke('00000000-0000-4000-8000-000000000000', '检查码不存在', coordinator), { code: 'NOT_FOUND', field: 'codes', codeId: '00000000-0000-4000-8000-000000000000' }],
      ['no code', revokeAll([], '检查码列表为空', coordinator), { code: 'BAD_USER_INPUT', field: 'codes' }],
      ['a code twice', revokeAll([target.codeId, target.codeId], '同一检查码重复', coordinator), { code: 'BAD_USER_INPUT', field: 'codes' }],
    ];
    for (const [what, answer, expected] of cases) expect((await answer).errors?.[0].extensions, what).toMatchObject(expected);
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_code_revocation WHERE code_id = $1', [target.codeId])).toEqual([{ n: 0 }]);
    expect((await scan(target.token)).data.inspectionCodeScan.status).toBe('VALID');
  });

  it('several at once: one unknown or already revoked code revokes none; else every one, in one trail entry', async () => {
    const [voided, ...rest] = codes; // voided was revoked above
    const unknown = '00000000-0000-4000-8000-000000000001';
    const withUnknown = await revokeAll([...rest.map((c) => c.codeId), unknown], '检查组整体调整', coordinator);
    expect(withUnknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'codes', codeId: unknown });
    expect(withUnknown.data).toBeNull();
    const withRevoked = await revokeAll([...rest.map((c) => c.codeId), voided.codeId], '检查组整体调整', coordinator);
    expect(withRevoked.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'codes', codeId: voided.codeId });
    expect(await revocations(rest.map((c) => c.codeId))).toBe(0);
    for (const c of rest) expect((await scan(c.token)).data.inspectionCodeScan.status, c.codeId).toBe('VALID');

    const trailBefore = (await sql('joint-inspection', "SELECT count(*)::int AS n FROM trail WHERE operation = 'Mutation.revokeJointInspectionCodes' AND outcome = 'ok'"))[0].n;
    const all = await revokeAll(rest.map((c) => c.codeId), '检查组整体调整', coordinator);
    expect(all.errors, JSON.stringify(all.errors)).toBeUndefined();
    expect(all.data.revokeJointInspectionCodes.map((c: any) => [c.codeId, c.revocationReason])).toEqual(rest.map((c) => [c.codeId, '检查组整体调整']));
    expect(await revocations(rest.map((c) => c.codeId))).toBe(rest.length);
    for (const c of rest) expect((await scan(c.token)).data.inspectionCodeScan, c.codeId).toEqual({ status: 'REVOKED', revocationReason: '检查组整体调整' });
    expect((await sql('joint-inspection', "SELECT count(*)::int AS n FROM trail WHERE operation = 'Mutation.revokeJointInspectionCodes' AND outcome = 'ok'"))[0].n).toBe(trailBefore + 1);
  });
});
