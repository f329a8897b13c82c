/**
 * Specification tests for the yiye-draw/1 draw (shared/domain/draw.ts) and its independent verifier
 * (scripts/verify-draw.mjs). Golden values also appear in docs/draw.md, "Worked example": if one
 * of them changes, the algorithm changed and needs a new version, not a new golden value.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DRAW_ALGORITHM,
  DrawInputError,
  DrawShortfallError,
  RISK_CLASSES,
  TAG_CLASS_RULES,
  buildDrawExport,
  canonicalJson,
  drawClass,
  drawCommitted,
  drawInspectors,
  drawTargets,
  inspectorKey,
  makeCommitment,
  poolDigest,
  quota,
  seedDigest,
  targetKey,
  type DrawExport,
  type InspectionTargetSpec,
  type InspectorCandidate,
  type PoolEntry,
  type Ratios,
  type RiskClass,
} from '../../shared/domain/draw.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Synthetic, unique 18-character USCC-like code (check character not valid, on purpose irrelevant). */
function uscc(i: number): string {
  let s = '';
  for (let n = i, k = 0; k < 10; k++, n = Math.floor(n / 31)) s = ALPHABET[n % 31] + s;
  return `91130433${s}`;
}
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function syntheticPool(size: number): PoolEntry[] {
  return Array.from({ length: size }, (_, i) => ({ uscc: uscc(i * 7919 + 13), riskClass: RISK_CLASSES[i % 4] }));
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// The worked example of docs/draw.md (USCCs with valid check characters).
const EXAMPLE = {
  seed: 'example-seed-2025-04-01',
  taskId: 'GT-2025-Q2-007',
  ratios: { A: 1000, B: 2000, C: 5000, D: 10000 } as Ratios,
  committedAt: '2025-04-01T01:00:00.000Z',
  pool: [
    { uscc: '91130433MA0C1KQX3P', riskClass: 'A', tags: [] },
    { uscc: '91130433MA0D2B7P1B', riskClass: 'A', tags: ['good-record-36m'] },
    { uscc: '92130433MA0E44GH2P', riskClass: 'B', tags: ['complaint-12m'] },
    { uscc: '91130433MA0F5N8L0N', riskClass: 'C', tags: [] },
    { uscc: '93130433MA0G6R2T54', riskClass: 'C', tags: ['referral', 'good-record-36m'] },
    { uscc: '91130433MA0H7W9Y69', riskClass: 'D', tags: [] },
    { uscc: '92130433MA0J8QDX43', riskClass: 'B', tags: ['licence-food'] },
  ] as PoolEntry[],
};

describe('quota: ceil(n × bp / 10000) in integers', () => {
  it.each([
    [0, 500, 0],
    [0, 10000, 0],
    [1, 1, 1],
    [1, 0, 0],
    [200, 500, 10],
    [201, 500, 11],
    [19, 500, 1],
    [20, 500, 1],
    [21, 500, 2],
    [10, 10000, 10],
    [3, 3333, 1],
    [3, 3334, 2],
    [1_000_000, 500, 50_000],
    [1_000_001, 500, 50_001],
  ])('quota(%i, %i) = %i', (n, bp, q) => {
    expect(quota(n, bp)).toBe(q);
  });

  it('refuses ratios outside 0..10000 or not integers, and negative sizes', () => {
    expect(() => quota(10, 10001)).toThrow(DrawInputError);
    expect(() => quota(10, 1.5)).toThrow(/0到10000之间的整数.*integer from 0 to 10000/);
    expect(() => quota(-1, 500)).toThrow(DrawInputError);
  });
});

describe('ratios validation', () => {
  const pool = syntheticPool(4);
  const draw = (ratios: unknown) => drawTargets({ seed: 's', taskId: 't', pool, ratios: ratios as Ratios });

  it.each([
    [{ A: 500, B: 500, C: 500 }, /恰好包含A、B、C、D.*exactly the keys A, B, C, D, got: A, B, C/],
    [{ A: 500, B: 500, C: 500, D: 500, d: 1 }, /exactly the keys A, B, C, D, got: A, B, C, D, d/],
    [{ A: 500, B: 500, C: 500, D: 10001 }, /D类抽查比例“10001”无效.*ratio for class D is 10001/],
    [{ A: -1, B: 500, C: 500, D: 500 }, /ratio for class A is -1/],
    [{ A: 500, B: 2.5, C: 500, D: 500 }, /ratio for class B is 2.5/],
    [{ A: 500, B: '500', C: 500, D: 500 }, /ratio for class B is 500/],
    [null, /抽查比例必须是.*ratios must be an object/],
  ])('rejects %j', (ratios, message) => {
    expect(() => draw(ratios)).toThrow(DrawInputError);
    expect(() => draw(ratios)).toThrow(message);
  });
});

describe('draw class: tag rules', () => {
  it('the rule table is fixed for yiye-draw/1', () => {
    expect(Object.fromEntries(Object.entries(TAG_CLASS_RULES).map(([tag, r]) => [tag, r.shift]))).toEqual({
      'complaint-12m': 1,
      referral: 1,
      // Added with credit feedback (联合惩戒): a tag no pool committed before could carry, so no earlier output changes.
      'finding-12m': 1,
      'good-record-36m': -1,
    });
    expect(Object.isFrozen(TAG_CLASS_RULES)).toBe(true);
  });

  it.each<[RiskClass, string[], RiskClass]>([
    ['B', [], 'B'],
    ['B', ['complaint-12m'], 'C'],
    ['B', ['referral'], 'C'],
    ['B', ['finding-12m'], 'C'],
    ['A', ['finding-12m', 'good-record-36m'], 'A'],
    ['B', ['complaint-12m', 'referral'], 'D'],
    ['C', ['complaint-12m', 'referral'], 'D'], // never above D
    ['D', ['referral'], 'D'],
    ['B', ['good-record-36m'], 'A'],
    ['A', ['good-record-36m'], 'A'], // never below A
    ['C', ['complaint-12m', 'good-record-36m'], 'C'], // shifts add up before clamping
    ['D', ['referral', 'good-record-36m'], 'D'], // so order and clamping do not interact
    ['A', ['referral', 'referral'], 'B'], // a tag counts once
    ['A', ['licence-food', 'constructor', 'toString'], 'A'], // other tags do not affect the draw
  ])('%s with %j draws as %s', (riskClass, tags, expected) => {
    expect(drawClass(riskClass, tags)).toBe(expected);
    expect(drawClass(riskClass, [...tags].reverse())).toBe(expected);
  });

  it('rejects an unknown risk class', () => {
    expect(() => drawClass('E' as RiskClass)).toThrow(/不是A、B、C、D|not one of A, B, C, D/);
  });
});

describe('digests and canonical forms', () => {
  it('seedDigest is SHA-256 of the UTF-8 seed', () => {
    expect(seedDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(seedDigest('种子')).toBe(sha256(Buffer.from('种子', 'utf8')));
  });

  it('poolDigest hashes "USCC,DRAWCLASS\\n" lines sorted by USCC, with counts by draw class', () => {
    const pool: PoolEntry[] = [
      { uscc: uscc(2), riskClass: 'B', tags: ['complaint-12m'] },
      { uscc: uscc(1), riskClass: 'A' },
      { uscc: uscc(3), riskClass: 'D', tags: ['good-record-36m'] },
    ];
    const text = `${uscc(1)},A\n${uscc(2)},C\n${uscc(3)},C\n`;
    expect(poolDigest(pool)).toEqual({ hash: sha256(text), size: 3, byClass: { A: 1, B: 0, C: 2, D: 0 } });
  });

  it('poolDigest does not depend on input order', () => {
    const pool = syntheticPool(500);
    const expected = poolDigest(pool).hash;
    for (const seed of [1, 2, 3]) expect(poolDigest(shuffled(pool, seed)).hash).toBe(expected);
  });

  it('poolDigest of the empty pool is SHA-256 of the empty string', () => {
    expect(poolDigest([]).hash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('the pool digest changes with a draw class, including one changed only by a tag', () => {
    const pool = syntheticPool(20);
    const base = poolDigest(pool).hash;
    expect(poolDigest(pool.map((e, i) => (i === 5 ? { ...e, riskClass: 'D' as const } : e))).hash).not.toBe(base);
    expect(poolDigest(pool.map((e, i) => (i === 5 ? { ...e, tags: ['referral'] } : e))).hash).not.toBe(base);
    expect(poolDigest(pool.map((e, i) => (i === 5 ? { ...e, tags: ['licence-food'] } : e))).hash).toBe(base);
  });

  it('rejects duplicates and malformed USCCs, naming the entry', () => {
    const pool = syntheticPool(10);
    expect(() => poolDigest([...pool, { ...pool[3] }])).toThrow(`USCC ${pool[3].uscc} appears more than once`);
    expect(() => drawTargets({ seed: 's', taskId: 't', pool: [...pool, { ...pool[3] }], ratios: { A: 0, B: 0, C: 0, D: 0 } })).toThrow(
      /重复.*appears more than once/,
    );
    expect(() => poolDigest([{ uscc: '91130433MA0C1KQX3', riskClass: 'A' }])).toThrow(/pool entry 1.*not an 18-character USCC/);
    expect(() => poolDigest([{ uscc: '91130433MA0C1KQX3I', riskClass: 'A' }])).toThrow(DrawInputError);
    expect(() => poolDigest([{ uscc: '91130433ma0c1kqx3p', riskClass: 'A' }])).toThrow(DrawInputError);
    expect(() => poolDigest([pool[0], { uscc: pool[1].uscc, riskClass: 'X' as RiskClass }])).toThrow(/pool entry 2.*not one of A, B, C, D/);
  });

  it('finds a duplicate anywhere in a large pool, and does not confuse codes that share a half', () => {
    const pool = syntheticPool(20_000);
    expect(() => drawTargets({ seed: 's', taskId: 't', pool: [...pool, { ...pool[12_345], riskClass: 'D' }], ratios: { A: 0, B: 0, C: 0, D: 0 } })).toThrow(
      `USCC ${pool[12_345].uscc} appears more than once`,
    );
    // Same last 9 characters, different first 9 (and the reverse): all distinct.
    const halves = ['91130433MA0C1KQX3P', '92130433MA0C1KQX3P', '91130433MA0C1KQX4P', '93130433NA0C1KQX3P'].map((u) => ({ uscc: u, riskClass: 'A' as const }));
    expect(drawTargets({ seed: 's', taskId: 't', pool: halves, ratios: { A: 10000, B: 0, C: 0, D: 0 } }).drawn).toHaveLength(4);
    expect(poolDigest(halves).size).toBe(4);
  });

  it('canonicalJson sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 'x', y: null }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":null,"z":"x"}]},"b":1}');
    expect(canonicalJson({ s: '引号"\n' })).toBe('{"s":"引号\\"\\n"}');
    expect(() => canonicalJson({ a: undefined })).toThrow(DrawInputError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(DrawInputError);
  });

  it('targetKey is SHA-256 over seed 0x00 taskId 0x00 uscc, lower-case hex', () => {
    const bytes = Buffer.concat([Buffer.from('种子-seed'), Buffer.from([0]), Buffer.from('T-1'), Buffer.from([0]), Buffer.from(uscc(7))]);
    expect(targetKey('种子-seed', 'T-1', uscc(7))).toBe(sha256(bytes));
    expect(targetKey('种子-seed', 'T-1', uscc(7))).toMatch(/^[0-9a-f]{64}$/);
    expect(() => targetKey('a\0b', 'T-1', uscc(7))).toThrow(/NUL/);
    expect(() => targetKey('', 'T-1', uscc(7))).toThrow(DrawInputError);
  });

  it('inspectorKey is SHA-256 over seed 0x00 taskId 0x00 uscc 0x00 certificate number', () => {
    const bytes = Buffer.from(`s\x00T-1\x00${uscc(7)}\x0013043301001`, 'utf8');
    expect(inspectorKey('s', 'T-1', uscc(7), '13043301001')).toBe(sha256(bytes));
  });
});

describe('commitment', () => {
  const base = {
    taskId: 'T-2025-001',
    pool: syntheticPool(40),
    ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
    seedHash: seedDigest('seed'),
    committedAt: '2025-01-06T08:00:00.000Z',
  };

  it('holds the pool summary and hashes the canonical JSON of every other field', () => {
    const c = makeCommitment(base);
    const d = poolDigest(base.pool);
    expect(c).toEqual({
      algorithm: 'yiye-draw/1',
      taskId: 'T-2025-001',
      poolHash: d.hash,
      poolSize: 40,
      poolByClass: { A: 10, B: 10, C: 10, D: 10 },
      ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
      seedHash: base.seedHash,
      committedAt: '2025-01-06T08:00:00.000Z',
      commitmentHash: expect.any(String),
    });
    const text =
      `{"algorithm":"yiye-draw/1","committedAt":"2025-01-06T08:00:00.000Z","poolByClass":{"A":10,"B":10,"C":10,"D":10},` +
      `"poolHash":"${d.hash}","poolSize":40,"ratios":{"A":300,"B":1000,"C":3000,"D":8000},"seedHash":"${base.seedHash}","taskId":"T-2025-001"}`;
    expect(c.commitmentHash).toBe(sha256(text));
    expect(makeCommitment({ ...base, committedAt: new Date('2025-01-06T08:00:00Z') }).commitmentHash).toBe(c.commitmentHash);
  });

  it('the commitment hash changes with any field', () => {
    const hashes = [
      makeCommitment(base),
      makeCommitment({ ...base, taskId: 'T-2025-002' }),
      makeCommitment({ ...base, pool: base.pool.map((e, i) => (i === 0 ? { ...e, riskClass: 'B' as const } : e)) }),
      makeCommitment({ ...base, pool: base.pool.slice(1) }),
      makeCommitment({ ...base, ratios: { ...base.ratios, D: 8001 } }),
      makeCommitment({ ...base, seedHash: seedDigest('seed2') }),
      makeCommitment({ ...base, committedAt: '2025-01-06T08:00:01.000Z' }),
    ].map((c) => c.commitmentHash);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('rejects a malformed seed hash or timestamp', () => {
    expect(() => makeCommitment({ ...base, seedHash: 'ABC' })).toThrow(/seedHash must be a SHA-256/);
    expect(() => makeCommitment({ ...base, committedAt: 'yesterday' })).toThrow(/RFC 3339/);
  });
});

describe('drawTargets', () => {
  const ratios: Ratios = { A: 500, B: 1500, C: 4000, D: 10000 };

  it('draws the quota of lowest keys in each class (brute force on 1,000 entries)', () => {
    const pool = syntheticPool(1000).map((e, i) => (i % 9 === 0 ? { ...e, tags: ['complaint-12m'] } : e));
    const r = drawTargets({ seed: 'brute-force', taskId: 'T-9', pool, ratios });
    const expectedDrawn: string[] = [];
    for (const c of RISK_CLASSES) {
      const stratum = pool
        .filter((e) => drawClass(e.riskClass, e.tags) === c)
        .map((e) => ({ uscc: e.uscc, key: targetKey('brute-force', 'T-9', e.uscc) }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      const q = quota(stratum.length, ratios[c]);
      expect(r.byClass[c]).toEqual({ poolSize: stratum.length, quota: q, drawn: stratum.slice(0, q) });
      expectedDrawn.push(...stratum.slice(0, q).map((e) => e.uscc));
    }
    expect(r.drawn).toEqual(expectedDrawn);
    // 112 entries (every 9th) move up one class: A loses 28, D gains 28; 222 × 5 % = 11.1 rounds up.
    expect(RISK_CLASSES.map((c) => r.byClass[c].poolSize)).toEqual([222, 250, 250, 278]);
    expect(RISK_CLASSES.map((c) => r.byClass[c].quota)).toEqual([12, 38, 100, 278]);
  });

  it('is deterministic and independent of pool order', () => {
    const pool = syntheticPool(400);
    const r = drawTargets({ seed: 'same', taskId: 'T-1', pool, ratios });
    expect(drawTargets({ seed: 'same', taskId: 'T-1', pool, ratios })).toEqual(r);
    expect(drawTargets({ seed: 'same', taskId: 'T-1', pool: shuffled(pool, 42), ratios })).toEqual(r);
  });

  it('a different seed or task gives a different draw of the same sizes', () => {
    const pool = syntheticPool(400);
    const r = drawTargets({ seed: 'same', taskId: 'T-1', pool, ratios });
    for (const other of [drawTargets({ seed: 'other', taskId: 'T-1', pool, ratios }), drawTargets({ seed: 'same', taskId: 'T-2', pool, ratios })]) {
      expect(other.drawn).not.toEqual(r.drawn);
      expect(other.drawn.length).toBe(r.drawn.length);
    }
  });

  it('ratio 0 draws nobody, 10000 everybody, and an empty class draws nobody', () => {
    const pool = syntheticPool(12).filter((e) => e.riskClass !== 'C');
    const r = drawTargets({ seed: 's', taskId: 't', pool, ratios: { A: 0, B: 10000, C: 5000, D: 1 } });
    expect(RISK_CLASSES.map((c) => [r.byClass[c].poolSize, r.byClass[c].quota, r.byClass[c].drawn.length])).toEqual([
      [3, 0, 0],
      [3, 3, 3],
      [0, 0, 0],
      [3, 1, 1],
    ]);
  });

  it('the worked example of docs/draw.md', () => {
    const c = makeCommitment({ ...EXAMPLE, seedHash: seedDigest(EXAMPLE.seed) });
    expect(c.poolHash).toBe('3a671a8b59e1ab022c3086d36319eeab9bc9fe3e5e6531e55b4f2c770b6760f5');
    expect(c.seedHash).toBe('a6a429f052187a2c97b5ff1ad58cf43e7abb61c4b7883a9f5ea91759d599755d');
    expect(c.commitmentHash).toBe('b88feda20f1d238e0aa612194b32cdaa688115998df0edefa9831e4753fc9735');
    const r = drawCommitted({ commitment: c, seed: EXAMPLE.seed, pool: EXAMPLE.pool });
    expect(r.drawn).toEqual(['91130433MA0D2B7P1B', '92130433MA0J8QDX43', '91130433MA0F5N8L0N', '93130433MA0G6R2T54', '91130433MA0H7W9Y69']);
    expect(r.byClass.C.drawn.map((t) => t.key)).toEqual([
      '201d751725e693353b22b295a299d413fea562c86c26fed6f271165e7b873feb',
      '22fb76a8ae31db9e59eaff30a0f934ee7ba39f5612310ab24d1237033ed330ca',
    ]);
  });

  it('drawCommitted refuses a seed or pool other than the committed ones', () => {
    const c = makeCommitment({ ...EXAMPLE, seedHash: seedDigest(EXAMPLE.seed) });
    expect(() => drawCommitted({ commitment: c, seed: 'guess', pool: EXAMPLE.pool })).toThrow(/种子与已公布的承诺不一致.*the seed does not match/);
    expect(() => drawCommitted({ commitment: c, seed: EXAMPLE.seed, pool: EXAMPLE.pool.slice(1) })).toThrow(/the pool does not match/);
    expect(() => drawCommitted({ commitment: { ...c, ratios: { ...c.ratios, A: 10000 } }, seed: EXAMPLE.seed, pool: EXAMPLE.pool })).toThrow(
      /the commitment content does not match/,
    );
  });
});

describe('verifier scripts/verify-draw.mjs (independent implementation)', () => {
  const script = fileURLToPath(new URL('../../scripts/verify-draw.mjs', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'yiye-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pool = syntheticPool(300).map((e, i) => (i % 11 === 0 ? { ...e, tags: ['referral'] } : e));
  const seed = 'drand-quicknet-round-1234567';
  const commitment = makeCommitment({
    taskId: 'GT-2025-Q1-003',
    pool,
    ratios: { A: 500, B: 1500, C: 3000, D: 6000 },
    seedHash: seedDigest(seed),
    committedAt: '2025-01-02T00:00:00.000Z',
  });
  const honest = buildDrawExport({ commitment, seed, pool, result: drawCommitted({ commitment, seed, pool }) });

  let n = 0;
  function verify(exp: unknown, raw?: string) {
    const file = join(dir, `draw-${n++}.json`);
    writeFileSync(file, raw ?? JSON.stringify(exp));
    const r = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  }
  const tampered = (change: (e: DrawExport) => void): DrawExport => {
    const e = structuredClone(honest);
    change(e);
    return e;
  };

  it('accepts the honest export', () => {
    expect(honest.pool).toHaveLength(300);
    expect(honest.result.drawn.length).toBe(Object.values(honest.result.byClass).reduce((s, c) => s + c.quota, 0));
    const { code, out } = verify(honest);
    expect(out).toContain('RESULT: MATCH');
    expect(out).not.toContain('MISMATCH');
    expect(code).toBe(0);
  });

  it('rejects a changed pool entry', () => {
    const e = tampered((x) => (x.pool[10].drawClass = x.pool[10].drawClass === 'D' ? 'A' : 'D'));
    const { code, out } = verify(e);
    expect(out).toContain('MISMATCH pool hash matches the commitment');
    expect(code).toBe(1);
  });

  it('rejects a changed seed', () => {
    const { code, out } = verify(tampered((x) => (x.seed = 'drand-quicknet-round-1234568')));
    expect(out).toContain('MISMATCH seed matches the committed seed hash');
    expect(out).toContain('MISMATCH published drawn set equals the recomputed draw');
    expect(code).toBe(1);
  });

  it('rejects a result with one USCC swapped, naming both', () => {
    const outsider = honest.pool.find((p) => !honest.result.drawn.includes(p.uscc))!.uscc;
    const replaced = honest.result.drawn[3];
    const { code, out } = verify(tampered((x) => (x.result.drawn[3] = outsider)));
    expect(out).toContain(`missing from the published result (1): ${replaced}`);
    expect(out).toContain(`published but not drawn (1): ${outsider}`);
    expect(out).toContain('OK       pool hash matches the commitment');
    expect(code).toBe(1);
  });

  it('rejects a changed ratio, even with the commitment hash recomputed', () => {
    const { code, out } = verify(tampered((x) => (x.commitment.ratios.D = 7000)));
    expect(out).toContain('MISMATCH commitment hash matches its content');
    expect(code).toBe(1);

    const rehashed = tampered((x) => {
      x.commitment.ratios.D = 7000;
      const { commitmentHash: _, ...content } = x.commitment;
      x.commitment.commitmentHash = sha256(canonicalJson(content));
    });
    const second = verify(rehashed);
    expect(second.out).toContain('OK       commitment hash matches its content');
    expect(second.out).toContain('MISMATCH published drawn set equals the recomputed draw');
    expect(second.code).toBe(1);
  });

  it('accepts the same set in another order, with a note', () => {
    const { code, out } = verify(tampered((x) => x.result.drawn.reverse()));
    expect(out).toContain('note: same set, but not listed in the specified order (class, then key)');
    expect(code).toBe(0);
  });

  it('rejects an invalid ratio', () => {
    const { code, out } = verify(tampered((x) => (x.commitment.ratios.A = 12000)));
    expect(out).toContain('MISMATCH ratios are integers 0..10000');
    expect(code).toBe(1);
  });

  it('exits 2 on unreadable input', () => {
    expect(verify(null, '{"commitment": ').code).toBe(2);
    expect(verify({ seed: 'x' }).code).toBe(2);
    const missing = spawnSync(process.execPath, [script, join(dir, 'no-such-file.json')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
  });
});

describe('drawInspectors', () => {
  const MS = 'market-supervision';
  const FIRE = 'fire-rescue';
  const PS = 'public-security';
  const T1 = uscc(101);
  const T2 = uscc(102);
  const T3 = uscc(103);

  function inspector(cert: string, department: string, extra: Partial<InspectorCandidate> = {}): InspectorCandidate {
    return { certificateNumber: cert, name: `检查员${cert}`, department, expertise: [], status: 'active', conflicts: [], currentLoad: 0, ...extra };
  }
  const target = (u: string, departments: string[], extra: Partial<InspectionTargetSpec> = {}): InspectionTargetSpec => ({
    uscc: u,
    departments,
    requiredExpertise: [],
    minTeamSize: 2,
    ...extra,
  });
  const run = (targets: InspectionTargetSpec[], inspectors: InspectorCandidate[], workloadCap = 10, seed = 'insp-seed') =>
    drawInspectors({ seed, taskId: 'T-INSP', targets, inspectors, workloadCap });
  const certs = (a: { team: { certificateNumber: string }[] }) => a.team.map((m) => m.certificateNumber);

  it('ranks by inspectorKey, gives the leader to the first department and records exclusions', () => {
    const inspectors = [
      inspector('MS-1', MS),
      inspector('MS-2', MS),
      inspector('MS-3', MS, { status: 'suspended' }),
      inspector('MS-4', MS, { conflicts: [T1] }),
      inspector('FR-1', FIRE),
      inspector('FR-2', FIRE, { status: 'retired' }),
      inspector('PS-1', PS, { status: 'suspended' }), // not a department of the target: not listed
    ];
    const [a] = run([target(T1, [MS, FIRE])], inspectors);
    const key = (cert: string) => inspectorKey('insp-seed', 'T-INSP', T1, cert);
    const bestMs = key('MS-1') < key('MS-2') ? 'MS-1' : 'MS-2';
    expect(a).toEqual({
      uscc: T1,
      team: [
        { certificateNumber: bestMs, role: 'leader' },
        { certificateNumber: 'FR-1', role: 'member' },
      ],
      exclusions: [
        { certificateNumber: 'FR-2', reason: 'status' },
        { certificateNumber: 'MS-3', reason: 'status' },
        { certificateNumber: 'MS-4', reason: 'conflict' },
      ],
    });
  });

  it('the worked example of docs/draw.md', () => {
    const T = '91130433MA0H7W9Y69';
    const inspectors = [
      inspector('13043301001', MS, { expertise: ['food'] }),
      inspector('13043301002', MS, { expertise: ['special-equipment'], conflicts: [T] }),
      inspector('13043301003', MS, { expertise: ['special-equipment'] }),
      inspector('13043301004', MS, { status: 'suspended' }),
      inspector('13043302001', FIRE, { expertise: ['fire-safety'], lastInspected: [T] }),
      inspector('13043302002', FIRE, { expertise: ['fire-safety'] }),
      inspector('13043302003', FIRE, { currentLoad: 5 }),
    ];
    expect(inspectorKey(EXAMPLE.seed, EXAMPLE.taskId, T, '13043302001')).toBe('81c155a174f0d3d42fe462efb53852375ad222e577cde531692fd0faeebf7951');
    const result = drawInspectors({
      seed: EXAMPLE.seed,
      taskId: EXAMPLE.taskId,
      targets: [target(T, [MS, FIRE], { requiredExpertise: ['special-equipment'], minTeamSize: 3 })],
      inspectors,
      workloadCap: 5,
    });
    expect(result).toEqual([
      {
        uscc: T,
        team: [
          { certificateNumber: '13043301003', role: 'leader' },
          { certificateNumber: '13043302002', role: 'member' },
          { certificateNumber: '13043301001', role: 'member' },
        ],
        exclusions: [
          { certificateNumber: '13043301002', reason: 'conflict' },
          { certificateNumber: '13043301004', reason: 'status' },
          { certificateNumber: '13043302001', reason: 'rotation-deprioritised' },
          { certificateNumber: '13043302003', reason: 'workload' },
        ],
      },
    ]);
  });

  it('never assigns an inspector to a business they must recuse from', () => {
    const targets = Array.from({ length: 30 }, (_, i) => target(uscc(200 + i), [MS]));
    const inspectors = Array.from({ length: 6 }, (_, i) =>
      inspector(`MS-${i}`, MS, { conflicts: targets.filter((_, j) => (i + j) % 3 === 0).map((t) => t.uscc) }),
    );
    const result = run(targets, inspectors, 100);
    for (const a of result) {
      for (const cert of certs(a)) expect(inspectors.find((p) => p.certificateNumber === cert)!.conflicts).not.toContain(a.uscc);
      expect(a.exclusions.filter((x) => x.reason === 'conflict')).toHaveLength(2);
    }
  });

  it('holds the workload cap across targets, counting the current load', () => {
    const targets = Array.from({ length: 6 }, (_, i) => target(uscc(300 + i), [MS]));
    const inspectors = [inspector('MS-1', MS, { currentLoad: 2 }), ...Array.from({ length: 4 }, (_, i) => inspector(`MS-${i + 2}`, MS))];
    const result = run(targets, inspectors, 3);
    // Replay in result order (USCC order): whoever is at the cap before a target is excluded for workload.
    const load = new Map(inspectors.map((p) => [p.certificateNumber, p.currentLoad]));
    let excludedForWorkload = 0;
    for (const a of result) {
      const atCap = inspectors.filter((p) => load.get(p.certificateNumber)! >= 3).map((p) => p.certificateNumber);
      expect(a.exclusions.filter((x) => x.reason === 'workload').map((x) => x.certificateNumber)).toEqual(atCap);
      for (const c of certs(a)) {
        expect(atCap).not.toContain(c);
        load.set(c, load.get(c)! + 1);
      }
      excludedForWorkload += atCap.length;
    }
    for (const p of inspectors) expect(load.get(p.certificateNumber)).toBeLessThanOrEqual(3);
    expect([...load.values()].reduce((s, v) => s + v, 0)).toBe(2 + 12);
    expect(excludedForWorkload).toBeGreaterThan(0);
  });

  it('puts at least one inspector of every department on a joint team, and covers the expertise', () => {
    const inspectors = [
      ...Array.from({ length: 4 }, (_, i) => inspector(`MS-${i}`, MS, { expertise: i === 3 ? ['special-equipment'] : ['food'] })),
      ...Array.from({ length: 3 }, (_, i) => inspector(`FR-${i}`, FIRE, { expertise: ['fire-safety'] })),
      ...Array.from({ length: 3 }, (_, i) => inspector(`PS-${i}`, PS)),
    ];
    const targets = Array.from({ length: 12 }, (_, i) =>
      target(uscc(400 + i), [PS, FIRE, MS], { requiredExpertise: ['special-equipment', 'fire-safety'], minTeamSize: 4 }),
    );
    const result = run(targets, inspectors, 100);
    for (const a of result) {
      const team = certs(a).map((c) => inspectors.find((p) => p.certificateNumber === c)!);
      expect(new Set(team.map((p) => p.department))).toEqual(new Set([PS, FIRE, MS]));
      expect(team.some((p) => p.expertise.includes('special-equipment'))).toBe(true);
      expect(team[0].department).toBe(PS);
      expect(team).toHaveLength(4);
      expect(new Set(certs(a)).size).toBe(4);
      expect(a.team.map((m) => m.role)).toEqual(['leader', 'member', 'member', 'member']);
    }
  });

  it('rotation: avoids the last inspector when there is an alternative, uses them when not', () => {
    const withAlternative = [inspector('MS-1', MS, { lastInspected: [T1] }), inspector('MS-2', MS), inspector('MS-3', MS)];
    // Whatever the key order, the rotated inspector loses to the two others across many seeds.
    for (let s = 0; s < 20; s++) {
      const [a] = run([target(T1, [MS])], withAlternative, 10, `seed-${s}`);
      expect(certs(a).sort()).toEqual(['MS-2', 'MS-3']);
      expect(a.exclusions).toEqual([{ certificateNumber: 'MS-1', reason: 'rotation-deprioritised' }]);
    }
    const noAlternative = [inspector('MS-1', MS, { lastInspected: [T1] }), inspector('MS-2', MS)];
    const [b] = run([target(T1, [MS])], noAlternative);
    expect(certs(b)).toEqual(['MS-2', 'MS-1']);
    expect(b.exclusions).toEqual([{ certificateNumber: 'MS-1', reason: 'rotation-deprioritised' }]);
  });

  it('throws DrawShortfallError listing every shortfall, and returns nothing partial', () => {
    const inspectors = [
      inspector('MS-1', MS, { expertise: ['food'] }),
      inspector('MS-2', MS, { conflicts: [T2] }),
      inspector('FR-1', FIRE, { status: 'suspended' }),
    ];
    const targets = [
      target(T3, [MS], { minTeamSize: 3 }),
      target(T1, [MS]),
      target(T2, [MS, FIRE], { requiredExpertise: ['food', 'lift-safety'] }),
    ];
    let error: unknown;
    try {
      run(targets, inspectors);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DrawShortfallError);
    const shortfalls = (error as DrawShortfallError).shortfalls;
    expect(shortfalls).toEqual([
      {
        uscc: T2,
        department: FIRE,
        missing: 1,
        message: `企业${T2}：${FIRE}没有可抽取的检查人员（在岗、无需回避、未达工作量上限） / ${T2}: no eligible inspector from ${FIRE} (active, no conflict, under the workload cap)`,
      },
      {
        uscc: T2,
        expertise: 'lift-safety',
        missing: 1,
        message: `企业${T2}：没有具备“lift-safety”专长的可抽取检查人员 / ${T2}: no eligible inspector with expertise "lift-safety"`,
      },
      {
        uscc: T2,
        missing: 1,
        message: `企业${T2}：检查组至少需要2人，只能抽到1人，缺1人 / ${T2}: the team needs at least 2 inspectors, only 1 eligible, 1 missing`,
      },
      {
        uscc: T3,
        missing: 1,
        message: `企业${T3}：检查组至少需要3人，只能抽到2人，缺1人 / ${T3}: the team needs at least 3 inspectors, only 2 eligible, 1 missing`,
      },
    ]);
    expect((error as Error).message).toMatch(/^检查人员抽取失败，共4处缺口 \/ the inspector draw failed with 4 shortfall\(s\):\n- /);
  });

  it('a workload shortfall names the target that ran out', () => {
    const inspectors = [inspector('MS-1', MS), inspector('MS-2', MS), inspector('MS-3', MS)];
    expect(() => run([target(T1, [MS]), target(T2, [MS])], inspectors, 1)).toThrow(DrawShortfallError);
    try {
      run([target(T1, [MS]), target(T2, [MS])], inspectors, 1);
    } catch (e) {
      expect((e as DrawShortfallError).shortfalls.map((s) => [s.uscc, s.missing])).toEqual([[T2, 1]]);
    }
  });

  it('is deterministic, independent of input order, and rejects duplicate targets or certificates', () => {
    const inspectors = Array.from({ length: 8 }, (_, i) => inspector(`X-${i}`, i % 2 ? MS : FIRE));
    const targets = Array.from({ length: 6 }, (_, i) => target(uscc(500 + i), [MS, FIRE]));
    const a = run(targets, inspectors, 3);
    expect(run(shuffled(targets, 3), shuffled(inspectors, 4), 3)).toEqual(a);
    expect(a.map((x) => x.uscc)).toEqual([...targets.map((t) => t.uscc)].sort());
    expect(() => run([...targets, targets[0]], inspectors)).toThrow(/appears more than once/);
    expect(() => run(targets, [...inspectors, inspectors[0]])).toThrow(/certificate number X-0 appears more than once/);
    expect(() => run(targets, inspectors, 0)).toThrow(/workloadCap 0 must be a positive integer/);
  });
});

describe('module constants', () => {
  it('names the algorithm version', () => {
    expect(DRAW_ALGORITHM).toBe('yiye-draw/1');
  });
});
