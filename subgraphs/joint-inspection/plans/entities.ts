import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { ItemSnapshot } from '../../../shared/inspection/task-entities.js';
import * as clock from '../../../shared/platform/clock.js';

/**
 * Joint plans (联合抽查计划, 一业一查), kept by the double-random office in the joint-inspection
 * database. A coordinator opens a plan for an industry set and a quarter, names the initiating
 * (发起) department and invites others (参与); each department joins with its own claimed items;
 * the office commits, draws and publishes one draw on the merged pool. The draw records
 * themselves are the shared append-only tables of shared/inspection/task-entities.ts (draw_commitment,
 * draw_result, drawn_target, draw_adjustment), with the plan id as their task id.
 */
export const PLAN_STATUSES = ['open', 'committed', 'drawn', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

@Entity({ tableName: 'joint_plan' })
export class JointPlanRow {
  /** e.g. `JP-2026Q2-0001`: period and sequence. */
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 200 })
  title!: string;

  /** GB/T 4754-2017 codes (shared/domain/industries.ts). */
  @Property({ type: 'json' })
  industryCodes!: string[];

  /** e.g. `2027-Q2`. */
  @Property({ type: 'string', length: 7 })
  @Index()
  period!: string;

  @Property({ type: 'date', columnType: 'date' })
  windowStart!: string;

  @Property({ type: 'date', columnType: 'date' })
  windowEnd!: string;

  /** A township of the county, or null for the whole county. */
  @Property({ type: 'string', length: 12, nullable: true })
  regionCode?: string | null;

  @Property({ type: 'string', length: 40 })
  initiatingDepartment!: string;

  @Property({ type: 'json' })
  invitedDepartments!: string[];

  /** Most teams one inspector joins in the period, all draws counted (department and joint). */
  @Property({ type: 'integer' })
  workloadCap!: number;

  @Property({ type: 'string', length: 16 })
  status!: PlanStatus;

  /** Optimistic lock: every change of the plan or its participations is `UPDATE … WHERE version = ?`. */
  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;
}

/** A department taking part in a plan, with the items (frozen at joining) its inspectors will check. */
@Entity({ tableName: 'joint_plan_participation' })
@Unique({ properties: ['plan', 'department'] })
export class JointPlanParticipationRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => JointPlanRow, { deleteRule: 'restrict' })
  plan!: JointPlanRow;

  @Property({ type: 'string', length: 40 })
  department!: string;

  @Property({ type: 'json' })
  itemCodes!: string[];

  /** The items as they were when the department joined: later edits of the list do not change the plan. */
  @Property({ type: 'json' })
  items!: ItemSnapshot[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  joinedAt: Date = clock.now();

  @Property({ type: 'string', length: 120 })
  joinedBy!: string;
}

export const planEntities = [JointPlanRow, JointPlanParticipationRow];
