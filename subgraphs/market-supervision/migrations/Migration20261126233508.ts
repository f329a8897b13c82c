import { Migration } from '@mikro-orm/migrations';
import { RISK_TAG_APPEND_ONLY_SQL } from '../credit-feedback.js';

/** Incoming referrals (移交, shared/department/referrals.ts) and the register's risk tags (联合惩戒, append-only, credit-feedback.ts). */

export class Migration20261126233508 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "incoming_referral" ("id" serial primary key, "referral_id" varchar(64) not null, "from_department" varchar(64) not null, "uscc" varchar(18) not null, "task_id" varchar(64) not null, "record_id" varchar(64) not null, "item_codes" jsonb not null, "result_codes" jsonb not null, "finding" text not null, "referred_at" timestamptz not null, "status" varchar(16) not null default 'received', "received_at" timestamptz not null, "received_by" varchar(128) not null, "accepted_at" timestamptz null, "accepted_by" varchar(128) null, "accept_note" text null, "closed_at" timestamptz null, "closed_by" varchar(128) null, "outcome" text null, "tag_id" int null);`);
    this.addSql(`create index "incoming_referral_uscc_index" on "incoming_referral" ("uscc");`);
    this.addSql(`create index "incoming_referral_status_id_index" on "incoming_referral" ("status", "id");`);
    this.addSql(`alter table "incoming_referral" add constraint "incoming_referral_referral_id_unique" unique ("referral_id");`);

    this.addSql(`create table "register_risk_tag" ("id" serial primary key, "uscc" varchar(18) not null, "tag" varchar(32) not null, "source_department" varchar(64) not null, "source_ref" varchar(128) not null, "result_codes" jsonb not null, "note" text null, "valid_from" date not null, "valid_until" date not null, "created_at" timestamptz not null, "created_by" varchar(128) not null);`);
    this.addSql(`create index "register_risk_tag_uscc_valid_from_index" on "register_risk_tag" ("uscc", "valid_from");`);
    this.addSql(`alter table "register_risk_tag" add constraint "register_risk_tag_source_ref_unique" unique ("source_ref");`);
    for (const sql of RISK_TAG_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "incoming_referral" cascade;`);

    this.addSql(`drop table if exists "register_risk_tag" cascade;`);
  }

}
