import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentLoaders } from '../../shared/department/loaders.js';
import { CreditRiskClassChange, Enterprise, MarketSupervisionTarget } from './entities.js';
import { riskTagLoader } from './credit-feedback.js';

export function createLoaders(em: EntityManager) {
  return {
    ...departmentLoaders(em, MarketSupervisionTarget),
    // Behind __resolveReference: the gateway's representations for a whole page → one SELECT.
    enterprise: new DataLoader(async (usccs: readonly string[]) => {
      const rows = await em.find(Enterprise, { uscc: { $in: [...usccs] } });
      const byUscc = new Map(rows.map((r) => [r.uscc, r]));
      return usccs.map((u) => byUscc.get(u) ?? null);
    }),
    // Enterprise.riskTags of a whole page → one SELECT.
    riskTags: riskTagLoader(em),
    // Enterprise.creditRiskClassHistory and creditRiskClassAsOf of a whole page → one SELECT.
    creditRiskClassHistory: new DataLoader(async (usccs: readonly string[]) => {
      const rows = await em.find(
        CreditRiskClassChange,
        { enterprise: { $in: [...usccs] } },
        { orderBy: { enterprise: 'asc', since: 'asc', id: 'asc' } },
      );
      const byUscc = new Map<string, CreditRiskClassChange[]>(usccs.map((u) => [u, []]));
      for (const r of rows) byUscc.get(r.uscc)?.push(r);
      return usccs.map((u) => byUscc.get(u)!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
