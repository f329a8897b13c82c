import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { BUDGETS, MAX_TOKENS } from '../../gateway/limits.js';
import { Lexer, Source, TokenKind } from 'graphql';
import { DEV_USER_SECRET } from '../../shared/platform/auth.js';
import { tokens } from '../support/federation.js';

/**
 * Abuse limits and production mode at the gateway (issue 10, sections 3 and 8). The suite's own
 * gateway runs with a very high anonymous rate limit (test/global-setup.ts); the rate limit and
 * production mode are proved on gateways this file starts beside it, on the same subgraphs.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function post(url: string, payload: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, { method: 'POST', headers, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}

function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

const suiteGateway = () => inject('gatewayUrl');
const aliases = (n: number, selection: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('limits on what one request may ask (the suite\'s gateway)', () => {
  it('1,000 aliases of inspectionItems from the public are refused before planning: the document is not even parsed', async () => {
    const query = aliases(1000, 'inspectionItems { nodes { code } }');
    const refused = await post(suiteGateway(), { query });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ message: expect.stringMatching(/^请求过于复杂.* \/ the request is too complex/), extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: BUDGETS.public.tokens } }] });
    // Larger than every role's budget: a coordinator is refused too, by their own budget.
    expect(countTokens(query)).toBeGreaterThan(MAX_TOKENS);
    const coordinator = await post(suiteGateway(), { query }, await tokens.coordinator());
    expect(coordinator.body.errors?.[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: BUDGETS.coordinator.tokens });
  });

  it('within the parser\'s cap, each role has its own budget of aliases, depth and estimated cost', async () => {
    const over = BUDGETS.public.aliases + 1;
    // __typename is not counted: Armor lets clients alias it freely.
    const query = aliases(over, 'inspectionItems(first: 1) { totalCount }');
    const publicAsks = await post(suiteGateway(), { query });
    expect(publicAsks.status).toBe(400);
    expect(publicAsks.body.data).toBeUndefined();
    expect(publicAsks.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: BUDGETS.public.aliases, found: over });
    // The same document, already parsed and validated, is within a coordinator's budget.
    const coordinatorAsks = await post(suiteGateway(), { query }, await tokens.coordinator());
    expect(coordinatorAsks.status).toBe(200);
    expect(Object.keys(coordinatorAsks.body.data)).toHaveLength(over);

    let nested = 'name';
    for (let i = 0; i < BUDGETS.public.depth; i++) nested = `ofType { ${nested} }`;
    const deep = await post(suiteGateway(), { query: `{ __type(name: "Query") { ${nested} } }` });
    expect(deep.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: BUDGETS.public.depth, found: BUDGETS.public.depth + 2 });

    // Seven pages of 100 items with eight fields each: inspectionItems 1 + totalCount 1 + nodes 1
    // + 100 × 8 = 803 field values estimated per page, 5,621 in all.
    const page = 'inspectionItems(first: 100) { totalCount nodes { code name department claimed joinable legalBasis method yearlyCap } }';
    const costly = await post(suiteGateway(), { query: aliases(7, page) });
    expect(costly.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'estimated cost', max: BUDGETS.public.cost, found: 5621 });
    const onePage = await post(suiteGateway(), { query: `{ ${page} }` });
    expect(onePage.body.errors).toBeUndefined();
    expect(onePage.body.data.inspectionItems.nodes.length).toBeGreaterThan(0);
  });

  it('a body over the caller\'s budget is refused with 413 before it is read; a department admin may send a larger one (inline imports)', async () => {
    const padded = (bytes: number) => JSON.stringify({ query: '{ __typename }', variables: { unused: 'x'.repeat(bytes) } });
    const tenMegabytes = await post(suiteGateway(), padded(10 * 1024 * 1024));
    expect(tenMegabytes.status).toBe(413);
    expect(tenMegabytes.body.errors?.[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: BUDGETS.public.bodyBytes });
    const twoMegabytes = padded(2 * 1024 * 1024);
    expect((await post(suiteGateway(), twoMegabytes)).status).toBe(413);
    const admin = await post(suiteGateway(), twoMegabytes, await tokens.admin('fire-rescue'));
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('a gateway with a low anonymous rate limit', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ port: 0, subgraphUrls: inject('subgraphUrls'), rateLimit: { points: 3, windowSeconds: 3600 } });
  });
  afterAll(() => gw?.stop());

  it('the fourth anonymous request in the window is 429 with Retry-After; signed-in users are not limited', async () => {
    const ask = (token?: string) => post(gw.url, { query: '{ inspectionItems(first: 1) { totalCount } }' }, token);
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600).toBe(true);
    expect(limited.body.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter });
    expect(limited.body.errors?.[0].message).toMatch(/^请求过于频繁.* \/ too many requests/);
    // A token that does not verify counts as anonymous.
    expect((await ask('not-a-token')).status).toBe(429);
    const analyst = await ask(await tokens.analyst());
    expect(analyst.status).toBe(200);
    expect(analyst.body.data.inspectionItems.totalCount).toBeGreaterThan(0);
  });
});

describe('production mode', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway({ port: 0, subgraphUrls: inject('subgraphUrls'), production: true });
  });
  afterAll(() => gw?.stop());

  const introspection = '{ __schema { queryType { name } } }';

  it('the public may not introspect; a signed-in user may; the development gateway lets anyone', async () => {
    const refused = await post(gw.url, { query: introspection });
    expect(refused.status).toBe(403);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', field: '__schema' });
    const analyst = await post(gw.url, { query: introspection }, await tokens.analyst());
    expect(analyst.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await post(suiteGateway(), { query: introspection })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('a mistyped field gets no suggestion that would spell the schema out', async () => {
    const typo = { query: '{ inspectionItemz { totalCount } }' };
    const production = await post(gw.url, typo);
    expect(production.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(production.body.errors?.[0].message).not.toMatch(/Did you mean/);
    expect((await post(suiteGateway(), typo)).body.errors?.[0].message).toMatch(/Did you mean "inspectionItems/);
  });

  it('no Sandbox landing page for a browser (at /graphql; / is the web app)', async () => {
    const page = (url: string) => fetch(`${url}graphql`, { headers: { accept: 'text/html' } });
    const production = await page(gw.url);
    expect(production.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await production.text()).not.toMatch(/sandbox/i);
    const development = await page(suiteGateway());
    expect(development.headers.get('content-type')).toMatch(/text\/html/);
    expect(await development.text()).toMatch(/sandbox/i);
  });

  it('a production process refuses to start on the development JWT secret, naming the variable', () => {
    const start = (env: Record<string, string>) => {
      // The suite's fixed clock (YIYE_NOW) is refused in production too: leave it out here.
      const { YIYE_JWT_SECRET: _ignored, YIYE_NOW: _now, YIYE_NOW_SET_AT: _setAt, ...rest } = process.env;
      return spawnSync(process.execPath, ['--import', 'tsx', 'gateway/index.ts'], {
        cwd: ROOT,
        env: { ...rest, NODE_ENV: 'production', PORT: '0', ...env },
        encoding: 'utf8',
        timeout: 60_000,
      });
    };
    const unset = start({});
    expect(unset.status).toBe(1);
    expect(unset.stderr).toMatch(/YIYE_JWT_SECRET is not set/);
    const dev = start({ YIYE_JWT_SECRET: DEV_USER_SECRET });
    expect(dev.status).toBe(1);
    expect(dev.stderr).toMatch(/YIYE_JWT_SECRET is the development secret/);
    const subgraph = spawnSync(process.execPath, ['--import', 'tsx', 'subgraphs/fire-rescue/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, YIYE_NOW: '', YIYE_NOW_SET_AT: '', NODE_ENV: 'production', PORT: '0', YIYE_CODE_PRIVATE_KEY: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(subgraph.status).toBe(1);
    expect(subgraph.stderr).toMatch(/YIYE_CODE_PRIVATE_KEY is not set/);
  });
});
