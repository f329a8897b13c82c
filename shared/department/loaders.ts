import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { InspectorConflict, TargetTag } from './directory.js';
import type { SupervisedTargetBase } from './entities.js';

/**
 * The DataLoaders of a department subgraph's directory fields (its `loaders.ts` creates them per
 * request): one SELECT … WHERE key IN (…) per request, however many rows the page has.
 */
export interface DepartmentLoaders {
  targetByUscc: DataLoader<string, SupervisedTargetBase | null>;
  /** Every tag of a business (all history); callers filter by time. */
  tagsByUscc: DataLoader<string, TargetTag[]>;
  /** Every declared conflict of an inspector (all history); callers filter by time. */
  conflictsByCertificate: DataLoader<string, InspectorConflict[]>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] {
  const by = new Map<string, T[]>();
  for (const r of rows) by.set(keyOf(r), [...(by.get(keyOf(r)) ?? []), r]);
  return keys.map((k) => by.get(k) ?? []);
}

export function departmentLoaders(em: EntityManager, Target: EntityClass<SupervisedTargetBase>): DepartmentLoaders {
  return {
    targetByUscc: new DataLoader(async (usccs: readonly string[]) => {
      const rows = await em.find(Target, { uscc: { $in: [...usccs] }, validTo: null });
      const byUscc = new Map(rows.map((r) => [r.uscc, r]));
      return usccs.map((u) => byUscc.get(u) ?? null);
    }),
    tagsByUscc: new DataLoader(async (usccs: readonly string[]) => {
      const rows = await em.find(TargetTag, { uscc: { $in: [...usccs] } }, { orderBy: { id: 'asc' } });
      return groupBy(usccs, rows, (r) => r.uscc);
    }),
    conflictsByCertificate: new DataLoader(async (certificates: readonly string[]) => {
      const rows = await em.find(InspectorConflict, { certificateNumber: { $in: [...certificates] } }, { orderBy: { id: 'asc' } });
      return groupBy(certificates, rows, (r) => r.certificateNumber);
    }),
  };
}
