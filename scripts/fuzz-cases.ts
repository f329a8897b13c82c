import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { usccCheckCharacter } from '../shared/domain/uscc.js';

/**
 * The fuzzer (issue 10, section 5): bad arguments, generated from the gateway's API schema, for
 * every public query and mutation field, as several callers. Shared by the sample in `npm test`
 * (test/e2e/fuzz.test.ts) and the long run (`npm run fuzz -- --per-field N`, scripts/fuzz.ts).
 *
 * Each case takes plausible values for every required argument (ids and businesses that do not
 * exist, the year 2098 that no test uses, so that nothing a case could do touches other tests'
 * data) and replaces one argument, input field or list item by a bad value for its type.
 */
export const FUZZ_YEAR = 2098;
const FUZZ_USCC = (() => {
  const first17 = '91130433MA0FXQ7W2';
  return first17 + usccCheckCharacter(first17);
})();

/** Text that must never reach a client: SQL, stack frames, file paths, driver names, addresses. */
export const INTERNAL_TEXT =
  /insert into|select .{0,200} from|update \w+ set|delete from|\n\s+at |\bat [\w.<>]+ \(|node_modules|\/work\/|\.[tj]s:\d+|\bpg\b|postgres|mikro-?orm|knex|ECONNREFUSED|duplicate key|violates .* constraint|syntax error at|127\.0\.0\.1/i;

const STRING_BAD: unknown[] = [
  'x\u0000',
  'a\u0007b\u001bc',
  'x'.repeat(100_000),
  '',
  '   ',
  '\ud800',
  "'; DROP TABLE trail; --",
  "' OR '1'='1",
  '${jndi:ldap://x}',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '0001-01-01',
  '2026-02-30',
  '0000-Q1',
  'FR-2099Q1-9999',
  'JP-0000Q0-0000',
  '🙂'.repeat(300),
  12345,
  true,
  { x: 1 },
];
const DATE_BAD: unknown[] = ['0001-01-01', '0000-01-01', '1999-12-31', '2101-01-01', '2026-13-01', '2026-02-30', '9999-12-31T23:59:59Z', 'yesterday'];
const PERIOD_BAD: unknown[] = ['0000-Q1', '2101-Q1', '2026-Q5', '2026Q1', '2026-Q0', '-2026-Q1'];
const INT_BAD: unknown[] = [-1, -2147483648, 2147483647, 2147483648, 1.5, '7', 0, 1e100];
const YEAR_BAD: unknown[] = [0, 1999, 2101, -2026, 2147483647];
const DATE_NAME = /^(date|asOf|deadline)$|[a-z](Date|On|At|From|Until|Since)$/;

function plausibleString(name: string): string {
  if (name === 'uscc') return FUZZ_USCC;
  if (name === 'usccs') return FUZZ_USCC;
  if (name === 'period') return `${FUZZ_YEAR}-Q4`;
  if (DATE_NAME.test(name)) return '2026-01-05';
  if (name === 'taskId') return `FR-${FUZZ_YEAR}Q4-9999`;
  if (name === 'planId') return `JP-${FUZZ_YEAR}Q4-9999`;
  // An item code nobody uses: a case must not withdraw, claim or unclaim a real item.
  if (/^(itemCodes|itemCode|code|codes)$/.test(name)) return 'FR-FZ-999';
  if (/industryCode/.test(name)) return '6129';
  if (name === 'regionCode') return '130433100';
  // Too short to be a certificate number: no case adds an inspector to the demo county.
  if (name === 'certificateNumber') return 'FZ';
  if (/department|Department/.test(name)) return 'fire-rescue';
  if (/reason|note|finding|measures|outcome/.test(name)) return '模糊测试 fuzz';
  return `fuzz-${name}`;
}

function plausible(type: GraphQLInputType, name: string): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [plausible(t.ofType, name)];
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = plausible(f.type, f.name);
    return out;
  }
  if (isEnumType(t)) return t.getValues()[0].value;
  switch (t.name) {
    case 'Int':
      // Ids aim at rows that do not exist (a case must not act on a real conflict, referral…).
      return name === 'year' ? FUZZ_YEAR : name === 'first' ? 5 : /^id$|Id$/.test(name) ? 2147483647 : 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-01-05';
    case 'DateTime':
      return '2026-01-05T09:00:00+08:00';
    default:
      return plausibleString(name);
  }
}

function badValues(type: GraphQLInputType, name: string): unknown[] {
  const nonNull = isNonNullType(type);
  const t = getNullableType(type) as GraphQLInputType;
  const base: unknown[] = nonNull ? [null] : [];
  if (isListType(t)) return [...base, 'not-a-list-item', [null], Array.from({ length: 2000 }, () => plausible(t.ofType, name))];
  if (isInputObjectType(t)) return [...base, 'x', [], { unknownField: 1 }];
  if (isEnumType(t)) return [...base, 'NOT_A_VALUE', 0, t.getValues()[0].name.toLowerCase()];
  switch (t.name) {
    case 'Int':
      return [...base, ...(name === 'year' ? YEAR_BAD : INT_BAD)];
    case 'Float':
      return [...base, -1e308, 'x', -1];
    case 'Boolean':
      return [...base, 'yes', 0];
    case 'Date':
    case 'DateTime':
      return [...base, ...DATE_BAD, ...STRING_BAD];
    default:
      return [...base, ...(name === 'period' ? PERIOD_BAD : DATE_NAME.test(name) ? DATE_BAD : []), ...STRING_BAD];
  }
}

/** One argument, input field or first list item, with its type and name. */
interface Slot {
  path: (string | number)[];
  type: GraphQLInputType;
  name: string;
}

function slots(type: GraphQLInputType, name: string, path: (string | number)[], depth: number): Slot[] {
  const out: Slot[] = [{ path, type, name }];
  if (depth > 3) return out;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) out.push(...slots(t.ofType, name, [...path, 0], depth + 1));
  else if (isInputObjectType(t)) for (const f of Object.values(t.getFields())) out.push(...slots(f.type, f.name, [...path, f.name], depth + 1));
  return out;
}

function setIn(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let at: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (at[key] == null) at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key];
  }
  at[path[path.length - 1]] = value;
}

export interface FuzzCase {
  kind: 'query' | 'mutation';
  field: string;
  /** Where the bad value went, e.g. `input.itemCodes[0]`, and a short form of it. */
  label: string;
  bad: unknown;
  query: string;
  variables: Record<string, unknown>;
}

function printPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

function casesOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): FuzzCase[] {
  const named = getNamedType(field.type);
  const selection = isLeafType(named) ? '' : ' { __typename }';
  const defs = field.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const call = field.args.length ? `${field.name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : field.name;
  const query = `${kind} Fuzz${defs ? `(${defs})` : ''} { ${call}${selection} }`;
  const base = () => {
    const v: Record<string, unknown> = {};
    for (const a of field.args) if (isNonNullType(a.type) && a.defaultValue === undefined) v[a.name] = plausible(a.type, a.name);
    return v;
  };
  const out: FuzzCase[] = [];
  for (const a of field.args) {
    for (const slot of slots(a.type, a.name, [a.name], 0)) {
      for (const bad of badValues(slot.type, slot.name)) {
        const variables = base();
        if (slot.path.length > 1 && variables[a.name] === undefined) variables[a.name] = plausible(a.type, a.name);
        setIn(variables, slot.path, bad);
        out.push({ kind, field: field.name, label: printPath(slot.path), bad, query, variables });
      }
    }
    // The same control character written into the query text instead of a variable.
    if (getNamedType(a.type).name === 'String' && !isListType(getNullableType(a.type))) {
      const others = field.args.filter((o) => o !== a);
      const literalDefs = others.map((o) => `$${o.name}: ${o.type}`).join(', ');
      const args = field.args.map((o) => (o === a ? `${o.name}: "x\\u0000"` : `${o.name}: $${o.name}`)).join(', ');
      const variables = base();
      delete variables[a.name];
      out.push({
        kind,
        field: field.name,
        label: `${a.name} (literal)`,
        bad: 'x\u0000',
        query: `${kind} Fuzz${literalDefs ? `(${literalDefs})` : ''} { ${field.name}(${args})${selection} }`,
        variables,
      });
    }
  }
  return out;
}

/** Every public root field with arguments, by kind, sorted by name (deterministic). */
export function fuzzFields(schema: GraphQLSchema): { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  const out: { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(type?.getFields() ?? {}).sort((x, y) => x.name.localeCompare(y.name))) {
      if (field.args.length) out.push({ kind, field });
    }
  }
  return out;
}

/** mulberry32: small, seeded, the same sample on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `perField` cases per field and caller, drawn with `seed` from all of that field's cases. */
export function sampleCases(schema: GraphQLSchema, perField: number, seed: number, callers: string[]): { caller: string; c: FuzzCase }[] {
  const rng = random(seed);
  const out: { caller: string; c: FuzzCase }[] = [];
  for (const { kind, field } of fuzzFields(schema)) {
    const all = casesOf(kind, field);
    for (const caller of callers) {
      for (let i = 0; i < perField; i++) out.push({ caller, c: all[Math.floor(rng() * all.length)] });
    }
  }
  return out;
}

export async function introspect(gatewayUrl: string, token?: string): Promise<GraphQLSchema> {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await res.json()) as { data: any };
  return buildClientSchema(body.data);
}

export interface FuzzProblem {
  caller: string;
  field: string;
  label: string;
  problem: 'http-5xx' | 'internal-error' | 'internal-text' | 'no-answer';
  detail: string;
}

export interface FuzzReport {
  requests: number;
  /** Answers by the first error's code, or `ok`. */
  byCode: Record<string, number>;
  /** Mutations that were accepted (they may write). */
  acceptedMutations: number;
  /** Which mutations were accepted, with their case: what to look at when one should not have been. */
  accepted: string[];
  problems: FuzzProblem[];
}

const shortValue = (v: unknown) => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}… (${s.length} chars)` : s;
};

/** Sends every case, `concurrency` at a time, and judges each answer. */
export async function runCases(
  gatewayUrl: string,
  cases: { caller: string; c: FuzzCase }[],
  tokens: Record<string, string | undefined>,
  concurrency = 4,
): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byCode: {}, acceptedMutations: 0, accepted: [], problems: [] };
  let next = 0;
  const one = async ({ caller, c }: { caller: string; c: FuzzCase }) => {
    const problem = (kind: FuzzProblem['problem'], detail: string) =>
      report.problems.push({ caller, field: `${c.kind === 'query' ? 'Query' : 'Mutation'}.${c.field}`, label: `${c.label} = ${shortValue(c.bad)}`, problem: kind, detail: detail.slice(0, 300) });
    const token = tokens[caller];
    report.requests++;
    let status: number;
    let body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: c.query, variables: c.variables }),
      });
      status = res.status;
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = { errors: [{ message: text }] };
      }
    } catch (e) {
      problem('no-answer', (e as Error).message);
      return;
    }
    if (status >= 500) problem('http-5xx', `HTTP ${status}: ${JSON.stringify(body).slice(0, 200)}`);
    const errors = body.errors ?? [];
    const code = errors.length ? (errors[0].extensions?.code ?? 'no code') : 'ok';
    report.byCode[code] = (report.byCode[code] ?? 0) + 1;
    if (c.kind === 'mutation' && !errors.length && body.data?.[c.field] != null) {
      report.acceptedMutations++;
      report.accepted.push(`${c.field} ${JSON.stringify(c).slice(0, 300)}`);
    }
    for (const e of errors) {
      if (!e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR') problem('internal-error', e.message);
      // A message may quote the bad value; what it adds must not be internal.
      let own = e.message;
      if (typeof c.bad === 'string' && c.bad) for (const piece of [c.bad, c.bad.slice(0, 40)]) own = own.split(piece).join('');
      if (INTERNAL_TEXT.test(own)) problem('internal-text', e.message);
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) await one(cases[next++]);
    }),
  );
  return report;
}
