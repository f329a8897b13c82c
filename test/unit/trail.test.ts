import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest, TRAIL_GENESIS, trailHash, trailHashInput, verifyTrailWith, type TrailRecord, type TrailSql } from '../../shared/platform/trail.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const first: Omit<TrailRecord, 'hash'> = {
  seq: '1',
  at: new Date('2026-05-01T08:30:00.123Z'),
  subject: 'fr-admin-wang',
  roles: ['department-admin'],
  department: 'fire-rescue',
  subgraph: 'fire-rescue',
  operation: 'Mutation.tagFireRescueTarget',
  argsDigest: 'a'.repeat(64),
  resultDigest: 'b'.repeat(64),
  beforeDigest: 'd'.repeat(64),
  afterDigest: 'e'.repeat(64),
  outcome: 'ok',
  prevHash: TRAIL_GENESIS,
};

describe('the trail hash layout (shared/platform/trail.ts)', () => {
  it('is SHA-256 over the canonical JSON array of the documented fields, in order', () => {
    const expected =
      '["yiye-trail-v2","1","2026-05-01T08:30:00.123Z","fr-admin-wang",["department-admin"],"fire-rescue","fire-rescue",' +
      `"Mutation.tagFireRescueTarget","${'a'.repeat(64)}","${'d'.repeat(64)}","${'e'.repeat(64)}","${'b'.repeat(64)}","ok","${'0'.repeat(64)}"]`;
    expect(trailHashInput(first)).toBe(expected);
    expect(trailHash(first)).toBe(sha256(expected));
    // Entries written before the before/after digests keep their v1 layout and still verify.
    expect(trailHashInput({ ...first, layout: 'yiye-trail-v1' })).toBe(
      '["yiye-trail-v1","1","2026-05-01T08:30:00.123Z","fr-admin-wang",["department-admin"],"fire-rescue","fire-rescue",' +
        `"Mutation.tagFireRescueTarget","${'a'.repeat(64)}","${'b'.repeat(64)}","ok","${'0'.repeat(64)}"]`,
    );
    // No department and no result digest are empty strings, not "null".
    expect(trailHashInput({ ...first, department: null, resultDigest: null, outcome: 'FORBIDDEN' })).toContain(`,"","fire-rescue",`);
    // Every field is covered: changing any one changes the hash.
    for (const [k, v] of Object.entries({ seq: '2', at: new Date(0), subject: 'x', roles: ['coordinator'], department: 'x', subgraph: 'x', operation: 'x', argsDigest: 'c', resultDigest: 'c', outcome: 'x', prevHash: 'c', beforeDigest: 'c', afterDigest: 'c', layout: 'yiye-trail-v1' })) {
      expect(trailHash({ ...first, [k]: v }), k).not.toBe(trailHash(first));
    }
  });

  it('digests canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: null, e: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"e":"x","f":null}]},"b":1}');
    expect(digest({ uscc: '91130433MA0000001X', input: { key: 'k', value: 'v' } })).toBe(digest({ input: { value: 'v', key: 'k' }, uscc: '91130433MA0000001X' }));
    expect(digest({ a: 1 })).toBe(sha256('{"a":1}'));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(canonicalJson(cyclic)).toBe('{"a":1,"self":"[cycle]"}');
  });

  it('verifies a chain and names the first broken entry', async () => {
    const chain: TrailRecord[] = [];
    let prev = TRAIL_GENESIS;
    for (let i = 1; i <= 3; i++) {
      const e = { ...first, seq: String(i), prevHash: prev };
      const hash = trailHash(e);
      chain.push({ ...e, hash });
      prev = hash;
    }
    const rowsOf = (entries: TrailRecord[]): TrailSql => async (text, params) => {
      if (text.includes('seq < 1')) return [];
      const from = BigInt(String(params?.[0] ?? '1'));
      return entries
        .filter((e) => BigInt(e.seq) >= from)
        .map((e) => ({ seq: e.seq, at: e.at, subject: e.subject, roles: e.roles, department: e.department, subgraph: e.subgraph, operation: e.operation, args_digest: e.argsDigest, result_digest: e.resultDigest, outcome: e.outcome, layout: e.layout, before_digest: e.beforeDigest, after_digest: e.afterDigest, prev_hash: e.prevHash, hash: e.hash }));
    };
    expect(await verifyTrailWith(rowsOf(chain))).toEqual({ entries: 3, ok: true, firstBrokenSeq: null, reason: null });
    expect(await verifyTrailWith(rowsOf([]))).toEqual({ entries: 0, ok: true, firstBrokenSeq: null, reason: null });

    const edited = chain.map((e) => (e.seq === '2' ? { ...e, subject: 'someone-else' } : e));
    expect(await verifyTrailWith(rowsOf(edited))).toMatchObject({ ok: false, firstBrokenSeq: '2', reason: expect.stringContaining('hash') });

    // Rewriting an entry together with its own hash breaks the link of the next one.
    const rehashed = chain.map((e) => (e.seq === '2' ? { ...e, subject: 'someone-else', hash: trailHash({ ...e, subject: 'someone-else' }) } : e));
    expect(await verifyTrailWith(rowsOf(rehashed))).toMatchObject({ ok: false, firstBrokenSeq: '3', reason: expect.stringContaining('prevHash') });

    // A deleted entry is a gap.
    expect(await verifyTrailWith(rowsOf([chain[0], chain[2]]))).toMatchObject({ ok: false, firstBrokenSeq: '3', reason: expect.stringContaining('seq 2 is missing') });
  });
});
