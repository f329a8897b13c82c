/**
 * "Check this draw" (校验抽签): recomputes a published draw export in the browser exactly as
 * docs/draw.md (yiye-draw/1, section 8) specifies and scripts/verify-draw.mjs does on the command
 * line: commitment hash, seed hash, ratios, pool well-formed and unique, pool hash, pool counts,
 * and the drawn set (per draw class, the ceil(n × ratio / 10000) entries of lowest
 * SHA-256(seed 0x00 taskId 0x00 USCC)). Pure: no DOM, no network; the hashes from ./sha256.
 * It shares no code with shared/domain/draw.ts on purpose: a second implementation is what makes a
 * published draw checkable.
 */
import { hashBackend, sha256Hex, sha256HexAll, type HashBackend } from './sha256.js';

const CLASSES = ['A', 'B', 'C', 'D'] as const;
const USCC = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

export interface DrawCheck {
  /** What is checked, Chinese / English. */
  name: string;
  ok: boolean;
  /** Why it failed (empty when ok). */
  detail: string;
}

export interface DrawCheckResult {
  /** All checks passed. */
  match: boolean;
  taskId: string;
  checks: DrawCheck[];
  poolSize: number;
  quotas: Record<string, number>;
  /** The recomputed drawn USCCs, class A first, each class in key order. */
  expected: string[];
  backend: HashBackend;
}

/** The export could not be read at all (not JSON, or not shaped like a draw export). */
export class DrawExportUnreadable extends Error {}

/** RFC 8785 canonical JSON for strings, integers, arrays and objects (docs/draw.md section 5). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface ExportShape {
  commitment: Record<string, unknown> & { taskId: string; commitmentHash?: unknown; seedHash?: unknown; poolHash?: unknown; poolSize?: unknown; poolByClass?: Record<string, unknown>; ratios?: Record<string, unknown>; algorithm?: unknown };
  seed: string;
  pool: { uscc?: unknown; drawClass?: unknown }[];
  result: { drawn: unknown[] };
}

/** Parses the export's JSON text; throws DrawExportUnreadable with a bilingual message. */
export function parseDrawExport(text: string): ExportShape {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DrawExportUnreadable(`抽签导出不是有效的JSON / the draw export is not valid JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<ExportShape> | null;
  const c = d?.commitment;
  if (!c || typeof c !== 'object' || typeof c.taskId !== 'string' || typeof d?.seed !== 'string' || !Array.isArray(d?.pool) || !Array.isArray(d?.result?.drawn)) {
    throw new DrawExportUnreadable('抽签导出缺少 commitment、seed、pool 或 result.drawn / expected { commitment, seed, pool: [...], result: { drawn: [...] } }');
  }
  return d as ExportShape;
}

export async function checkDrawExport(text: string): Promise<DrawCheckResult> {
  const { commitment: c, seed, pool, result } = parseDrawExport(text);
  const checks: DrawCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail: ok ? '' : detail });

  check('算法为 yiye-draw/1 / algorithm is yiye-draw/1', c.algorithm === 'yiye-draw/1', `实为 / found ${JSON.stringify(c.algorithm)}`);
  const { commitmentHash, ...content } = c;
  const recomputedCommitment = await sha256Hex(canonicalJson(content));
  check('承诺哈希与承诺内容一致 / commitment hash matches its content', recomputedCommitment === commitmentHash,
    `公布 / published ${String(commitmentHash)}，重算 / recomputed ${recomputedCommitment}`);
  const recomputedSeed = await sha256Hex(seed);
  check('种子与承诺的种子哈希一致 / seed matches the committed seed hash', recomputedSeed === c.seedHash,
    `承诺 / committed ${String(c.seedHash)}，sha256(种子 / seed) = ${recomputedSeed}`);

  const r = (c.ratios ?? {}) as Record<string, unknown>;
  const ratioOf = (k: string) => (Number.isInteger(r[k]) ? (r[k] as number) : 0);
  const badRatios = Object.keys(r).sort().join() !== 'A,B,C,D' || CLASSES.some((k) => !Number.isInteger(r[k]) || (r[k] as number) < 0 || (r[k] as number) > 10000);
  check('抽查比例为 A、B、C、D 各 0–10000 的整数 / ratios are integers 0..10000 for exactly A, B, C, D', !badRatios, JSON.stringify(r));

  const wellFormed = (e: { uscc?: unknown; drawClass?: unknown }): e is { uscc: string; drawClass: string } =>
    typeof e?.uscc === 'string' && USCC.test(e.uscc) && (CLASSES as readonly unknown[]).includes(e?.drawClass);
  const sorted = pool.filter(wellFormed).sort((a, b) => byBytes(a.uscc, b.uscc));
  check('名录池条目格式正确 / pool entries are well-formed', sorted.length === pool.length,
    `第一个错误条目 / first bad entry: ${JSON.stringify(pool.find((e) => !wellFormed(e)))}`);
  const dupes = sorted.filter((e, i) => i > 0 && e.uscc === sorted[i - 1].uscc).map((e) => e.uscc);
  check('名录池无重复统一社会信用代码 / pool has no duplicate USCC', dupes.length === 0, `重复 / duplicates: ${dupes.slice(0, 5).join(', ')}`);
  const recomputedPool = await sha256Hex(sorted.map((e) => `${e.uscc},${e.drawClass}\n`).join(''));
  check('名录池哈希与承诺一致 / pool hash matches the commitment', recomputedPool === c.poolHash,
    `承诺 / committed ${String(c.poolHash)}，重算 / recomputed ${recomputedPool}`);
  const counts = Object.fromEntries(CLASSES.map((k) => [k, sorted.filter((e) => e.drawClass === k).length]));
  check('名录池规模及各类数量与承诺一致 / pool size and class counts match the commitment',
    sorted.length === c.poolSize && CLASSES.every((k) => counts[k] === c.poolByClass?.[k]),
    `承诺 / committed ${String(c.poolSize)} ${JSON.stringify(c.poolByClass)}，实有 / found ${sorted.length} ${JSON.stringify(counts)}`);

  const expected: string[] = [];
  const quotas: Record<string, number> = {};
  for (const k of CLASSES) {
    const stratum = sorted.filter((e) => e.drawClass === k);
    quotas[k] = Number((BigInt(stratum.length) * BigInt(ratioOf(k)) + 9999n) / 10000n);
    const keys = await sha256HexAll(stratum.map((e) => `${seed}\0${c.taskId}\0${e.uscc}`));
    const keyed = stratum.map((e, i) => ({ uscc: e.uscc, key: keys[i] }));
    keyed.sort((a, b) => byBytes(a.key, b.key) || byBytes(a.uscc, b.uscc));
    expected.push(...keyed.slice(0, quotas[k]).map((e) => e.uscc));
  }
  const drawn = result.drawn.map(String);
  const published = new Set(drawn);
  const wanted = new Set(expected);
  const missing = expected.filter((u) => !published.has(u));
  const extra = drawn.filter((u) => !wanted.has(u));
  const repeated = drawn.length !== published.size;
  check('公布的抽中名单与重算结果一致 / published drawn set equals the recomputed draw', missing.length === 0 && extra.length === 0 && !repeated,
    [
      missing.length ? `应抽中但未公布 / missing from the published result (${missing.length}): ${missing.slice(0, 10).join(', ')}` : '',
      extra.length ? `公布但未抽中 / published but not drawn (${extra.length}): ${extra.slice(0, 10).join(', ')}` : '',
      repeated ? '公布名单重复列出同一企业 / the published result lists a USCC twice' : '',
    ].filter(Boolean).join('；'));

  return { match: checks.every((x) => x.ok), taskId: c.taskId, checks, poolSize: sorted.length, quotas, expected, backend: hashBackend() };
}
