import { GraphQLError } from 'graphql';
import { INTERNAL_HEADER, SERVICE_ROLE, signInternalIdentity, type Identity } from './auth.js';
import { serviceUnavailable } from './error-mask.js';

/**
 * Service-to-service calls inside the federation: straight to the other subgraph (never back
 * through the gateway: a loop gateway → subgraph → gateway ties up both under load), signed with
 * the internal secret and the service role, with a timeout.
 */
export const SERVICE_TIMEOUT_MS = Number(process.env.YIYE_DEPARTMENT_TIMEOUT_MS ?? 5000);

/**
 * A failed call either was refused by the other subgraph (`refusal`: its first error, with its
 * code, which callers pass on unchanged) or got no answer (`error` says why, without addresses).
 */
export type ServiceAnswer<T> =
  | { subgraph: string; ok: true; data: T }
  | { subgraph: string; ok: false; error: string; refusal?: { message: string; extensions: Record<string, unknown> } };

/** Where each subgraph listens: YIYE_SUBGRAPH_URLS (JSON, set by the launcher). */
export function subgraphUrl(name: string): string {
  const urls = process.env.YIYE_SUBGRAPH_URLS ? (JSON.parse(process.env.YIYE_SUBGRAPH_URLS) as Record<string, string>) : {};
  const url = urls[name];
  if (!url) throw new Error(`no URL for subgraph ${name}: YIYE_SUBGRAPH_URLS must name it`);
  return url;
}

export async function callSubgraph<T>(
  subgraph: string,
  caller: Identity,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = SERVICE_TIMEOUT_MS,
): Promise<ServiceAnswer<T>> {
  const token = await signInternalIdentity({ subject: `service:${caller.subject}`, department: caller.department, roles: [SERVICE_ROLE] });
  try {
    const res = await fetch(subgraphUrl(subgraph), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    const refused = body.errors?.find((e) => typeof e.extensions?.code === 'string');
    if (refused && res.status !== 401) return { subgraph, ok: false, error: refused.message, refusal: { message: refused.message, extensions: refused.extensions! } };
    if (body.errors?.length || !body.data) return { subgraph, ok: false, error: `HTTP ${res.status}` };
    return { subgraph, ok: true, data: body.data };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const reason = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? 'connection failed');
    return { subgraph, ok: false, error: reason };
  }
}

/**
 * The error to raise for a failed call: the other subgraph's own refusal with its code
 * (BAD_USER_INPUT stays BAD_USER_INPUT, a masked internal error keeps its id), or, when it did
 * not answer, SERVICE_UNAVAILABLE with a retry hint and the caller's words (`zh`, `en`).
 * Several answers: the first refusal wins; else all that did not answer are named.
 */
export function serviceFailure(
  answers: ServiceAnswer<unknown> | ServiceAnswer<unknown>[],
  zh: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  const failed = (Array.isArray(answers) ? answers : [answers]).filter((a) => !a.ok) as Extract<ServiceAnswer<unknown>, { ok: false }>[];
  const refused = failed.find((a) => a.refusal);
  if (refused?.refusal) return new GraphQLError(refused.refusal.message, { extensions: { ...refused.refusal.extensions, department: refused.subgraph } });
  return serviceUnavailable(zh, `${en} (${failed.map((a) => `${a.subgraph}: ${a.error}`).join('; ')})`, {
    unansweredDepartments: failed.map((a) => a.subgraph),
    ...extra,
  });
}
