/**
 * npm run verify-trail
 * Checks the hash-chained trail (全程留痕, shared/platform/trail.ts) in every subgraph's own database:
 * prints per subgraph OK (with the number of entries) or the first broken entry and why.
 * Exit code 1 when any chain is broken, 2 when a database cannot be read.
 *
 * Finds the PostgreSQL server as npm run import / export do (scripts/database.ts); the database
 * is `<YIYE_DB_PREFIX or yiye>_<subgraph>`.
 */
import 'reflect-metadata';
import pg from 'pg';
import { commandServer } from './database.js';
import { databaseName, urlForDatabase } from '../shared/platform/orm.js';
import { verifyTrailWith } from '../shared/platform/trail.js';
import { CATALOG } from '../subgraphs/catalog.js';

const server = await commandServer();
let broken = 0;
let failed = 0;
try {
  console.error(`PostgreSQL: ${server.describe}`);
  for (const { name } of CATALOG) {
    const database = databaseName(name);
    const client = new pg.Client({ connectionString: urlForDatabase(server.url, database) });
    try {
      await client.connect();
      const check = await verifyTrailWith(async (text, params) => (await client.query(text, params)).rows);
      if (check.ok) console.log(`${name}: OK (${check.entries} entries)`);
      else {
        broken++;
        console.log(`${name}: BROKEN at seq ${check.firstBrokenSeq}: ${check.reason} (${check.entries} entries verified before it)`);
      }
    } catch (e) {
      failed++;
      console.log(`${name}: cannot read the trail of database ${database}: ${(e as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
} finally {
  await server.stop();
}
process.exit(broken ? 1 : failed ? 2 : 0);
