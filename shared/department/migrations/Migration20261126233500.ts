import { Migration } from '@mikro-orm/migrations';

/** Incoming referrals (移交, shared/department/referrals.ts). */

export class Migration20261126233500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "incoming_referral" ("id" serial primary key, "referral_id" varchar(64) not null, "from_department" varchar(64) not null, "uscc" varchar(18) not null, "task_id" varchar(64) not null, "record_id" varchar(64) not null, "item_codes" jsonb not null, "result_codes" jsonb not null, "finding" text not null, "referred_at" timestamptz not null, "status" varchar(16) not null default 'received', "received_at" timestamptz not null, "received_by" varchar(128) not null, "accepted_at" timestamptz null, "accepted_by" varchar(128) null, "accept_note" text null, "closed_at" timestamptz null, "closed_by" varchar(128) null, "outcome" text null, "tag_id" int null);`);
    this.addSql(`create index "incoming_referral_uscc_index" on "incoming_referral" ("uscc");`);
    this.addSql(`create index "incoming_referral_status_id_index" on "incoming_referral" ("status", "id");`);
    this.addSql(`alter table "incoming_referral" add constraint "incoming_referral_referral_id_unique" unique ("referral_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "incoming_referral" cascade;`);
  }

}
