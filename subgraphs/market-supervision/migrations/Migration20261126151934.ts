import { Migration } from '@mikro-orm/migrations';

export class Migration20261126151934 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enterprise" ("uscc" varchar(18) not null, "name" varchar(200) not null, "industry_code" varchar(4) not null, "region_code" varchar(12) not null, "status" varchar(16) not null, "credit_risk_class" varchar(1) not null, "registered_on" date not null, constraint "enterprise_pkey" primary key ("uscc"));`);
    this.addSql(`create index "enterprise_industry_code_index" on "enterprise" ("industry_code");`);
    this.addSql(`create index "enterprise_region_code_index" on "enterprise" ("region_code");`);
    this.addSql(`create index "enterprise_credit_risk_class_index" on "enterprise" ("credit_risk_class");`);

    this.addSql(`create table "inspector" ("certificate_number" varchar(32) not null, "name" varchar(64) not null, "brigade" varchar(64) null, "expertise" jsonb not null, "status" varchar(16) not null default 'active', constraint "inspector_pkey" primary key ("certificate_number"));`);

    this.addSql(`create table "supervised_target" ("uscc" varchar(18) not null, "supervised_since" date not null, "food_licence_number" varchar(32) null, "special_equipment_count" int not null default 0, constraint "supervised_target_pkey" primary key ("uscc"));`);
  }

}
