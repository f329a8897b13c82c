import { Migration } from '@mikro-orm/migrations';

/** The plan optimizer's proposals (subgraphs/joint-inspection/optimizer/). */
export class Migration20261202180000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "joint_plan_proposal" ("id" varchar(40) not null, "period" varchar(7) not null, "region_code" varchar(12) null, "status" varchar(16) not null, "inputs" jsonb not null, "answer" jsonb not null, "accepted_plan_ids" jsonb not null, "version" int not null, "created_by" varchar(120) not null, "created_at" timestamptz not null, "accepted_by" varchar(120) null, "accepted_at" timestamptz null, constraint "joint_plan_proposal_pkey" primary key ("id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "joint_plan_proposal" cascade;`);
  }

}
