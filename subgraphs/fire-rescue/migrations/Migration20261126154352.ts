import { Migration } from '@mikro-orm/migrations';

/** This department's own tables; the directory tables every department has are in shared/department/migrations/ (Migration20261126154300). */

export class Migration20261126154352 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "supervised_target" ("id" serial primary key, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "change_reason" text not null, "closed_by" varchar(128) null, "close_reason" text null, "uscc" varchar(18) not null, "supervised_since" date not null, "venue_category" varchar(32) not null, "key_fire_safety_unit" boolean not null default false);`);
    this.addSql(`create index "supervised_target_uscc_valid_from_index" on "supervised_target" ("uscc", "valid_from");`);
    this.addSql(`create unique index "supervised_target_current_uscc" on "supervised_target" ("uscc") where "valid_to" is null;`);
  }

}
