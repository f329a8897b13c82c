import { Migration } from '@mikro-orm/migrations';

export class Migration20261126154442 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "credit_risk_class_history" ("id" bigserial primary key, "uscc" varchar(18) not null, "class" varchar(1) not null, "since" date not null, "until" date null, "source_batch" varchar(400) not null, "imported_at" timestamptz not null, "imported_by" varchar(128) not null);`);
    this.addSql(`create unique index "credit_risk_class_history_open_unique" on "credit_risk_class_history" ("uscc") where "until" is null;`);
    this.addSql(`create index "credit_risk_class_history_uscc_since_index" on "credit_risk_class_history" ("uscc", "since");`);

    this.addSql(`alter table "credit_risk_class_history" add constraint "credit_risk_class_history_uscc_foreign" foreign key ("uscc") references "enterprise" ("uscc") on update cascade;`);

    // A register that existed before the history (a database from an earlier start): one open
    // period per business, from its registration date, so that the history always has the current class.
    this.addSql(`insert into "credit_risk_class_history" ("uscc", "class", "since", "until", "source_batch", "imported_at", "imported_by") select "uscc", "credit_risk_class", "registered_on", null, 'migration-backfill', now(), 'migration' from "enterprise";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "credit_risk_class_history" cascade;`);
  }

}
