import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseName, dropDatabase, openOrm, urlForDatabase } from '../../shared/platform/orm.js';
import { CATALOG, databaseFile } from '../../subgraphs/catalog.js';
import { dumpSchema, type SchemaDump } from '../support/schema-dump.js';

/**
 * Every department's database, freshly built by its migrations, has exactly the schema recorded in
 * test/fixtures/department-schemas.json. The fixture was taken before the common tables' migrations
 * moved to shared/department/migrations/: it proves that the move changed no table, column, index,
 * constraint, trigger or function. A deliberate schema change rewrites it:
 * `UPDATE_SCHEMA_FIXTURE=1 npx vitest run test/unit/department-schemas.test.ts`, and the diff is reviewed.
 */
const FIXTURE = fileURLToPath(new URL('../fixtures/department-schemas.json', import.meta.url));
const DEPARTMENTS = CATALOG.filter((c) => c.department).map((c) => c.name);
const prefix = `${inject('dbPrefix')}_schemas`;
const dumps: Record<string, SchemaDump> = {};

async function freshSchema(name: string): Promise<SchemaDump> {
  const { database } = await import(databaseFile(name));
  const before = { url: process.env.YIYE_PG_URL, prefix: process.env.YIYE_DB_PREFIX };
  process.env.YIYE_PG_URL = inject('pgUrl');
  process.env.YIYE_DB_PREFIX = prefix;
  try {
    const orm = await openOrm({ subgraph: name, ...database, logger: () => {} });
    await orm.close();
  } finally {
    process.env.YIYE_PG_URL = before.url;
    process.env.YIYE_DB_PREFIX = before.prefix;
    if (before.url === undefined) delete process.env.YIYE_PG_URL;
    if (before.prefix === undefined) delete process.env.YIYE_DB_PREFIX;
  }
  return dumpSchema(urlForDatabase(inject('pgUrl'), databaseName(name, prefix)));
}

afterAll(async () => {
  for (const name of DEPARTMENTS) await dropDatabase(inject('pgUrl'), databaseName(name, prefix));
  if (process.env.UPDATE_SCHEMA_FIXTURE && Object.keys(dumps).length === DEPARTMENTS.length) {
    fs.writeFileSync(FIXTURE, `${JSON.stringify(dumps, null, 2)}\n`);
  }
});

describe('the departments’ database schemas', () => {
  for (const name of DEPARTMENTS) {
    it(`${name}: a database built by its migrations equals the fixture`, async () => {
      dumps[name] = await freshSchema(name);
      if (process.env.UPDATE_SCHEMA_FIXTURE) return;
      const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, SchemaDump>;
      expect(dumps[name]).toEqual(fixture[name]);
    });
  }
});
