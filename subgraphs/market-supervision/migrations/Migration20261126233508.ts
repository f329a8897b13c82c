import { Migration } from '@mikro-orm/migrations';
import { RISK_TAG_APPEND_ONLY_SQL } from '../credit-feedback.js';

/** The register's risk tags (联合惩戒, append-only, credit-feedback.ts); incoming referrals, made by the same migration before, are in shared/department/migrations/ (Migration20261126233500). */

export class Migration20261126233508 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "register_risk_tag" ("id" serial primary key, "uscc" varchar(18) not null, "tag" varchar(32) not null, "source_department" varchar(64) not null, "source_ref" varchar(128) not null, "result_codes" jsonb not null, "note" text null, "valid_from" date not null, "valid_until" date not null, "created_at" timestamptz not null, "created_by" varchar(128) not null);`);
    this.addSql(`create index "register_risk_tag_uscc_valid_from_index" on "register_risk_tag" ("uscc", "valid_from");`);
    this.addSql(`alter table "register_risk_tag" add constraint "register_risk_tag_source_ref_unique" unique ("source_ref");`);
    for (const sql of RISK_TAG_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "register_risk_tag" cascade;`);
  }

}
