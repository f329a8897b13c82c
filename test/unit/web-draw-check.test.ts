import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, checkDrawExport, DrawExportUnreadable } from '../../web/src/lib/draw-check.js';
import { hashBackend } from '../../web/src/lib/sha256.js';

/**
 * The browser's "check this draw" (web/src/lib/draw-check.ts) on the worked example of
 * docs/draw.md section 9: every number below is the specification's.
 */
const EXAMPLE = {
  commitment: {
    algorithm: 'yiye-draw/1',
    taskId: 'GT-2025-Q2-007',
    poolHash: '3a671a8b59e1ab022c3086d36319eeab9bc9fe3e5e6531e55b4f2c770b6760f5',
    poolSize: 7,
    poolByClass: { A: 2, B: 1, C: 3, D: 1 },
    ratios: { A: 1000, B: 2000, C: 5000, D: 10000 },
    seedHash: 'a6a429f052187a2c97b5ff1ad58cf43e7abb61c4b7883a9f5ea91759d599755d',
    committedAt: '2025-04-01T01:00:00.000Z',
    commitmentHash: 'b88feda20f1d238e0aa612194b32cdaa688115998df0edefa9831e4753fc9735',
  },
  seed: 'example-seed-2025-04-01',
  pool: [
    { uscc: '91130433MA0C1KQX3P', drawClass: 'A' },
    { uscc: '91130433MA0D2B7P1B', drawClass: 'A' },
    { uscc: '91130433MA0F5N8L0N', drawClass: 'C' },
    { uscc: '91130433MA0H7W9Y69', drawClass: 'D' },
    { uscc: '92130433MA0E44GH2P', drawClass: 'C' },
    { uscc: '92130433MA0J8QDX43', drawClass: 'B' },
    { uscc: '93130433MA0G6R2T54', drawClass: 'C' },
  ],
  result: { drawn: ['91130433MA0D2B7P1B', '92130433MA0J8QDX43', '91130433MA0F5N8L0N', '93130433MA0G6R2T54', '91130433MA0H7W9Y69'] },
};
const text = (o: unknown) => JSON.stringify(o);
const failed = (r: Awaited<ReturnType<typeof checkDrawExport>>) => r.checks.filter((c) => !c.ok).map((c) => c.name);

afterEach(() => vi.unstubAllGlobals());

describe('the browser draw checker (docs/draw.md, yiye-draw/1)', () => {
  it('recomputes the worked example: every check passes, quotas and drawn list as specified', async () => {
    const r = await checkDrawExport(text(EXAMPLE));
    expect(failed(r)).toEqual([]);
    expect(r.match).toBe(true);
    expect(r.quotas).toEqual({ A: 1, B: 1, C: 2, D: 1 });
    expect(r.expected).toEqual(EXAMPLE.result.drawn);
    expect(r.checks).toHaveLength(9);
    expect(r.backend).toBe('webcrypto');
  });

  it('canonical JSON is the specification\'s commitment content', () => {
    const { commitmentHash: _, ...content } = EXAMPLE.commitment;
    expect(canonicalJson(content)).toBe(
      '{"algorithm":"yiye-draw/1","committedAt":"2025-04-01T01:00:00.000Z","poolByClass":{"A":2,"B":1,"C":3,"D":1},"poolHash":"3a671a8b59e1ab022c3086d36319eeab9bc9fe3e5e6531e55b4f2c770b6760f5","poolSize":7,"ratios":{"A":1000,"B":2000,"C":5000,"D":10000},"seedHash":"a6a429f052187a2c97b5ff1ad58cf43e7abb61c4b7883a9f5ea91759d599755d","taskId":"GT-2025-Q2-007"}',
    );
  });

  it('a swapped drawn business fails the drawn-set check, naming both USCCs', async () => {
    const tampered = structuredClone(EXAMPLE);
    tampered.result.drawn[1] = '92130433MA0E44GH2P';
    const r = await checkDrawExport(text(tampered));
    expect(r.match).toBe(false);
    expect(failed(r)).toEqual(['公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw']);
    const detail = r.checks.find((c) => !c.ok)!.detail;
    expect(detail).toContain('missing from the published result (1): 92130433MA0J8QDX43');
    expect(detail).toContain('published but not drawn (1): 92130433MA0E44GH2P');
  });

  it('a changed seed fails the seed check and the drawn set', async () => {
    const r = await checkDrawExport(text({ ...EXAMPLE, seed: 'example-seed-2025-04-02' }));
    expect(failed(r)).toEqual([
      '种子与承诺的种子哈希一致 / seed matches the committed seed hash',
      '公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw',
    ]);
  });

  it('a changed pool entry fails the pool hash and counts; a changed commitment field fails the commitment hash', async () => {
    const pool = structuredClone(EXAMPLE);
    pool.pool[0].drawClass = 'B';
    expect(failed(await checkDrawExport(text(pool)))).toEqual([
      '名录池哈希与承诺一致 / pool hash matches the commitment',
      '名录池规模及各类数量与承诺一致 / pool size and class counts match the commitment',
      '公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw',
    ]);
    const ratios = structuredClone(EXAMPLE);
    ratios.commitment.ratios.A = 10000;
    expect(failed(await checkDrawExport(text(ratios)))).toEqual([
      '承诺哈希与承诺内容一致 / commitment hash matches its content',
      '公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw',
    ]);
  });

  it('without crypto.subtle (plain http) it hashes with @noble/hashes and gets the same answers', async () => {
    vi.stubGlobal('crypto', undefined);
    expect(hashBackend()).toBe('noble');
    const r = await checkDrawExport(text(EXAMPLE));
    expect(r.backend).toBe('noble');
    expect(r.match).toBe(true);
    expect(r.expected).toEqual(EXAMPLE.result.drawn);
    const tampered = await checkDrawExport(text({ ...EXAMPLE, seed: 'x' }));
    expect(tampered.match).toBe(false);
  });

  it('text that is not a draw export is refused with a bilingual message', async () => {
    await expect(checkDrawExport('{not json')).rejects.toThrow(DrawExportUnreadable);
    await expect(checkDrawExport('{not json')).rejects.toThrow(/^抽签导出不是有效的JSON \/ the draw export is not valid JSON/);
    await expect(checkDrawExport('{"seed":"s"}')).rejects.toThrow('抽签导出缺少 commitment、seed、pool 或 result.drawn / expected { commitment, seed, pool: [...], result: { drawn: [...] } }');
  });
});
