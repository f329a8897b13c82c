import { CATALOG, subgraphUrls } from '../catalog.js';
import { INTERNAL_HEADER, SERVICE_ROLE, signInternalIdentity, type Identity } from '../../shared/auth.js';

/**
 * The joint-inspection service talks to department subgraphs directly (never back through the
 * gateway: a loop gateway → subgraph → gateway ties up both under load), in parallel, with a
 * timeout per department, using the department contract every department answers the same way.
 */
export const DEPARTMENT_TIMEOUT_MS = Number(process.env.YIYE_DEPARTMENT_TIMEOUT_MS ?? 5000);

export const departmentNames = () => CATALOG.filter((c) => c.department).map((c) => c.name);

export type DepartmentAnswer<T> = { department: string; ok: true; data: T } | { department: string; ok: false; error: string };

export async function askDepartment<T>(
  department: string,
  caller: Identity,
  query: string,
  variables: Record<string, unknown>,
): Promise<DepartmentAnswer<T>> {
  const url = subgraphUrls()[department];
  const token = await signInternalIdentity({ subject: `joint-inspection:${caller.subject}`, department: caller.department, roles: [SERVICE_ROLE] });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(DEPARTMENT_TIMEOUT_MS),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      return { department, ok: false, error: body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}` };
    }
    return { department, ok: true, data: body.data };
  } catch (e) {
    const reason = (e as Error).name === 'TimeoutError' ? `no answer within ${DEPARTMENT_TIMEOUT_MS} ms` : (e as Error).message;
    return { department, ok: false, error: reason };
  }
}

/** Asks every department at once; never throws: an unanswered department is named in the result. */
export function askAllDepartments<T>(caller: Identity, query: string, variables: Record<string, unknown>) {
  return Promise.all(departmentNames().map((d) => askDepartment<T>(d, caller, query, variables)));
}
