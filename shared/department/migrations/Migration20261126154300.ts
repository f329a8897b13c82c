import { Migration } from '@mikro-orm/migrations';

/** The directory tables every department has: inspectors (their columns are the kit's), conflicts of interest, target tags. */

export class Migration20261126154300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "inspector" ("id" serial primary key, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "change_reason" text not null, "closed_by" varchar(128) null, "close_reason" text null, "certificate_number" varchar(32) not null, "name" varchar(64) not null, "brigade" varchar(64) null, "expertise" jsonb not null, "status" varchar(16) not null default 'active');`);
    this.addSql(`create index "inspector_certificate_number_valid_from_index" on "inspector" ("certificate_number", "valid_from");`);
    this.addSql(`create unique index "inspector_current_certificate_number" on "inspector" ("certificate_number") where "valid_to" is null;`);

    this.addSql(`create table "inspector_conflict" ("id" serial primary key, "certificate_number" varchar(32) not null, "uscc" varchar(18) not null, "kind" varchar(32) not null, "declared_on" date not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "reason" text not null, "closed_by" varchar(128) null, "close_reason" text null);`);
    this.addSql(`create index "inspector_conflict_certificate_number_index" on "inspector_conflict" ("certificate_number");`);

    this.addSql(`create table "target_tag" ("id" serial primary key, "uscc" varchar(18) not null, "key" varchar(32) not null, "value" varchar(200) null, "source" varchar(64) not null, "valid_from" date not null, "valid_until" date null, "created_at" timestamptz not null, "created_by" varchar(128) not null, "reason" text not null, "revoked_at" timestamptz null, "revoked_by" varchar(128) null, "revoke_reason" text null);`);
    this.addSql(`create index "target_tag_uscc_index" on "target_tag" ("uscc");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inspector_conflict" cascade;`);
    this.addSql(`drop table if exists "inspector" cascade;`);
    this.addSql(`drop table if exists "target_tag" cascade;`);
  }

}
