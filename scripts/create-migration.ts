/**
 * npm run migration:create -- <subgraph>
 * Diffs the subgraph's entities against its migrated schema on a throw-away embedded PostgreSQL,
 * writes the new migration next to the others and regenerates migrations/index.ts.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { definitionFile } from '../subgraphs/catalog.js';
import { startPostgres, tempDataDir } from './postgres.js';
import { openOrm } from '../shared/platform/orm.js';
import type { SubgraphDefinition } from '../shared/platform/subgraph.js';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run migration:create -- <subgraph>');
  process.exit(2);
}
const mod = await import(definitionFile(name));
const def = Object.values(mod).find((v) => (v as SubgraphDefinition).name === name) as SubgraphDefinition;
if (!def?.database) throw new Error(`${name} has no database`);

delete process.env.DATABASE_URL;
const pg = await startPostgres({ dataDir: tempDataDir('migration'), ephemeral: true });
process.env.YIYE_PG_URL = pg.url;
try {
  const orm = await openOrm({ subgraph: name, ...def.database });
  const result = await orm.getMigrator().createMigration(def.database.migrationsPath, false, def.database.migrations.length === 0);
  await orm.close();
  if (!result.fileName) console.log('entities and migrations agree: nothing to create');
  else console.log(`created ${path.join(def.database.migrationsPath, result.fileName)}`);
  const dir = def.database.migrationsPath;
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
  fs.writeFileSync(path.join(dir, 'index.ts'), index);
} finally {
  await pg.stop();
}
