import fs from 'node:fs';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, TokenKind, getNamedType, getNullableType, getVariableValues, isListType, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Identity } from '../shared/auth.js';

/**
 * Abuse limits at the gateway (issue 10, section 3), checked before the query planner sees a
 * request: the HTTP layer (gateway/http.ts) caps the body and rate-limits anonymous callers per
 * IP; the plugin below measures every operation (aliases, depth and directives with GraphQL
 * Armor's rules, tokens, and an estimated cost) and refuses one over its caller's budget with
 * QUERY_TOO_COMPLEX. The budgets are per role (a user with several roles gets the largest); the
 * README's table is this one.
 */
export interface Budget {
  /** Aliased fields in one operation (a 1,000-alias request multiplies one call by 1,000). */
  aliases: number;
  /** Nested field levels; fragments count by their fields, not as a level. */
  depth: number;
  /** Lexical tokens of the whole document (what the parser has to read). */
  tokens: number;
  /** Estimated field values resolved: each field 1, its children × the page size (`first`) or, for a list without one, × LIST_SIZE_ESTIMATE. */
  cost: number;
  directives: number;
  /** Request body, bytes. Signed-in departments import files inline (`contentBase64`, up to 20 MB). */
  bodyBytes: number;
}

const MB = 1024 * 1024;
export const LIST_SIZE_ESTIMATE = 10;

export const BUDGETS: Record<string, Budget> = {
  public: { aliases: 10, depth: 8, tokens: 1000, cost: 5_000, directives: 10, bodyBytes: 1 * MB },
  inspector: { aliases: 20, depth: 10, tokens: 2000, cost: 20_000, directives: 20, bodyBytes: 1 * MB },
  analyst: { aliases: 50, depth: 12, tokens: 5000, cost: 100_000, directives: 50, bodyBytes: 1 * MB },
  'department-admin': { aliases: 50, depth: 12, tokens: 5000, cost: 100_000, directives: 50, bodyBytes: 32 * MB },
  coordinator: { aliases: 50, depth: 12, tokens: 5000, cost: 100_000, directives: 50, bodyBytes: 32 * MB },
};

/** The largest budget of the caller's roles, dimension by dimension. */
export function budgetOf(identity: Pick<Identity, 'roles'>): Budget {
  const own = identity.roles.map((r) => BUDGETS[r]).filter(Boolean);
  if (own.length === 0) return BUDGETS.public;
  const pick = (k: keyof Budget) => Math.max(...own.map((b) => b[k]));
  return { aliases: pick('aliases'), depth: pick('depth'), tokens: pick('tokens'), cost: pick('cost'), directives: pick('directives'), bodyBytes: pick('bodyBytes') };
}

/** The parser stops here whoever asks, so no document costs more to read than the largest budget. */
export const MAX_TOKENS = Math.max(...Object.values(BUDGETS).map((b) => b.tokens));

export type Measured = Pick<Budget, 'aliases' | 'depth' | 'tokens' | 'cost' | 'directives'>;

const DIMENSIONS: { key: keyof Measured; zh: string; en: string }[] = [
  { key: 'tokens', zh: '词法单元数', en: 'tokens' },
  { key: 'aliases', zh: '别名数', en: 'aliases' },
  { key: 'depth', zh: '嵌套深度', en: 'depth' },
  { key: 'directives', zh: '指令数', en: 'directives' },
  { key: 'cost', zh: '估算开销', en: 'estimated cost' },
];

function countTokens(document: DocumentNode): number {
  let n = 0;
  for (let t = document.loc?.startToken.next; t && t.kind !== TokenKind.EOF; t = t.next) if (t.kind !== TokenKind.COMMENT) n++;
  return n;
}

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  // A connection's page size is its `first`; its `nodes`/`edges` are that page, not another list.
  const size =
    typeof args.first === 'number'
      ? Math.max(args.first, 0)
      : isListType(getNullableType(field.type)) && !getNamedType(type).name.endsWith('Connection')
        ? LIST_SIZE_ESTIMATE
        : 1;
  return 1 + size * childComplexity;
};

/**
 * Measures a parsed document. Armor's rules count (aliases, depth, directives) over every
 * operation in it; the cost is the executed operation's, with its variables. Variables that do
 * not coerce give cost 0 here: the gateway refuses them before planning anyway.
 */
export function measure(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string | null): Measured {
  const found: Measured = { aliases: 0, depth: 0, directives: 0, tokens: countTokens(document), cost: 0 };
  const counting = (key: keyof Measured) => ({
    n: Infinity,
    propagateOnRejection: false,
    onAccept: [(_: unknown, { n }: { n: number }) => void (found[key] = Math.max(found[key], n))],
  });
  validate(schema, document, [
    maxAliasesRule(counting('aliases')),
    maxDepthRule({ ...counting('depth'), flattenFragments: true, ignoreIntrospection: true }),
    maxDirectivesRule(counting('directives')),
  ]);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (operation && !getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) {
    found.cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [costEstimator] });
  }
  return found;
}

export function overBudget(found: Measured, budget: Budget): { key: keyof Measured; zh: string; en: string } | undefined {
  return DIMENSIONS.find((d) => found[d.key] > budget[d.key]);
}

const roleName = (identity: Pick<Identity, 'roles'>) => identity.roles.join('+') || 'public';

/**
 * The Apollo plugin: per-role limits on every operation (also one whose document Apollo already
 * parsed and validated for another caller), and, in production, no introspection for the public.
 * YIYE_LIMITS_LOG=<file> appends what each request measured (to size the budgets).
 */
export function limitsPlugin(opts: { production: boolean; log?: string }): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        // The parser's own cap (MAX_TOKENS) aborts with a terse English syntax error: say it as we do.
        async parsingDidStart() {
          return async (err?: Error) => {
            if (err instanceof GraphQLError && /more that \d+ tokens/.test(err.message)) {
              err.message = `请求过于复杂：词法单元超过${MAX_TOKENS}个，未予解析 / the request is too complex: the document has more than ${MAX_TOKENS} tokens and was not parsed`;
              Object.assign(err.extensions, { limit: 'tokens', max: MAX_TOKENS });
            }
          };
        },
        async didResolveOperation({ schema, document, request, contextValue }) {
          const { identity } = contextValue;
          const signedIn = identity.roles.some((r) => r !== 'public');
          if (opts.production && !signedIn && validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0) {
            throw new GraphQLError('生产环境中只有登录用户可以查询接口结构（内省） / in production only signed-in users may introspect the schema', {
              extensions: { code: 'FORBIDDEN', field: '__schema', http: { status: 403 } },
            });
          }
          const budget = budgetOf(identity);
          const found = measure(schema, document, request.variables, request.operationName);
          if (opts.log) fs.appendFileSync(opts.log, `${JSON.stringify({ role: roleName(identity), ...found, query: request.query?.slice(0, 120) })}\n`);
          const over = overBudget(found, budget);
          if (over) {
            throw new GraphQLError(
              `请求过于复杂：${over.zh}为${found[over.key]}，您的角色上限为${budget[over.key]}；请拆分为多个请求或减少分页大小 / the request is too complex: its ${over.en} is ${found[over.key]}, the limit for your role (${roleName(identity)}) is ${budget[over.key]}; split it or ask for smaller pages`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', limit: over.en, max: budget[over.key], found: found[over.key], http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

/** Anonymous requests per client IP: `points` per `windowSeconds`, in this process's memory. */
export interface RateLimit {
  points: number;
  windowSeconds: number;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimit {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not "${v}"`);
    return n;
  };
  return { points: num('YIYE_ANONYMOUS_RATE_LIMIT', 300), windowSeconds: num('YIYE_ANONYMOUS_RATE_WINDOW_S', 60) };
}

/** Takes one request from the IP's allowance: undefined when allowed, else the seconds to wait. */
export function anonymousLimiter(limit: RateLimit): (ip: string) => Promise<number | undefined> {
  const limiter = new RateLimiterMemory({ points: limit.points, duration: limit.windowSeconds });
  return async (ip) => {
    try {
      await limiter.consume(ip);
      return undefined;
    } catch (e) {
      if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw e;
    }
  };
}

/**
 * What server.ts spreads into the ApolloServer options: the parser's token cap, introspection
 * judged per caller by the plugin, and, in production, no landing page (no Sandbox).
 */
export function gatewayLimits(opts: { production: boolean; log?: string }): {
  options: Pick<ApolloServerOptionsWithGateway<BaseContext>, 'parseOptions' | 'introspection'>;
  plugins: ApolloServerPlugin<{ identity: Identity }>[];
} {
  return {
    options: { parseOptions: { maxTokens: MAX_TOKENS }, introspection: true },
    plugins: [limitsPlugin(opts), ...(opts.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  };
}
