import type { EntityManager } from '@mikro-orm/postgresql';
import { byKey } from '../../../shared/platform/pagination.js';
import { validAt } from '../../../shared/domain/history.js';
import { InspectionItem, ItemClaim } from './entities.js';

/** Reading the item list at a time: what the item resolvers answer and what plans and annual plans check against. */

export const claimValidAt = (c: ItemClaim, at: Date) => c.claimedAt.getTime() <= at.getTime() && (c.validTo == null || c.validTo.getTime() > at.getTime());
const claimWhere = (asOf?: Date) =>
  asOf ? { claimedAt: { $lte: asOf }, $or: [{ validTo: null }, { validTo: { $gt: asOf } }] } : { validTo: null };

export const ITEM_PROPS = [
  'id', 'code', 'name', 'legalBasis', 'department', 'brigade', 'targetIndustries', 'licenceTypes', 'method', 'ratioA', 'ratioB', 'ratioC', 'ratioD',
  'yearlyCap', 'requiredExpertise', 'minInspectors', 'joinable', 'status', 'validFrom', 'validTo', 'changedBy', 'changeReason', 'closedBy', 'closeReason',
] as const;

/** An item version as answered at a time: a detached copy with its claim then (not a managed entity). */
export function itemView(row: InspectionItem, claim: ItemClaim | undefined): InspectionItem {
  const view = Object.create(InspectionItem.prototype) as InspectionItem;
  for (const p of ITEM_PROPS) (view as unknown as Record<string, unknown>)[p] = row[p];
  view.claimed = claim !== undefined;
  view.claimedAt = claim?.claimedAt ?? null;
  return view;
}

/** Item versions valid at `asOf` (now when undefined) with their claims then: two SELECTs. */
export async function itemsAt(em: EntityManager, asOf: Date | undefined, where: Record<string, unknown> = {}): Promise<InspectionItem[]> {
  const [rows, claims] = await Promise.all([
    em.find(InspectionItem, { $and: [validAt(asOf), where] }),
    em.find(ItemClaim, claimWhere(asOf)),
  ]);
  const claimOf = new Map<string, ItemClaim>();
  for (const c of claims) claimOf.set(`${c.itemCode}|${c.department}`, c);
  // Sorted here (code-point order), not by the database's collation: cursors compare the same way.
  return rows.sort((a, b) => byKey(a.code, b.code)).map((r) => itemView(r, claimOf.get(`${r.code}|${r.department}`)));
}
