import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { MergeFigures } from './rules.js';
import * as clock from '../../../shared/platform/clock.js';

/**
 * A finalized merge of one period: the visits that will be made, the repeats removed and the
 * exemptions kept, with the fingerprint of the inputs it was computed from. Finalizing the same
 * inputs again finds this row and writes nothing; new inputs make a new version, and older
 * versions stay readable.
 */
@Entity({ tableName: 'joint_merge' })
@Unique({ properties: ['period', 'version'] })
export class JointMergeRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'integer' })
  version!: number;

  /** SHA-256 of the canonical inputs (every department's inspections, sorted). */
  @Property({ type: 'string', length: 64 })
  inputsHash!: string;

  @Property({ type: 'json' })
  departments!: string[];

  @Property({ type: 'json' })
  figures!: MergeFigures;

  @Property({ type: 'string', length: 120 })
  finalizedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  finalizedAt: Date = clock.now();
}

@Entity({ tableName: 'joint_visit' })
@Index({ properties: ['mergeId', 'uscc'] })
export class JointVisitRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  mergeId!: number;

  @Property({ type: 'string', length: 18 })
  @Index()
  uscc!: string;

  @Property({ type: 'string', length: 8 })
  kind!: 'joint' | 'single';

  @Property({ type: 'json' })
  departments!: string[];

  @Property({ type: 'json' })
  itemCodes!: string[];

  @Property({ type: 'json' })
  taskRefs!: string[];

  @Property({ type: 'text' })
  why!: string;
}

@Entity({ tableName: 'merge_decision' })
@Index({ properties: ['mergeId', 'uscc'] })
export class MergeDecisionRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  mergeId!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  /** `removed` (a repeat taken out of the department's plan) or `exempt` (kept, and why). */
  @Property({ type: 'string', length: 8 })
  outcome!: 'removed' | 'exempt';

  @Property({ type: 'string', length: 40 })
  department!: string;

  @Property({ type: 'string', length: 40 })
  taskId!: string;

  @Property({ type: 'string', length: 24 })
  rule!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  exemption?: string | null;

  @Property({ type: 'text' })
  why!: string;
}

export const mergeEntities = [JointMergeRow, JointVisitRow, MergeDecisionRow];
