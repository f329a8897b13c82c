/**
 * A pure rule's refusal (a deadline in a year without a holiday calendar…). The domain imports no
 * GraphQL, so this is a plain Error carrying the same `extensions` as our GraphQL user errors
 * (shared/platform/errors.ts `userError`): `code`, the `field` at fault where there is one, and
 * details. graphql-js keeps an error's `extensions` when it wraps what a resolver threw
 * (`locatedError`), so a client sees exactly the user error, code, field and message, and
 * the error mask passes it as one of ours.
 */
export type RuleErrorCode = 'BAD_USER_INPUT' | 'PRECONDITION_FAILED' | 'CONFLICT';

export class RuleError extends Error {
  readonly extensions: { code: RuleErrorCode; field?: string; [k: string]: unknown };

  constructor(code: RuleErrorCode, message: string, extra: { field?: string; [k: string]: unknown } = {}) {
    super(message);
    this.name = 'RuleError';
    this.extensions = { code, ...extra };
  }
}
