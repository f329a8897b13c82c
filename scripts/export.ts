/**
 * npm run export -- <kind> <out.csv|out.xlsx> [--headers zh|en]
 *
 * Writes the register (`register`) or the current credit-risk classes (`credit-classes`) from
 * market supervision's own database, in the import format: the file re-imports unchanged.
 * Streams: 5,000 rows at a time from one REPEATABLE READ snapshot.
 *
 * Exit codes: 0 written, 2 usage, 3 could not run.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { databaseName, openOrm } from '../shared/orm.js';
import { formatOf, stderrProgress, writeTableFile } from '../shared/exchange/index.js';
import { commandServer } from './database.js';

const USAGE = 'usage: npm run export -- <register|credit-classes> <out.csv|out.xlsx> [--headers zh|en]';
function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { headers: { type: 'string', default: 'zh' }, help: { type: 'boolean', short: 'h' } } });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind, out] = positionals;
if (kind !== 'register' && kind !== 'credit-classes') usage(kind ? `unknown kind "${kind}"` : 'name a kind and an output file');
if (!out) usage('name the output file');
if (!formatOf(out)) usage(`${out}: the file name must end in .csv or .xlsx`);
if (values.headers !== 'zh' && values.headers !== 'en') usage('--headers is zh or en');
if (!fs.existsSync(path.dirname(path.resolve(out)))) usage(`no such directory: ${path.dirname(path.resolve(out))}`);

const { marketSupervisionDatabase: database } = await import('../subgraphs/market-supervision/database.js');
const { exportColumns, exportRows, withExportTx } = await import('../subgraphs/market-supervision/exchange.js');
let orm: MikroORM | undefined;
let server: Awaited<ReturnType<typeof commandServer>> | undefined;
try {
  server = await commandServer();
  process.env.YIYE_PG_URL = server.url;
  orm = await openOrm({
    subgraph: 'market-supervision',
    entities: database.entities,
    migrations: database.migrations,
    migrationsPath: database.migrationsPath,
    logger: (m) => console.error(m),
  });
  console.error(`database ${databaseName('market-supervision')} on ${server.describe}`);
  const rows = await withExportTx(orm.em.fork() as never, ({ sql }) =>
    writeTableFile(out, exportColumns(kind), exportRows(sql, kind), { headers: values.headers as 'zh' | 'en', sheetName: kind, onProgress: stderrProgress() }),
  );
  console.log(`${out}: ${rows.toLocaleString('en-US')} rows`);
} catch (e) {
  console.error(`export failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 3;
} finally {
  await orm?.close();
  await server?.stop();
}
