import { Migration } from '@mikro-orm/migrations';
import { REPORT_APPEND_ONLY_SQL } from '../reports/entities.js';

/** 季度报告: finalized quarterly reports, append-only versions (subgraphs/joint-inspection/reports/). */
export class Migration20261201234847 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "quarterly_report" ("id" serial primary key, "period" varchar(7) not null, "version" int not null, "content_hash" varchar(64) not null, "content" jsonb not null, "summary" jsonb not null, "finalized_by" varchar(120) not null, "finalized_at" timestamptz not null);`);
    this.addSql(`alter table "quarterly_report" add constraint "quarterly_report_period_content_hash_unique" unique ("period", "content_hash");`);
    this.addSql(`alter table "quarterly_report" add constraint "quarterly_report_period_version_unique" unique ("period", "version");`);
    for (const sql of REPORT_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "quarterly_report" cascade;`);
  }

}
