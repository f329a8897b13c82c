import { Migration } from '@mikro-orm/migrations';

export class Migration20261126152011 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "inspector" ("certificate_number" varchar(32) not null, "name" varchar(64) not null, "brigade" varchar(64) null, "expertise" jsonb not null, "status" varchar(16) not null default 'active', constraint "inspector_pkey" primary key ("certificate_number"));`);

    this.addSql(`create table "supervised_target" ("uscc" varchar(18) not null, "supervised_since" date not null, "venue_category" varchar(32) not null, "key_fire_safety_unit" boolean not null default false, constraint "supervised_target_pkey" primary key ("uscc"));`);
  }

}
