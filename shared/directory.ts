// PLACEHOLDER until the directories branch (issue 3) lands: same signatures, current model.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import type { InspectorBase, SupervisedTargetBase } from './department-kit.js';

export interface CurrentTarget { uscc: string; supervisedSince: string; brigade?: string | null }
export async function currentTargets(em: EntityManager, Target: ClassType<SupervisedTargetBase>, _asOf?: Date): Promise<CurrentTarget[]> {
  const rows = (await em.find(Target, {}, { orderBy: { uscc: 'asc' } as never })) as (SupervisedTargetBase & { brigade?: string })[];
  return rows.map((r) => ({ uscc: r.uscc, supervisedSince: String(r.supervisedSince), brigade: r.brigade ?? null }));
}
export interface ActiveTag { uscc: string; key: string; value: string | null; source: string }
export async function activeTags(_em: EntityManager, _usccs: string[], _asOf: Date): Promise<Map<string, ActiveTag[]>> {
  return new Map();
}
export interface InspectorForDraw { certificateNumber: string; name: string; brigade: string | null; expertise: string[]; status: 'active' | 'suspended' | 'retired'; conflicts: string[] }
export async function inspectorsForDraw(em: EntityManager, Inspector: ClassType<InspectorBase>, _asOf?: Date): Promise<InspectorForDraw[]> {
  const rows = (await em.find(Inspector, {}, { orderBy: { certificateNumber: 'asc' } as never })) as InspectorBase[];
  return rows.map((r) => ({ certificateNumber: r.certificateNumber, name: r.name, brigade: r.brigade ?? null, expertise: r.expertise, status: r.status, conflicts: [] }));
}
