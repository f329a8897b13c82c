import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { identityFromAuthorization, INTERNAL_HEADER, signInternalIdentity, type Identity } from '../shared/platform/auth.js';
import { serveHttp } from './http.js';
import { gatewayLimits, rateLimitFromEnv, type RateLimit } from './limits.js';
import { maskError, subgraphNotAnswering } from '../shared/platform/error-mask.js';
import { inputErrorsPlugin } from '../shared/platform/input-errors.js';
import { withOwnScalars } from '../shared/platform/scalars.js';
import { SERVICE_TIMEOUT_MS } from '../shared/platform/service-client.js';
import { isProduction } from '../shared/platform/production.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

export interface GatewayContext {
  identity: Identity;
  /** Signed once per request, sent to every subgraph the plan touches. */
  internalToken: string;
  /** SQL statements each subgraph reported for this request (x-yiye-sql-statements). */
  sqlStatements: Record<string, number>;
  debugSql: boolean;
}

const READ_TIMEOUT_MS = 3 * SERVICE_TIMEOUT_MS;
const WRITE_TIMEOUT_MS = 120_000;

class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // Only our signed header carries identity; the client's Authorization never reaches a subgraph.
    if (context.internalToken) request.http?.headers.set(INTERNAL_HEADER, context.internalToken);
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const n = Number(response.http?.headers.get('x-yiye-sql-statements') ?? 0);
    if (context.sqlStatements) context.sqlStatements[this.name] = (context.sqlStatements[this.name] ?? 0) + n;
    return response;
  }

  // A subgraph that fails to answer is SERVICE_UNAVAILABLE naming its department (shared/platform/error-mask.ts).
  override didEncounterError(error: Error): never {
    throw subgraphNotAnswering(this.name, error);
  }

  constructor(readonly name: string, url: string) {
    super({ url });
    // A paused or overloaded subgraph must not hold the request forever. Reads wait longer than a
    // subgraph waits for the departments it asks (so the merge can still say who did not answer);
    // writes (imports) much longer, since the write may still commit.
    const fetcher = this.fetcher;
    this.fetcher = (input, init) =>
      fetcher(input, { ...init, timeout: String(init?.body).startsWith('{"query":"mutation') ? WRITE_TIMEOUT_MS : READ_TIMEOUT_MS } as typeof init);
  }
}

export interface RunningGateway {
  url: string;
  stop: () => Promise<void>;
}

/**
 * The gateway on the checked-in supergraph. `subgraphUrls` overrides the URLs written in the file
 * (tests and benchmarks run subgraphs on other ports).
 */
export async function startGateway(opts: {
  port: number;
  subgraphUrls?: Record<string, string>;
  /** Default: NODE_ENV=production. Tests start a production-mode gateway beside the suite's. */
  production?: boolean;
  /** Anonymous requests per IP; default from YIYE_ANONYMOUS_RATE_LIMIT / _WINDOW_S. */
  rateLimit?: RateLimit;
}): Promise<RunningGateway> {
  const production = opts.production ?? isProduction();
  const limits = gatewayLimits({ production, log: process.env.YIYE_LIMITS_LOG });
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name, url }) => new DepartmentDataSource(name, opts.subgraphUrls?.[name] ?? url!),
  });
  // The supergraph names the Date and DateTime scalars but not their rules: the gateway gets them
  // here, so a malformed date is refused (BAD_USER_INPUT naming the field) before any plan runs.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => withOwnScalars(apiSchema));
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: maskError('gateway'),
    stopOnTerminationSignals: false,
    ...limits.options,
    plugins: [
      ...limits.plugins,
      // A value GraphQL refuses (unknown enum value, malformed Date) is BAD_USER_INPUT naming the field.
      inputErrorsPlugin<GatewayContext>(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (contextValue.debugSql && response.body.kind === 'single') {
                response.body.singleResult.extensions = {
                  ...response.body.singleResult.extensions,
                  sqlStatements: contextValue.sqlStatements,
                };
              }
            },
          };
        },
      },
    ],
  });
  const { url } = await serveHttp(server, {
    port: opts.port,
    host: '127.0.0.1',
    rateLimit: opts.rateLimit ?? rateLimitFromEnv(),
    production,
    context: async ({ req }) => {
      let identity: Identity;
      try {
        identity = await identityFromAuthorization(req.headers.authorization);
      } catch (e) {
        const err = e as GraphQLError;
        throw new GraphQLError(err.message, { extensions: { ...err.extensions, http: { status: 401 } } });
      }
      return {
        identity,
        internalToken: await signInternalIdentity(identity),
        sqlStatements: {},
        debugSql: req.headers['x-yiye-debug'] === 'sql',
      };
    },
  });
  return { url, stop: () => server.stop() };
}
