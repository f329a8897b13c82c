#!/usr/bin/env node
// Independent verifier for Yiye target draws (algorithm yiye-draw/1, spec: docs/draw.md).
// Usage: node scripts/verify-draw.mjs draw.json   → exit 0 all checks pass, 1 mismatch, 2 unreadable.
// Deliberately shares no code with shared/domain/draw.ts: a second implementation written from the spec
// is what makes a published draw checkable. Only Node built-ins, so anyone can run it as is.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const CLASSES = ['A', 'B', 'C', 'D'];
const USCC = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const sha256 = (text) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
// RFC 8785 canonical JSON for strings, integers, arrays and objects: sorted keys, no whitespace.
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
  : v !== null && typeof v === 'object'
    ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
    : JSON.stringify(v);
// Only ASCII strings (USCCs, hex keys) are compared, so code-unit order is byte order.
const byBytes = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function unreadable(why) {
  console.error(`无法读取抽取导出文件 / cannot read the draw export: ${why}`);
  process.exit(2);
}

const file = process.argv[2];
if (!file) unreadable('usage: node scripts/verify-draw.mjs draw.json');
let data;
try {
  data = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  unreadable(e.message);
}
const { commitment: c, seed, pool, result } = data ?? {};
if (!c || typeof c !== 'object' || typeof c.taskId !== 'string' || typeof seed !== 'string' || !Array.isArray(pool) || !Array.isArray(result?.drawn)) {
  unreadable('expected { commitment, seed, pool: [...], result: { drawn: [...] } }');
}

const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok, detail });

check('algorithm is yiye-draw/1', c.algorithm === 'yiye-draw/1', `found ${JSON.stringify(c.algorithm)}`);
const { commitmentHash, ...content } = c;
const recomputedCommitment = sha256(canonical(content));
check('commitment hash matches its content', recomputedCommitment === commitmentHash,
  `published ${commitmentHash}, recomputed ${recomputedCommitment}`);
const recomputedSeed = sha256(seed);
check('seed matches the committed seed hash', recomputedSeed === c.seedHash,
  `committed ${c.seedHash}, sha256(seed) = ${recomputedSeed}`);

const r = c.ratios ?? {};
const badRatios = Object.keys(r).sort().join() !== 'A,B,C,D' ||
  CLASSES.some((k) => !Number.isInteger(r[k]) || r[k] < 0 || r[k] > 10000);
check('ratios are integers 0..10000 for exactly A, B, C, D', !badRatios, JSON.stringify(r));

// Pool: well-formed, no duplicates, and its canonical text hashes to the committed pool hash.
const wellFormed = (e) => USCC.test(e?.uscc) && CLASSES.includes(e?.drawClass);
const sorted = pool.filter(wellFormed).sort((a, b) => byBytes(a.uscc, b.uscc));
check('pool entries are well-formed', sorted.length === pool.length,
  `first bad entry: ${JSON.stringify(pool.find((e) => !wellFormed(e)))}`);
const dupes = sorted.filter((e, i) => i > 0 && e.uscc === sorted[i - 1].uscc).map((e) => e.uscc);
check('pool has no duplicate USCC', dupes.length === 0, `duplicates: ${dupes.slice(0, 5).join(', ')}`);
const poolHash = createHash('sha256');
for (const e of sorted) poolHash.update(`${e.uscc},${e.drawClass}\n`, 'utf8');
const recomputedPool = poolHash.digest('hex');
check('pool hash matches the commitment', recomputedPool === c.poolHash,
  `committed ${c.poolHash}, recomputed ${recomputedPool}`);
const counts = Object.fromEntries(CLASSES.map((k) => [k, sorted.filter((e) => e.drawClass === k).length]));
check('pool size and class counts match the commitment',
  sorted.length === c.poolSize && CLASSES.every((k) => counts[k] === c.poolByClass?.[k]),
  `committed ${c.poolSize} ${JSON.stringify(c.poolByClass)}, found ${sorted.length} ${JSON.stringify(counts)}`);

// The draw: in each class, the ceil(n × ratio / 10000) entries with the lowest SHA-256 key.
const expected = [];
const quotas = {};
for (const k of CLASSES) {
  const stratum = sorted.filter((e) => e.drawClass === k);
  const bp = Number.isInteger(r[k]) ? BigInt(r[k]) : 0n;
  quotas[k] = Number((BigInt(stratum.length) * bp + 9999n) / 10000n);
  const keyed = stratum.map((e) => ({ uscc: e.uscc, key: sha256(`${seed}\0${c.taskId}\0${e.uscc}`) }));
  keyed.sort((a, b) => byBytes(a.key, b.key) || byBytes(a.uscc, b.uscc));
  expected.push(...keyed.slice(0, quotas[k]).map((e) => e.uscc));
}
const published = new Set(result.drawn);
const wanted = new Set(expected);
const missing = expected.filter((u) => !published.has(u));
const extra = result.drawn.filter((u) => !wanted.has(u));
const repeated = result.drawn.length !== published.size;
check('published drawn set equals the recomputed draw',
  missing.length === 0 && extra.length === 0 && !repeated,
  [missing.length && `missing from the published result (${missing.length}): ${missing.slice(0, 10).join(', ')}`,
    extra.length && `published but not drawn (${extra.length}): ${extra.slice(0, 10).join(', ')}`,
    repeated && 'the published result lists a USCC twice'].filter(Boolean).join('; '));

console.log(`Yiye draw verification (yiye-draw/1) — task ${JSON.stringify(c.taskId)}, file ${file}`);
console.log(`pool ${sorted.length}, quotas ${CLASSES.map((k) => `${k}=${quotas[k]}`).join(' ')}, drawn ${expected.length}`);
for (const { name, ok, detail } of checks) {
  console.log(`${ok ? 'OK      ' : 'MISMATCH'} ${name}${ok ? '' : `\n         ${detail}`}`);
}
if (result.drawn.join() !== expected.join() && missing.length + extra.length === 0) {
  console.log('note: same set, but not listed in the specified order (class, then key)');
}
if (data.inspectorDraw) console.log('note: inspectorDraw present but not verified (needs the inspector directory)');
const failed = checks.filter((x) => !x.ok).length;
console.log(failed === 0
  ? 'RESULT: MATCH — 抽取结果与承诺一致，可复现 / the draw is reproducible from the commitment'
  : `RESULT: MISMATCH — ${failed} 项不一致 / ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
