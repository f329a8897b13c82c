import fs from 'node:fs';
import { parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { describe, expect, it } from 'vitest';
import { BUDGETS, budgetOf, countTokensUpTo, LIST_SIZE_ESTIMATE, measure, overBudget } from '../../gateway/limits.js';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';

/** The API schema the gateway serves (what `measure` sees at run time). */
const schema = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
const measured = (query: string, variables: Record<string, unknown> = {}) => measure(schema, parse(query), variables);

describe('what the gateway measures in a request', () => {
  it('cost: each field 1, a page\'s elements counted once by the page size, from a variable too', () => {
    // enterprises 1 + nodes 1 + 30 × (uscc 1 + supervision 1 + departments 1 + 10 × department 1)
    const page = 'query ($n: Int!) { enterprises(first: $n) { nodes { uscc supervision { departments { department } } } } }';
    expect(measured(page, { n: 30 }).cost).toBe(1 + 1 + 30 * (1 + 1 + 1 + LIST_SIZE_ESTIMATE * 1));
    // The default page size when `first` is omitted is the schema's (20 for inspectionItems).
    expect(measured('{ inspectionItems { nodes { code } } }').cost).toBe(1 + 1 + 20 * 1);
    // Through a fragment the same; __typename and introspection are free.
    expect(measured('query { ...F __typename } fragment F on Query { inspectionItems(first: 5) { nodes { code __typename } } }').cost).toBe(1 + 1 + 5 * 1);
    // Variables that do not coerce are left to the gateway, which refuses them before planning.
    expect(measured(page, { n: 'many' }).cost).toBe(0);
  });

  it('aliases, depth (fragments are not a level), directives and tokens', () => {
    const q = 'query { a: inspectionItems(first: 1) @include(if: true) { nodes { ...N } } b: inspectionItems(first: 1) { totalCount } } fragment N on InspectionItem { code }';
    expect(measured(q)).toMatchObject({ aliases: 2, depth: 3, directives: 1 });
    expect(measured('{ inspectionItems { totalCount } }').tokens).toBe(6);
    expect(countTokensUpTo('{ inspectionItems { totalCount } } # a comment is not a token', 100)).toBe(6);
    expect(countTokensUpTo('{ a b c d e f g h }', 3)).toBe(4);
  });

  it('a user with several roles gets the largest budget of each; unknown roles get the public\'s', () => {
    expect(budgetOf({ roles: ['inspector', 'analyst'] })).toEqual({ ...BUDGETS.analyst, bodyBytes: BUDGETS.analyst.bodyBytes });
    expect(budgetOf({ roles: ['inspector', 'department-admin'] }).bodyBytes).toBe(BUDGETS['department-admin'].bodyBytes);
    expect(budgetOf({ roles: ['service'] })).toEqual(BUDGETS.public);
    expect(overBudget({ aliases: 0, depth: 1, tokens: 10, cost: BUDGETS.public.cost + 1, directives: 0 }, BUDGETS.public)?.key).toBe('cost');
    expect(overBudget({ aliases: 0, depth: 1, tokens: 10, cost: BUDGETS.public.cost, directives: 0 }, BUDGETS.public)).toBeUndefined();
  });
});
