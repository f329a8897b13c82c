import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { findDepartment } from '../domain/departments.js';
import { USER_ERROR_CODES, userError } from './errors.js';

/**
 * What reaches a client when something fails that no user caused. Our user errors
 * (`USER_ERROR_CODES`) and GraphQL's own refusals of a request pass unchanged; a database that
 * does not answer becomes SERVICE_UNAVAILABLE with a retry hint; a write that lost a race with a
 * concurrent one (unique violation, serialization failure, deadlock) CONFLICT; anything else becomes
 * INTERNAL_SERVER_ERROR with an error id only (never SQL, a stack or a driver's text), and the
 * original error is written to stderr under that id. Used as `formatError` by every subgraph and
 * by the gateway.
 */
export const RETRY_AFTER_SECONDS = 5;

const PASSED_CODES = new Set<string>([
  ...USER_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const MASKED_MESSAGE = /^内部错误，编号 [0-9a-f-]{36} \/ internal error, id [0-9a-f-]{36}$/;

/** SERVICE_UNAVAILABLE with the retry hint every such refusal carries. */
export function serviceUnavailable(zh: string, en: string, extra: Record<string, unknown> = {}): GraphQLError {
  return userError('SERVICE_UNAVAILABLE', `${zh}，请${RETRY_AFTER_SECONDS}秒后重试 / ${en}; try again in ${RETRY_AFTER_SECONDS} s`, {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    ...extra,
  });
}

// Node's socket errors, PostgreSQL's connection-exception class (08…), shutdown and start-up
// (57P01–57P03), too many connections (53300).
const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
// pg and its pool, and knex's pool, say these without a code.
const CONNECTION_MESSAGES =
  /terminating connection|Connection terminated|connection ended unexpectedly|timeout exceeded when trying to connect|Timeout acquiring a connection|Client has encountered a connection error|database system is (starting up|shutting down|in recovery mode)|is not currently accepting connections|Connection refused|ECONNREFUSED/i;

/** Whether an error (or what it wraps) says the database could not be reached or dropped the connection. */
export function isConnectionFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as Record<string, unknown> | undefined; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    if (typeof e.code === 'string' && CONNECTION_CODES.test(e.code)) return true;
    if (e.name === 'ConnectionException' || e.name === 'KnexTimeoutError') return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionFailure(inner))) return true;
    e = (e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

// Unique violation, serialization failure, deadlock: two changes of the same thing at once, the
// loser of a check-then-insert race (the check saw nothing; the other insert committed first).
const RACE_CODES = /^(23505|40001|40P01)$/;

function lostRace(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error as Record<string, unknown> | undefined; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    if (typeof e.code === 'string' && RACE_CODES.test(e.code)) return true;
    e = (e.originalError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}

const databaseUnavailable = () => serviceUnavailable('数据库暂时无法应答', 'the database is not answering');

/** `formatError` for Apollo Server; `where` names the process in the log. */
export function maskError(where: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASSED_CODES.has(code)) return formatted;
    // Already masked by a subgraph: keep its id, which is the one in that subgraph's log.
    if (code === 'INTERNAL_SERVER_ERROR' && typeof formatted.extensions?.errorId === 'string' && MASKED_MESSAGE.test(formatted.message)) {
      return { message: formatted.message, path: formatted.path, extensions: { code, errorId: formatted.extensions.errorId } };
    }
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    if (isConnectionFailure(original)) {
      console.error(`[${where}] database not answering:`, (original as Error)?.message ?? original);
      const e = databaseUnavailable();
      return { message: e.message, path: formatted.path, extensions: e.extensions };
    }
    if (lostRace(original)) {
      console.error(`[${where}] concurrent change refused:`, (original as Error)?.message ?? original);
      return {
        message: '同一时间另有人修改了相同内容，本次未保存，请刷新后重试 / someone else changed the same thing at the same moment; nothing was saved, reload and try again',
        path: formatted.path,
        extensions: { code: 'CONFLICT' },
      };
    }
    const errorId = randomUUID();
    console.error(`[${where}] internal error ${errorId}`, original);
    return {
      message: `内部错误，编号 ${errorId} / internal error, id ${errorId}`,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}

/**
 * The gateway's fetch of a subgraph failed (refused, reset, timed out, or an HTTP error without a
 * GraphQL answer): SERVICE_UNAVAILABLE naming the department; the rest of the plan still runs.
 */
export function subgraphNotAnswering(subgraph: string, error: unknown): GraphQLError {
  const response = (error as { extensions?: { response?: { status?: number; body?: { errors?: GraphQLFormattedError[] } } } })?.extensions?.response;
  const status = response?.status;
  // An HTTP error that still carries one of our refusals is that refusal, not an outage.
  const refusal = response?.body?.errors?.find((e) => typeof e.extensions?.code === 'string' && PASSED_CODES.has(e.extensions.code));
  if (refusal && status !== 401) return new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, serviceName: subgraph } });
  console.error(`[gateway] ${subgraph} not answering:`, status ? `HTTP ${status}` : ((error as Error)?.message ?? error));
  const name = findDepartment(subgraph)?.nameZh ?? (subgraph === 'joint-inspection' ? '双随机办公室服务' : subgraph);
  return serviceUnavailable(`${name}暂时无法应答`, `${subgraph} is not answering`, { department: subgraph, serviceName: subgraph });
}
