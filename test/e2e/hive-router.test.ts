import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { issueUserToken } from '../../shared/platform/auth.js';
import { startHiveProcess } from '../../scripts/federation.js';
import { devUsers } from '../../gateway/dev-sign-in.js';
import { tokens } from '../support/federation.js';

/**
 * The second router (gateway/hive.ts, docs/routers.md): Hive Gateway on the checked-in supergraph
 * in front of the suite's subgraphs must answer what our @apollo/gateway answers, byte for byte
 * once parsed: the same data, the same errors with the same codes and paths, the same HTTP status.
 * Only reads, whatever other files wrote before: both routers are asked one after the other.
 */
type Answer = { status: number; body: any };

let hive: Awaited<ReturnType<typeof startHiveProcess>>;

async function ask(base: string, query: string, variables: Record<string, unknown>, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const res = await fetch(`${base}graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}

/** The same request through both routers; the Apollo answer, after checking Hive's is equal. */
async function same(query: string, variables: Record<string, unknown> = {}, token?: string, authorization = token && `Bearer ${token}`): Promise<Answer> {
  const apollo = await ask(inject('gatewayUrl'), query, variables, authorization);
  const viaHive = await ask(hive.url, query, variables, authorization);
  expect(viaHive).toEqual(apollo);
  return apollo;
}

const PAGE = `query Page($first: Int!, $filter: EnterpriseFilter) {
  enterprises(first: $first, filter: $filter) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes {
      uscc name industryCode industryName creditRiskClass
      marketSupervisionTarget { foodLicenceNumber }
      publicSecurityTarget { brigade specialTradeLicence }
      fireRescueTarget { venueCategory keyFireSafetyUnit }
      healthTarget { venueType }
      supervision { complete departments { department departmentName } }
    }
  }
}`;

beforeAll(async () => {
  hive = await startHiveProcess({ subgraphUrls: inject('subgraphUrls'), internalSecret: process.env.YIYE_INTERNAL_SECRET!, dedupe: true });
});

afterAll(async () => {
  await hive?.stop();
});

describe('Hive Gateway answers what @apollo/gateway answers', () => {
  it('a page of hotels with every department\'s fields (an analyst, four subgraphs)', async () => {
    const { status, body } = await same(PAGE, { first: 20, filter: { industryCodes: ['6129'] } }, await tokens.analyst());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises.nodes).toHaveLength(20);
    expect(body.data.enterprises.nodes.some((n: any) => n.supervision.departments.length === 4)).toBe(true);
  });

  it('one business by USCC, and the public reading the register and the item list without a token', async () => {
    const page = await same('{ enterprises(first: 3) { nodes { uscc name } } inspectionItems(first: 5) { totalCount nodes { code name department legalBasis } } resultCodes }');
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data.inspectionItems.nodes).toHaveLength(5);
    const uscc = page.body.data.enterprises.nodes[0].uscc;
    const one = await same(
      'query ($u: String!) { enterprise(uscc: $u) { uscc name industryName fireRescueTarget { venueCategory } supervision { departments { department } } } }',
      { u: uscc },
      await tokens.coordinator(),
    );
    expect(one.body.data.enterprise.uscc).toBe(uscc);
  });

  it('published results, joint plans and an annual plan (the public and the office)', async () => {
    const results = await same('{ publishedInspectionResults(first: 20) { totalCount nodes { recordId uscc businessName taskId } } }');
    expect(results.body.errors).toBeUndefined();
    const plans = await same('{ jointPlans(first: 20) { totalCount nodes { id title period status invitedDepartments } } }', {}, await tokens.analyst());
    expect(plans.body.errors).toBeUndefined();
    const annual = await same(
      'query ($y: Int!) { marketSupervisionAnnualPlan(year: $y) { id year title status versionInForce } jointAnnualPlan(year: $y) { id status } }',
      { y: 2026 },
      await tokens.admin('market-supervision'),
    );
    expect(annual.body.errors).toBeUndefined();
  });

  it('a department admin\'s own directories, an inspector\'s visits, the coordinator\'s merge of a quarter', async () => {
    const dir = await same(
      '{ publicSecurityTargets(first: 10) { totalCount nodes { uscc brigade } } publicSecurityInspectors(first: 5) { nodes { certificateNumber name status } } }',
      {},
      await tokens.admin('public-security'),
    );
    expect(dir.body.errors).toBeUndefined();
    expect(dir.body.data.publicSecurityTargets.nodes).toHaveLength(10);
    // A demo inspector of fire and rescue, with the certificate number the field asks for.
    const inspector = devUsers().find((u) => u.department === 'fire-rescue' && u.certificateNumber)!;
    const inspectorToken = await issueUserToken({ roles: inspector.roles, department: inspector.department, certificateNumber: inspector.certificateNumber, subject: 'hive-router-inspector' });
    const visits = await same('{ myInspectionVisits(first: 10) { totalCount nodes { taskId uscc status } } }', {}, inspectorToken);
    expect(visits.body.errors).toBeUndefined();
    const merge = await same(
      '{ jointMerge(period: "2026-Q4", first: 5) { period complete finalized figures { __typename } byDepartment { department } } }',
      {},
      await tokens.coordinator(),
    );
    expect(merge.body.errors).toBeUndefined();
    expect(merge.body.data.jointMerge.complete).toBe(true);
  });

  it('the same refusals: a field the public may not read, a bad argument, a token that does not verify', async () => {
    const hidden = await same('{ enterprises(first: 2) { nodes { uscc creditRiskClass } } }');
    expect(hidden.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Enterprise.creditRiskClass' });
    expect(hidden.body.data.enterprises.nodes).toHaveLength(2);
    const short = await same('{ publishedInspectionResults(name: "馆", first: 5) { totalCount } }');
    expect(short.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const forged = await issueUserToken({ roles: ['coordinator'], department: 'double-random-office' }, { secret: 'not-the-secret-of-this-county-0123456789' });
    const refused = await same('{ resultCodes }', {}, forged);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
    const malformed = await same('{ resultCodes }', {}, undefined, 'Basic abc');
    expect(malformed.status).toBe(401);
  });

  it('a browser of any origin may call both, without credentials', async () => {
    const origin = 'http://intranet.county.example';
    const post = (base: string) =>
      fetch(`${base}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ resultCodes }' }) });
    const [apollo, viaHive] = await Promise.all([post(inject('gatewayUrl')), post(hive.url)]);
    expect(apollo.headers.get('access-control-allow-origin')).toBe('*');
    expect(viaHive.headers.get('access-control-allow-origin')).toBe(origin);
    expect(apollo.headers.get('access-control-allow-credentials')).toBeNull();
    expect(viaHive.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await viaHive.json()).toEqual(await apollo.json());
  });
});

describe('what our gateway adds and Hive, as configured, does not (docs/routers.md)', () => {
  it('the budgets of gateway/limits.ts, and a refused enum value as BAD_USER_INPUT naming the field', async () => {
    // Eleven aliases: over the public's 10.
    const aliases = `{ ${Array.from({ length: 11 }, (_, i) => `a${i}: resultCodes`).join(' ')} }`;
    const apollo = await ask(inject('gatewayUrl'), aliases, {});
    expect(apollo.status).toBe(400);
    expect(apollo.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    const viaHive = await ask(hive.url, aliases, {});
    expect(viaHive.status).toBe(200);
    expect(viaHive.body.errors).toBeUndefined();
    expect(Object.keys(viaHive.body.data)).toHaveLength(11);

    const badEnum = '{ inspectionItems(first: 1, filter: { department: NO_SUCH_DEPARTMENT }) { totalCount } }';
    const apolloEnum = await ask(inject('gatewayUrl'), badEnum, {});
    expect(apolloEnum.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.department' });
    const hiveEnum = await ask(hive.url, badEnum, {});
    expect(hiveEnum.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});

describe('Hive\'s in-flight deduplication does not hand one caller\'s answer to another', () => {
  it('identical queries in flight at once, as an analyst and as the public, each get their own', async () => {
    const query = '{ enterprises(first: 50, filter: { industryCodes: ["6129"] }) { nodes { uscc creditRiskClass } } }';
    const analyst = `Bearer ${await tokens.analyst()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(hive.url, query, {}, i % 2 === 0 ? analyst : undefined)));
    answers.forEach((a, i) => {
      if (i % 2 === 0) {
        expect(a.body.errors).toBeUndefined();
        expect(a.body.data.enterprises.nodes.every((n: any) => /^[ABCD]$/.test(n.creditRiskClass))).toBe(true);
      } else {
        expect(a.body.errors.map((e: any) => e.extensions.code)).toEqual(Array(50).fill('UNAUTHENTICATED'));
        expect(a.body.data.enterprises.nodes.every((n: any) => n.creditRiskClass === null)).toBe(true);
      }
    });
  });
});
