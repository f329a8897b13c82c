import { Migration } from '@mikro-orm/migrations';
import { CHANGE_CAPTURE_SQL } from '../../platform/trail.js';

export class Migration20261126235400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "trail" add column "layout" varchar(20) not null default 'yiye-trail-v1', add column "before_digest" varchar(64) null, add column "after_digest" varchar(64) null;`);

    // Before/after digests of the trail: every table's changed rows, captured by the database.
    for (const sql of CHANGE_CAPTURE_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "trail" drop column "layout", drop column "before_digest", drop column "after_digest";`);
  }

}
