import fs from 'node:fs';
import {
  GraphQLError,
  Kind,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  Source,
  TokenKind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isObjectType,
  validate,
} from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLNamedType, GraphQLSchema, OperationDefinitionNode, SelectionNode } from 'graphql';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Identity } from '../shared/platform/auth.js';

/**
 * Abuse limits at the gateway (issue 10, section 3), checked before the query planner sees a
 * request: the HTTP layer (gateway/http.ts) rate-limits anonymous callers per IP, caps the body
 * and the query's tokens; the plugin below measures every operation (aliases, depth and
 * directives with GraphQL Armor's rules, and an estimated cost that counts page sizes, which no
 * library here does) and refuses one over its caller's budget with QUERY_TOO_COMPLEX. The budgets are per role (a user with several roles gets the largest); the
 * README's table is this one.
 */
export interface Budget {
  /** Aliased fields in one operation (a 1,000-alias request multiplies one call by 1,000). */
  aliases: number;
  /** Nested field levels; fragments count by their fields, not as a level. */
  depth: number;
  /** Lexical tokens of the whole document (what the parser has to read). */
  tokens: number;
  /** Estimated field values resolved (costOf): each field 1, a list's children × its page size or LIST_SIZE_ESTIMATE. */
  cost: number;
  directives: number;
  /** Request body, bytes. Signed-in departments import files inline (`contentBase64`, up to 20 MB). */
  bodyBytes: number;
}

const MB = 1024 * 1024;
export const LIST_SIZE_ESTIMATE = 10;

export const BUDGETS: Record<string, Budget> = {
  public: { aliases: 10, depth: 8, tokens: 500, cost: 5_000, directives: 10, bodyBytes: 1 * MB },
  inspector: { aliases: 20, depth: 10, tokens: 1000, cost: 20_000, directives: 20, bodyBytes: 1 * MB },
  'department-admin': { aliases: 50, depth: 12, tokens: 2000, cost: 500_000, directives: 50, bodyBytes: 32 * MB },
  // The office reads whole quarters' merges: jointMerge(first: 10000) with visits, decisions and
  // figures estimates about 230,000 (a list right under it counts as 10,000 elements).
  analyst: { aliases: 50, depth: 12, tokens: 2000, cost: 2_000_000, directives: 50, bodyBytes: 1 * MB },
  coordinator: { aliases: 50, depth: 12, tokens: 2000, cost: 2_000_000, directives: 50, bodyBytes: 32 * MB },
};

/** The largest budget of the caller's roles, dimension by dimension. */
export function budgetOf(identity: Pick<Identity, 'roles'>): Budget {
  const own = identity.roles.map((r) => BUDGETS[r]).filter(Boolean);
  if (own.length === 0) return BUDGETS.public;
  const pick = (k: keyof Budget) => Math.max(...own.map((b) => b[k]));
  return { aliases: pick('aliases'), depth: pick('depth'), tokens: pick('tokens'), cost: pick('cost'), directives: pick('directives'), bodyBytes: pick('bodyBytes') };
}

/** The parser stops here whoever asks (a backstop: the HTTP layer already held the caller's budget). */
export const MAX_TOKENS = Math.max(...Object.values(BUDGETS).map((b) => b.tokens));

export type Measured = Pick<Budget, 'aliases' | 'depth' | 'tokens' | 'cost' | 'directives'>;

export const TOKENS_DIMENSION = { key: 'tokens' as const, zh: '词法单元数', en: 'tokens' };

/** The HTTP layer's refusal before parsing: the count stopped at the limit. */
export function tooManyTokens(identity: Pick<Identity, 'roles'>, max: number): { message: string; extensions: Record<string, unknown> } {
  return {
    message: `请求过于复杂：词法单元超过${max}个（您的角色上限），未予解析 / the request is too complex: the document has more than ${max} tokens, the limit for your role (${roleName(identity)}); it was not parsed`,
    extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max },
  };
}

const DIMENSIONS: { key: keyof Measured; zh: string; en: string }[] = [
  TOKENS_DIMENSION,
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

/**
 * Tokens of a query text, counting no further than `max + 1`: the HTTP layer's check before
 * Apollo parses and validates. Validation is not linear (graphql-js compares repeated fields
 * pairwise: a few thousand tokens of one repeated field take a second), so the caller's token
 * budget must hold before it starts. A lexical error stops the count; the parser reports it.
 */
export function countTokensUpTo(query: string, max: number): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  try {
    while (n <= max && lexer.advance().kind !== TokenKind.EOF) n++;
  } catch {
    /* the parser will say what is wrong */
  }
  return n;
}

export function tooComplex(identity: Pick<Identity, 'roles'>, over: { key: keyof Measured; zh: string; en: string }, found: number, max: number): GraphQLError {
  return new GraphQLError(
    `请求过于复杂：${over.zh}为${found}，您的角色上限为${max}；请拆分为多个请求或减少分页大小 / the request is too complex: its ${over.en} is ${found}, the limit for your role (${roleName(identity)}) is ${max}; split it or ask for smaller pages`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', limit: over.en, max, found, http: { status: 400 } } },
  );
}

/**
 * Estimated field values an operation resolves: each field 1, its children once, or, for a
 * list, once per element. A list's size is its own `first`, or the `first` of the field right
 * above it (a connection's `nodes`, a merge's `visits`: the page that field asked for), or
 * LIST_SIZE_ESTIMATE. Introspection fields cost nothing (they never reach a subgraph).
 */
function costOf(
  schema: GraphQLSchema,
  selections: readonly SelectionNode[],
  type: GraphQLNamedType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  page: number | undefined,
): number {
  let cost = 0;
  for (const sel of selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      const field = type.getFields()[sel.name.value];
      if (!field) continue;
      const args = getArgumentValues(field, sel, variables);
      const first = typeof args.first === 'number' ? Math.max(args.first, 0) : undefined;
      const isList = isListType(getNullableType(field.type));
      const size = isList ? (first ?? page ?? LIST_SIZE_ESTIMATE) : 1;
      const children = sel.selectionSet ? costOf(schema, sel.selectionSet.selections, getNamedType(field.type), fragments, variables, isList ? undefined : first) : 0;
      cost += 1 + size * children;
    } else {
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments[sel.name.value] : sel;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      cost += costOf(schema, fragment.selectionSet.selections, condition ?? type, fragments, variables, page);
    }
  }
  return cost;
}

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
  const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  const root = operation && schema.getRootType(operation.operation);
  if (operation && coerced?.coerced && root) {
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    found.cost = costOf(schema, operation.selectionSet.selections, root, fragments, coerced.coerced, undefined);
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
          if (over) throw tooComplex(identity, over, found[over.key], budget[over.key]);
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
 * judged per caller by the plugin, and, in production, no landing page (no Sandbox) and no
 * field suggestions in errors.
 */
export function gatewayLimits(opts: { production: boolean; log?: string }): {
  options: Pick<ApolloServerOptionsWithGateway<BaseContext>, 'parseOptions' | 'introspection' | 'hideSchemaDetailsFromClientErrors'>;
  plugins: ApolloServerPlugin<{ identity: Identity }>[];
} {
  return {
    // Without introspection, "Did you mean …?" in validation errors would still spell the schema out.
    options: { parseOptions: { maxTokens: MAX_TOKENS }, introspection: true, hideSchemaDetailsFromClientErrors: opts.production },
    plugins: [limitsPlugin(opts), ...(opts.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  };
}
