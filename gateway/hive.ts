import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { identityFromAuthorization, INTERNAL_HEADER, signInternalIdentity } from '../shared/platform/auth.js';

/**
 * A second router: Hive Gateway (MIT, @graphql-hive/gateway-runtime) on the same checked-in
 * supergraph.graphql as our @apollo/gateway (gateway/server.ts). It does what the subgraphs need
 * from a router and nothing more: it verifies the caller's bearer token and signs the internal
 * identity with the same two functions (shared/platform/auth.ts), so the policy stays in one place.
 * What it does not do that gateway/server.ts and gateway/http.ts do (budgets, rate limit, the web
 * app, …) is listed in docs/routers.md.
 */
const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

interface HiveContext {
  /** Signed once per request (60 s, as gateway/server.ts does), sent to every subgraph the plan touches. */
  yiyeInternal: string;
}

export interface RunningHiveGateway {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Verifies the token before anything is parsed or planned: a bad token is the same
 * UNAUTHENTICATED refusal, HTTP 401, as our gateway's. No token is the public, as there.
 */
function identityPlugin(): GatewayPlugin<HiveContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      let identity;
      try {
        identity = await identityFromAuthorization(context.request.headers.get('authorization') ?? undefined);
      } catch (e) {
        const err = e as GraphQLError;
        throw new GraphQLError(err.message, { extensions: { ...err.extensions, http: { status: 401 } } });
      }
      extendContext({ yiyeInternal: await signInternalIdentity(identity) });
    },
  };
}

export async function startHiveGateway(opts: {
  port: number;
  host?: string;
  /** Overrides the URLs written in supergraph.graphql (tests and benchmarks use free ports). */
  subgraphUrls?: Record<string, string>;
  /**
   * Hive's in-flight deduplication of identical subgraph queries (on by default in Hive): two
   * identical fetches in flight at once, same URL, body and headers, share one answer. Our
   * internal header is part of that key, so only callers with the same identity in the same
   * second (the header's iat) share; @apollo/gateway has no such thing.
   */
  dedupe?: boolean;
}): Promise<RunningHiveGateway> {
  const host = opts.host ?? '127.0.0.1';
  const urls = opts.subgraphUrls ?? {};
  const httpOptions = { deduplicateInflightRequests: opts.dedupe ?? true };
  const runtime = createGatewayRuntime<HiveContext>({
    supergraph: fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
    transportEntries: {
      '*.http': { options: httpOptions },
      ...Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    },
    // Set through Hive's header propagation, not in an onFetch hook: a header added there is not part
    // of the in-flight deduplication key, and one caller's answer reaches another (tried: the test
    // "each get their own" in test/e2e/hive-router.test.ts then fails, an analyst getting the public's).
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => ({ [INTERNAL_HEADER]: (context as Partial<HiveContext>).yiyeInternal }),
    },
    plugins: () => [identityPlugin()],
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Yoga's GraphiQL loads from a CDN, which a county intranet may not reach; @apollo/gateway's Sandbox is at :4000.
    graphiql: false,
    // Any origin, as gateway/http.ts's cors(); tokens travel in a header, never in cookies, so no credentials.
    cors: { credentials: false },
    logging: (process.env.YIYE_HIVE_LOG ?? 'warn') as 'trace' | 'debug' | 'info' | 'warn' | 'error',
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host}:${port}/`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await runtime.dispose();
    },
  };
}
