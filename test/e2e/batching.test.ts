import { describe, expect, it } from 'vitest';
import { gql, sqlStatementsOf, tokens } from '../support/federation.js';

/**
 * A page of businesses with every department's fields must cost a constant number of SQL
 * statements in each subgraph, whatever the page size: DataLoader behind __resolveReference and
 * behind every per-business field, and one contract call per department for `supervision`.
 */
const QUERY = `query ($first: Int!) {
  enterprises(first: $first) {
    nodes {
      uscc name creditRiskClass
      marketSupervisionTarget { foodLicenceNumber }
      publicSecurityTarget { brigade }
      fireRescueTarget { venueCategory }
      supervision { complete departments { department } }
    }
  }
}`;
const SUBGRAPHS = ['market-supervision', 'public-security', 'fire-rescue', 'joint-inspection'];

async function statementsFor(first: number, token: string) {
  const before = await Promise.all(SUBGRAPHS.map(sqlStatementsOf));
  const res = await gql(QUERY, { first }, { token, headers: { 'x-yiye-debug': 'sql' } });
  expect(res.errors).toBeUndefined();
  expect(res.data.enterprises.nodes).toHaveLength(first);
  const after = await Promise.all(SUBGRAPHS.map(sqlStatementsOf));
  return { total: Object.fromEntries(SUBGRAPHS.map((s, i) => [s, after[i] - before[i]])), reportedByGateway: res.extensions?.sqlStatements };
}

describe('batching, proven by counting SQL statements in every subgraph', () => {
  it('10 and 100 businesses cost the same statements: market supervision 4, public security 2, fire 2, joint inspection 0', async () => {
    const token = await tokens.analyst();
    const ten = await statementsFor(10, token);
    const hundred = await statementsFor(100, token);
    // market supervision: count + page + its own target records + the contract call from joint
    // inspection; each other department: its target records + the contract call.
    const expected = { 'market-supervision': 4, 'public-security': 2, 'fire-rescue': 2, 'joint-inspection': 0 };
    expect(ten.total).toEqual(expected);
    expect(hundred.total).toEqual(expected);
    // The gateway's own per-request report sees only its fetches (not joint inspection's calls).
    expect(hundred.reportedByGateway).toEqual({ 'market-supervision': 3, 'public-security': 1, 'fire-rescue': 1, 'joint-inspection': 0 });
  });
});

describe('batching in the directories', () => {
  const TARGETS = `query ($first: Int!) {
    publicSecurityTargets(first: $first, filter: { industryCodes: ["6129", "6130", "9013"] }) { totalCount nodes { uscc tags { key } } }
    publicSecurityInspectors(first: $first) { nodes { certificateNumber name conflicts { uscc } } }
  }`;
  const count = async (first: number, token: string) => {
    const before = await Promise.all(SUBGRAPHS.map(sqlStatementsOf));
    const res = await gql(TARGETS, { first }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.publicSecurityTargets.nodes).toHaveLength(first);
    const after = await Promise.all(SUBGRAPHS.map(sqlStatementsOf));
    return Object.fromEntries(SUBGRAPHS.map((s, i) => [s, after[i] - before[i]]));
  };

  it('a page of targets filtered through the register, with tags, and of inspectors with conflicts: the same statements for 10 and 40', async () => {
    const token = await tokens.admin('public-security');
    // public security: directory candidates + page + tags (one loader) + inspectors + conflicts (one loader);
    // market supervision: one register-contract call.
    const expected = { 'market-supervision': 1, 'public-security': 5, 'fire-rescue': 0, 'joint-inspection': 0 };
    expect(await count(10, token)).toEqual(expected);
    expect(await count(40, token)).toEqual(expected);
  });
});
