import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { gql, publishAnnualPlans, sql, tokens } from '../support/federation.js';
import { CODE_VERSION, signInspectionCode } from '../../shared/platform/inspection-code.js';

/**
 * 扫码入企: a published fire-rescue draw gets one signed inspection code per drawn business; anyone
 * scans it through the gateway (valid, forged, revoked…) or checks it offline with the public key.
 * Period 2029-Q1 and 寿山寺乡 (130433200): no other test draws there.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const CODE_FIELDS = 'codeId taskId uscc token certificateNumbers itemCodes validFrom validUntil issuedAt revokedAt revocationReason';
const SCAN_FIELDS = 'status message codeId taskId taskTitle department items { code legalBasis } uscc certificateNumbers validFrom validUntil revocationReason';
const IN_WINDOW = '2029-02-15';

let coordinator: string;
let hotelItem: string;

async function fireTask(): Promise<{ id: string; draw: { targets: { uscc: string; team: { certificateNumber: string }[] }[] } }> {
  const created = await gql(
    'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
    { input: { title: '2029年第一季度寿山寺乡消防安全抽查', itemCodes: [hotelItem], period: '2029-Q1', regionCode: '130433200' } },
    { token: coordinator },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data.createFireRescueTask.id as string;
  const seed = `codes-${id}-${Date.now()}`;
  const c = await gql('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { id } }', { id, h: sha256(seed) }, { token: coordinator });
  expect(c.errors).toBeUndefined();
  const d = await gql(
    'mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { id draw { targets(first: 100) { nodes { uscc team { certificateNumber } } } } } }',
    { id, s: seed },
    { token: coordinator },
  );
  expect(d.errors).toBeUndefined();
  expect(d.data.drawFireRescueTask.draw.targets.nodes.length).toBeGreaterThan(0);
  return { id: d.data.drawFireRescueTask.id, draw: { targets: d.data.drawFireRescueTask.draw.targets.nodes } };
}

const issue = (id: string, token = coordinator) =>
  gql(`mutation ($id: String!) { issueFireRescueInspectionCodes(taskId: $id) { ${CODE_FIELDS} } }`, { id }, { token });
const scan = (code: string, asOf: string | null = IN_WINDOW) =>
  gql(`query ($code: String!, $asOf: Date) { inspectionCodeScan(code: $code, asOf: $asOf) { ${SCAN_FIELDS} } }`, { code, asOf });

beforeAll(async () => {
  // Tasks and draws of 2029 need the published annual plans of 2029 (shared/inspection/annual-plan.ts).
  await publishAnnualPlans(2029);
  coordinator = await tokens.coordinator();
  const items = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE, industryCode: "6129" }, first: 10) { nodes { code claimed } } }');
  expect(items.errors).toBeUndefined();
  hotelItem = items.data.inspectionItems.nodes.find((i: { claimed: boolean }) => i.claimed).code;
});

describe('inspection codes (检查码) of a published draw', () => {
  it('issue → scan valid → tampered and foreign-signed codes are forged → revoke → revoked; re-issue is idempotent', async () => {
    const task = await fireTask();

    // Not before publication.
    const early = await issue(task.id);
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'taskId' });
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_code WHERE task_id = $1', [task.id])).toEqual([{ n: 0 }]);

    const published = await gql('mutation ($id: String!) { publishFireRescueDraw(taskId: $id) { status } }', { id: task.id }, { token: coordinator });
    expect(published.errors).toBeUndefined();

    // Only the office or the department's admin issues codes.
    const foreign = await issue(task.id, await tokens.admin('public-security'));
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const issued = await issue(task.id, await tokens.admin('fire-rescue'));
    expect(issued.errors).toBeUndefined();
    const codes = issued.data.issueFireRescueInspectionCodes as { codeId: string; uscc: string; token: string; certificateNumbers: string[]; itemCodes: string[]; validFrom: string; validUntil: string }[];
    expect(codes.map((c) => c.uscc)).toEqual(task.draw.targets.map((t) => t.uscc));
    expect(codes.length).toBeGreaterThanOrEqual(2);
    for (const [i, c] of codes.entries()) {
      expect(c.certificateNumbers).toEqual(task.draw.targets[i].team.map((m) => m.certificateNumber));
      expect(c.itemCodes).toEqual([hotelItem]);
      expect([c.validFrom, c.validUntil]).toEqual(['2029-01-01', '2029-03-31']);
    }

    // Re-issuing returns the same codes and writes nothing.
    const again = await issue(task.id);
    expect(again.errors).toBeUndefined();
    expect(again.data.issueFireRescueInspectionCodes).toEqual(codes);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_code WHERE task_id = $1', [task.id])).toEqual([{ n: codes.length }]);

    // Anyone scans: valid within the window, with the lawful basis and certificate numbers.
    const code = codes[0];
    const valid = await scan(code.token);
    expect(valid.errors).toBeUndefined();
    expect(valid.data.inspectionCodeScan).toMatchObject({
      status: 'VALID',
      codeId: code.codeId,
      taskId: task.id,
      department: 'FIRE_RESCUE',
      uscc: code.uscc,
      certificateNumbers: task.draw.targets[0].team.map((m) => m.certificateNumber),
      validFrom: '2029-01-01',
      validUntil: '2029-03-31',
    });
    expect(valid.data.inspectionCodeScan.taskTitle).toContain('寿山寺乡');
    expect(valid.data.inspectionCodeScan.items).toHaveLength(1);
    expect(valid.data.inspectionCodeScan.items[0].code).toBe(hotelItem);
    expect(valid.data.inspectionCodeScan.items[0].legalBasis.length).toBeGreaterThan(0);
    expect(valid.data.inspectionCodeScan.message).toMatch(/有效.*\/ valid/);
    // Today (2026) is before the window; after it, expired.
    expect((await scan(code.token, '2028-12-31')).data.inspectionCodeScan.status).toBe('NOT_YET_VALID');
    expect((await scan(code.token, '2029-04-01')).data.inspectionCodeScan.status).toBe('EXPIRED');

    // Offline: the public key checks the signature without asking anyone.
    const pk = await gql('{ inspectionCodePublicKey }');
    const publicKey = createPublicKey(pk.data.inspectionCodePublicKey);
    const [body, sig] = code.token.split('.');
    expect(verify(null, Buffer.from(body), publicKey, Buffer.from(sig, 'base64url'))).toBe(true);
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ v: CODE_VERSION, cid: code.codeId, tid: task.id, uscc: code.uscc, nbf: '2029-01-01', exp: '2029-03-31' });

    // One character of the payload changed: forged, and no department is asked for it.
    const i = 10;
    const tampered = `${body.slice(0, i)}${body[i] === 'A' ? 'B' : 'A'}${body.slice(i + 1)}.${sig}`;
    expect(verify(null, Buffer.from(tampered.split('.')[0]), publicKey, Buffer.from(sig, 'base64url'))).toBe(false);
    const forged = await scan(tampered);
    expect(forged.data.inspectionCodeScan).toMatchObject({ status: 'FORGED', taskId: null, uscc: null, certificateNumbers: [] });
    // A well-formed code for the same visit signed with another key: forged too.
    const other = generateKeyPairSync('ed25519').privateKey;
    expect((await scan(signInspectionCode(payload, other))).data.inspectionCodeScan.status).toBe('FORGED');
    expect((await scan('not a code')).data.inspectionCodeScan.status).toBe('FORGED');
    // Genuinely signed but never issued (what a leaked key would produce): unknown to the department.
    const officeKey = createPrivateKey(inject('codePrivateKey'));
    const stray = await scan(signInspectionCode({ ...payload, cid: '00000000-0000-4000-8000-000000000000' }, officeKey));
    expect(stray.data.inspectionCodeScan).toMatchObject({ status: 'UNKNOWN', taskId: null });
    const noSuchDepartment = await scan(signInspectionCode({ ...payload, tid: 'XX-2029Q1-0001' }, officeKey));
    expect(noSuchDepartment.data.inspectionCodeScan.status).toBe('UNKNOWN');

    // Revocation needs a reason and the right person; then scans say revoked, with the reason.
    const REVOKE = (fields: string) => `mutation ($c: [String!]!, $r: String!) { revokeFireRescueInspectionCodes(codes: $c, reason: $r) { ${fields} } }`;
    const noReason = await gql(REVOKE('codeId'), { c: [code.codeId], r: ' ' }, { token: coordinator });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const anon = await gql(REVOKE('codeId'), { c: [code.codeId], r: '检查组成员变更' });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(REVOKE('codeId'), { c: [], r: '检查组成员变更' }, { token: coordinator })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
    const revoked = await gql(REVOKE(CODE_FIELDS), { c: [code.codeId], r: '检查组成员变更，重新签发' }, { token: coordinator });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokeFireRescueInspectionCodes.map((c: any) => [c.codeId, c.revocationReason])).toEqual([[code.codeId, '检查组成员变更，重新签发']]);
    const twice = await gql(REVOKE('codeId'), { c: [code.codeId], r: '再次作废测试' }, { token: coordinator });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'codes', codeId: code.codeId });
    // Several codes at once are all or nothing: one unknown or already revoked code and none is revoked.
    const revocations = async () => (await sql('fire-rescue', 'SELECT count(*)::int AS n FROM inspection_code_revocation'))[0].n;
    const before = await revocations();
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const withUnknown = await gql(REVOKE('codeId'), { c: [codes[1].codeId, unknownId], r: '批量作废测试' }, { token: coordinator });
    expect(withUnknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'codes', codeId: unknownId });
    const withRevoked = await gql(REVOKE('codeId'), { c: [codes[1].codeId, code.codeId], r: '批量作废测试' }, { token: coordinator });
    expect(withRevoked.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'codes', codeId: code.codeId });
    expect(withRevoked.data).toBeNull();
    expect(await revocations()).toBe(before);
    const afterRevoke = await scan(code.token);
    expect(afterRevoke.data.inspectionCodeScan).toMatchObject({ status: 'REVOKED', revocationReason: '检查组成员变更，重新签发' });
    // Other codes of the task are untouched.
    expect((await scan(codes[1].token)).data.inspectionCodeScan.status).toBe('VALID');

    // Append-only: neither codes nor revocations can be changed or deleted.
    await expect(sql('fire-rescue', "UPDATE inspection_code SET uscc = 'x' WHERE task_id = $1", [task.id])).rejects.toThrow(/append-only/);
    await expect(sql('fire-rescue', 'DELETE FROM inspection_code_revocation WHERE code_id = $1', [code.codeId])).rejects.toThrow(/append-only/);

    // An adjusted draw voids its codes.
    const adjusted = await gql('mutation ($id: String!) { adjustFireRescueDraw(taskId: $id, reason: "测试：调整后原检查码失效") { status } }', { id: task.id }, { token: coordinator });
    expect(adjusted.errors).toBeUndefined();
    const voided = await scan(codes[1].token);
    expect(voided.data.inspectionCodeScan).toMatchObject({ status: 'REVOKED' });
    expect(voided.data.inspectionCodeScan.revocationReason).toMatch(/adjusted/);
    // Issuing again needs a new published draw.
    expect((await issue(task.id)).errors?.[0].extensions?.code).toBe('PRECONDITION_FAILED');
  });
});
