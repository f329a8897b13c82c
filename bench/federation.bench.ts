import { issueUserToken } from '../shared/platform/auth.js';
import { startHiveProcess, type Federation } from '../scripts/federation.js';
import { fmt, internalHeaders, percentile, post, throughput } from './support.js';

/**
 * Gateway vs. direct: a page of 20 businesses with every department's fields, through the
 * gateway, next to the same subgraph fetches sent straight to the subgraphs (the register page,
 * then the three entity fetches in parallel, as the gateway's query plan does).
 *
 * In the same run, the second router (gateway/hive.ts, docs/routers.md): Hive Gateway on the same
 * supergraph and subgraphs, once with its in-flight deduplication of identical subgraph fetches
 * on (Hive's default) and once off. Every request here is the same page as the same analyst, so
 * with 8 in flight deduplication can share fetches; the "different pages" column asks 8 page
 * sizes in turn (20…27), so that concurrent requests are not identical and it cannot. The
 * @apollo/gateway row includes our own work at the gateway (limits, token checks, error shapes:
 * docs/routers.md), which the Hive rows do not do.
 */
const PAGE = `query ($first: Int!) { enterprises(first: $first, filter: { industryCodes: ["6129", "6121"] }) { nodes {
  uscc name creditRiskClass marketSupervisionTarget { foodLicenceNumber }
  publicSecurityTarget { brigade } fireRescueTarget { venueCategory } supervision { complete departments { department } } } } }`;

const DIRECT_PAGE = `query ($first: Int!) { enterprises(first: $first, filter: { industryCodes: ["6129", "6121"] }) { nodes {
  __typename uscc name creditRiskClass marketSupervisionTarget { foodLicenceNumber } } } }`;
const ENTITIES = (selection: string) =>
  `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Enterprise { ${selection} } } }`;

export async function run(fed: Federation, opts: { requests: number }) {
  const url = fed.subgraphUrls;
  const hiveOn = await startHiveProcess({ subgraphUrls: url, internalSecret: fed.internalSecret, dedupe: true });
  const hiveOff = await startHiveProcess({ subgraphUrls: url, internalSecret: fed.internalSecret, dedupe: false });
  try {
    return await measure(fed, opts, { apollo: fed.gatewayUrl, hiveDedupe: hiveOn.url, hiveNoDedupe: hiveOff.url });
  } finally {
    await Promise.all([hiveOn.stop(), hiveOff.stop()]);
  }
}

async function measure(fed: Federation, opts: { requests: number }, routers: Record<'apollo' | 'hiveDedupe' | 'hiveNoDedupe', string>) {
  const token = await issueUserToken({ roles: ['analyst'], department: 'double-random-office' });
  const auth = { authorization: `Bearer ${token}` };
  const url = fed.subgraphUrls;
  const vars = { first: 20 };
  const through = (base: string) => async () => {
    await post(`${base}graphql`, { query: PAGE, variables: vars }, auth);
  };
  let turn = 0;
  const throughVaried = (base: string) => async () => {
    await post(`${base}graphql`, { query: PAGE, variables: { first: 20 + (turn++ % 8) } }, auth);
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
    for (const base of Object.values(routers)) await through(base)();
    await direct();
  }
  // Five Node processes, PostgreSQL and the bench share two cores, often with other work on the
  // machine: the paths are measured in turns (one request each in turn; throughput in rounds, in a
  // rotating order), so that a change in load falls on all of them alike.
  const paths: Record<string, () => Promise<void>> = { ...Object.fromEntries(Object.entries(routers).map(([n, b]) => [n, through(b)])), direct };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((n) => [n, []]));
  for (let i = 0; i < opts.requests; i++) {
    for (const [name, fn] of Object.entries(paths)) {
      const t = performance.now();
      await fn();
      times[name].push(performance.now() - t);
    }
  }
  const ROUNDS = 3;
  const perRound = Math.ceil(opts.requests / ROUNDS);
  const elapsed: Record<string, number> = {};
  const elapsedVaried: Record<string, number> = {};
  const names = Object.keys(paths);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + r) % names.length];
      elapsed[name] = (elapsed[name] ?? 0) + perRound / (await throughput(perRound, 8, paths[name]));
      if (name !== 'direct') elapsedVaried[name] = (elapsedVaried[name] ?? 0) + perRound / (await throughput(perRound, 8, throughVaried(routers[name as keyof typeof routers])));
    }
  }
  const stats = (name: string) => {
    const sorted = [...times[name]].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), rps: (perRound * ROUNDS) / elapsed[name] };
  };
  const measured: Record<string, { p50: number; p95: number; rps: number; rpsVaried?: number; sql: Record<string, number> }> = {};
  const SQL_SAMPLE = 20;
  for (const [name, base] of Object.entries(routers)) {
    const sqlBefore = await sqlTotals(fed);
    for (let i = 0; i < SQL_SAMPLE; i++) await through(base)();
    const sqlAfter = await sqlTotals(fed);
    const sql = Object.fromEntries(Object.keys(sqlAfter).map((k) => [k, (sqlAfter[k] - sqlBefore[k]) / SQL_SAMPLE]));
    measured[name] = { ...stats(name), rpsVaried: (perRound * ROUNDS) / elapsedVaried[name], sql };
  }
  const { rps: dirRps, ...dir } = stats('direct');
  const gw = measured.apollo;
  const perRequest = gw.sql;

  console.log(`\n## Gateway vs. direct subgraph fetches (page of 20 hotels, 4 subgraphs, ${opts.requests} requests each, paths in turns)`);
  console.log(`| path | p50 ms | p95 ms | req/s (8 in flight, same page) | req/s (8 in flight, different pages) |`);
  console.log(`|---|---|---|---|---|`);
  const label: Record<string, string> = {
    apollo: 'through the gateway (@apollo/gateway)',
    hiveDedupe: 'through Hive Gateway, in-flight deduplication on',
    hiveNoDedupe: 'through Hive Gateway, in-flight deduplication off',
  };
  for (const [name, m] of Object.entries(measured)) {
    console.log(`| ${label[name]} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.rps, 0)} | ${fmt(m.rpsVaried!, 0)} |`);
  }
  console.log(`| direct to subgraphs | ${fmt(dir.p50)} | ${fmt(dir.p95)} | ${fmt(dirRps, 0)} | – |`);
  console.log(`| ratio gateway / direct | ${fmt(gw.p50 / dir.p50)}× | ${fmt(gw.p95 / dir.p95)}× | ${fmt(dirRps / gw.rps)}× fewer | |`);
  for (const name of ['hiveDedupe', 'hiveNoDedupe']) {
    const h = measured[name];
    console.log(`| ratio ${label[name].replace('through ', '')} / @apollo/gateway | ${fmt(h.p50 / gw.p50)}× | ${fmt(h.p95 / gw.p95)}× | ${fmt(h.rps / gw.rps)}× | ${fmt(h.rpsVaried! / gw.rpsVaried!)}× |`);
  }
  for (const [name, m] of Object.entries(measured)) {
    console.log(`SQL statements per request, ${label[name].replace('through ', '')} (${SQL_SAMPLE} sequential): ${Object.entries(m.sql).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')}`);
  }
  return {
    gateway: { p50: gw.p50, p95: gw.p95, rps: gw.rps, rpsVaried: gw.rpsVaried },
    hive: { dedupeOn: measured.hiveDedupe, dedupeOff: measured.hiveNoDedupe },
    direct: { ...dir, rps: dirRps },
    ratioP50: gw.p50 / dir.p50,
    sqlPerRequest: perRequest,
  };
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
