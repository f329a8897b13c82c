import type { SubgraphContext } from './subgraph.js';
import { callSubgraph } from './service-client.js';
import { userError } from './errors.js';

/**
 * Market supervision keeps the business register. A department that needs to know whether a
 * USCC is registered asks it through the register contract (`registeredEnterprises`), never by
 * SQL on its database.
 */
export type RegisterLookup = (ctx: SubgraphContext, usccs: string[]) => Promise<Set<string>>;

export const REGISTER_QUERY = 'query ($usccs: [String!]!) { registeredEnterprises(usccs: $usccs) { uscc } }';

export const remoteRegister: RegisterLookup = async (ctx, usccs) => {
  const answer = await callSubgraph<{ registeredEnterprises: { uscc: string }[] }>('market-supervision', ctx.identity, REGISTER_QUERY, { usccs });
  if (!answer.ok) {
    throw userError('SERVICE_UNAVAILABLE', `暂时无法查询市场主体登记信息，请稍后重试 / the business register is not answering (${answer.error}); please try again`);
  }
  return new Set(answer.data.registeredEnterprises.map((e) => e.uscc));
};
