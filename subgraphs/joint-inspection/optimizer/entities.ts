import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import * as clock from '../../../shared/platform/clock.js';

/**
 * A proposal of the plan optimizer (optimizer/), kept so that a coordinator accepts exactly what
 * was shown: the inputs the model was built from, and the answer. `proposed` → `accepted` (once,
 * with the ids of the joint plans it created).
 */
@Entity({ tableName: 'joint_plan_proposal' })
export class JointPlanProposalRow {
  /** e.g. `OPT-2026Q3-0001`. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'string', length: 16 })
  status!: 'proposed' | 'infeasible' | 'accepted';

  /** The model's inputs (model.ts ModelData). */
  @Property({ type: 'json' })
  inputs!: unknown;

  /** The answer (solve.ts Proposal without the LP text). */
  @Property({ type: 'json' })
  answer!: unknown;

  @Property({ type: 'json' })
  acceptedPlanIds: string[] = [];

  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();

  @Property({ type: 'string', length: 120, nullable: true })
  acceptedBy?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;
}

export const optimizerEntities = [JointPlanProposalRow];
