/**
 * npm run migration:create -- <subgraph> | common
 * Diffs the entities against the migrated schema on a throw-away embedded PostgreSQL, writes the
 * new migration next to the others and regenerates that folder's migrations/index.ts.
 *
 * `common`: the tables every department has (shared/department/migrations/, the common set every
 * department database runs first). `<department>`: that department's own tables, after the common
 * set; its folder keeps only its own migrations. `joint-inspection`: its own database.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDefinition } from '../subgraphs/catalog.js';
import { startPostgres, tempDataDir } from './postgres.js';
import { openOrm } from '../shared/platform/orm.js';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run migration:create -- <subgraph> | common');
  process.exit(2);
}

/** migrations/index.ts from the files present, so that a folder whose copied migrations were deleted still loads. */
function writeIndex(dir: string): void {
  const files = fs.readdirSync(dir).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort();
  const index = [
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...files.map((f, i) => `import { ${f.replace(/\.ts$/, '')} as M${i} } from './${f.replace(/\.ts$/, '.js')}';`),
    '',
    `/** Applied in this order on start. Add one with \`npm run migration:create -- ${name}\` (it rewrites this file). */`,
    'export const migrations: MigrationObject[] = [',
    ...files.map((f, i) => `  { name: '${f.replace(/\.ts$/, '')}', class: M${i} },`),
    '];',
    '',
  ].join('\n');
  const file = path.join(dir, 'index.ts');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== index) fs.writeFileSync(file, index);
}

const dir =
  name === 'common'
    ? fileURLToPath(new URL('../shared/department/migrations', import.meta.url))
    : fileURLToPath(new URL(`../subgraphs/${name}/migrations`, import.meta.url));
if (!fs.existsSync(dir)) throw new Error(`${name}: no folder ${dir}`);
writeIndex(dir);

const database =
  name === 'common'
    ? (await import('../shared/department/migrations/common.js')).commonDatabase
    : (await loadDefinition(name)).database;
if (!database) throw new Error(`${name} has no database`);

delete process.env.DATABASE_URL;
const pg = await startPostgres({ dataDir: tempDataDir('migration'), ephemeral: true });
process.env.YIYE_PG_URL = pg.url;
try {
  const orm = await openOrm({ subgraph: name === 'common' ? 'common-tables' : name, ...database });
  const result = await orm.getMigrator().createMigration(database.migrationsPath, false, database.migrations.length === 0);
  await orm.close();
  if (!result.fileName) console.log('entities and migrations agree: nothing to create');
  else console.log(`created ${path.join(database.migrationsPath, result.fileName)}`);
  writeIndex(database.migrationsPath);
} finally {
  await pg.stop();
}
