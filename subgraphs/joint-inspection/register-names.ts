import { badInput } from '../../shared/platform/errors.js';
import { REGISTER_BATCH } from '../../shared/department/register.js';
import { callSubgraph, serviceFailure, type ServiceAnswer } from '../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../shared/platform/subgraph.js';

/**
 * Businesses' names for the published results (一公开), asked of the register (market
 * supervision) through its contract `registeredEnterpriseNames`, never by SQL on its database.
 *
 * The name search is answered here, before the page is cut: the register is asked which of the
 * businesses with a published result have a matching name, the results are filtered by that set,
 * then paged, so totalCount, hasNextPage and the cursor count only matching results. (Resolving
 * names through federation would filter after the page is cut: short or empty pages and a wrong
 * totalCount.)
 */
const NAMES_QUERY = 'query ($usccs: [String!]!, $name: String) { registeredEnterpriseNames(usccs: $usccs, nameContains: $name) { uscc name } }';

export const MIN_NAME_SEARCH = 2;

/** The name searched for, trimmed; BAD_USER_INPUT on `field` when shorter than 2 characters. */
export function checkNameSearch(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if ([...trimmed].length < MIN_NAME_SEARCH) {
    throw badInput(field, `企业名称至少输入${MIN_NAME_SEARCH}个字 / type at least ${MIN_NAME_SEARCH} characters of the business name`);
  }
  return trimmed;
}

type Names = { registeredEnterpriseNames: { uscc: string; name: string }[] };

async function ask(ctx: SubgraphContext, usccs: string[], name: string | null): Promise<ServiceAnswer<Names>[]> {
  const batches: string[][] = [];
  for (let i = 0; i < usccs.length; i += REGISTER_BATCH) batches.push(usccs.slice(i, i + REGISTER_BATCH));
  return Promise.all(batches.map((batch) => callSubgraph<Names>('market-supervision', ctx.identity, NAMES_QUERY, { usccs: batch, name })));
}

const merged = (answers: ServiceAnswer<Names>[]) => new Map(answers.flatMap((a) => (a.ok ? a.data.registeredEnterpriseNames : [])).map((e) => [e.uscc, e.name]));

/** The names of those of `usccs` whose registered name contains `name`. The register must answer (else SERVICE_UNAVAILABLE). */
export async function namesMatching(ctx: SubgraphContext, usccs: string[], name: string): Promise<Map<string, string>> {
  if (usccs.length === 0) return new Map();
  const answers = await ask(ctx, [...new Set(usccs)], name);
  if (answers.some((a) => !a.ok)) {
    throw serviceFailure(answers, '市场监管局企业登记库暂时无法按名称查询，请稍后重试', 'the business register cannot be searched by name right now; try again shortly');
  }
  return merged(answers);
}

/** The registered names of `usccs`; a business the register does not know, or a register that does not answer, leaves it out. */
export async function namesOf(ctx: SubgraphContext, usccs: string[]): Promise<Map<string, string>> {
  if (usccs.length === 0) return new Map();
  return merged(await ask(ctx, [...new Set(usccs)], null));
}
