import { Migration } from '@mikro-orm/migrations';

export class Migration20261202002654 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "supervised_target" ("id" serial primary key, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "change_reason" text not null, "closed_by" varchar(128) null, "close_reason" text null, "uscc" varchar(18) not null, "supervised_since" date not null, "venue_type" varchar(32) not null, "hygiene_licence_number" varchar(40) null, "drinking_water_supply" boolean not null default false);`);
    this.addSql(`create index "supervised_target_uscc_valid_from_index" on "supervised_target" ("uscc", "valid_from");`);
    this.addSql(`create unique index "supervised_target_current_uscc" on "supervised_target" ("uscc") where "valid_to" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "supervised_target" cascade;`);
  }

}
