import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import * as clock from '../../../shared/platform/clock.js';

/**
 * A finalized quarterly report (季度报告): one version of its content, append-only (a trigger
 * in the migration refuses UPDATE and DELETE). The content hash is SHA-256 of the canonical JSON
 * of the content; finalizing the same content again finds this row, changed content makes the
 * next version and the earlier ones stay. The public sees each version's summary.
 */
@Entity({ tableName: 'quarterly_report' })
@Unique({ properties: ['period', 'version'] })
@Unique({ properties: ['period', 'contentHash'] })
export class QuarterlyReportRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** e.g. `2026-Q4`. */
  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  /** The whole report as computed when finalized (figures, breakdowns, comparisons). */
  @Property({ type: 'json' })
  content!: unknown;

  /** What the public sees: the county's figures and indicators, no breakdowns. */
  @Property({ type: 'json' })
  summary!: unknown;

  @Property({ type: 'string', length: 120 })
  finalizedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  finalizedAt: Date = clock.now();
}

export const reportEntities = [QuarterlyReportRow];

export const REPORT_APPEND_ONLY_SQL = [
  `create trigger quarterly_report_append_only before update or delete on "quarterly_report" for each row execute function yiye_refuse_change();`,
];
