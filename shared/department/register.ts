import type { SubgraphContext } from '../platform/subgraph.js';
import { callSubgraph, serviceFailure } from '../platform/service-client.js';
import { byKey } from '../platform/pagination.js';

/**
 * Market supervision keeps the business register. A department that needs to know whether a
 * USCC is registered, or a business's industry, township, status or credit-risk class (to filter
 * its target directory), asks it through the register contract, never by SQL on its database:
 *
 *   registeredEnterprises(usccs: [String!]!): [RegisteredEnterprise!]!   (service role, @inaccessible)
 *   RegisteredEnterprise { uscc status industryCode regionCode creditRiskClass riskTags }
 *
 * At most 10,000 USCCs per call; USCCs that are not registered are simply absent from the answer.
 * The values are the register's current ones (the register keeps no history yet); `riskTags` are
 * the credit-feedback tags (联合惩戒, e.g. `finding-12m`) that apply today.
 */
export interface RegisterFacts {
  uscc: string;
  status: string;
  industryCode: string;
  regionCode: string;
  creditRiskClass: string;
  /** Risk tags of the register that apply today, sorted (shared/domain/draw.ts TAG_CLASS_RULES may shift the class by them). */
  riskTags: string[];
}

/** The registered businesses among `usccs`, by USCC. */
export type RegisterLookup = (ctx: SubgraphContext, usccs: string[]) => Promise<Map<string, RegisterFacts>>;

export const REGISTER_QUERY = 'query ($usccs: [String!]!) { registeredEnterprises(usccs: $usccs) { uscc status industryCode regionCode creditRiskClass riskTags } }';

/** Largest `usccs` list the contract accepts in one call. */
export const REGISTER_BATCH = 10_000;

export const remoteRegister: RegisterLookup = async (ctx, usccs) => {
  const batches: string[][] = [];
  for (let i = 0; i < usccs.length; i += REGISTER_BATCH) batches.push(usccs.slice(i, i + REGISTER_BATCH));
  const answers = await Promise.all(
    batches.map((batch) => callSubgraph<{ registeredEnterprises: RegisterFacts[] }>('market-supervision', ctx.identity, REGISTER_QUERY, { usccs: batch })),
  );
  const out = new Map<string, RegisterFacts>();
  for (const answer of answers) {
    if (!answer.ok) {
      throw serviceFailure(answer, '暂时无法查询市场主体登记信息', 'the business register is not answering');
    }
    for (const e of answer.data.registeredEnterprises) out.set(e.uscc, e);
  }
  return out;
};

/**
 * The tags of a pool entry (shared/domain/draw.ts PoolEntry): the department's own tags (标注) and the
 * register's risk tags, distinct and in code-point order. Both pool builders use it, so a
 * business with a register `finding-12m` is drawn in a higher class by every department.
 */
export function drawTags(departmentTags: readonly string[], facts: Pick<RegisterFacts, 'riskTags'>): string[] {
  return [...new Set([...departmentTags, ...(facts.riskTags ?? [])])].sort(byKey);
}
