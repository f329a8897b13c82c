import { Migration } from '@mikro-orm/migrations';
import { CODE_APPEND_ONLY_SQL } from '../../../shared/inspection/task-entities.js';
import { VISIT_APPEND_ONLY_SQL } from '../visits/entities.js';

export class Migration20261126234801 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "follow_up" ("id" varchar(100) not null, "record_id" varchar(80) not null, "task_id" varchar(40) not null, "uscc" varchar(18) not null, "kind" varchar(24) not null, "status" varchar(24) not null, "recipient" varchar(120) null, "deadline" date null, "detail" text not null, "outcome" text null, "created_by" varchar(120) not null, "created_at" timestamptz not null, "closed_by" varchar(120) null, "closed_at" timestamptz null, constraint "follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_record_id_index" on "follow_up" ("record_id");`);

    this.addSql(`create table "inspection_code_revocation" ("id" serial primary key, "code_id" varchar(36) not null, "reason" varchar(500) not null, "revoked_by" varchar(120) not null, "revoked_at" timestamptz not null);`);
    this.addSql(`alter table "inspection_code_revocation" add constraint "inspection_code_revocation_code_id_unique" unique ("code_id");`);

    this.addSql(`create table "inspection_code" ("id" varchar(36) not null, "task_id" varchar(40) not null, "draw_id" int not null, "uscc" varchar(18) not null, "token" text not null, "issued_by" varchar(120) not null, "issued_at" timestamptz not null, constraint "inspection_code_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_code_task_id_index" on "inspection_code" ("task_id");`);
    this.addSql(`alter table "inspection_code" add constraint "inspection_code_task_id_draw_id_uscc_unique" unique ("task_id", "draw_id", "uscc");`);

    this.addSql(`create table "inspection_record" ("id" varchar(80) not null, "task_id" varchar(40) not null, "uscc" varchar(18) not null, "version" int not null, "title" varchar(200) not null, "department" varchar(40) not null, "departments" jsonb not null, "supersedes" varchar(80) null, "correction_reason" varchar(500) null, "submission_key" varchar(100) not null, "submission_digest" varchar(64) not null, "method" varchar(24) not null, "scan_id" varchar(36) null, "inspected_on" date not null, "leader" varchar(40) not null, "team" jsonb not null, "experts" jsonb not null, "item_results" jsonb not null, "findings" text not null, "evidence" text null, "follow_up_measures" text null, "disposal_status" varchar(16) not null, "disposal_date" date null, "entered_by" varchar(120) not null, "entered_by_certificate" varchar(40) not null, "entered_at" timestamptz not null, constraint "inspection_record_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_record_task_id_index" on "inspection_record" ("task_id");`);
    this.addSql(`alter table "inspection_record" add constraint "inspection_record_submission_key_unique" unique ("submission_key");`);
    this.addSql(`alter table "inspection_record" add constraint "inspection_record_task_id_uscc_version_unique" unique ("task_id", "uscc", "version");`);

    this.addSql(`create table "record_review" ("id" serial primary key, "record_id" varchar(80) not null, "decision" varchar(16) not null, "reason" varchar(500) null, "reviewed_by" varchar(120) not null, "reviewed_at" timestamptz not null);`);
    this.addSql(`alter table "record_review" add constraint "record_review_record_id_unique" unique ("record_id");`);

    this.addSql(`create table "visit_scan" ("id" varchar(36) not null, "code_id" varchar(36) not null, "task_id" varchar(40) not null, "uscc" varchar(18) not null, "certificate_number" varchar(40) not null, "scanned_by" varchar(120) not null, "scanned_at" timestamptz not null, constraint "visit_scan_pkey" primary key ("id"));`);
    this.addSql(`create index "visit_scan_task_id_uscc_index" on "visit_scan" ("task_id", "uscc");`);

    // Codes, scans, records and reviews are written once: a published record is locked.
    for (const sql of [...CODE_APPEND_ONLY_SQL, ...VISIT_APPEND_ONLY_SQL]) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "follow_up" cascade;`);

    this.addSql(`drop table if exists "inspection_code_revocation" cascade;`);

    this.addSql(`drop table if exists "inspection_code" cascade;`);

    this.addSql(`drop table if exists "inspection_record" cascade;`);

    this.addSql(`drop table if exists "record_review" cascade;`);

    this.addSql(`drop table if exists "visit_scan" cascade;`);
  }

}
