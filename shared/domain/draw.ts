/**
 * Publicly checkable random draws (yiye-draw/1): targets by credit-risk class, then inspectors.
 *
 * Pure and database-free on purpose: the same inputs must give the same output on any machine, so
 * that anyone holding the published draw export (see `buildDrawExport`) can recompute it. The
 * byte-exact specification is docs/draw.md; scripts/verify-draw.mjs is a second, independent
 * implementation of the target draw. Changing anything that affects an output here means a new
 * DRAW_ALGORITHM version, never an edit of 'yiye-draw/1'.
 *
 * Error messages are Chinese first, then English, like the rest of the platform.
 */
import { createHash, hash } from 'node:crypto';

export const DRAW_ALGORITHM = 'yiye-draw/1' as const;

export type RiskClass = 'A' | 'B' | 'C' | 'D';
/** Low to high risk; also the order in which results are listed. */
export const RISK_CLASSES: readonly RiskClass[] = Object.freeze(['A', 'B', 'C', 'D'] as const);

export interface PoolEntry {
  uscc: string;
  riskClass: RiskClass;
  tags?: readonly string[];
}

/** Sampling ratio per draw class in basis points: integer 0..10000 = 0..100 %. */
export type Ratios = Record<RiskClass, number>;

export class DrawInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrawInputError';
  }
}

// ---------------------------------------------------------------------------------------------
// Input checks. They are strict because every accepted string ends up inside a hashed byte
// layout: a comma or newline in a USCC, or a NUL in a seed, would make two different inputs
// encode to the same bytes.

/** GB 32100 alphabet. The check character is not verified here: that is the directory's job. */
const USCC_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Where a bad value was found, in both languages: [Chinese, English]. */
type Where = readonly [zh: string, en: string];

function requireUscc(value: unknown, [zh, en]: Where): string {
  if (typeof value !== 'string' || !USCC_PATTERN.test(value)) {
    throw new DrawInputError(
      `${zh}：统一社会信用代码“${String(value)}”格式不对（应为18位大写字母或数字，不含I、O、Z、S、V） / ` +
        `${en}: "${String(value)}" is not an 18-character USCC (upper-case letters and digits, no I, O, Z, S, V)`,
    );
  }
  return value;
}

/** Text that is hashed with NUL separators: non-empty, no NUL, encodable as UTF-8 unambiguously. */
function requireText(value: unknown, [zh, en]: Where): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes('\0') || LONE_SURROGATE.test(value)) {
    throw new DrawInputError(
      `${zh}必须是非空字符串，且不含NUL字符或不成对的代理字符 / ${en} must be a non-empty string without NUL characters or lone surrogates`,
    );
  }
  return value;
}

const SEED: Where = ['种子', 'the seed'];
const TASK_ID: Where = ['任务编号', 'taskId'];

function requireRiskClass(value: unknown, [zh, en]: Where): RiskClass {
  if (value !== 'A' && value !== 'B' && value !== 'C' && value !== 'D') {
    throw new DrawInputError(
      `${zh}：信用风险分类“${String(value)}”无效，应为A、B、C、D之一 / ${en}: credit-risk class "${String(value)}" is not one of A, B, C, D`,
    );
  }
  return value;
}

function isNonNegativeInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Throws unless `ratios` has exactly the keys A, B, C, D, each an integer 0..10000 (basis points). */
export function assertRatios(ratios: unknown): asserts ratios is Ratios {
  if (typeof ratios !== 'object' || ratios === null || Array.isArray(ratios)) {
    throw new DrawInputError('抽查比例必须是含A、B、C、D四项的对象 / ratios must be an object with the keys A, B, C, D');
  }
  const keys = Object.keys(ratios).sort();
  // Extra keys are refused rather than ignored: a typo such as "d" would otherwise silently draw nobody.
  if (keys.join(',') !== 'A,B,C,D') {
    throw new DrawInputError(
      `抽查比例必须恰好包含A、B、C、D四项，实际为：${keys.join('、') || '（空）'} / ratios must have exactly the keys A, B, C, D, got: ${keys.join(', ') || '(none)'}`,
    );
  }
  for (const c of RISK_CLASSES) {
    const bp = (ratios as Record<string, unknown>)[c];
    if (!isNonNegativeInteger(bp) || bp > 10000) {
      throw new DrawInputError(
        `${c}类抽查比例“${String(bp)}”无效：应为0到10000之间的整数（万分比，10000即100%） / ` +
          `ratio for class ${c} is ${String(bp)}: it must be an integer from 0 to 10000 basis points (10000 = 100 %)`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Draw class: the risk class after tag rules.

/**
 * Tags that move a business up or down for the draw. Fixed per algorithm version so that a draw
 * class can be recomputed from (risk class, tags) by anyone; other tags (licences, industries …)
 * do not affect the draw. Each distinct tag counts once; the shifts are added and the sum is
 * applied once, clamped to A..D, so the result does not depend on tag order.
 */
export const TAG_CLASS_RULES: Readonly<Record<string, { readonly shift: 1 | -1; readonly why: string }>> = Object.freeze({
  'complaint-12m': Object.freeze({ shift: 1, why: '近12个月有投诉举报 / complaint within the last 12 months' } as const),
  referral: Object.freeze({ shift: 1, why: '有其他部门移交的线索 / referral from another department' } as const),
  // Added after the first draws: a tag no earlier pool could carry, so no earlier yiye-draw/1 output changes (docs/draw.md §3).
  'finding-12m': Object.freeze({ shift: 1, why: '近12个月检查发现问题（联合惩戒） / a problem found by an inspection within the last 12 months (credit feedback)' } as const),
  'good-record-36m': Object.freeze({ shift: -1, why: '连续36个月无违法违规记录 / no violation for 36 months' } as const),
});

export function drawClass(riskClass: RiskClass, tags: readonly string[] = []): RiskClass {
  const base = RISK_CLASSES.indexOf(requireRiskClass(riskClass, ['计算抽取分类', 'drawClass']));
  if (!Array.isArray(tags)) throw new DrawInputError('标注必须是字符串数组 / tags must be an array of strings');
  let shift = 0;
  for (const tag of new Set(tags)) {
    if (Object.hasOwn(TAG_CLASS_RULES, tag)) shift += TAG_CLASS_RULES[tag].shift;
  }
  return RISK_CLASSES[Math.min(3, Math.max(0, base + shift))];
}

// ---------------------------------------------------------------------------------------------
// Hashes and canonical forms.

/** SHA-256 of a text (as UTF-8), in lower-case hex: the one helper for it (trail, merge, records use it too). */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

export function seedDigest(seed: string): string {
  return sha256Hex(requireText(seed, SEED));
}

export interface PoolDigest {
  /** SHA-256 hex of the canonical pool text: "USCC,DRAWCLASS\n" per entry, sorted by USCC. */
  hash: string;
  size: number;
  byClass: Record<RiskClass, number>;
}

/** Validated pool: draw class per entry (index into RISK_CLASSES) and counts; input untouched. */
function readPool(pool: readonly PoolEntry[]): { classes: Uint8Array; byClass: Record<RiskClass, number> } {
  if (!Array.isArray(pool)) throw new DrawInputError('抽取名录必须是数组 / the pool must be an array');
  const classes = new Uint8Array(pool.length);
  const byClass: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (let i = 0; i < pool.length; i++) {
    const e: PoolEntry = pool[i];
    // The message is built only on failure: a million template strings would double this loop's time.
    const valid = typeof e?.uscc === 'string' && USCC_PATTERN.test(e.uscc) && RISK_CLASSES.includes(e.riskClass);
    if (!valid) {
      const where: Where = [`抽取名录第${i + 1}条`, `pool entry ${i + 1}`];
      requireUscc(e?.uscc, where);
      requireRiskClass(e.riskClass, where);
    }
    const c: RiskClass = e.tags && e.tags.length > 0 ? drawClass(e.riskClass, e.tags) : e.riskClass;
    classes[i] = RISK_CLASSES.indexOf(c);
    byClass[c]++;
  }
  return { classes, byClass };
}

function duplicateError(uscc: string): DrawInputError {
  return new DrawInputError(`抽取名录中统一社会信用代码“${uscc}”重复 / USCC ${uscc} appears more than once in the pool`);
}

const USCC_DIGIT = new Int8Array(128);
'0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').forEach((ch, i) => (USCC_DIGIT[ch.charCodeAt(0)] = i));

/**
 * Each validated USCC as two exact integers: characters 1–9 and 10–18 read in base 31 (31^9 < 2^53).
 * The alphabet is in ASCII order, so comparing the numbers compares the bytes, several times faster
 * than comparing strings that mostly share their first 8 characters (authority, type, county).
 */
function usccNumbers(pool: readonly PoolEntry[]): { hi: Float64Array; lo: Float64Array } {
  const hi = new Float64Array(pool.length);
  const lo = new Float64Array(pool.length);
  for (let i = 0; i < pool.length; i++) {
    const u = pool[i].uscc;
    let h = 0;
    let l = 0;
    for (let j = 0; j < 9; j++) h = h * 31 + USCC_DIGIT[u.charCodeAt(j)];
    for (let j = 9; j < 18; j++) l = l * 31 + USCC_DIGIT[u.charCodeAt(j)];
    hi[i] = h;
    lo[i] = l;
  }
  return { hi, lo };
}

/** Pool indices sorted by USCC byte order; throws on a repeated USCC. */
function canonicalOrder(pool: readonly PoolEntry[]): Uint32Array {
  const { hi, lo } = usccNumbers(pool);
  const order = new Uint32Array(pool.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => hi[a] - hi[b] || lo[a] - lo[b]);
  for (let i = 1; i < order.length; i++) {
    if (hi[order[i]] === hi[order[i - 1]] && lo[order[i]] === lo[order[i - 1]]) throw duplicateError(pool[order[i]].uscc);
  }
  return order;
}

/**
 * Throws on a repeated USCC, for when the order is not needed. An open-addressing table of pool
 * indices, at most half full: on a million entries about twice as fast as sorting or a
 * Set<string>, and it holds typed arrays only.
 */
function assertUniqueUsccs(pool: readonly PoolEntry[]): void {
  const { hi, lo } = usccNumbers(pool);
  const bits = Math.max(4, Math.ceil(Math.log2(2 * pool.length + 1)));
  const mask = (1 << bits) - 1;
  const slots = new Int32Array(mask + 1).fill(-1);
  for (let i = 0; i < pool.length; i++) {
    // Fibonacci hashing of both halves; the top bits of the product are the well-mixed ones.
    let s = Math.imul((hi[i] % 0x40000000) ^ (lo[i] % 0x40000000) ^ Math.floor(lo[i] / 0x40000000), 0x9e3779b1) >>> (32 - bits);
    for (let j = slots[s]; j !== -1; j = slots[s]) {
      if (hi[j] === hi[i] && lo[j] === lo[i]) throw duplicateError(pool[i].uscc);
      s = (s + 1) & mask;
    }
    slots[s] = i;
  }
}

export function poolDigest(pool: readonly PoolEntry[]): PoolDigest {
  const { classes, byClass } = readPool(pool);
  const order = canonicalOrder(pool);
  // Fed in chunks: one update() per line costs more than the hashing itself on a large pool.
  const h = createHash('sha256');
  let chunk = '';
  for (const i of order) {
    chunk += `${pool[i].uscc},${RISK_CLASSES[classes[i]]}\n`;
    if (chunk.length >= 1 << 16) {
      h.update(chunk, 'utf8');
      chunk = '';
    }
  }
  h.update(chunk, 'utf8');
  return { hash: h.digest('hex'), size: pool.length, byClass };
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (recursively), no whitespace, strings
 * and numbers as JSON.stringify writes them. For the values used here (ASCII keys, integers,
 * strings) this is exactly RFC 8785 (JCS), so other languages can use a JCS library.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DrawInputError(`规范JSON不能包含${value} / canonical JSON cannot hold ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  throw new DrawInputError(`规范JSON不支持${typeof value}类型的值 / canonical JSON cannot hold a ${typeof value}`);
}

// ---------------------------------------------------------------------------------------------
// Commitment: published before the seed is known, so the pool and ratios cannot be tuned to it.

export interface CommitmentContent {
  algorithm: typeof DRAW_ALGORITHM;
  taskId: string;
  poolHash: string;
  poolSize: number;
  poolByClass: Record<RiskClass, number>;
  ratios: Ratios;
  seedHash: string;
  committedAt: string;
}

export interface DrawCommitment extends CommitmentContent {
  /** SHA-256 hex of canonicalJson(every other field). */
  commitmentHash: string;
}

/** The hash over every field except `commitmentHash` itself. */
export function commitmentHashOf(commitment: CommitmentContent): string {
  const { commitmentHash: _ignored, ...content } = commitment as Partial<DrawCommitment> & CommitmentContent;
  return sha256Hex(canonicalJson(content));
}

export function makeCommitment(input: {
  taskId: string;
  pool: readonly PoolEntry[];
  ratios: Ratios;
  seedHash: string;
  committedAt: string | Date;
}): DrawCommitment {
  const taskId = requireText(input.taskId, TASK_ID);
  assertRatios(input.ratios);
  if (typeof input.seedHash !== 'string' || !SHA256_HEX.test(input.seedHash)) {
    throw new DrawInputError('种子哈希应为64位小写十六进制SHA-256值 / seedHash must be a SHA-256 in 64 lower-case hex digits');
  }
  const committedAt = input.committedAt instanceof Date ? input.committedAt.toISOString() : input.committedAt;
  if (typeof committedAt !== 'string' || !RFC3339.test(committedAt) || Number.isNaN(Date.parse(committedAt))) {
    throw new DrawInputError(
      `承诺时间“${String(committedAt)}”应为RFC 3339时间，如2025-01-06T08:00:00.000Z / committedAt must be an RFC 3339 timestamp such as 2025-01-06T08:00:00.000Z`,
    );
  }
  const digest = poolDigest(input.pool);
  const content: CommitmentContent = {
    algorithm: DRAW_ALGORITHM,
    taskId,
    poolHash: digest.hash,
    poolSize: digest.size,
    poolByClass: digest.byClass,
    // Copied so that later changes to the caller's object cannot alter a published commitment.
    ratios: { A: input.ratios.A, B: input.ratios.B, C: input.ratios.C, D: input.ratios.D },
    seedHash: input.seedHash,
    committedAt,
  };
  return { ...content, commitmentHash: commitmentHashOf(content) };
}

// ---------------------------------------------------------------------------------------------
// Target draw.

/** SHA-256 over UTF-8(seed) 0x00 UTF-8(taskId) 0x00 UTF-8(uscc), lower-case hex. */
export function targetKey(seed: string, taskId: string, uscc: string): string {
  return sha256Hex(`${requireText(seed, SEED)}\0${requireText(taskId, TASK_ID)}\0${requireUscc(uscc, ['计算对象排序值', 'targetKey'])}`);
}

/**
 * How many to draw from a stratum of n: ceil(n × bp / 10000), exact in integers. Rounding up is
 * deliberate: any non-empty class with a ratio above 0 gets at least one inspection, so a small
 * stratum of high-risk businesses cannot be skipped by rounding.
 */
export function quota(n: number, bp: number): number {
  if (!isNonNegativeInteger(n)) {
    throw new DrawInputError(`名录规模“${String(n)}”应为非负整数 / pool size ${String(n)} must be a non-negative integer`);
  }
  if (!isNonNegativeInteger(bp) || bp > 10000) {
    throw new DrawInputError(`抽查比例“${String(bp)}”应为0到10000之间的整数（万分比） / ratio ${String(bp)} must be an integer from 0 to 10000 basis points`);
  }
  const product = n * bp;
  if (!Number.isSafeInteger(product)) throw new DrawInputError('名录规模过大 / pool too large');
  const remainder = product % 10000;
  return (product - remainder) / 10000 + (remainder > 0 ? 1 : 0);
}

export interface DrawnTarget {
  uscc: string;
  key: string;
}

export interface StratumResult {
  poolSize: number;
  quota: number;
  /** Ascending by key (then USCC). */
  drawn: DrawnTarget[];
}

export interface DrawTargetsResult {
  byClass: Record<RiskClass, StratumResult>;
  /** All drawn USCCs: class A first … D last, each class by ascending key. */
  drawn: string[];
}

/**
 * The k smallest (key, uscc) pairs seen so far, as a max-heap on (key, uscc): the root is the one
 * to evict. Keeps memory at O(quota) instead of O(pool) and needs only one comparison against the
 * root for the vast majority of entries, which never get in.
 */
class LowestKeys {
  private readonly keys: string[] = [];
  private readonly usccs: string[] = [];
  constructor(private readonly capacity: number) {}

  private above(i: number, j: number): boolean {
    const a = this.keys[i];
    const b = this.keys[j];
    return a > b || (a === b && this.usccs[i] > this.usccs[j]);
  }

  private swap(i: number, j: number): void {
    const key = this.keys[i];
    const uscc = this.usccs[i];
    this.keys[i] = this.keys[j];
    this.usccs[i] = this.usccs[j];
    this.keys[j] = key;
    this.usccs[j] = uscc;
  }

  offer(key: string, uscc: string): void {
    const n = this.keys.length;
    if (n < this.capacity) {
      this.keys.push(key);
      this.usccs.push(uscc);
      for (let i = n; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.above(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootKey = this.keys[0];
    if (n === 0 || key > rootKey || (key === rootKey && uscc > this.usccs[0])) return;
    this.keys[0] = key;
    this.usccs[0] = uscc;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < n && this.above(l, top)) top = l;
      if (r < n && this.above(r, top)) top = r;
      if (top === i) break;
      this.swap(i, top);
      i = top;
    }
  }

  ascending(): DrawnTarget[] {
    return this.keys
      .map((key, i) => ({ uscc: this.usccs[i], key }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  }
}

/**
 * Draws, in each draw class separately, the quota(n, ratio) businesses with the lowest targetKey.
 * Sorting by a keyed hash of the seed is a random permutation that anyone can recompute, and it
 * needs no random-number generator whose exact algorithm a reimplementer would have to copy.
 */
export function drawTargets(input: {
  seed: string;
  taskId: string;
  pool: readonly PoolEntry[];
  ratios: Ratios;
}): DrawTargetsResult {
  const seed = requireText(input.seed, SEED);
  const taskId = requireText(input.taskId, TASK_ID);
  assertRatios(input.ratios);
  const { pool } = input;
  // First pass: classes and counts, because each stratum's quota (the heap size) depends on its size.
  const { classes, byClass: sizes } = readPool(pool);
  // A duplicate would inflate the quota and could be drawn twice.
  assertUniqueUsccs(pool);

  const quotas = RISK_CLASSES.map((c) => quota(sizes[c], input.ratios[c]));
  const heaps = quotas.map((q) => new LowestKeys(q));
  const prefix = `${seed}\0${taskId}\0`;
  for (let i = 0; i < pool.length; i++) {
    const c = classes[i];
    if (quotas[c] === 0) continue; // nobody drawn from this class: skip the hashing
    heaps[c].offer(sha256Hex(prefix + pool[i].uscc), pool[i].uscc);
  }

  const byClass = {} as Record<RiskClass, StratumResult>;
  const drawn: string[] = [];
  RISK_CLASSES.forEach((c, i) => {
    const picked = heaps[i].ascending();
    byClass[c] = { poolSize: sizes[c], quota: quotas[i], drawn: picked };
    for (const t of picked) drawn.push(t.uscc);
  });
  return { byClass, drawn };
}

function commitmentMismatch(what: string, english: string): DrawInputError {
  return new DrawInputError(`${what}与已公布的承诺不一致，不能抽取 / ${english} does not match the published commitment; refusing to draw`);
}

/** Throws unless the commitment is intact and the seed and pool are the committed ones. */
export function checkAgainstCommitment(commitment: DrawCommitment, seed: string, pool: readonly PoolEntry[]): void {
  if (commitment.algorithm !== DRAW_ALGORITHM) {
    throw new DrawInputError(`承诺使用的算法“${commitment.algorithm}”不是${DRAW_ALGORITHM} / the commitment uses algorithm "${commitment.algorithm}", not ${DRAW_ALGORITHM}`);
  }
  if (commitmentHashOf(commitment) !== commitment.commitmentHash) throw commitmentMismatch('承诺内容', 'the commitment content');
  if (seedDigest(seed) !== commitment.seedHash) throw commitmentMismatch('种子', 'the seed');
  const d = poolDigest(pool);
  const sameCounts = RISK_CLASSES.every((c) => d.byClass[c] === commitment.poolByClass?.[c]);
  if (d.hash !== commitment.poolHash || d.size !== commitment.poolSize || !sameCounts) throw commitmentMismatch('抽取名录', 'the pool');
}

/** The draw as the platform should run it: only against an intact commitment, with its ratios. */
export function drawCommitted(input: { commitment: DrawCommitment; seed: string; pool: readonly PoolEntry[] }): DrawTargetsResult {
  checkAgainstCommitment(input.commitment, input.seed, input.pool);
  const { taskId, ratios } = input.commitment;
  return drawTargets({ seed: input.seed, taskId, pool: input.pool, ratios });
}

// ---------------------------------------------------------------------------------------------
// Inspector draw.

export type InspectorStatus = 'active' | 'suspended' | 'retired';

export interface InspectorCandidate {
  certificateNumber: string;
  name: string;
  department: string;
  expertise: readonly string[];
  status: InspectorStatus;
  /** USCCs this inspector must recuse from. */
  conflicts: readonly string[];
  /** USCCs this inspector inspected most recently (rotation). */
  lastInspected?: readonly string[];
  /** Assignments already held; those made in this draw are added to it. */
  currentLoad: number;
}

export interface InspectionTargetSpec {
  uscc: string;
  /** Initiating department first: the team leader is the best-ranked inspector of departments[0]. */
  departments: readonly string[];
  requiredExpertise: readonly string[];
  /** The team has at least max(2, minTeamSize) inspectors. */
  minTeamSize: number;
}

/** 'department' is part of the contract but not emitted by yiye-draw/1 (it would list the whole county). */
export type ExclusionReason = 'conflict' | 'workload' | 'status' | 'department' | 'rotation-deprioritised';

export interface InspectorAssignment {
  uscc: string;
  /** In pick order; the first is the leader. */
  team: { certificateNumber: string; role: 'leader' | 'member' }[];
  /** Inspectors of the target's departments left out or ranked last, by certificate number. */
  exclusions: { certificateNumber: string; reason: ExclusionReason }[];
}

export interface Shortfall {
  uscc: string;
  department?: string;
  expertise?: string;
  missing: number;
  message: string;
}

export class DrawShortfallError extends Error {
  readonly shortfalls: Shortfall[];
  constructor(shortfalls: Shortfall[]) {
    super(
      `检查人员抽取失败，共${shortfalls.length}处缺口 / the inspector draw failed with ${shortfalls.length} shortfall(s):\n` +
        shortfalls.map((s) => `- ${s.message}`).join('\n'),
    );
    this.name = 'DrawShortfallError';
    this.shortfalls = shortfalls;
  }
}

/** SHA-256 over UTF-8 of seed 0x00 taskId 0x00 uscc 0x00 certificateNumber, lower-case hex. */
export function inspectorKey(seed: string, taskId: string, uscc: string, certificateNumber: string): string {
  return sha256Hex(
    `${requireText(seed, SEED)}\0${requireText(taskId, TASK_ID)}\0${requireUscc(uscc, ['计算人员排序值', 'inspectorKey'])}\0${requireText(certificateNumber, ['执法证号', 'certificateNumber'])}`,
  );
}

interface Ranked {
  inspector: InspectorCandidate;
  expertise: ReadonlySet<string>;
  rotated: boolean;
  key: string;
}

function requireStringList(value: unknown, [zh, en]: Where): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new DrawInputError(`${zh}必须是非空字符串的数组 / ${en} must be an array of non-empty strings`);
  }
  return [...new Set(value as string[])]; // duplicates carry no meaning; first occurrence keeps its place
}

/**
 * Staffs every target (in USCC order, so the result does not depend on input order) with a team
 * drawn by inspectorKey. Assignments count against the workload cap of later targets. All-or-
 * nothing: if any target cannot be staffed, DrawShortfallError lists every shortfall and nothing
 * is returned, so a half-staffed task can never be published by mistake.
 */
export function drawInspectors(input: {
  seed: string;
  taskId: string;
  targets: readonly InspectionTargetSpec[];
  inspectors: readonly InspectorCandidate[];
  workloadCap: number;
}): InspectorAssignment[] {
  const seed = requireText(input.seed, SEED);
  const taskId = requireText(input.taskId, TASK_ID);
  if (!isNonNegativeInteger(input.workloadCap) || input.workloadCap < 1) {
    throw new DrawInputError(`工作量上限“${String(input.workloadCap)}”应为正整数 / workloadCap ${String(input.workloadCap)} must be a positive integer`);
  }

  const byDepartment = new Map<string, InspectorCandidate[]>();
  const conflicts = new Map<string, ReadonlySet<string>>();
  const lastInspected = new Map<string, ReadonlySet<string>>();
  const expertise = new Map<string, ReadonlySet<string>>();
  const load = new Map<string, number>();
  for (const [i, p] of input.inspectors.entries()) {
    const [zh, en] = [`检查人员第${i + 1}条`, `inspector ${i + 1}`];
    const cert = requireText(p?.certificateNumber, [`${zh}的执法证号`, `${en} certificateNumber`]);
    if (load.has(cert)) throw new DrawInputError(`执法证号“${cert}”重复 / certificate number ${cert} appears more than once`);
    const department = requireText(p.department, [`${zh}的部门`, `${en} department`]);
    if (p.status !== 'active' && p.status !== 'suspended' && p.status !== 'retired') {
      throw new DrawInputError(`${zh}：状态“${String(p.status)}”无效 / ${en}: status "${String(p.status)}" is not active, suspended or retired`);
    }
    if (!isNonNegativeInteger(p.currentLoad)) {
      throw new DrawInputError(`${zh}：当前工作量应为非负整数 / ${en}: currentLoad must be a non-negative integer`);
    }
    expertise.set(cert, new Set(requireStringList(p.expertise, [`${zh}的专长`, `${en} expertise`])));
    conflicts.set(cert, new Set(requireStringList(p.conflicts, [`${zh}的回避对象`, `${en} conflicts`])));
    lastInspected.set(cert, new Set(requireStringList(p.lastInspected ?? [], [`${zh}的最近检查对象`, `${en} lastInspected`])));
    load.set(cert, p.currentLoad);
    const list = byDepartment.get(department) ?? [];
    list.push(p);
    byDepartment.set(department, list);
  }

  const targets = input.targets.map((t, i) => {
    const [zh, en] = [`检查对象第${i + 1}条`, `target ${i + 1}`];
    const uscc = requireUscc(t?.uscc, [zh, en]);
    const departments = requireStringList(t.departments, [`${zh}的部门`, `${en} departments`]);
    if (departments.length === 0) throw new DrawInputError(`${zh}：至少需要一个部门 / ${en}: at least one department is required`);
    if (!isNonNegativeInteger(t.minTeamSize)) {
      throw new DrawInputError(`${zh}：最少人数应为非负整数 / ${en}: minTeamSize must be a non-negative integer`);
    }
    return { uscc, departments, requiredExpertise: requireStringList(t.requiredExpertise, [`${zh}的专长要求`, `${en} requiredExpertise`]), minTeamSize: t.minTeamSize };
  });
  targets.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
  for (let i = 1; i < targets.length; i++) {
    if (targets[i].uscc === targets[i - 1].uscc) {
      throw new DrawInputError(`检查对象“${targets[i].uscc}”重复 / target ${targets[i].uscc} appears more than once`);
    }
  }

  const assignments: InspectorAssignment[] = [];
  const shortfalls: Shortfall[] = [];
  for (const target of targets) {
    const { uscc } = target;
    const exclusions: InspectorAssignment['exclusions'] = [];
    const ranked: Ranked[] = [];
    for (const department of target.departments) {
      for (const p of byDepartment.get(department) ?? []) {
        const cert = p.certificateNumber;
        // One reason per inspector, the most fundamental first: a suspended inspector's conflict is moot.
        if (p.status !== 'active') exclusions.push({ certificateNumber: cert, reason: 'status' });
        else if (conflicts.get(cert)!.has(uscc)) exclusions.push({ certificateNumber: cert, reason: 'conflict' });
        else if (load.get(cert)! >= input.workloadCap) exclusions.push({ certificateNumber: cert, reason: 'workload' });
        else {
          const rotated = lastInspected.get(cert)!.has(uscc);
          if (rotated) exclusions.push({ certificateNumber: cert, reason: 'rotation-deprioritised' });
          ranked.push({ inspector: p, expertise: expertise.get(cert)!, rotated, key: sha256Hex(`${seed}\0${taskId}\0${uscc}\0${cert}`) });
        }
      }
    }
    // Rotation only demotes: the last inspector of a business is still used when nobody else can go.
    ranked.sort(
      (a, b) =>
        Number(a.rotated) - Number(b.rotated) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
        (a.inspector.certificateNumber < b.inspector.certificateNumber ? -1 : a.inspector.certificateNumber > b.inspector.certificateNumber ? 1 : 0),
    );

    const team: Ranked[] = [];
    const pickFirst = (fits: (r: Ranked) => boolean): boolean => {
      const r = ranked.find((x) => !team.includes(x) && fits(x));
      if (r) team.push(r);
      return r !== undefined;
    };
    // A joint visit must carry every department's authority, so each department is guaranteed a seat.
    for (const department of target.departments) {
      if (!pickFirst((r) => r.inspector.department === department)) {
        shortfalls.push({
          uscc,
          department,
          missing: 1,
          message: `企业${uscc}：${department}没有可抽取的检查人员（在岗、无需回避、未达工作量上限） / ${uscc}: no eligible inspector from ${department} (active, no conflict, under the workload cap)`,
        });
      }
    }
    for (const tag of target.requiredExpertise) {
      if (team.some((r) => r.expertise.has(tag))) continue;
      if (!pickFirst((r) => r.expertise.has(tag))) {
        shortfalls.push({
          uscc,
          expertise: tag,
          missing: 1,
          message: `企业${uscc}：没有具备“${tag}”专长的可抽取检查人员 / ${uscc}: no eligible inspector with expertise "${tag}"`,
        });
      }
    }
    const size = Math.max(2, target.minTeamSize);
    while (team.length < size) {
      if (!pickFirst(() => true)) break;
    }
    if (team.length < size) {
      const missing = size - team.length;
      shortfalls.push({
        uscc,
        missing,
        message: `企业${uscc}：检查组至少需要${size}人，只能抽到${team.length}人，缺${missing}人 / ${uscc}: the team needs at least ${size} inspectors, only ${team.length} eligible, ${missing} missing`,
      });
    }

    // Partial teams are counted too: fixing this target's shortfall will still need these people,
    // so later targets' shortfalls are reported as they would be after the fix.
    for (const r of team) load.set(r.inspector.certificateNumber, load.get(r.inspector.certificateNumber)! + 1);
    exclusions.sort((a, b) => (a.certificateNumber < b.certificateNumber ? -1 : a.certificateNumber > b.certificateNumber ? 1 : 0));
    assignments.push({
      uscc,
      team: team.map((r, i) => ({ certificateNumber: r.inspector.certificateNumber, role: i === 0 ? 'leader' : 'member' })),
      exclusions,
    });
  }
  if (shortfalls.length > 0) throw new DrawShortfallError(shortfalls);
  return assignments;
}

// ---------------------------------------------------------------------------------------------
// Draw export: everything a member of the public needs to recompute the target draw.

export interface DrawExport {
  commitment: DrawCommitment;
  seed: string;
  /** Sorted by USCC; drawClass is the class after tag rules (tags themselves are not published). */
  pool: { uscc: string; drawClass: RiskClass }[];
  result: { drawn: string[]; byClass: Record<RiskClass, StratumResult> };
  /** Published for information; the verifier cannot check it without the inspector directory. */
  inspectorDraw?: InspectorAssignment[];
}

/** Refuses to build an export whose seed or pool does not match its commitment. */
export function buildDrawExport(input: {
  commitment: DrawCommitment;
  seed: string;
  pool: readonly PoolEntry[];
  result: DrawTargetsResult;
  inspectorDraw?: InspectorAssignment[];
}): DrawExport {
  const { commitment, seed, pool, result } = input;
  checkAgainstCommitment(commitment, seed, pool);
  const order = canonicalOrder(pool);
  const out: DrawExport = {
    commitment: { ...commitment },
    seed,
    pool: Array.from(order, (i) => ({ uscc: pool[i].uscc, drawClass: drawClass(pool[i].riskClass, pool[i].tags ?? []) })),
    result: { drawn: [...result.drawn], byClass: result.byClass },
  };
  if (input.inspectorDraw) out.inspectorDraw = input.inspectorDraw;
  return out;
}
