import 'reflect-metadata';
import http from 'node:http';
import {
  defaultFieldResolver,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, getMetadataStorage, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { INTERNAL_HEADER, verifyInternalIdentity, type Identity } from './auth.js';
import { userError } from './errors.js';
import { maskError } from './error-mask.js';
import { validateArguments } from './edge-validation.js';
import { SqlCounter } from './orm.js';
import { readRetryPlugin, withReadRetry } from './read-retry.js';
import { trailResolver, withTrail } from './trail.js';
import { authorize, authorizeMutation, isAction, type Action } from './policy.js';

export interface SubgraphContext<L = unknown> {
  identity: Identity;
  /** One forked EntityManager per request: no identity map shared between users. */
  em: EntityManager;
  /** Fresh DataLoaders per request: batching within it, no cache across users. */
  loaders: L;
}

/** What a subgraph folder declares; shared by the server, `npm run compose` and the tests. */
export interface SubgraphDefinition<L = unknown> {
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/ban-types
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/ban-types
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type; always through a loader. */
  referenceResolvers: GraphQLResolverMap<SubgraphContext<L>>;
  createLoaders: (em: EntityManager, identity: Identity) => L;
  /** The subgraph's own database; absent for a subgraph that keeps nothing. */
  database?: {
    entities: Function[];
    migrations: MigrationObject[];
    /** Folder of the migration files, for `npm run migration:create`. */
    migrationsPath: string;
    /** Migrations a database that ran older names takes as executed (openOrm `adoptMigrations`). */
    adoptMigrations?: Readonly<Record<string, readonly string[]>>;
    /** Loads the demo county when the database is empty; must be idempotent. */
    seed?: (em: EntityManager) => Promise<void>;
  };
}

/** The root types' descriptions, the same in every subgraph (they compose into one). */
const ROOT_DESCRIPTIONS = {
  Query: "What a frontend reads: the register, the departments' directories, tasks and draws, the item list, joint plans, records and results.",
  Mutation: 'What a frontend changes; every mutation is one transaction, checked by the authorization policy and recorded in the trail (全程留痕).',
};

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/**
 * `@Authorized()` means any signed-in user, `@Authorized('trail:read')` an action of the policy
 * (shared/platform/policy.ts); root Mutation fields are gated by the policy's table in buildSubgraph.
 */
export const authChecker: AuthChecker<SubgraphContext> = ({ context, info }, actions) => {
  const field = `${info.parentType.name}.${info.fieldName}`;
  for (const action of actions.length ? actions : ['signed-in:read']) authorize(context, action as Action, { field });
  return true;
};

function withPolicy(resolve: GraphQLFieldResolver<unknown, SubgraphContext>): GraphQLFieldResolver<unknown, SubgraphContext> {
  return async (root, args, ctx, info) => {
    authorizeMutation(ctx.identity, info.fieldName);
    return resolve(root, args, ctx, info);
  };
}

/**
 * A schema built from SDL reads an enum default (`status: InspectorStatus = ACTIVE`) before the
 * resolvers map the enum's values to their internal strings, so the default would reach a resolver
 * as `ACTIVE` instead of `active`: map the defaults too.
 */
function internalEnumDefaults(schema: GraphQLSchema): void {
  const internal = (type: GraphQLInputType, value: unknown): unknown => {
    const t = getNullableType(type);
    if (isListType(t)) return Array.isArray(value) ? value.map((v) => internal(t.ofType, v)) : internal(t.ofType, value);
    if (isEnumType(t) && typeof value === 'string') return t.getValue(value)?.value ?? value;
    return value;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (arg.defaultValue !== undefined) arg.defaultValue = internal(arg.type, arg.defaultValue);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (field.defaultValue !== undefined) field.defaultValue = internal(field.type, field.defaultValue);
    }
  }
}

export async function buildSubgraph(def: SubgraphDefinition): Promise<{ sdl: string; schema: GraphQLSchema }> {
  // Every subgraph with a database answers `<name>Trail` and records its mutations in the trail.
  const resolverClasses = (def.database ? [...def.resolvers, trailResolver(def.name)] : def.resolvers) as NonEmptyArray<Function>;
  // A misspelt action would otherwise only fail when the field is first asked for.
  const unknownActions = getMetadataStorage().authorizedFields.flatMap((f) => f.roles.map(String)).filter((a) => !isAction(a));
  if (unknownActions.length) throw new Error(`@Authorized names no action of shared/platform/policy.ts: ${[...new Set(unknownActions)].join(', ')}`);
  const typeSchema = await buildSchema({
    resolvers: resolverClasses,
    orphanedTypes: def.orphanedTypes,
    authChecker,
    authMode: 'error',
    skipCheck: true,
    validate: false,
  });
  // printSchema would drop @key and the other federation directives type-graphql put on the AST.
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeSchema)}`
    .replace(/^type Query /m, `"""${ROOT_DESCRIPTIONS.Query}"""\ntype Query `)
    .replace(/^type Mutation /m, `"""${ROOT_DESCRIPTIONS.Mutation}"""\ntype Mutation `);
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<SubgraphContext>;
  // Edge validation (shared/platform/edge-validation.ts): every field with arguments, before its resolver
  // and inside the trail, so a refused mutation is recorded as refused and writes nothing else.
  for (const type of Object.values(typeSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const map = (resolvers[type.name] ??= {}) as Record<string, unknown>;
      const entry = map[field.name] as GraphQLFieldResolver<unknown, unknown> | { resolve?: GraphQLFieldResolver<unknown, unknown> } | undefined;
      const resolve = (typeof entry === 'function' ? entry : entry?.resolve) ?? defaultFieldResolver;
      const checked: GraphQLFieldResolver<unknown, unknown> = (root, args, ctx, info) => {
        validateArguments(field.args, args);
        return resolve(root, args, ctx, info);
      };
      map[field.name] = typeof entry === 'object' && entry ? { ...entry, resolve: checked } : checked;
    }
  }
  // The trail (全程留痕, shared/platform/trail.ts): every root Mutation field, in one place, so none can forget it.
  const mutations = resolvers.Mutation as Record<string, unknown> | undefined;
  // The authorization policy (shared/platform/policy.ts) gates every root Mutation field, inside the trail.
  const guard = (resolve: never) => (def.database ? withTrail(def.name, withPolicy(resolve)) : withPolicy(resolve));
  if (mutations) {
    for (const [field, resolve] of Object.entries(mutations)) {
      if (typeof resolve === 'function') mutations[field] = guard(resolve as never);
      else if (resolve && typeof (resolve as { resolve?: unknown }).resolve === 'function') {
        mutations[field] = { ...(resolve as object), resolve: guard((resolve as { resolve: never }).resolve) };
      }
    }
  }
  for (const [typeName, extra] of Object.entries(def.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) };
  }
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as GraphQLResolverMap<unknown> });
  internalEnumDefaults(schema);
  return { sdl, schema };
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Serves a subgraph over plain node:http: /graphql, /health, and /stats (internal). */
export async function serveSubgraph<L>(
  def: SubgraphDefinition<L>,
  orm: MikroORM | undefined,
  sqlCounter: SqlCounter,
  port: number,
): Promise<RunningSubgraph> {
  const { schema } = await buildSubgraph(def as SubgraphDefinition);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    // Subgraphs are internal; the gateway offers the landing page and introspection to people.
    introspection: true,
    // runSubgraph owns the process lifecycle (HTTP, then the ORM); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    formatError: maskError(def.name),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // Internal: no Sandbox here in any environment; people use the gateway.
      ApolloServerPluginLandingPageDisabled(),
      readRetryPlugin(),
    ],
  });
  await apollo.start();
  let requests = 0;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    try {
      // The pid tells a supervisor's restart apart from the process it replaced (tests, chaos run).
      if (url.pathname === '/health') return send(200, { status: 'ok', subgraph: def.name, pid: process.pid });
      let identity: Identity;
      try {
        identity = await verifyInternalIdentity(req.headers[INTERNAL_HEADER] as string | undefined);
      } catch (e) {
        const err = e as { message: string; extensions: unknown };
        return send(401, { errors: [{ message: err.message, extensions: err.extensions }] });
      }
      if (url.pathname === '/stats') return send(200, { subgraph: def.name, sqlStatements: sqlCounter.total, requests });
      if (url.pathname !== '/graphql') return send(404, { errors: [{ message: 'not found' }] });

      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      let body: unknown = undefined;
      if (req.method === 'POST') {
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          return send(400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      requests++;
      const { result, statements } = await withReadRetry(
        (track) =>
          sqlCounter.run(() =>
            apollo.executeHTTPGraphQLRequest({
              httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
              context: async () => {
                const em = orm?.em.fork() as EntityManager;
                return track({ identity, em, loaders: def.createLoaders(em, identity) });
              },
            }),
          ),
        () => console.warn(`[${def.name}] a read lost its database connection: running it once more`),
      );
      const out: Record<string, string> = { 'x-yiye-sql-statements': String(statements) };
      for (const [k, v] of result.headers) out[k] = v;
      res.writeHead(result.status ?? 200, out);
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const part of result.body.asyncIterator) res.write(part);
        res.end();
      }
    } catch (e) {
      console.error(`[${def.name}] request failed`, e);
      if (!res.headersSent) send(500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actualPort}/graphql`,
    port: actualPort,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      // The gateway keeps connections alive; without this, close() would wait for them.
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
