import { Migration } from '@mikro-orm/migrations';

/** This department's own tables; the directory tables every department has are in shared/department/migrations/ (Migration20261126154300). */

export class Migration20261126154344 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enterprise" ("uscc" varchar(18) not null, "name" varchar(200) not null, "industry_code" varchar(4) not null, "region_code" varchar(12) not null, "status" varchar(16) not null, "credit_risk_class" varchar(1) not null, "registered_on" date not null, constraint "enterprise_pkey" primary key ("uscc"));`);
    this.addSql(`create index "enterprise_industry_code_index" on "enterprise" ("industry_code");`);
    this.addSql(`create index "enterprise_region_code_index" on "enterprise" ("region_code");`);
    this.addSql(`create index "enterprise_credit_risk_class_index" on "enterprise" ("credit_risk_class");`);

    this.addSql(`create table "supervised_target" ("id" serial primary key, "valid_from" timestamptz not null, "valid_to" timestamptz null, "changed_by" varchar(128) not null, "change_reason" text not null, "closed_by" varchar(128) null, "close_reason" text null, "uscc" varchar(18) not null, "supervised_since" date not null, "food_licence_number" varchar(32) null, "special_equipment_count" int not null default 0);`);
    this.addSql(`create index "supervised_target_uscc_valid_from_index" on "supervised_target" ("uscc", "valid_from");`);
    this.addSql(`create unique index "supervised_target_current_uscc" on "supervised_target" ("uscc") where "valid_to" is null;`);
  }

}
