import fs from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
  parse,
  type GraphQLInputType,
  type GraphQLField,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';
import { issueUserToken, PUBLIC_IDENTITY, type Identity } from '../../shared/platform/auth.js';
import { decide, mutationRule } from '../../shared/platform/policy.js';
import { exampleIdentity, MATRIX_ROLES, PLACES } from '../../shared/platform/policy-table.js';
import { gql, sql, subgraphRequest, type GqlResult } from '../support/federation.js';

/**
 * The authorization matrix: every Mutation field of the supergraph, sent as the public, as each
 * role from the department acted on, another department and the double-random office, and as the
 * service role, with harmless dummy arguments. What the policy (shared/platform/policy.ts, printed in
 * docs/authorization.md) refuses must come back FORBIDDEN / UNAUTHENTICATED; what it allows must
 * get past the guard and fail only on the dummy input (BAD_USER_INPUT, NOT_FOUND, …), which also
 * means the matrix writes nothing. Each call's trail entry is then read back: one per call, the
 * same outcome, no change captured.
 */

const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
const RUN = `authz-${Date.now().toString(36)}`;
const PASSED_GUARD = ['BAD_USER_INPUT', 'NOT_FOUND', 'PRECONDITION_FAILED', 'CONFLICT'];

/** join__Graph enum value → subgraph name (`FIRE_RESCUE` → `fire-rescue`). */
const GRAPHS = Object.fromEntries([...sdl.matchAll(/^\s+([A-Z_]+) @join__graph\(name: "([^"]+)"/gm)].map((m) => [m[1], m[2]]));

interface MutationCase {
  name: string;
  subgraphs: string[];
  inaccessible: boolean;
  query: string;
  variables: Record<string, unknown>;
}

function dummy(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return [dummy(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return 0;
    // dryRun: true wherever a Boolean is asked, so that even an import that got through would roll back.
    if (type.name === 'Boolean') return true;
    // The time scalars refuse anything that is not a date (shared/platform/scalars.ts) before the guard runs.
    if (type.name === 'Date') return '2026-01-01';
    if (type.name === 'DateTime') return '2026-01-01T00:00:00Z';
    return 'x';
  }
  throw new Error(`no dummy for ${String(type)}`);
}

function mutationCase(field: GraphQLField<unknown, unknown>): MutationCase {
  const node = field.astNode!;
  const graphs = (node.directives ?? [])
    .filter((d) => d.name.value === 'join__field')
    .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value)
    .map((v) => GRAPHS[(v as { value: string }).value]);
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    name: field.name,
    subgraphs: graphs,
    inaccessible: (node.directives ?? []).some((d) => d.name.value === 'inaccessible'),
    query: `mutation${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, dummy(a.type)])),
  };
}

const MUTATIONS = Object.values(schema.getMutationType()!.getFields()).map(mutationCase);

interface Call {
  mutation: MutationCase;
  subgraph: string;
  identity: Identity;
  label: string;
  expected: 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';
}

function callsOf(m: MutationCase): Call[] {
  const rule = mutationRule(m.name);
  if (!rule) throw new Error(`${m.name} has no entry in the policy's table (shared/platform/policy.ts MUTATION_TEMPLATES)`);
  const actsOn = rule.actsOn ?? 'fire-rescue';
  // Fields whose department is on a record: the matrix sends no real record, so it checks the gate.
  const on = rule.department === 'field' ? { department: actsOn } : undefined;
  const identities: [string, Identity][] = [
    ['public', PUBLIC_IDENTITY],
    ...MATRIX_ROLES.flatMap((role) => PLACES.map((place): [string, Identity] => [`${role} ${place}`, exampleIdentity(role, place, actsOn, `${RUN}-${role}-${place}-${actsOn}`)])),
    ['service', { subject: `${RUN}-service`, roles: ['service'] }],
  ];
  return m.subgraphs.flatMap((subgraph) =>
    identities.map(([label, identity]) => {
      const d = decide(identity, rule.action, on);
      return { mutation: m, subgraph, identity, label, expected: d.allowed ? 'allowed' : d.code } as Call;
    }),
  );
}

const tokenCache = new Map<string, Promise<string>>();
const tokenOf = (i: Identity) => {
  if (!tokenCache.has(i.subject)) tokenCache.set(i.subject, issueUserToken({ subject: i.subject, roles: i.roles, department: i.department, certificateNumber: i.certificateNumber }));
  return tokenCache.get(i.subject)!;
};

/** Users go through the gateway; the service role and @inaccessible fields straight to the subgraph (as the gateway would sign). */
async function send(call: Call): Promise<GqlResult> {
  const { mutation, identity } = call;
  if (mutation.inaccessible || identity.roles.includes('service')) return subgraphRequest(call.subgraph, mutation.query, mutation.variables, identity);
  if (identity === PUBLIC_IDENTITY) return gql(mutation.query, mutation.variables);
  return gql(mutation.query, mutation.variables, { token: await tokenOf(identity) });
}

const codeOf = (res: GqlResult) => (res.errors?.length ? String(res.errors[0].extensions?.code) : 'ok');

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

const SUBGRAPHS = [...new Set(Object.values(GRAPHS))];
const lastSeq = async (subgraph: string) => Number((await sql(subgraph, 'SELECT coalesce(max(seq), 0)::text AS n FROM trail'))[0].n);

describe('the authorization matrix (docs/authorization.md)', () => {
  const calls = MUTATIONS.flatMap(callsOf);
  let codes: string[] = [];
  const before: Record<string, number> = {};

  beforeAll(async () => {
    for (const s of SUBGRAPHS) before[s] = await lastSeq(s);
    codes = await inBatches(calls, 8, async (c) => codeOf(await send(c)));
  }, 300_000);

  it('covers every Mutation field of the supergraph, public and @inaccessible', () => {
    expect(MUTATIONS.length).toBeGreaterThan(90);
    expect(MUTATIONS.filter((m) => m.inaccessible).map((m) => m.name).sort()).toEqual(['receiveDepartmentReferral', 'recordCreditFeedback']);
    expect(new Set(calls.map((c) => c.mutation.name)).size).toBe(MUTATIONS.length);
  });

  it('refuses exactly what the policy refuses, with its code; what it allows fails only on the dummy input', () => {
    const wrong = calls
      .map((c, i) => ({ call: `${c.mutation.name} @${c.subgraph} as ${c.label}`, expected: c.expected, got: codes[i] }))
      .filter((r) => (r.expected === 'allowed' ? !PASSED_GUARD.includes(r.got) : r.got !== r.expected));
    expect(wrong).toEqual([]);
    // Both kinds are present, for every role: the matrix is not trivially all-refused.
    for (const label of ['department-admin own', 'coordinator office', 'inspector own', 'service']) {
      expect(calls.some((c) => c.label === label && c.expected === 'allowed'), label).toBe(true);
    }
  });

  it("writes nothing: each call has one trail entry with the code it answered, and no change captured", async () => {
    const expected: string[] = [];
    calls.forEach((c, i) => expected.push(`${c.subgraph} ${c.identity.subject} Mutation.${c.mutation.name} ${codes[i]}`));
    const seen: string[] = [];
    for (const s of SUBGRAPHS) {
      const rows = await sql(
        s,
        `SELECT subject, operation, outcome, after_digest, before_digest FROM trail WHERE seq > $1 AND (subject LIKE $2 OR subject = 'anonymous')`,
        [before[s], `${RUN}-%`],
      );
      for (const r of rows) {
        expect(r.after_digest, `${s} ${r.operation} ${r.subject}`).toBeNull();
        expect(r.before_digest, `${s} ${r.operation} ${r.subject}`).toBeNull();
        seen.push(`${s} ${r.subject} ${r.operation} ${r.outcome}`);
      }
    }
    expect(seen.length).toBe(calls.length);
    expect(seen.sort()).toEqual(expected.sort());
  });
});
