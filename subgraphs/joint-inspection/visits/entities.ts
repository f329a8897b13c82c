import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import * as clock from '../../../shared/platform/clock.js';

/**
 * Carrying out a joint task (one drawn business of a published joint plan) and publishing its
 * result, kept by the double-random office in the joint-inspection database:
 * scan at the door → inspection record (检查记录表) → review → publication → follow-up.
 *
 * Scans, records and review decisions are append-only (triggers in the migration): a published
 * record cannot be edited, only corrected by a new version that names the one it replaces.
 */

export const ON_SITE = 'on-site';
/** 非现场监管: methods that need no visit (and no scan). */
export const OFF_SITE_METHODS = ['document-review', 'network-monitoring', 'video-inspection'] as const;
export const RECORD_METHODS = [ON_SITE, ...OFF_SITE_METHODS] as const;
export type RecordMethod = (typeof RECORD_METHODS)[number];

/** An inspector of the team scanned the task's inspection code at the business: the visit starts. */
@Entity({ tableName: 'visit_scan' })
@Index({ properties: ['taskId', 'uscc'] })
export class VisitScanRow {
  @PrimaryKey({ type: 'string', length: 36 })
  id!: string;

  @Property({ type: 'string', length: 36 })
  codeId!: string;

  /** The joint plan or department task the code was issued for. */
  @Property({ type: 'string', length: 40 })
  taskId!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 40 })
  certificateNumber!: string;

  @Property({ type: 'string', length: 120 })
  scannedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  scannedAt: Date = clock.now();
}

export interface ItemResult {
  itemCode: string;
  department: string;
  resultCodes: string[];
}

/** One version of the inspection record of one drawn business of a task (joint or department). */
@Entity({ tableName: 'inspection_record' })
@Unique({ properties: ['taskId', 'uscc', 'version'] })
export class InspectionRecordRow {
  /** e.g. `IR-JP-2026Q4-0001-91130433…-1`: task (joint plan or department task), business, version. */
  @PrimaryKey({ type: 'string', length: 80 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  @Index()
  taskId!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'integer' })
  version!: number;

  /** The task's title, department (a joint plan's initiating one) and every department with items on it, as at submission. */
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 40 })
  department!: string;

  @Property({ type: 'json' })
  departments!: string[];

  /** The version this one replaces: a returned record resubmitted, or a published one corrected. */
  @Property({ type: 'string', length: 80, nullable: true })
  supersedes?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  correctionReason?: string | null;

  /** The field device's idempotency key: a retry with the same key returns this record. */
  @Property({ type: 'string', length: 100 })
  @Unique()
  submissionKey!: string;

  /** SHA-256 of the submitted content, to tell a retry from a different record under a reused key. */
  @Property({ type: 'string', length: 64 })
  submissionDigest!: string;

  @Property({ type: 'string', length: 24 })
  method!: RecordMethod;

  /** The scan that started an on-site visit; null for off-site checks. */
  @Property({ type: 'string', length: 36, nullable: true })
  scanId?: string | null;

  @Property({ type: 'date', columnType: 'date' })
  inspectedOn!: string;

  @Property({ type: 'string', length: 40 })
  leader!: string;

  /** Certificate numbers of the inspectors present, leader first. */
  @Property({ type: 'json' })
  team!: string[];

  @Property({ type: 'json' })
  experts!: string[];

  @Property({ type: 'json' })
  itemResults!: ItemResult[];

  @Property({ type: 'text' })
  findings!: string;

  /** Off-site checks: what was examined (documents, monitoring data, video). */
  @Property({ type: 'text', nullable: true })
  evidence?: string | null;

  @Property({ type: 'text', nullable: true })
  followUpMeasures?: string | null;

  /** none | pending | done */
  @Property({ type: 'string', length: 16 })
  disposalStatus!: string;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  disposalDate?: string | null;

  @Property({ type: 'string', length: 120 })
  enteredBy!: string;

  @Property({ type: 'string', length: 40 })
  enteredByCertificate!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  enteredAt: Date = clock.now();
}

/** The review of one record version: returned (with a reason) or published. One per version. */
@Entity({ tableName: 'record_review' })
export class RecordReviewRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 80 })
  @Unique()
  recordId!: string;

  /** returned | published */
  @Property({ type: 'string', length: 16 })
  decision!: 'returned' | 'published';

  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @Property({ type: 'string', length: 120 })
  reviewedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  reviewedAt: Date = clock.now();
}

export const FOLLOW_UP_KINDS = ['correction-order', 'referral', 'criminal-referral', 'credit-feedback'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** A follow-up of a published record; each closes the loop with a status. */
@Entity({ tableName: 'follow_up' })
export class FollowUpRow {
  @PrimaryKey({ type: 'string', length: 100 })
  id!: string;

  @Property({ type: 'string', length: 80 })
  @Index()
  recordId!: string;

  @Property({ type: 'string', length: 40 })
  taskId!: string;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 24 })
  kind!: FollowUpKind;

  /** correction-order: open → corrected | not-corrected; referral: sent → (the department's own status); criminal-referral: sent; credit-feedback: recorded */
  @Property({ type: 'string', length: 24 })
  status!: string;

  /** The receiving department or authority. */
  @Property({ type: 'string', length: 120, nullable: true })
  recipient?: string | null;

  @Property({ type: 'date', columnType: 'date', nullable: true })
  deadline?: string | null;

  @Property({ type: 'text' })
  detail!: string;

  @Property({ type: 'text', nullable: true })
  outcome?: string | null;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();

  @Property({ type: 'string', length: 120, nullable: true })
  closedBy?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;
}

export const visitEntities = [VisitScanRow, InspectionRecordRow, RecordReviewRow, FollowUpRow];

/** SQL for the migration: scans, records and reviews can only be inserted. */
export const VISIT_APPEND_ONLY_SQL = ['visit_scan', 'inspection_record', 'record_review'].map(
  (t) => `create trigger ${t}_append_only before update or delete on "${t}" for each row execute function yiye_refuse_change();`,
);
