import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseName, dropDatabase, openOrm, urlForDatabase } from '../../shared/platform/orm.js';
import { databaseFile } from '../../subgraphs/catalog.js';
import { migrations as commonMigrations } from '../../shared/department/migrations/index.js';
import { dumpSchema, type SchemaDump } from '../support/schema-dump.js';

/**
 * The common migrations (shared/department/migrations/) once lived in each department's folder under
 * other names. A database migrated that way must open without running them again (they would fail:
 * their tables exist) and keep its schema; a fresh one runs the common set, then its own.
 */
const prefix = `${inject('dbPrefix')}_adopt`;
const FIXTURE = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../fixtures/department-schemas.json', import.meta.url)), 'utf8')) as Record<string, SchemaDump>;
const COMMON = commonMigrations.map((m) => m.name);

/** Every migration each department had run before the common set moved (their old migrations/index.ts). */
const OLD_NAMES: Record<string, string[]> = {
  'market-supervision': ['154344', '154442', '162218', '165708', '171056', '233432', '233508', '235423'].map((t) => `Migration20261126${t}`),
  'fire-rescue': ['154352', '162223', '165714', '171048', '233417', '233520', '235434'].map((t) => `Migration20261126${t}`),
};
/** What each folder keeps: its own migrations, under their old names. */
const OWN: Record<string, string[]> = {
  'market-supervision': ['Migration20261126154344', 'Migration20261126154442', 'Migration20261126233508'],
  'fire-rescue': ['Migration20261126154352'],
};

async function open(name: string) {
  const { database } = await import(databaseFile(name));
  const saved = { url: process.env.YIYE_PG_URL, prefix: process.env.YIYE_DB_PREFIX };
  process.env.YIYE_PG_URL = inject('pgUrl');
  process.env.YIYE_DB_PREFIX = prefix;
  const messages: string[] = [];
  try {
    const orm = await openOrm({ subgraph: name, ...database, logger: (m: string) => messages.push(m) });
    await orm.close();
  } finally {
    if (saved.url === undefined) delete process.env.YIYE_PG_URL;
    else process.env.YIYE_PG_URL = saved.url;
    if (saved.prefix === undefined) delete process.env.YIYE_DB_PREFIX;
    else process.env.YIYE_DB_PREFIX = saved.prefix;
  }
  return messages;
}

async function query<T extends pg.QueryResultRow>(name: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlForDatabase(inject('pgUrl'), databaseName(name, prefix)) });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const executed = async (name: string) => (await query<{ name: string }>(name, 'select name from mikro_orm_migrations order by id')).map((r) => r.name);
const schemaOf = (name: string) => dumpSchema(urlForDatabase(inject('pgUrl'), databaseName(name, prefix)));

afterAll(async () => {
  for (const name of Object.keys(OLD_NAMES)) await dropDatabase(inject('pgUrl'), databaseName(name, prefix));
});

describe('the common migrations of the departments', () => {
  for (const name of Object.keys(OLD_NAMES)) {
    it(`${name}: a fresh database runs the common set, then its own, and has the recorded schema`, async () => {
      await dropDatabase(inject('pgUrl'), databaseName(name, prefix));
      const messages = await open(name);
      expect(messages.filter((m) => m.includes('adopted'))).toEqual([]);
      expect(await executed(name)).toEqual([...COMMON, ...OWN[name]]);
      expect(await schemaOf(name)).toEqual(FIXTURE[name]);
    });

    it(`${name}: a database migrated the old way adopts the common set without running it, and keeps its schema`, async () => {
      // The same schema (the fixture proves the old migrations built it) with the old bookkeeping.
      await query(name, 'delete from mikro_orm_migrations');
      await query(name, `insert into mikro_orm_migrations (name, executed_at) select unnest($1::text[]), timestamptz '2026-11-27 08:00:00+08'`, [OLD_NAMES[name]]);

      const messages = await open(name);
      expect(messages.filter((m) => m.includes('adopted')).length).toBe(COMMON.length);
      const names = await executed(name);
      expect(names.slice(0, OLD_NAMES[name].length)).toEqual(OLD_NAMES[name]);
      expect([...names.slice(OLD_NAMES[name].length)].sort()).toEqual([...COMMON].sort());
      const stamps = await query<{ at: string }>(name, `select distinct executed_at::text as at from mikro_orm_migrations`);
      expect(stamps.map((s) => s.at)).toEqual(['2026-11-27 00:00:00+00']);
      expect(await schemaOf(name)).toEqual(FIXTURE[name]);

      // Adopted once: the next start finds nothing to adopt and nothing to run.
      expect((await open(name)).filter((m) => m.includes('adopted'))).toEqual([]);
      expect((await executed(name)).length).toBe(OLD_NAMES[name].length + COMMON.length);
    });
  }
});
