import { describe, expect, inject, it } from 'vitest';
import { CATALOG } from '../../subgraphs/catalog.js';
import { fuzzFields, introspect, runCases, sampleCases } from '../../scripts/fuzz-cases.js';
import { sql, tokens } from '../support/federation.js';

/**
 * A deterministic sample of the fuzzer (scripts/fuzz-cases.ts; the long run is `npm run fuzz`):
 * one bad-argument case per public field and caller, through the gateway. Whatever the input, no
 * answer is an internal error or a 5xx, no message carries internal text, and a refused mutation
 * writes nothing: only the trail grows, by refusals.
 */
const SEED = 20261201;

/** Rows of every table but the trail, per subgraph; and the trail's entries by outcome. */
async function snapshot(): Promise<{ rows: Record<string, number>; trailOk: number }> {
  const rows: Record<string, number> = {};
  let trailOk = 0;
  for (const c of CATALOG) {
    const tables = await sql<{ tablename: string }>(c.name, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'trail'`);
    expect(tables.length).toBeGreaterThan(0);
    const counts = await sql(c.name, tables.map((t) => `SELECT '${t.tablename}' AS t, count(*)::int AS n FROM "${t.tablename}"`).join(' UNION ALL '));
    for (const { t, n } of counts) rows[`${c.name}.${t}`] = n;
    trailOk += (await sql(c.name, `SELECT count(*)::int AS n FROM trail WHERE outcome = 'ok'`))[0].n;
  }
  return { rows, trailOk };
}

describe('fuzzing every public field with bad arguments, as the public, a department admin and a coordinator', () => {
  it('no internal error, no internal text, no 5xx; refused mutations write nothing', async () => {
    const callers = {
      public: undefined,
      'department-admin': await tokens.admin('fire-rescue'),
      coordinator: await tokens.coordinator(),
    };
    const schema = await introspect(inject('gatewayUrl'), callers.coordinator);
    const fields = fuzzFields(schema);
    expect(fields.filter((f) => f.kind === 'mutation').length).toBeGreaterThan(50);
    expect(fields.filter((f) => f.kind === 'query').length).toBeGreaterThan(20);
    const cases = sampleCases(schema, 1, SEED, Object.keys(callers));
    expect(cases).toHaveLength(fields.length * 3);

    const before = await snapshot();
    const report = await runCases(inject('gatewayUrl'), cases, callers);
    const after = await snapshot();

    expect(report.problems).toEqual([]);
    expect(report.requests).toBe(cases.length);
    expect(report.byCode.INTERNAL_SERVER_ERROR).toBeUndefined();
    expect(report.byCode.BAD_USER_INPUT).toBeGreaterThan(cases.length / 3);
    // The cases aim at businesses, tasks and plans that do not exist: none is accepted.
    expect(report.accepted).toEqual([]);
    expect(report.acceptedMutations).toBe(0);
    expect(after.rows).toEqual(before.rows);
    expect(after.trailOk).toBe(before.trailOk);
  }, 300_000);
});
