import { Migration } from '@mikro-orm/migrations';

/** 检查评价: one rating per inspection code (subgraphs/joint-inspection/visits/ratings.ts). */
export class Migration20261201050000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "visit_rating" ("id" varchar(36) not null, "code_id" varchar(36) not null, "task_id" varchar(40) not null, "uscc" varchar(18) not null, "score" smallint not null, "comment" varchar(200) null, "rated_at" timestamptz not null, constraint "visit_rating_pkey" primary key ("id"));`);
    this.addSql(`alter table "visit_rating" add constraint "visit_rating_code_id_unique" unique ("code_id");`);
    this.addSql(`alter table "visit_rating" add constraint "visit_rating_score_check" check ("score" between 1 and 5);`);
    this.addSql(`create index "visit_rating_task_id_index" on "visit_rating" ("task_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "visit_rating" cascade;`);
  }

}
