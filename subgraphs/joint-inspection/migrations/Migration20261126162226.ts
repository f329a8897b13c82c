import { Migration } from '@mikro-orm/migrations';

/** Finalized joint merges: versions, visits and decisions. */

export class Migration20261126162226 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "joint_merge" ("id" serial primary key, "period" varchar(7) not null, "version" int not null, "inputs_hash" varchar(64) not null, "departments" jsonb not null, "figures" jsonb not null, "finalized_by" varchar(120) not null, "finalized_at" timestamptz not null);`);
    this.addSql(`alter table "joint_merge" add constraint "joint_merge_period_version_unique" unique ("period", "version");`);

    this.addSql(`create table "joint_visit" ("id" serial primary key, "merge_id" int not null, "uscc" varchar(18) not null, "kind" varchar(8) not null, "departments" jsonb not null, "item_codes" jsonb not null, "task_refs" jsonb not null, "why" text not null);`);
    this.addSql(`create index "joint_visit_uscc_index" on "joint_visit" ("uscc");`);
    this.addSql(`create index "joint_visit_merge_id_uscc_index" on "joint_visit" ("merge_id", "uscc");`);

    this.addSql(`create table "merge_decision" ("id" serial primary key, "merge_id" int not null, "uscc" varchar(18) not null, "outcome" varchar(8) not null, "department" varchar(40) not null, "task_id" varchar(40) not null, "rule" varchar(24) not null, "exemption" varchar(16) null, "why" text not null);`);
    this.addSql(`create index "merge_decision_merge_id_uscc_index" on "merge_decision" ("merge_id", "uscc");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "joint_merge" cascade;`);

    this.addSql(`drop table if exists "joint_visit" cascade;`);

    this.addSql(`drop table if exists "merge_decision" cascade;`);
  }

}
