/**
 * npm run import -- <kind> <file.csv|file.xlsx> [--department <code>] [--reason <why>] [--dry-run] [--effective-date YYYY-MM-DD] [--json]
 *
 * Imports a file into the owning subgraph's OWN database (never another department's), with the
 * same importer code as the GraphQL mutation: validation of every row first, then one
 * transaction; a file with any bad row writes nothing and gets an error report next to it
 * (`<file>.errors.csv` and `<file>.errors.xlsx`).
 *
 * Kinds: register, credit-classes (market-supervision); targets, inspectors (any department, with
 * --department and --reason). A target import of a department other than market supervision asks
 * the register through the register contract, and an inspector import asks every other department
 * whether a certificate number is theirs: both through the running federation (scripts/database.ts
 * `useRunningFederation`), never by SQL on another database.
 *
 * Exit codes: 0 imported (or a dry run found no error), 1 file refused (report written),
 * 2 usage (unknown kind, missing file, bad option), 3 could not run (database or federation unreachable…).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEPARTMENT_CODES } from '../shared/domain/departments.js';
import { databaseName } from '../shared/platform/orm.js';
import { fileSource, runImport, stderrProgress, validators, writeErrorReport, type ImportDefinition, type ImportResult } from '../shared/exchange/index.js';
import type { DepartmentDatabase } from '../shared/department/directory-exchange.js';
import { databaseFile } from '../subgraphs/catalog.js';
import { commandServer, useRunningFederation } from './database.js';

const KINDS = ['register', 'credit-classes', 'inspectors', 'targets'] as const;
type Kind = (typeof KINDS)[number];

const USAGE = `usage: npm run import -- <kind> <file.csv|file.xlsx> [--department <code>] [--reason <why>] [--dry-run] [--effective-date YYYY-MM-DD] [--by <who>] [--json]
  kinds: register, credit-classes (market-supervision); targets, inspectors (--department <code> --reason <why>)
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
      reason: { type: 'string' },
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
const reasonArg = values.reason?.trim();
if (values.reason !== undefined && isRegisterKind) usage('--reason applies to targets and inspectors (register files keep their source batch instead)');
if (!isRegisterKind && !reasonArg && !values['dry-run']) usage(`${kind}: name the reason for the change, e.g. --reason "2026年度名录更新" (recorded on every version written)`);
if (reasonArg && reasonArg.length > 500) usage('--reason has at most 500 characters');
// Directory versions record who changed them: the file, unless --by names someone.
const importedBy = values.by ?? (isRegisterKind ? `cli:${os.userInfo().username}` : `import:${path.basename(file)}`);
const progress = values.json ? undefined : stderrProgress();
let servicesFrom = '';

async function run(): Promise<ImportResult> {
  const subgraph = department!;
  // Only the owning department's own database, through its own entities and migrations.
  const { database } = (await import(databaseFile(subgraph))) as { database: DepartmentDatabase };
  const { withImportTx } = await import('../shared/department/import-tx.js');
  let definition: ImportDefinition<unknown>;
  if (isRegisterKind) {
    const { importDefinition } = await import('../subgraphs/market-supervision/exchange.js');
    definition = importDefinition(kind) as ImportDefinition<unknown>;
  } else {
    const { directoryImport } = await import('../shared/department/directory-exchange.js');
    servicesFrom = await useRunningFederation();
    definition = directoryImport(kind, { department: subgraph, entities: database.directory, identity: { subject: importedBy, department: subgraph, roles: [] } }) as ImportDefinition<unknown>;
  }
  const server = await commandServer();
  let orm: MikroORM | undefined;
  try {
    const { openOrm } = await import('../shared/platform/orm.js');
    process.env.YIYE_PG_URL = server.url;
    orm = await openOrm({
      subgraph,
      entities: database.entities,
      migrations: database.migrations,
      migrationsPath: database.migrationsPath,
    adoptMigrations: database.adoptMigrations,
      logger: (m) => console.error(m),
    });
    if (!values.json) {
      console.error(`database ${databaseName(subgraph)} on ${server.describe}`);
      if (servicesFrom) console.error(`asking other subgraphs through ${servicesFrom}`);
    }
    const em = orm.em.fork();
    return await runImport(definition, fileSource(file), {
      transaction: (work) => withImportTx(em as never, work),
      dryRun: values['dry-run'],
      importedBy,
      // A dry run writes nothing, so it needs no reason.
      options: { effectiveDate, reason: reasonArg || (values['dry-run'] ? '试导入 / dry run' : undefined) },
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
  const code = (e as { extensions?: { code?: string } }).extensions?.code;
  if (code) {
    // A refusal that is not the file's fault (another subgraph not answering, a concurrent change).
    console.error(`import failed (${code}): ${(e as Error).message}`);
    if (code === 'SERVICE_UNAVAILABLE') {
      console.error(`the command asks the running federation (${servicesFrom}); start it with npm start, or set YIYE_SUBGRAPH_URLS and YIYE_INTERNAL_SECRET`);
    }
  } else console.error(`import failed: ${(e as Error).stack ?? e}`);
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
    const verb = values['dry-run'] ? 'dry run, rolled back' : 'imported';
    console.log(`${what}: ${verb} — inserted ${n(result.inserted)}, updated ${n(result.updated)}, unchanged ${n(result.unchanged)}`);
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
