import { INTERNAL_HEADER, SERVICE_ROLE, signInternalIdentity, type Identity } from './auth.js';

/**
 * Service-to-service calls inside the federation: straight to the other subgraph (never back
 * through the gateway: a loop gateway → subgraph → gateway ties up both under load), signed with
 * the internal secret and the service role, with a timeout.
 */
export const SERVICE_TIMEOUT_MS = Number(process.env.YIYE_DEPARTMENT_TIMEOUT_MS ?? 5000);

export type ServiceAnswer<T> = { subgraph: string; ok: true; data: T } | { subgraph: string; ok: false; error: string };

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
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      return { subgraph, ok: false, error: body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}` };
    }
    return { subgraph, ok: true, data: body.data };
  } catch (e) {
    const reason = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e as Error).message;
    return { subgraph, ok: false, error: reason };
  }
}
