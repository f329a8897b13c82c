import { Migration } from '@mikro-orm/migrations';
import { TRAIL_APPEND_ONLY_SQL } from '../../platform/trail.js';

/** The hash-chained, append-only trail of every mutation (shared/platform/trail.ts). */

export class Migration20261126165700 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "trail" ("seq" bigint not null, "at" timestamptz not null, "subject" varchar(200) not null, "roles" jsonb not null, "department" varchar(60) null, "subgraph" varchar(60) not null, "operation" varchar(200) not null, "args_digest" varchar(64) not null, "result_digest" varchar(64) null, "outcome" varchar(60) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "trail_pkey" primary key ("seq"));`);
    for (const sql of TRAIL_APPEND_ONLY_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "trail" cascade;`);
    this.addSql(`drop function if exists yiye_trail_refuse_change();`);
  }

}
