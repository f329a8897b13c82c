import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DrawCommitment, DrawTargetsResult, InspectorAssignment, PoolEntry, Ratios } from '../domain/draw.js';
import * as clock from '../platform/clock.js';

/**
 * Inspection tasks (抽查任务) and their draws, kept by the department that owns the task, in
 * its own database. Commitments, draws and adjustments are append-only: a migration installs
 * triggers that refuse UPDATE and DELETE on them, so a published draw cannot be rewritten even
 * by someone with SQL access short of dropping the triggers (which the trail of a later issue
 * would show).
 */

/** What a task keeps of each inspection item at creation: later edits of the item list do not change it. */
export interface ItemSnapshot {
  code: string;
  name: string;
  legalBasis: string;
  department: string;
  brigade: string | null;
  targetIndustries: string[];
  licenceTypes: string[];
  method: string;
  ratios: Ratios;
  yearlyCap: number;
  requiredExpertise: string[];
  minInspectors: number;
  joinable: boolean;
}

export const TASK_STATUSES = ['pending-draw', 'committed', 'drawn', 'published', 'in-progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

@Entity({ tableName: 'inspection_task' })
export class InspectionTaskRow {
  /** e.g. `FR-2026Q2-0001`: department short code, period, sequence. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  department!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'json' })
  items!: ItemSnapshot[];

  /** e.g. `2026-Q2`. */
  @Property({ type: 'string', length: 7 })
  @Index()
  period!: string;

  @Property({ type: 'date', columnType: 'date' })
  windowStart!: string;

  @Property({ type: 'date', columnType: 'date' })
  windowEnd!: string;

  @Property({ type: 'string', length: 12, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'json' })
  ratios!: Ratios;

  @Property({ type: 'integer' })
  workloadCap!: number;

  @Property({ type: 'string', length: 16 })
  status!: TaskStatus;

  /** Optimistic lock: every state change is `UPDATE … WHERE version = ?`. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;
}

@Entity({ tableName: 'draw_commitment' })
export class DrawCommitmentRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  @Property({ type: 'json' })
  commitment!: DrawCommitment;

  /** The frozen pool, sorted by USCC, with the credit-risk class and tags used. */
  @Property({ type: 'json' })
  pool!: PoolEntry[];

  /** Businesses of the directory left out of the pool, and why. */
  @Property({ type: 'json' })
  exclusions!: { uscc: string; reason: string; detail: string }[];

  @Property({ type: 'string', length: 120 })
  committedBy!: string;
}

@Entity({ tableName: 'draw_result' })
export class DrawResultRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  /** One draw per commitment: the second of two simultaneous draws fails on this constraint. */
  @Property({ type: 'integer' })
  @Unique()
  commitmentId!: number;

  @Property({ type: 'string', length: 200 })
  seed!: string;

  @Property({ type: 'json' })
  result!: DrawTargetsResult;

  @Property({ type: 'json' })
  teams!: InspectorAssignment[];

  @Property({ type: 'string', length: 120 })
  drawnBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  drawnAt: Date = clock.now();
}

/** One drawn business of a draw, for period queries and yearly caps without reading JSON. */
@Entity({ tableName: 'drawn_target' })
@Index({ properties: ['uscc', 'period'] })
export class DrawnTargetRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  @Index()
  drawId!: number;

  @Property({ type: 'string', length: 40 })
  taskId!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'json' })
  itemCodes!: string[];

  /** Inspectors of the team, leader first. */
  @Property({ type: 'json' })
  team!: string[];
}

@Entity({ tableName: 'draw_adjustment' })
export class DrawAdjustmentRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  @Property({ type: 'integer' })
  supersededCommitmentId!: number;

  @Property({ type: 'integer', nullable: true })
  supersededDrawId?: number | null;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'string', length: 120 })
  adjustedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  adjustedAt: Date = clock.now();
}

export const taskEntities = [InspectionTaskRow, DrawCommitmentRow, DrawResultRow, DrawnTargetRow, DrawAdjustmentRow];

/** SQL for a migration: commitments, draws, drawn targets and adjustments can only be inserted. */
export const APPEND_ONLY_SQL = [
  `create or replace function yiye_refuse_change() returns trigger language plpgsql as $$
   begin
     raise exception 'append-only table %: % refused (draw records are immutable)', TG_TABLE_NAME, TG_OP
       using errcode = 'raise_exception';
   end $$;`,
  ...['draw_commitment', 'draw_result', 'drawn_target', 'draw_adjustment'].map(
    (t) => `create trigger ${t}_append_only before update or delete on "${t}" for each row execute function yiye_refuse_change();`,
  ),
];

/**
 * Inspection codes (检查码) issued for the drawn businesses of a published task: one per task and
 * business of the current draw. Append-only; a revocation is a row of its own.
 */
@Entity({ tableName: 'inspection_code' })
@Unique({ properties: ['taskId', 'drawId', 'uscc'] })
export class InspectionCodeRow {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  /** The draw the code was issued for (an adjusted and redrawn task gets new codes). */
  @Property({ type: 'integer' })
  drawId!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'text' })
  token!: string;

  @Property({ type: 'string', length: 120 })
  issuedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  issuedAt: Date = clock.now();
}

@Entity({ tableName: 'inspection_code_revocation' })
export class InspectionCodeRevocationRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 36 })
  @Unique()
  codeId!: string;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'string', length: 120 })
  revokedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  revokedAt: Date = clock.now();
}

export const codeEntities = [InspectionCodeRow, InspectionCodeRevocationRow];

/** SQL for a migration: inspection codes and their revocations can only be inserted. */
export const CODE_APPEND_ONLY_SQL = ['inspection_code', 'inspection_code_revocation'].map(
  (t) => `create trigger ${t}_append_only before update or delete on "${t}" for each row execute function yiye_refuse_change();`,
);
