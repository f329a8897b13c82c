import { Migration } from '@mikro-orm/migrations';
import { CODE_APPEND_ONLY_SQL } from '../../inspection/task-entities.js';

/** Inspection codes (检查码) and their revocations, append-only (shared/platform/inspection-code.ts). */

export class Migration20261126171000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "inspection_code_revocation" ("id" serial primary key, "code_id" varchar(36) not null, "reason" varchar(500) not null, "revoked_by" varchar(120) not null, "revoked_at" timestamptz not null);`);
    this.addSql(`alter table "inspection_code_revocation" add constraint "inspection_code_revocation_code_id_unique" unique ("code_id");`);

    this.addSql(`create table "inspection_code" ("id" varchar(36) not null, "task_id" varchar(40) not null, "draw_id" int not null, "uscc" varchar(18) not null, "token" text not null, "issued_by" varchar(120) not null, "issued_at" timestamptz not null, constraint "inspection_code_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_code_task_id_index" on "inspection_code" ("task_id");`);
    this.addSql(`alter table "inspection_code" add constraint "inspection_code_task_id_draw_id_uscc_unique" unique ("task_id", "draw_id", "uscc");`);
    for (const sql of CODE_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inspection_code_revocation" cascade;`);

    this.addSql(`drop table if exists "inspection_code" cascade;`);
  }

}
