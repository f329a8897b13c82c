import { GraphQLError } from 'graphql';
import type { RuleErrorCode } from '../domain/rule-error.js';
import { describeUsccProblem, usccProblem } from '../domain/uscc.js';

/**
 * Every error a user can cause carries `extensions.code` (machine-readable), the `field` at fault
 * where there is one, and a message a clerk understands (Chinese first, then English).
 */
export const USER_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_THROUGH_GATEWAY',
  /** A department or the database does not answer now; `extensions.retryAfterSeconds` says when to retry. */
  'SERVICE_UNAVAILABLE',
  /** The request is well-formed but the world does not allow it now (e.g. too few inspectors). */
  'PRECONDITION_FAILED',
  /** The gateway's limits (gateway/limits.ts, gateway/http.ts): over the caller's budget, body too large, too many anonymous requests. */
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
] as const;
/** Any other error reaches clients masked (shared/platform/error-mask.ts). */
export type ErrorCode = (typeof USER_ERROR_CODES)[number];
// A pure rule's refusal (shared/domain/rule-error.ts) reaches clients with its own code, so that
// code must be one of ours (the mask passes only these): the compiler checks it here.
true satisfies (RuleErrorCode extends ErrorCode ? true : false);

export function userError(code: ErrorCode, message: string, extra: { field?: string; [k: string]: unknown } = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  userError('BAD_USER_INPUT', message, { field, ...extra });

export const notFound = (field: string, message: string) => userError('NOT_FOUND', message, { field });

/** Validates a USCC argument; throws BAD_USER_INPUT naming the field. Returns the normalised code. */
export function requireUscc(field: string, value: string): string {
  const uscc = value.trim().toUpperCase();
  const problem = usccProblem(uscc);
  if (problem) throw badInput(field, describeUsccProblem(uscc, problem), { reason: problem.kind, value });
  return uscc;
}
