/**
 * npm run import -- <kind> <file.csv|file.xlsx> [--department <code>] [--dry-run] [--effective-date YYYY-MM-DD] [--json]
 *
 * Imports a directory file into the owning subgraph's OWN database (never another department's),
 * with the same importer code as the GraphQL mutation: validation of every row first, then one
 * transaction; a file with any bad row writes nothing and gets an error report next to it
 * (`<file>.errors.csv` and `<file>.errors.xlsx`).
 *
 * Kinds: register, credit-classes (market-supervision); inspectors, targets (any department:
 * validation only, with --dry-run, until their importers are wired to the directories).
 *
 * Exit codes: 0 imported (or a dry run found no error), 1 file refused (report written),
 * 2 usage (unknown kind, missing file, bad option), 3 could not run (database unreachable…).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { DEPARTMENT_CODES } from '../shared/departments.js';
import { databaseName } from '../shared/orm.js';
import {
  fileSource,
  inspectorFileCheck,
  runImport,
  stderrProgress,
  targetFileCheck,
  validateFile,
  validators,
  writeErrorReport,
  type ImportResult,
} from '../shared/exchange/index.js';
import { commandServer } from './database.js';

const KINDS = ['register', 'credit-classes', 'inspectors', 'targets'] as const;
type Kind = (typeof KINDS)[number];

const USAGE = `usage: npm run import -- <kind> <file.csv|file.xlsx> [--department <code>] [--dry-run] [--effective-date YYYY-MM-DD] [--json]
  kinds: register, credit-classes (market-supervision); inspectors, targets (--dry-run only for now)
  departments: ${DEPARTMENT_CODES.join(', ')}`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      department: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'effective-date': { type: 'string' },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind, file] = positionals as [Kind, string];
if (!KINDS.includes(kind)) usage(kind ? `unknown kind "${kind}"` : 'name a kind and a file');
if (!file) usage('name the file to import');
if (positionals.length > 2) usage(`unexpected arguments: ${positionals.slice(2).join(' ')}`);
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) usage(`no such file: ${file}`);
const isRegisterKind = kind === 'register' || kind === 'credit-classes';
const department = values.department ?? (isRegisterKind ? 'market-supervision' : undefined);
if (!department) usage(`${kind} needs --department`);
if (!DEPARTMENT_CODES.includes(department)) usage(`unknown department "${department}"`);
if (isRegisterKind && department !== 'market-supervision') usage(`${kind} belongs to market-supervision (the register); --department ${department} cannot import it`);
let effectiveDate: string | undefined;
if (values['effective-date'] !== undefined) {
  effectiveDate = validators.normalizeDate(values['effective-date']);
  const problem = validators.date(effectiveDate) ?? validators.notAfter()(effectiveDate);
  if (problem) usage(`--effective-date: ${problem.en}`);
  if (kind !== 'credit-classes') usage('--effective-date applies to credit-classes only');
}
const importedBy = values.by ?? `cli:${os.userInfo().username}`;
const progress = values.json ? undefined : stderrProgress();

async function run(): Promise<ImportResult> {
  if (!isRegisterKind) {
    if (!values['dry-run']) {
      usage(`${kind} files can be validated (--dry-run) but not imported yet: their importer is wired to the ${department} directory after the directory changes are merged`);
    }
    const source = fileSource(file);
    return kind === 'inspectors'
      ? validateFile(inspectorFileCheck(department!), source, { importedBy, onProgress: progress })
      : validateFile(targetFileCheck(department!), source, { importedBy, onProgress: progress });
  }
  // Only market supervision's own database, through its own entities and migrations.
  const { marketSupervisionDatabase: database } = await import('../subgraphs/market-supervision/database.js');
  const { importDefinition, withImportTx } = await import('../subgraphs/market-supervision/exchange.js');
  const server = await commandServer();
  let orm: MikroORM | undefined;
  try {
    const { openOrm } = await import('../shared/orm.js');
    process.env.YIYE_PG_URL = server.url;
    orm = await openOrm({
      subgraph: 'market-supervision',
      entities: database.entities,
      migrations: database.migrations,
      migrationsPath: database.migrationsPath,
      logger: (m) => console.error(m),
    });
    if (!values.json) console.error(`database ${databaseName('market-supervision')} on ${server.describe}`);
    const em = orm.em.fork();
    return await runImport(importDefinition(kind), fileSource(file), {
      transaction: (work) => withImportTx(em as never, work),
      dryRun: values['dry-run'],
      importedBy,
      options: { effectiveDate },
      onProgress: progress,
      progressEvery: 10_000,
    });
  } finally {
    await orm?.close();
    await server.stop();
  }
}

let result: ImportResult;
try {
  result = await run();
} catch (e) {
  console.error(`import failed: ${(e as Error).stack ?? e}`);
  process.exit(3);
}

const { columnsOf } = await import('./exchange-kinds.js');
let reportFiles: string[] = [];
if (!result.accepted) reportFiles = await writeErrorReport(file, result.errors, columnsOf(kind, department!), result.errorCount);

if (values.json) {
  // Peak resident memory of this process (kernel's figure), for the benchmark and the curious.
  const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  console.log(JSON.stringify({ ...result, reportFiles, peakRssMb }, null, 2));
} else {
  const n = (x: number) => x.toLocaleString('en-US');
  const what = `${result.fileName} (${result.format}${result.encoding && result.encoding !== 'xlsx' ? `, ${result.encoding}` : ''}, ${n(result.rows)} rows, sha256 ${result.sha256.slice(0, 12)}…)`;
  if (result.accepted) {
    if (!isRegisterKind) console.log(`${what}: valid (checked only; nothing was imported)`);
    else {
      const verb = values['dry-run'] ? 'dry run, rolled back' : 'imported';
      console.log(`${what}: ${verb} — inserted ${n(result.inserted)}, updated ${n(result.updated)}, unchanged ${n(result.unchanged)}`);
    }
  } else {
    console.log(`${what}: REFUSED, nothing written — ${n(result.errorCount)} error(s):`);
    for (const e of result.errors.slice(0, 20)) {
      console.log(`  row ${e.row}${e.column ? `, ${e.column}` : ''}${e.value ? ` "${e.value}"` : ''}: ${e.reasonZh} / ${e.reasonEn}`);
    }
    if (result.errorCount > 20) console.log(`  … ${n(result.errorCount - 20)} more in the report`);
    console.log(`report: ${reportFiles.join(', ')}`);
  }
}
process.exit(result.accepted ? 0 : 1);
