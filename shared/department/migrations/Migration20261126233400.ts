import { Migration } from '@mikro-orm/migrations';
import { ANNUAL_PLAN_APPEND_ONLY_SQL } from '../../inspection/annual-plan.js';

/** The annual plan (年度抽查计划); its versions and publications append-only (shared/inspection/annual-plan.ts). */

export class Migration20261126233400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "annual_plan_publication" ("id" serial primary key, "plan_id" varchar(20) not null, "version_number" int not null, "published_by" varchar(120) not null, "published_at" timestamptz not null);`);
    this.addSql(`alter table "annual_plan_publication" add constraint "annual_plan_publication_plan_id_version_number_unique" unique ("plan_id", "version_number");`);

    this.addSql(`create table "annual_plan" ("id" varchar(20) not null, "department" varchar(40) not null, "year" int not null, "title" varchar(200) not null, "status" varchar(16) not null, "version_in_force" int null, "latest_version" int not null, "lock" int not null default 1, "created_by" varchar(120) not null, "created_at" timestamptz not null, "closed_at" timestamptz null, "close_reason" varchar(500) null, constraint "annual_plan_pkey" primary key ("id"));`);
    this.addSql(`alter table "annual_plan" add constraint "annual_plan_department_year_unique" unique ("department", "year");`);

    this.addSql(`create table "annual_plan_version" ("id" serial primary key, "plan_id" varchar(20) not null, "number" int not null, "item_codes" jsonb not null, "note" varchar(500) null, "created_by" varchar(120) not null, "created_at" timestamptz not null);`);
    this.addSql(`create index "annual_plan_version_plan_id_index" on "annual_plan_version" ("plan_id");`);
    this.addSql(`alter table "annual_plan_version" add constraint "annual_plan_version_plan_id_number_unique" unique ("plan_id", "number");`);
    for (const sql of ANNUAL_PLAN_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "annual_plan_publication" cascade;`);

    this.addSql(`drop table if exists "annual_plan" cascade;`);

    this.addSql(`drop table if exists "annual_plan_version" cascade;`);
  }

}
