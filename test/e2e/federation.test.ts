import { beforeAll, describe, expect, it } from 'vitest';
import { gql, sql, subgraphRequest, token, tokens } from '../support/federation.js';
import { gqlEnum } from '../support/enums.js';

/** End to end: real gateway, real subgraph processes, real HTTP, real PostgreSQL, demo county. */

const PAGE = `query Page($first: Int!, $after: String, $filter: EnterpriseFilter) {
  enterprises(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes {
      uscc name industryCode industryName creditRiskClass
      marketSupervisionTarget { foodLicenceNumber }
      publicSecurityTarget { brigade specialTradeLicence }
      fireRescueTarget { venueCategory keyFireSafetyUnit }
      healthTarget { venueType }
      supervision { complete departments { department } }
    }
  }
}`;

describe('a department frontend reads the county through the gateway', () => {
  let analyst: string;
  beforeAll(async () => {
    analyst = await tokens.analyst();
  });

  it('one query returns each hotel with every department\'s record of it, consistent with each department\'s own database', async () => {
    const res = await gql(PAGE, { first: 25, filter: { industryCodes: ['6129'] } }, { token: analyst });
    expect(res.errors).toBeUndefined();
    const page = res.data.enterprises;
    const [{ count }] = await sql('market-supervision', "SELECT count(*)::int AS count FROM enterprise WHERE industry_code = '6129'");
    expect(page.totalCount).toBe(count);
    expect(page.nodes).toHaveLength(25);

    const usccs = page.nodes.map((n: any) => n.uscc);
    const ps = await sql('public-security', 'SELECT uscc, brigade, special_trade_licence FROM supervised_target WHERE uscc = ANY($1)', [usccs]);
    const fr = await sql('fire-rescue', 'SELECT uscc FROM supervised_target WHERE uscc = ANY($1)', [usccs]);
    const psBy = new Map(ps.map((r: any) => [r.uscc, r]));
    const frSet = new Set(fr.map((r: any) => r.uscc));
    const he = await sql('health', 'SELECT uscc FROM supervised_target WHERE uscc = ANY($1)', [usccs]);
    const heSet = new Set(he.map((r: any) => r.uscc));
    for (const n of page.nodes) {
      expect(n.industryName).toBe('其他一般旅馆');
      expect(['A', 'B', 'C', 'D']).toContain(n.creditRiskClass);
      const p = psBy.get(n.uscc) as any;
      expect(n.publicSecurityTarget).toEqual(p ? { brigade: p.brigade, specialTradeLicence: p.special_trade_licence } : null);
      expect(n.fireRescueTarget !== null).toBe(frSet.has(n.uscc));
      expect(n.healthTarget !== null).toBe(heSet.has(n.uscc));
      const expected = [n.marketSupervisionTarget && 'market-supervision', p && 'public-security', frSet.has(n.uscc) && 'fire-rescue', heSet.has(n.uscc) && 'health'].filter(Boolean);
      expect(n.supervision).toEqual({ complete: true, departments: expected.map((d) => ({ department: gqlEnum(d as string) })) });
    }
    // An operating hotel is supervised by public order (guest registration), fire and health: the joint set.
    expect(page.nodes.some((n: any) => n.supervision.departments.length === 4)).toBe(true);
  });

  it('cursor pagination walks the register without gaps or overlaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 4; i++) {
      const res: any = await gql('query ($after: String) { enterprises(first: 100, after: $after, filter: { industryCodes: ["6110", "6121"] }) { totalCount pageInfo { endCursor hasNextPage } nodes { uscc } } }', { after });
      total = res.data.enterprises.totalCount;
      seen.push(...res.data.enterprises.nodes.map((n: any) => n.uscc));
      after = res.data.enterprises.pageInfo.endCursor;
      if (!res.data.enterprises.pageInfo.hasNextPage) break;
    }
    const rows = await sql('market-supervision', "SELECT uscc FROM enterprise WHERE industry_code IN ('6110','6121') ORDER BY uscc");
    expect(total).toBe(rows.length);
    expect(seen).toEqual(rows.map((r: any) => r.uscc));
  });

  it('the public reads the register but not credit-risk classes nor department records', async () => {
    const ok = await gql('{ enterprises(first: 1) { nodes { uscc name } } }');
    expect(ok.errors).toBeUndefined();
    const hidden = await gql('{ enterprises(first: 1) { nodes { uscc creditRiskClass } } }');
    expect(hidden.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Enterprise.creditRiskClass' });
    expect(hidden.errors?.[0].path).toEqual(['enterprises', 'nodes', 0, 'creditRiskClass']);
    const filter = await gql('{ enterprises(first: 1, filter: { creditRiskClass: D }) { totalCount } }');
    expect(filter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.creditRiskClass' });
  });

  it('a lookup by a key that nothing has answers null, without an error; a malformed key is BAD_USER_INPUT', async () => {
    const unregistered = '91130433MA0000000' + (await import('../../shared/domain/uscc.js')).usccCheckCharacter('91130433MA0000000');
    const res = await gql(
      `query ($u: String!) {
        enterprise(uscc: $u) { name }
        fireRescueTask(id: "FR-2099Q1-9999") { id }
        fireRescueDrawVerification(taskId: "FR-2099Q1-9999") { match }
        fireRescueDrawExport(taskId: "FR-2099Q1-9999")
        fireRescueAnnualPlan(year: 2099) { id }
      }`,
      { u: unregistered },
      { token: await tokens.coordinator() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ enterprise: null, fireRescueTask: null, fireRescueDrawVerification: null, fireRescueDrawExport: null, fireRescueAnnualPlan: null });
    const malformed = await gql('{ enterprise(uscc: "not-a-uscc") { name } }');
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uscc' });
  });

  it('an anonymous page that also asks signed-in fields keeps its public data: null and one error per signed-in field', async () => {
    const page = await gql(`{
      enterprises(first: 1) { nodes { uscc name creditRiskClass riskTags { tag } } }
      fireRescueTargets(first: 1) { totalCount }
    }`);
    expect(page.status).toBe(200);
    const [node] = page.data.enterprises.nodes;
    expect(node.uscc).toMatch(/^[0-9A-Z]{18}$/);
    expect(node.name).toEqual(expect.any(String));
    expect(node.creditRiskClass).toBeNull();
    expect(node.riskTags).toBeNull();
    expect(page.data.fireRescueTargets).toBeNull();
    const refusals = (page.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]).sort();
    expect(refusals).toEqual([
      ['enterprises.nodes.0.creditRiskClass', 'UNAUTHENTICATED'],
      ['enterprises.nodes.0.riskTags', 'UNAUTHENTICATED'],
      ['fireRescueTargets', 'UNAUTHENTICATED'],
    ]);
  });
});

describe('bad input gets a clear error and writes nothing', () => {
  const ADD_PS = `mutation ($input: PublicSecurityTargetInput!) { addPublicSecurityTarget(input: $input) { uscc brigade supervisedSince } }`;

  it.each([
    ['wrong check character', '91130433MA0EXAMPLE', 'check'],
    ['wrong length', '9113043306', 'length'],
    ['forbidden letter O', '91130433MA0OO0000X', 'character'],
  ])('an enterprise lookup with a USCC with a %s', async (_label, uscc, reason) => {
    const res = await gql('query ($u: String!) { enterprise(uscc: $u) { name } }', { u: uscc });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'uscc', reason });
    expect(res.errors?.[0].message).toMatch(/统一社会信用代码/);
  });

  it('the exact message for a typo in the check character', async () => {
    const res = await gql('{ enterprise(uscc: "91110000600037341X") { name } }');
    expect(res.errors?.[0].message).toBe(
      '统一社会信用代码“91110000600037341X”校验位错误：应为“L”，实为“X”，请核对是否录入有误 / the check character of "91110000600037341X" is wrong: expected "L", found "X"; please check for a typing error',
    );
  });

  it('a department admin adds a registered business to its directory; a bad one is refused and nothing is written', async () => {
    const admin = await tokens.admin('public-security');
    const [candidate] = await sql('market-supervision', "SELECT uscc FROM enterprise WHERE industry_code = '5299' AND status = 'operating' ORDER BY uscc LIMIT 1");
    const before = await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target');

    const badBrigade = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'traffic' } }, { token: admin });
    expect(badBrigade.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.brigade' });

    const unregistered = '91130433MA0000000' + (await import('../../shared/domain/uscc.js')).usccCheckCharacter('91130433MA0000000');
    const unknown = await gql(ADD_PS, { input: { uscc: unregistered, brigade: 'public-order' } }, { token: admin });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.uscc' });
    expect(unknown.errors?.[0].message).toContain('登记系统中没有');

    const badDate = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'public-order', supervisedSince: '2026-02-30x' } }, { token: admin });
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.supervisedSince' });

    const otherDept = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'public-order' } }, { token: await tokens.admin('fire-rescue') });
    expect(otherDept.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

    const anonymous = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'public-order' } });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Mutation.addPublicSecurityTarget' });
    const inspector = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'public-order' } }, { token: await tokens.inspector('public-security') });
    expect(inspector.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.addPublicSecurityTarget' });

    expect(await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target')).toEqual(before);

    const ok = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'cyber-security', supervisedSince: '2026-03-01' } }, { token: admin });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.addPublicSecurityTarget).toEqual({ uscc: candidate.uscc, brigade: 'cyber-security', supervisedSince: '2026-03-01' });
    const twice = await gql(ADD_PS, { input: { uscc: candidate.uscc, brigade: 'cyber-security' } }, { token: admin });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.uscc' });
    expect(await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target')).toEqual([{ n: before[0].n + 1 }]);
  });

  it('malformed, forged and expired tokens are refused at the gateway with UNAUTHENTICATED', async () => {
    const malformed = await gql('{ __typename }', {}, { authorization: 'Bearer abc.def' });
    expect(malformed.status).toBe(401);
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
    const { issueUserToken } = await import('../../shared/platform/auth.js');
    const expired = await issueUserToken({ roles: ['analyst'] }, { expiresIn: '-5m' });
    const res = await gql('{ __typename }', {}, { token: expired });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired' });
    expect(res.errors?.[0].message).toContain('已过期');
    const unknownDept = await gql('{ __typename }', {}, { token: await token(['department-admin'], 'tax-bureau') });
    expect(unknownDept.errors?.[0].message).toContain('tax-bureau');
  });
});

describe('subgraphs answer only the gateway', () => {
  it('a direct request without the gateway\'s signed header is refused with a clear error', async () => {
    const res = await subgraphRequest('market-supervision', '{ enterprises(first: 1) { totalCount } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_THROUGH_GATEWAY');
  });

  it('contract fields are not part of the public API', async () => {
    const res = await gql('{ departmentTargets(usccs: []) { uscc } }', {}, { token: await tokens.coordinator() });
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // …and a subgraph refuses them to a signed-in user who is not a service.
    const direct = await subgraphRequest('fire-rescue', '{ departmentTargets(usccs: []) { uscc } }', {}, { subject: 'x', roles: ['coordinator'] });
    expect(direct.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.departmentTargets' });
  });
});
