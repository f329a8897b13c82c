import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DrawCommitmentRow, DrawResultRow } from '../../../shared/inspection/task-entities.js';
import { JointPlanParticipationRow } from './entities.js';

/**
 * Per-request loaders of joint plans' parts: a page of plans costs one statement per kind of
 * part asked for (participations, commitments, draws), whatever its size.
 */
export function planLoaders(em: EntityManager) {
  return {
    participations: new DataLoader<string, JointPlanParticipationRow[]>(async (ids) => {
      const rows = await em.find(JointPlanParticipationRow, { plan: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      return ids.map((id) => rows.filter((r) => r.plan.id === id));
    }),
    /** The latest commitment of each plan (joint plans have no adjustments, so it is the only one). */
    commitment: new DataLoader<string, DrawCommitmentRow | null>(async (ids) => {
      const rows = await em.find(DrawCommitmentRow, { taskId: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      const latest = new Map(rows.map((r) => [r.taskId, r]));
      return ids.map((id) => latest.get(id) ?? null);
    }),
    drawByCommitment: new DataLoader<number, DrawResultRow | null>(async (ids) => {
      const rows = await em.find(DrawResultRow, { commitmentId: { $in: [...ids] } });
      const by = new Map(rows.map((r) => [r.commitmentId, r]));
      return ids.map((id) => by.get(id) ?? null);
    }),
  };
}

export type PlanLoaders = ReturnType<typeof planLoaders>;
