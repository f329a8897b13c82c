import { issueUserToken } from '../shared/platform/auth.js';
import type { Federation } from '../scripts/federation.js';
import { fmt, internalHeaders, post, throughput, timeSequential } from './support.js';

/**
 * Gateway vs. direct: a page of 20 businesses with every department's fields, through the
 * gateway, next to the same subgraph fetches sent straight to the subgraphs (the register page,
 * then the three entity fetches in parallel, as the gateway's query plan does).
 */
const PAGE = `query ($first: Int!) { enterprises(first: $first, filter: { industryCodes: ["6129", "6121"] }) { nodes {
  uscc name creditRiskClass marketSupervisionTarget { foodLicenceNumber }
  publicSecurityTarget { brigade } fireRescueTarget { venueCategory } supervision { complete departments { department } } } } }`;

const DIRECT_PAGE = `query ($first: Int!) { enterprises(first: $first, filter: { industryCodes: ["6129", "6121"] }) { nodes {
  __typename uscc name creditRiskClass marketSupervisionTarget { foodLicenceNumber } } } }`;
const ENTITIES = (selection: string) =>
  `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Enterprise { ${selection} } } }`;

export async function run(fed: Federation, opts: { requests: number }) {
  const token = await issueUserToken({ roles: ['analyst'], department: 'double-random-office' });
  const auth = { authorization: `Bearer ${token}` };
  const url = fed.subgraphUrls;
  const vars = { first: 20 };

  const viaGateway = async () => {
    await post(`${fed.gatewayUrl}graphql`, { query: PAGE, variables: vars }, auth);
  };
  const direct = async () => {
    // Signed per page, as the gateway signs per request: a header signed once expired after 60 s
    // and failed the run on a slow machine.
    const internal = await internalHeaders(['analyst']);
    const page = await post(url['market-supervision'], { query: DIRECT_PAGE, variables: vars }, internal);
    const representations = page.data.enterprises.nodes.map((n: { uscc: string }) => ({ __typename: 'Enterprise', uscc: n.uscc }));
    await Promise.all([
      post(url['public-security'], { query: ENTITIES('publicSecurityTarget { brigade }'), variables: { representations } }, internal),
      post(url['fire-rescue'], { query: ENTITIES('fireRescueTarget { venueCategory }'), variables: { representations } }, internal),
      post(url['joint-inspection'], { query: ENTITIES('supervision { complete departments { department } }'), variables: { representations } }, internal),
    ]);
  };

  for (let i = 0; i < 50; i++) {
    await viaGateway();
    await direct();
  }
  const sqlBefore = await sqlTotals(fed);
  const gw = await timeSequential(opts.requests, viaGateway);
  const sqlAfter = await sqlTotals(fed);
  const dir = await timeSequential(opts.requests, direct);
  const gwRps = await throughput(opts.requests, 8, viaGateway);
  const dirRps = await throughput(opts.requests, 8, direct);
  const perRequest = Object.fromEntries(Object.keys(sqlAfter).map((k) => [k, (sqlAfter[k] - sqlBefore[k]) / opts.requests]));

  console.log(`\n## Gateway vs. direct subgraph fetches (page of 20 hotels, 4 subgraphs, ${opts.requests} requests each)`);
  console.log(`| path | p50 ms | p95 ms | req/s (8 in flight) |`);
  console.log(`|---|---|---|---|`);
  console.log(`| through the gateway | ${fmt(gw.p50)} | ${fmt(gw.p95)} | ${fmt(gwRps, 0)} |`);
  console.log(`| direct to subgraphs | ${fmt(dir.p50)} | ${fmt(dir.p95)} | ${fmt(dirRps, 0)} |`);
  console.log(`| ratio gateway / direct | ${fmt(gw.p50 / dir.p50)}× | ${fmt(gw.p95 / dir.p95)}× | ${fmt(dirRps / gwRps)}× fewer |`);
  console.log(`SQL statements per gateway request: ${Object.entries(perRequest).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')}`);
  return { gateway: { ...gw, rps: gwRps }, direct: { ...dir, rps: dirRps }, ratioP50: gw.p50 / dir.p50, sqlPerRequest: perRequest };
}

async function sqlTotals(fed: Federation): Promise<Record<string, number>> {
  const headers = await internalHeaders(['service']);
  const out: Record<string, number> = {};
  for (const [name, u] of Object.entries(fed.subgraphUrls)) {
    const res = await fetch(u.replace('/graphql', '/stats'), { headers });
    out[name] = ((await res.json()) as { sqlStatements: number }).sqlStatements;
  }
  return out;
}
