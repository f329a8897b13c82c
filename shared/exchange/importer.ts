import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ColumnSpec, Reason } from './columns.js';
import { reason as makeReason, todayInChina } from './columns.js';
import { FileProblem, mapHeader, readTable, sniffFormat, type FileFormat, type ImportSource, type Values } from './read.js';
import { ProgressMeter, type ProgressCallback } from './progress.js';
import { KeyIndex } from './key-index.js';
import * as clock from '../platform/clock.js';
import type { CopyIn } from '../platform/pg-copy.js';

/**
 * The import engine: a kind of file is a `defineImport({ kind, columns, validateRow, toRow, keyOf,
 * checkBatch, apply })`; `runImport` reads the file twice, streaming, inside ONE transaction:
 *
 *   pass 1  validate every cell and row, duplicates in the file (compact state: one Map of keys),
 *           checks against the database in batches (`checkBatch`); collect the error report.
 *           Any error → nothing is applied.
 *   pass 2  read again, `apply` batches of `batchSize` rows; the file's SHA-256 must be the same
 *           as in pass 1, or the transaction is rolled back.
 *
 * The engine itself touches no database: `apply` and `checkBatch` get the transaction from the
 * caller. Department subgraphs pass `{ em, sql }` (MikroORM and the same connection's pg client).
 */

/** One bad cell (or row, or header) of a file, in the error report. */
export interface RowError {
  /** 1-based row as Excel shows it (the header is row 1); 0 for the whole file. */
  row: number;
  /** Column key (`uscc`), or the header text for an unknown column; '' for the whole row or file. */
  column: string;
  value: string;
  reasonZh: string;
  reasonEn: string;
}

export interface CellProblem {
  column: string;
  reason: Reason;
  /** Defaults to the cell's value. */
  value?: string;
}

/** The part of a pg client the importers use (pg.Client and pg.PoolClient have it). */
export interface SqlClient {
  query<R = any>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** What `apply` and `checkBatch` of a department importer receive: one transaction, two handles. */
export interface ImportTx {
  em: EntityManager;
  /** The same connection as `em`'s transaction: raw, parameterised SQL for bulk work. */
  sql: SqlClient;
  /** `COPY … FROM STDIN` on the same connection (for `stage`). */
  copyIn: (statement: string) => Promise<CopyIn>;
}

/**
 * Writing while reading (instead of `apply` after a second read): the file's SHA-256 is taken
 * first (a read without parsing), then the one parsing pass hands every valid row to `write`,
 * which writes as it goes (for the register: chunks COPYed into a staging table and merged by a
 * few set-based statements, on PostgreSQL's core while this one goes on parsing). A file with any
 * error is `discard`ed: everything written is undone, in the same transaction.
 */
export interface Stager<Row> {
  /** Takes one valid row; a promise asks the reader to wait (backpressure). */
  write(row: ParsedRow<Row>): Promise<void> | undefined;
  /** After the last row of a valid file: writes what is left; the counts. */
  finish(): Promise<ApplyCounts>;
  /** The file has errors: undo what was written (the transaction goes on, and commits nothing). */
  discard(): Promise<void>;
  /** Reading failed (not the file's fault): stop; the transaction is rolled back. */
  abort(): Promise<void>;
}

export interface ImportContext {
  kind: string;
  fileName: string;
  /** SHA-256 of the file (hex). */
  sha256: string;
  /** `<file name>@sha256:<hex>`: written on every history row the import creates. */
  sourceBatch: string;
  importedBy: string;
  importedAt: Date;
  /** YYYY-MM-DD in China (UTC+8) when the import started. */
  today: string;
  dryRun: boolean;
  /** Kind-specific options (e.g. `effectiveDate`), from the command line or the mutation. */
  options: Record<string, string | undefined>;
}

export interface ApplyCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ParsedRow<Row> {
  rowNumber: number;
  values: Values;
  row: Row;
}

export interface ImportDefinition<Row, Tx = ImportTx> {
  kind: string;
  titleZh: string;
  titleEn: string;
  columns: ColumnSpec[];
  /** Cross-column checks of a row whose cells are each valid. */
  validateRow?: (values: Values, ctx: Pick<ImportContext, 'today' | 'options'>) => CellProblem[];
  /** The typed row from valid, normalised values (absent optional cells are ''). */
  toRow: (values: Values, ctx: Pick<ImportContext, 'today' | 'options'>) => Row;
  /** The row's identity in the file: a repeat is an error naming both rows. */
  keyOf?: (row: Row) => string;
  /** Column reported for a repeated key (default: the first column). */
  keyColumn?: string;
  /** Checks against the database, in pass 1, `batchSize` valid rows at a time. */
  checkBatch?: (tx: Tx, rows: ParsedRow<Row>[], ctx: ImportContext) => Promise<(CellProblem & { row: number })[]>;
  /** Called once at the start of the transaction (e.g. to take an advisory lock). */
  prepare?: (tx: Tx, ctx: ImportContext) => Promise<void>;
  /** Writes one batch; must compare before writing so that a re-import writes nothing. Needed unless `stage` is given. */
  apply?: (tx: Tx, rows: Row[], ctx: ImportContext) => Promise<ApplyCounts>;
  /**
   * When given (and the import runs in a transaction), used instead of `checkBatch` and `apply`:
   * see `Stager`. `ctx.sha256` and `ctx.sourceBatch` are known when it is called.
   */
  stage?: (tx: Tx, ctx: ImportContext) => Promise<Stager<Row>>;
  /** Rows per `apply` and `checkBatch` call (default 5,000). */
  batchSize?: number;
}

export function defineImport<Row, Tx = ImportTx>(def: ImportDefinition<Row, Tx>): ImportDefinition<Row, Tx> {
  const keys = new Set<string>();
  for (const c of def.columns) {
    if (keys.has(c.key)) throw new Error(`${def.kind}: column ${c.key} is defined twice`);
    keys.add(c.key);
  }
  return def;
}

export interface ImportResult extends ApplyCounts {
  kind: string;
  fileName: string;
  format: FileFormat | 'unknown';
  encoding: string;
  sha256: string;
  sourceBatch: string;
  /** Data rows read (empty rows not counted). */
  rows: number;
  /** True when every row was valid (and, unless a dry run, written). */
  accepted: boolean;
  dryRun: boolean;
  /** The first `maxErrors` errors, in file order. */
  errors: RowError[];
  /** All errors, including those not kept. */
  errorCount: number;
  validateMs: number;
  writeMs: number;
}

export interface RunOptions<Tx> {
  /**
   * Runs `work` in one transaction (rolled back if it throws). Absent: validation only, without
   * database checks (`checkBatch` is skipped) — what the parse-level tests use.
   */
  transaction?: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  dryRun?: boolean;
  importedBy: string;
  options?: Record<string, string | undefined>;
  onProgress?: ProgressCallback;
  progressEvery?: number;
  /** Errors kept for the report (all are counted). Default 100,000. */
  maxErrors?: number;
  now?: Date;
}

class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run: rolled back');
  }
}

class FileChanged extends Error {}

const toError = (row: number, p: CellProblem, value: string): RowError => ({
  row,
  column: p.column,
  value: p.value ?? value,
  reasonZh: p.reason.zh,
  reasonEn: p.reason.en,
});

/**
 * Reads the file once: header mapping, cell and row checks, duplicates; calls `onRow` for each
 * valid row. Shared by both passes (pass 2 runs it again without the duplicate map).
 */
async function scan<Row>(
  def: ImportDefinition<Row, any>,
  source: ImportSource,
  format: FileFormat,
  ctx: Pick<ImportContext, 'today' | 'options'>,
  report: (e: RowError) => void,
  onRow: (r: ParsedRow<Row>) => Promise<void> | void | undefined,
  opts: { trackDuplicates: boolean; meter: ProgressMeter },
): Promise<{ rows: number; sha256: string; encoding: string }> {
  const table = readTable(source, format);
  const specs = new Map(def.columns.map((c) => [c.key, c]));
  const uniqueCols = def.columns.filter((c) => c.unique);
  // The only per-row state kept: each unique value and the row where it was first seen.
  const seen = new Map<string, KeyIndex>(uniqueCols.map((c) => [c.key, new KeyIndex()]));
  const seenKeys = new KeyIndex();
  const keyColumn = def.keyColumn ?? def.columns[0].key;
  const badColumns = new Set<string>();
  const titleRows: { rowNumber: number; problems: ReturnType<typeof mapHeader>['problems'] }[] = [];
  let keys: (string | undefined)[] | undefined;
  let headerWidth = 0;
  let rows = 0;
  try {
    for await (const raw of table.rows) {
      if (raw.cells.every((c) => c.trim() === '')) continue;
      if (!keys) {
        const mapped = mapHeader(raw.cells, def.columns);
        // Templates often have a title line (“馆陶县市场主体名录（2026年11月）”) above the header: a
        // leading row in which no cell is a column name is skipped, up to MAX_TITLE_ROWS of them.
        if (mapped.keys.every((k) => k === undefined) && titleRows.length < MAX_TITLE_ROWS) {
          titleRows.push({ rowNumber: raw.rowNumber, problems: mapped.problems });
          continue;
        }
        for (const p of mapped.problems) report(toError(raw.rowNumber, p, p.value));
        if (mapped.problems.length) {
          // A file whose columns are not understood is not read further: every row would be noise.
          return { rows, sha256: '', encoding: String(table.encoding() ?? '') };
        }
        keys = mapped.keys;
        headerWidth = raw.cells.length;
        continue;
      }
      rows++;
      opts.meter.tick();
      const values: Values = {};
      for (const c of def.columns) values[c.key] = '';
      let bad = false;
      badColumns.clear();
      for (let i = 0; i < raw.cells.length; i++) {
        const key = keys[i];
        const text = raw.cells[i].trim();
        if (key) values[key] = text;
        else if (text !== '' && i >= headerWidth) {
          report(toError(raw.rowNumber, { column: '', reason: makeReason(`第${i + 1}列有内容但没有列名`, `cell ${i + 1} has a value but no column header`) }, text));
          bad = true;
        }
      }
      for (const c of def.columns) {
        let v = values[c.key];
        if (v === '') {
          if (c.required) {
            report(toError(raw.rowNumber, { column: c.key, reason: makeReason(`必填项“${c.headerZh}”为空`, `the required value "${c.headerEn}" is empty`) }, ''));
            bad = true;
          }
          continue;
        }
        if (c.normalize) values[c.key] = v = c.normalize(v);
        const validators = c.validate === undefined ? [] : Array.isArray(c.validate) ? c.validate : [c.validate];
        for (const validate of validators) {
          const problem = validate(v);
          if (problem) {
            report(toError(raw.rowNumber, { column: c.key, reason: problem }, v));
            bad = true;
            badColumns.add(c.key);
            break;
          }
        }
      }
      if (!bad && def.validateRow) {
        for (const p of def.validateRow(values, ctx)) {
          report(toError(raw.rowNumber, p, values[p.column] ?? ''));
          bad = true;
        }
      }
      if (opts.trackDuplicates) {
        for (const c of uniqueCols) {
          const v = values[c.key];
          if (v === '' || badColumns.has(c.key)) continue; // an invalid value is reported once, as invalid
          const first = seen.get(c.key)!.firstRow(v, raw.rowNumber);
          if (first >= 0) {
            report(toError(raw.rowNumber, { column: c.key, reason: duplicate(specs.get(c.key)!, v, first, raw.rowNumber) }, v));
            bad = true;
          }
        }
      }
      if (bad) continue;
      const row = def.toRow(values, ctx);
      if (opts.trackDuplicates && def.keyOf) {
        const k = def.keyOf(row);
        const first = seenKeys.firstRow(k, raw.rowNumber);
        if (first >= 0) {
          report(toError(raw.rowNumber, { column: keyColumn, reason: duplicate(specs.get(keyColumn)!, k, first, raw.rowNumber) }, values[keyColumn] ?? k));
          continue;
        }
      }
      const pending = onRow({ rowNumber: raw.rowNumber, values, row });
      if (pending) await pending;
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    report({ row: e.row, column: '', value: '', reasonZh: e.reason.zh, reasonEn: e.reason.en });
    return { rows, sha256: '', encoding: String(table.encoding() ?? '') };
  }
  if (!keys && titleRows.length) {
    // No header anywhere: report the first row as the header it should have been.
    const first = titleRows[0];
    for (const p of first.problems) report(toError(first.rowNumber, p, p.value));
    return { rows, sha256: '', encoding: String(table.encoding() ?? '') };
  }
  if (!keys) {
    report({ row: 0, column: '', value: '', reasonZh: '文件为空：没有列名行', reasonEn: 'the file is empty: there is no header row' });
  }
  return { rows, sha256: table.sha256(), encoding: String(table.encoding() ?? '') };
}

/**
 * At most one batch in flight: the file is read and checked (here, one core) while PostgreSQL
 * works on the previous batch (its own process, the other core). Batches still run in order.
 */
class OneInFlight {
  private current: Promise<void> = Promise.resolve();

  async submit(task: () => Promise<void>): Promise<void> {
    await this.current; // the previous batch, rethrowing its failure
    const next = task();
    next.catch(() => {}); // observed by the next submit() or drain()
    this.current = next;
  }

  drain(): Promise<void> {
    return this.current;
  }
}

const MAX_TITLE_ROWS = 5;

/** SHA-256 (hex) of a source's bytes, read without parsing. */
async function sha256Of(source: ImportSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source.open()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function duplicate(spec: ColumnSpec, value: string, first: number, again: number): Reason {
  return makeReason(
    `${spec.headerZh}“${value}”在第${first}行和第${again}行重复出现`,
    `${spec.headerEn} "${value}" appears in both row ${first} and row ${again}`,
  );
}

/**
 * Validates and (unless there is any error) applies a file. Never throws for a bad file: the
 * result says why it was refused. Throws for what is not the file's fault (database down…).
 */
export async function runImport<Row, Tx>(def: ImportDefinition<Row, Tx>, source: ImportSource, opts: RunOptions<Tx>): Promise<ImportResult> {
  const now = opts.now ?? clock.now();
  const maxErrors = opts.maxErrors ?? 100_000;
  const batchSize = def.batchSize ?? 5_000;
  const errors: RowError[] = [];
  let errorCount = 0;
  const report = (e: RowError) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(e);
  };
  const result: ImportResult = {
    kind: def.kind,
    fileName: source.name,
    format: 'unknown',
    encoding: '',
    sha256: '',
    sourceBatch: '',
    rows: 0,
    accepted: false,
    dryRun: opts.dryRun ?? false,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errors,
    errorCount: 0,
    validateMs: 0,
    writeMs: 0,
  };
  const finish = () => {
    result.errorCount = errorCount;
    errors.sort((a, b) => a.row - b.row); // checkBatch problems arrive a batch late
    return result;
  };
  let format: FileFormat;
  try {
    format = await sniffFormat(source);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    report({ row: e.row, column: '', value: '', reasonZh: e.reason.zh, reasonEn: e.reason.en });
    return finish();
  }
  result.format = format;
  const ctx: ImportContext = {
    kind: def.kind,
    fileName: source.name,
    sha256: '',
    sourceBatch: '',
    importedBy: opts.importedBy,
    importedAt: now,
    today: todayInChina(now),
    dryRun: opts.dryRun ?? false,
    options: opts.options ?? {},
  };

  const work = async (tx: Tx | undefined) => {
    if (tx !== undefined && def.prepare) await def.prepare(tx, ctx);
    if (tx !== undefined && def.stage) return staged(tx, def.stage);
    // Pass 1: validate.
    const meter1 = new ProgressMeter('validate', opts.onProgress, opts.progressEvery);
    let pending: ParsedRow<Row>[] = [];
    const checks = new OneInFlight();
    const check = () => {
      const batch = pending;
      pending = [];
      if (tx === undefined || !def.checkBatch || batch.length === 0) return;
      return checks.submit(async () => {
        const byRow = new Map(batch.map((r) => [r.rowNumber, r]));
        for (const p of await def.checkBatch!(tx, batch, ctx)) report(toError(p.row, p, byRow.get(p.row)?.values[p.column] ?? ''));
      });
    };
    const pass1 = await scan(def, source, format, ctx, report, (r) => {
      if (!def.checkBatch || tx === undefined) return;
      pending.push(r);
      if (pending.length >= batchSize) return check();
    }, { trackDuplicates: true, meter: meter1 });
    await check();
    await checks.drain();
    meter1.finish();
    result.validateMs = Math.round(meter1.elapsedMs);
    result.rows = pass1.rows;
    result.encoding = pass1.encoding;
    result.sha256 = ctx.sha256 = pass1.sha256;
    result.sourceBatch = ctx.sourceBatch = pass1.sha256 ? `${source.name}@sha256:${pass1.sha256}` : '';
    if (errorCount > 0 || tx === undefined) {
      result.accepted = errorCount === 0;
      return;
    }
    // Pass 2: apply, batch by batch, in the same transaction.
    const meter2 = new ProgressMeter('write', opts.onProgress, opts.progressEvery);
    let batch: Row[] = [];
    const writes = new OneInFlight();
    const flush = () => {
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      return writes.submit(async () => {
        if (!def.apply) throw new Error(`${def.kind}: neither apply nor stage`);
        const counts = await def.apply(tx, rows, ctx);
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        result.unchanged += counts.unchanged;
        meter2.tick(rows.length);
      });
    };
    const pass2Errors: RowError[] = [];
    const pass2 = await scan(def, source, format, ctx, (e) => pass2Errors.push(e), (r) => {
      batch.push(r.row);
      if (batch.length >= batchSize) return flush();
    }, { trackDuplicates: false, meter: new ProgressMeter('write', undefined) });
    await flush();
    await writes.drain();
    meter2.finish();
    result.writeMs = Math.round(meter2.elapsedMs);
    if (pass2.sha256 !== pass1.sha256 || pass2Errors.length > 0 || pass2.rows !== pass1.rows) throw new FileChanged();
    result.accepted = true;
    if (opts.dryRun) throw new DryRunRollback(result);
  };

  /** One parsing pass that writes as it reads (see `Stager`). */
  const staged = async (tx: Tx, stage: NonNullable<ImportDefinition<Row, Tx>['stage']>) => {
    const meter1 = new ProgressMeter('validate', opts.onProgress, opts.progressEvery);
    result.sha256 = ctx.sha256 = await sha256Of(source);
    result.sourceBatch = ctx.sourceBatch = `${source.name}@sha256:${ctx.sha256}`;
    const stager = await stage(tx, ctx);
    let open = true;
    let pass1;
    try {
      pass1 = await scan(def, source, format, ctx, report, (r) => (errorCount === 0 ? stager.write(r) : undefined), { trackDuplicates: true, meter: meter1 });
      open = false;
    } finally {
      // Whatever went wrong, the connection must leave COPY before the transaction is rolled back.
      if (open) await stager.abort().catch(() => {});
    }
    result.rows = pass1.rows;
    result.encoding = pass1.encoding;
    if (errorCount > 0) {
      await stager.discard();
      meter1.finish();
      result.validateMs = Math.round(meter1.elapsedMs);
      return;
    }
    const meter2 = new ProgressMeter('write', opts.onProgress, opts.progressEvery);
    const counts = await stager.finish();
    if (pass1.sha256 !== ctx.sha256) throw new FileChanged();
    meter1.finish();
    result.validateMs = Math.round(meter1.elapsedMs - meter2.elapsedMs);
    Object.assign(result, counts);
    meter2.tick(result.rows);
    meter2.finish();
    result.writeMs = Math.round(meter2.elapsedMs);
    result.accepted = true;
    if (opts.dryRun) throw new DryRunRollback(result);
  };

  try {
    if (opts.transaction) await opts.transaction(work);
    else await work(undefined);
  } catch (e) {
    if (e instanceof DryRunRollback) return finish();
    if (e instanceof FileChanged) {
      result.accepted = false;
      result.inserted = result.updated = result.unchanged = 0;
      report({
        row: 0,
        column: '',
        value: '',
        reasonZh: '导入过程中文件被修改（两次读取内容不一致），已全部撤销，请重新导入',
        reasonEn: 'the file changed while it was being imported (the two reads differ); nothing was written, please import it again',
      });
      return finish();
    }
    throw e;
  }
  return finish();
}

/** Validation only, no database: for the parse-level tests. */
export function validateFile<Row, Tx>(def: ImportDefinition<Row, Tx>, source: ImportSource, opts: Omit<RunOptions<never>, 'transaction' | 'dryRun'> = { importedBy: 'validate' }) {
  return runImport<Row, Tx>(def, source, { ...opts, dryRun: true });
}
