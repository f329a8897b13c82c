/**
 * npm run export -- <kind> <out.csv|out.xlsx> [--department <code>] [--headers zh|en]
 *
 * Writes a file in the import format from the owning subgraph's own database: the file
 * re-imports unchanged. Kinds: `register` and `credit-classes` (market supervision's register and
 * current credit-risk classes); `targets` and `inspectors` (the current target or inspector
 * directory of --department). Streams: 5,000 rows at a time from one REPEATABLE READ snapshot.
 *
 * Exit codes: 0 written, 2 usage, 3 could not run.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEPARTMENT_CODES } from '../shared/domain/departments.js';
import { databaseName, openOrm } from '../shared/platform/orm.js';
import { formatOf, stderrProgress, writeTableFile, type ColumnSpec, type ImportTx, type Values } from '../shared/exchange/index.js';
import type { DepartmentDatabase } from '../shared/department/directory-exchange.js';
import { databaseFile } from '../subgraphs/catalog.js';
import { commandServer } from './database.js';

const KINDS = ['register', 'credit-classes', 'targets', 'inspectors'] as const;
type Kind = (typeof KINDS)[number];
const USAGE = `usage: npm run export -- <kind> <out.csv|out.xlsx> [--department <code>] [--headers zh|en]
  kinds: register, credit-classes (market-supervision); targets, inspectors (--department <code>)
  departments: ${DEPARTMENT_CODES.join(', ')}`;
function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { department: { type: 'string' }, headers: { type: 'string', default: 'zh' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind, out] = positionals as [Kind, string];
if (!KINDS.includes(kind)) usage(kind ? `unknown kind "${kind}"` : 'name a kind and an output file');
if (!out) usage('name the output file');
if (positionals.length > 2) usage(`unexpected arguments: ${positionals.slice(2).join(' ')}`);
if (!formatOf(out)) usage(`${out}: the file name must end in .csv or .xlsx`);
if (values.headers !== 'zh' && values.headers !== 'en') usage('--headers is zh or en');
if (!fs.existsSync(path.dirname(path.resolve(out)))) usage(`no such directory: ${path.dirname(path.resolve(out))}`);
const isRegisterKind = kind === 'register' || kind === 'credit-classes';
const department = values.department ?? (isRegisterKind ? 'market-supervision' : undefined);
if (!department) usage(`${kind} needs --department`);
if (!DEPARTMENT_CODES.includes(department)) usage(`unknown department "${department}"`);
if (isRegisterKind && department !== 'market-supervision') usage(`${kind} belongs to market-supervision (the register); --department ${department} cannot export it`);

const { database } = (await import(databaseFile(department))) as { database: DepartmentDatabase };
const { withExportTx } = await import('../shared/department/import-tx.js');
let columns: ColumnSpec[];
let rowsOf: (tx: ImportTx) => AsyncIterable<Values>;
if (isRegisterKind) {
  const { exportColumns, exportRows } = await import('../subgraphs/market-supervision/exchange.js');
  columns = exportColumns(kind);
  rowsOf = (tx) => exportRows(tx.sql, kind);
} else {
  const { directoryColumns, directoryExportRows } = await import('../shared/department/directory-exchange.js');
  columns = directoryColumns(kind, department);
  rowsOf = (tx) => directoryExportRows(tx, kind, department, database.directory);
}
let orm: MikroORM | undefined;
let server: Awaited<ReturnType<typeof commandServer>> | undefined;
try {
  server = await commandServer();
  process.env.YIYE_PG_URL = server.url;
  orm = await openOrm({
    subgraph: department,
    entities: database.entities,
    migrations: database.migrations,
    migrationsPath: database.migrationsPath,
    adoptMigrations: database.adoptMigrations,
    logger: (m) => console.error(m),
  });
  console.error(`database ${databaseName(department)} on ${server.describe}`);
  const rows = await withExportTx(orm.em.fork() as never, (tx) =>
    writeTableFile(out, columns, rowsOf(tx), { headers: values.headers as 'zh' | 'en', sheetName: kind, onProgress: stderrProgress() }),
  );
  console.log(`${out}: ${rows.toLocaleString('en-US')} rows`);
} catch (e) {
  console.error(`export failed: ${(e as Error).stack ?? e}`);
  process.exitCode = 3;
} finally {
  await orm?.close();
  await server?.stop();
}
