import { issueUserToken } from '../shared/platform/auth.js';
import { DEPARTMENTS, OFFICE } from '../shared/domain/departments.js';

/**
 * Publishes, through the gateway, the annual plan (年度抽查计划) of every department and of the
 * office for a year, each covering all the items claimed now: tasks, draws and joint draws of
 * that year are then allowed. Idempotent (an existing plan is left as it is, published if it was
 * a draft). `npm start` runs it for the current year (demo data, through the real API); the tests
 * and the benchmarks for the years they use.
 */
export type GatewayCall = (query: string, variables: Record<string, unknown>, token: string) => Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }>;

/** A GatewayCall by plain fetch to the gateway at `url` (an empty token: the public). */
export const gatewayCall =
  (url: string): GatewayCall =>
  async (query, variables, token) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    return (await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json() as ReturnType<GatewayCall>;
  };

/** The GraphQL prefix of an owner's annual plan fields: fireRescue, …, joint for the office (jointAnnualPlan). */
export const planPrefix = (owner: string) => (owner === OFFICE.code ? 'joint' : owner.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()));

const capitalised = (s: string) => s[0].toUpperCase() + s.slice(1);

export async function publishAnnualPlansWith(call: GatewayCall, year: number): Promise<void> {
  const claimed = new Map<string, string[]>();
  for (const d of DEPARTMENTS) {
    // GraphQL names the department by its enum value (FIRE_RESCUE for fire-rescue).
    const department = d.code.toUpperCase().replace(/-/g, '_');
    const anonymous = await call('query ($d: Department!) { inspectionItems(filter: { department: $d }, first: 100) { nodes { code claimed } } }', { d: department }, '');
    if (anonymous.errors) throw new Error(`listing ${d.code}'s items: ${anonymous.errors[0].message}`);
    claimed.set(d.code, anonymous.data.inspectionItems.nodes.filter((i: { claimed: boolean }) => i.claimed).map((i: { code: string }) => i.code));
  }
  const owners: [string, string[], string][] = [
    ...DEPARTMENTS.map((d): [string, string[], string] => [d.code, claimed.get(d.code)!, 'department-admin']),
    [OFFICE.code, [...claimed.values()].flat(), 'coordinator'],
  ];
  for (const [owner, itemCodes, role] of owners) {
    const token = await issueUserToken({ subject: `annual-plans-${owner}`, roles: [role], department: owner });
    const P = capitalised(planPrefix(owner));
    const created = await call(`mutation ($y: Int!, $t: String!, $i: [String!]!) { create${P}AnnualPlan(year: $y, title: $t, itemCodes: $i) { id } }`, { y: year, t: `${year}年度抽查计划`, i: itemCodes }, token);
    if (created.errors && created.errors[0].extensions?.code !== 'CONFLICT') throw new Error(`${owner} ${year} plan: ${created.errors[0].message}`);
    const published = await call(`mutation ($y: Int!) { publish${P}AnnualPlan(year: $y) { status } }`, { y: year }, token);
    if (published.errors && published.errors[0].extensions?.code !== 'PRECONDITION_FAILED') throw new Error(`${owner} ${year} plan: ${published.errors[0].message}`);
  }
}
