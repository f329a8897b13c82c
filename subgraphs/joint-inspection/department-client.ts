import { CATALOG } from '../catalog.js';
import type { Identity } from '../../shared/platform/auth.js';
import { callSubgraph, type ServiceAnswer } from '../../shared/platform/service-client.js';

/**
 * Asks every department subgraph at once, through the department contract, with a timeout per
 * department. Never throws: a department that does not answer is named in the result.
 */
export const departmentNames = () => CATALOG.filter((c) => c.department).map((c) => c.name);

export function askAllDepartments<T>(caller: Identity, query: string, variables: Record<string, unknown>): Promise<ServiceAnswer<T>[]> {
  return Promise.all(departmentNames().map((d) => callSubgraph<T>(d, caller, query, variables)));
}
