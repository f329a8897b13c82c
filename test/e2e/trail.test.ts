import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gql, sql, token, tokens } from '../support/federation.js';
import { digest } from '../../shared/platform/trail.js';

/**
 * The trail (全程留痕): every mutation through the gateway appends one hash-chained entry to its
 * subgraph's trail; the chain verifies (GraphQL and npm run verify-trail); rows cannot be
 * updated; an edit made with the trigger disabled is found and named.
 */
const TAG = `mutation ($uscc: String!, $input: TargetTagInput!) { tagFireRescueTarget(uscc: $uscc, input: $input) { id uscc key } }`;
const VERIFY = '{ fireRescueTrail { subgraph entries ok firstBrokenSeq reason } }';

const lastEntries = (n: number) =>
  sql('fire-rescue', 'SELECT seq::text AS seq, subject, roles, department, subgraph, operation, args_digest, result_digest, outcome, prev_hash, hash FROM trail ORDER BY trail.seq DESC LIMIT $1', [n]);
const count = async () => (await sql('fire-rescue', 'SELECT count(*)::int AS n FROM trail'))[0].n as number;

/** Current fire targets without tags, from the end of the list (other tests take theirs from the start). */
async function fireTargets(n: number): Promise<string[]> {
  const rows = await sql('fire-rescue', 'SELECT t.uscc FROM supervised_target t WHERE t.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM target_tag g WHERE g.uscc = t.uscc) ORDER BY t.uscc DESC LIMIT $1', [n]);
  expect(rows).toHaveLength(n);
  return rows.map((r) => r.uscc);
}

function verifyTrailCommand(): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/verify-trail.ts'],
      { env: { ...process.env, YIYE_PG_URL: inject('pgUrl'), YIYE_DB_PREFIX: inject('dbPrefix'), DATABASE_URL: '' } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('the trail (全程留痕)', () => {
  it('a mutation through the gateway appends exactly one entry: who, what (digests only), outcome, chained', async () => {
    const admin = await token(['department-admin'], 'fire-rescue', 'fr-admin-trail');
    const [uscc] = await fireTargets(1);
    const input = { key: 'complaint-12m', value: '留痕测试', source: 'SELF_INSPECTION', validFrom: '2026-05-01', reason: '全程留痕测试：个人信息不得进入留痕' };
    const before = await count();
    const res = await gql(TAG, { uscc, input }, { token: admin });
    expect(res.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
    const [entry, previous] = await lastEntries(2);
    expect(entry).toMatchObject({
      subject: 'fr-admin-trail',
      roles: ['department-admin'],
      department: 'fire-rescue',
      subgraph: 'fire-rescue',
      operation: 'Mutation.tagFireRescueTarget',
      outcome: 'ok',
    });
    expect(entry.args_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.result_digest).toMatch(/^[0-9a-f]{64}$/);
    // The arguments are kept as a digest only: the reason text is nowhere in the row.
    expect(JSON.stringify(entry)).not.toContain('留痕测试');
    expect(entry.args_digest).not.toBe(digest({}));
    if (previous) expect(entry.prev_hash).toBe(previous.hash);
    else expect(entry.prev_hash).toBe('0'.repeat(64));

    // A refused mutation is recorded too, with its error code, and writes nothing else.
    const inspector = await token(['inspector'], 'fire-rescue', 'fr-inspector-trail');
    const refused = await gql(TAG, { uscc, input: { ...input, key: 'high-risk' } }, { token: inspector });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [refusal] = await lastEntries(1);
    expect(refusal).toMatchObject({ subject: 'fr-inspector-trail', operation: 'Mutation.tagFireRescueTarget', outcome: 'FORBIDDEN', result_digest: null, prev_hash: entry.hash });
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM target_tag WHERE key = 'high-risk' AND uscc = $1", [uscc])).toEqual([{ n: 0 }]);
  });

  it('before and after digests: the database folds every changed row into them, native updates included', async () => {
    const admin = await token(['department-admin'], 'fire-rescue', 'fr-admin-trail');
    const [uscc] = await fireTargets(1);
    const rowDigest = async (id: number) =>
      (await sql('fire-rescue', "SELECT encode(sha256(convert_to('target_tag:' || row_to_json(t)::text, 'UTF8')), 'hex') AS d FROM target_tag t WHERE id = $1", [id]))[0].d;
    const tagged = await gql(TAG, { uscc, input: { key: 'complaint-12m', value: '12345', source: 'SELF_INSPECTION', validFrom: '2026-06-01', reason: '前后摘要测试' } }, { token: admin });
    const id = Number(tagged.data.tagFireRescueTarget.id);
    const [insert] = await lastEntries(1);
    // An insert: nothing before, the new row after.
    expect(await sql('fire-rescue', 'SELECT layout, before_digest, after_digest FROM trail WHERE seq = $1', [insert.seq])).toEqual([
      { layout: 'yiye-trail-v2', before_digest: null, after_digest: await rowDigest(id) },
    ]);
    // A revocation is a native UPDATE: the old row is the before, the revoked row the after.
    const old = await rowDigest(id);
    const revoked = await gql('mutation ($id: Int!) { revokeFireRescueTargetTag(id: $id, reason: "前后摘要测试撤销") { id } }', { id }, { token: admin });
    expect(revoked.errors).toBeUndefined();
    const [update] = await lastEntries(1);
    expect(await sql('fire-rescue', 'SELECT before_digest, after_digest FROM trail WHERE seq = $1', [update.seq])).toEqual([{ before_digest: old, after_digest: await rowDigest(id) }]);
    expect(old).not.toBe(await rowDigest(id));
  });

  it('concurrent mutations do not fork the chain; coordinators and analysts verify it, others may not', async () => {
    const admin = await token(['department-admin'], 'fire-rescue', 'fr-admin-trail');
    const usccs = await fireTargets(5);
    const before = await count();
    const results = await Promise.all(
      usccs.map((uscc) => gql(TAG, { uscc, input: { key: 'complaint-12m', value: 'x', source: 'SELF_INSPECTION', validFrom: '2026-05-01', reason: '并发留痕' } }, { token: admin })),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(await count()).toBe(before + 5);

    const verified = await gql(VERIFY, {}, { token: await tokens.coordinator() });
    expect(verified.errors).toBeUndefined();
    expect(verified.data.fireRescueTrail).toEqual({ subgraph: 'fire-rescue', entries: before + 5, ok: true, firstBrokenSeq: null, reason: null });
    const byAnalyst = await gql('{ jointTrail { ok } marketSupervisionTrail { ok } publicSecurityTrail { ok } }', {}, { token: await tokens.analyst() });
    expect(byAnalyst.errors).toBeUndefined();
    expect(byAnalyst.data).toEqual({ jointTrail: { ok: true }, marketSupervisionTrail: { ok: true }, publicSecurityTrail: { ok: true } });
    const byAdmin = await gql(VERIFY, {}, { token: admin });
    expect(byAdmin.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("the entry is written in the mutation's own transaction: when it cannot be written, the mutation's change is rolled back", async () => {
    const admin = await token(['department-admin'], 'fire-rescue', 'fr-admin-trail');
    const [uscc] = await fireTargets(1);
    const before = await count();
    await sql('fire-rescue', `CREATE FUNCTION trail_test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'trail insert refused by the test'; END $$;
      CREATE TRIGGER trail_test_refuse_insert BEFORE INSERT ON trail FOR EACH ROW EXECUTE FUNCTION trail_test_refuse_insert();`);
    try {
      const res = await gql(TAG, { uscc, input: { key: 'complaint-12m', value: 'x', source: 'SELF_INSPECTION', validFrom: '2026-05-01', reason: '留痕失败则回滚' } }, { token: admin });
      // The database's words stay in the subgraph's log; the client gets an id to quote (shared/platform/error-mask.ts).
      const id = res.errors?.[0].extensions?.errorId;
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(res.errors?.[0].message).toBe(`内部错误，编号 ${id} / internal error, id ${id}`);
    } finally {
      await sql('fire-rescue', 'DROP TRIGGER trail_test_refuse_insert ON trail; DROP FUNCTION trail_test_refuse_insert();');
    }
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM target_tag WHERE uscc = $1', [uscc])).toEqual([{ n: 0 }]);
    expect(await count()).toBe(before);
  });

  it('rows cannot be changed; an edit made with the trigger disabled is caught and named, by the query and by npm run verify-trail', async () => {
    const [victim] = await sql('fire-rescue', 'SELECT seq::text AS seq, subject FROM trail ORDER BY trail.seq LIMIT 1 OFFSET 1');
    expect(victim).toBeDefined();
    await expect(sql('fire-rescue', "UPDATE trail SET subject = 'someone-else' WHERE seq = $1", [victim.seq])).rejects.toThrow(/append-only table trail: UPDATE refused/);
    await expect(sql('fire-rescue', 'DELETE FROM trail WHERE seq = $1', [victim.seq])).rejects.toThrow(/append-only table trail: DELETE refused/);
    await expect(sql('fire-rescue', 'TRUNCATE trail')).rejects.toThrow(/append-only table trail: TRUNCATE refused/);

    const ok = await verifyTrailCommand();
    expect(ok.out).toMatch(/fire-rescue: OK \(\d+ entries\)/);
    expect(ok.code).toBe(0);

    const coordinator = await tokens.coordinator();
    const edit = (subject: string) =>
      sql('fire-rescue', `BEGIN; ALTER TABLE trail DISABLE TRIGGER trail_append_only; UPDATE trail SET subject = '${subject}' WHERE seq = ${Number(victim.seq)}; ALTER TABLE trail ENABLE TRIGGER trail_append_only; COMMIT;`);
    try {
      await edit('someone-else');
      const res = await gql(VERIFY, {}, { token: coordinator });
      expect(res.errors).toBeUndefined();
      expect(res.data.fireRescueTrail).toMatchObject({ ok: false, firstBrokenSeq: victim.seq, entries: Number(victim.seq) - 1 });
      expect(res.data.fireRescueTrail.reason).toMatch(/hash does not match/);

      const broken = await verifyTrailCommand();
      expect(broken.code, broken.out).toBe(1);
      expect(broken.out).toContain(`fire-rescue: BROKEN at seq ${victim.seq}`);
      expect(broken.out).toMatch(/market-supervision: OK/);
    } finally {
      // Put the row back so that the chain verifies again for everyone else.
      await edit(victim.subject.replace(/'/g, "''"));
    }
    expect((await gql(VERIFY, {}, { token: coordinator })).data.fireRescueTrail.ok).toBe(true);
    // The trigger is back on.
    await expect(sql('fire-rescue', "UPDATE trail SET subject = 'x' WHERE seq = $1", [victim.seq])).rejects.toThrow(/refused/);
  });
});
