import { Migration } from '@mikro-orm/migrations';

export class Migration20261126154620 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "inspection_item" ("id" serial primary key, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "change_reason" text not null, "closed_by" varchar(128) null, "close_reason" text null, "code" varchar(32) not null, "name" varchar(200) not null, "legal_basis" text not null, "department" varchar(64) not null, "brigade" varchar(64) null, "target_industries" jsonb not null, "licence_types" jsonb not null, "method" varchar(32) not null, "ratio_a" int not null, "ratio_b" int not null, "ratio_c" int not null, "ratio_d" int not null, "yearly_cap" int not null, "required_expertise" jsonb not null, "min_inspectors" int not null, "joinable" boolean not null, "status" varchar(16) not null);`);
    this.addSql(`create index "inspection_item_code_valid_from_index" on "inspection_item" ("code", "valid_from");`);
    this.addSql(`create unique index "inspection_item_current_code" on "inspection_item" ("code") where "valid_to" is null;`);

    this.addSql(`create table "item_claim" ("id" serial primary key, "item_code" varchar(32) not null, "department" varchar(64) not null, "claimed_at" timestamptz not null, "claimed_by" varchar(128) not null, "claim_reason" text not null, "valid_to" timestamptz null, "closed_by" varchar(128) null, "close_reason" text null);`);
    this.addSql(`create index "item_claim_item_code_index" on "item_claim" ("item_code");`);
    this.addSql(`create unique index "item_claim_current" on "item_claim" ("item_code", "department") where "valid_to" is null;`);
  }

}
