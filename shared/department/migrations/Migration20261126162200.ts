import { Migration } from '@mikro-orm/migrations';
import { APPEND_ONLY_SQL } from '../../inspection/task-entities.js';

/** Inspection tasks and their append-only draw records (commitments, draws, adjustments). */

export class Migration20261126162200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "draw_adjustment" ("id" serial primary key, "task_id" varchar(40) not null, "superseded_commitment_id" int not null, "superseded_draw_id" int null, "reason" varchar(500) not null, "adjusted_by" varchar(120) not null, "adjusted_at" timestamptz not null);`);
    this.addSql(`create index "draw_adjustment_task_id_index" on "draw_adjustment" ("task_id");`);

    this.addSql(`create table "draw_commitment" ("id" serial primary key, "task_id" varchar(40) not null, "commitment" jsonb not null, "pool" jsonb not null, "exclusions" jsonb not null, "committed_by" varchar(120) not null);`);
    this.addSql(`create index "draw_commitment_task_id_index" on "draw_commitment" ("task_id");`);

    this.addSql(`create table "drawn_target" ("id" serial primary key, "draw_id" int not null, "task_id" varchar(40) not null, "uscc" varchar(18) not null, "period" varchar(7) not null, "item_codes" jsonb not null, "team" jsonb not null);`);
    this.addSql(`create index "drawn_target_draw_id_index" on "drawn_target" ("draw_id");`);
    this.addSql(`create index "drawn_target_uscc_period_index" on "drawn_target" ("uscc", "period");`);

    this.addSql(`create table "draw_result" ("id" serial primary key, "task_id" varchar(40) not null, "commitment_id" int not null, "seed" varchar(200) not null, "result" jsonb not null, "teams" jsonb not null, "drawn_by" varchar(120) not null, "drawn_at" timestamptz not null);`);
    this.addSql(`create index "draw_result_task_id_index" on "draw_result" ("task_id");`);
    this.addSql(`alter table "draw_result" add constraint "draw_result_commitment_id_unique" unique ("commitment_id");`);

    this.addSql(`create table "inspection_task" ("id" varchar(40) not null, "department" varchar(40) not null, "title" varchar(200) not null, "items" jsonb not null, "period" varchar(7) not null, "window_start" date not null, "window_end" date not null, "region_code" varchar(12) null, "ratios" jsonb not null, "workload_cap" int not null, "status" varchar(16) not null, "version" int not null default 1, "created_by" varchar(120) not null, "created_at" timestamptz not null, "published_at" timestamptz null, constraint "inspection_task_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_task_period_index" on "inspection_task" ("period");`);

    for (const sql of APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "draw_adjustment" cascade;`);

    this.addSql(`drop table if exists "draw_commitment" cascade;`);

    this.addSql(`drop table if exists "drawn_target" cascade;`);

    this.addSql(`drop table if exists "draw_result" cascade;`);

    this.addSql(`drop table if exists "inspection_task" cascade;`);
    this.addSql(`drop function if exists yiye_refuse_change();`);
  }

}
