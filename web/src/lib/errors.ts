/**
 * API errors as the user sees them: every GraphQL error's own message (Chinese / English, from
 * the API), attached to the form field it names (extensions.field) when the page has one.
 */
import type { CombinedError } from '@urql/core';

export interface ApiError {
  message: string;
  code?: string;
  field?: string;
}

export function apiErrors(error: CombinedError | undefined): ApiError[] {
  if (!error) return [];
  if (error.graphQLErrors.length) {
    return error.graphQLErrors.map((e) => ({
      message: e.message,
      code: e.extensions?.code as string | undefined,
      field: e.extensions?.field as string | undefined,
    }));
  }
  return [{ message: `无法连接服务器，请稍后重试 / cannot reach the server, try again later (${error.networkError?.message ?? error.message})`, code: 'NETWORK' }];
}

/** Splits errors into those of the given fields (by argument name) and the rest. */
export function errorsByField(errors: ApiError[], fields: string[]): { byField: Record<string, string[]>; other: ApiError[] } {
  const byField: Record<string, string[]> = {};
  const other: ApiError[] = [];
  for (const e of errors) {
    const f = e.field && fields.find((name) => e.field === name || e.field!.startsWith(`${name}.`) || e.field!.startsWith(`${name}[`));
    if (f) (byField[f] ??= []).push(e.message);
    else other.push(e);
  }
  return { byField, other };
}
