import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { ColumnSpec } from './columns.js';
import type { FileFormat, Values } from './read.js';
import type { RowError } from './importer.js';
import { ProgressMeter, type ProgressCallback } from './progress.js';

/**
 * Writing exchange files, streaming: CSV (UTF-8 with a BOM, so that Excel shows Chinese right)
 * and XLSX (exceljs WorkbookWriter, inline strings, every cell text). The headers are the column
 * specs' Chinese (default) or English headers, which the importer accepts: an export re-imports
 * unchanged.
 */
export interface WriteOptions {
  headers?: 'zh' | 'en';
  sheetName?: string;
  onProgress?: ProgressCallback;
  progressEvery?: number;
}

export function formatOf(file: string): FileFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : undefined;
}

async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Writes rows to `out` (a stream, ended when done). Returns the number of data rows. */
export async function writeTable(
  out: Writable,
  format: FileFormat,
  columns: ColumnSpec[],
  rows: AsyncIterable<Values> | Iterable<Values>,
  opts: WriteOptions = {},
): Promise<number> {
  const header = columns.map((c) => (opts.headers === 'en' ? c.headerEn : c.headerZh));
  const meter = new ProgressMeter('export', opts.onProgress, opts.progressEvery);
  let n = 0;
  if (format === 'csv') {
    const csv = stringify({ bom: true, record_delimiter: '\n' });
    const piped = csv.pipe(out);
    const finished = once(piped, 'finish');
    await write(csv, header as unknown as string);
    for await (const row of rows) {
      await write(csv, columns.map((c) => row[c.key] ?? '') as unknown as string);
      n++;
      meter.tick();
    }
    csv.end();
    await finished;
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(opts.sheetName ?? 'data');
    sheet.addRow(header).commit();
    for await (const row of rows) {
      sheet.addRow(columns.map((c) => row[c.key] ?? '')).commit();
      n++;
      meter.tick();
      // WorkbookWriter has no backpressure of its own: let the zip stream catch up now and then.
      if (n % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
    sheet.commit();
    await workbook.commit();
  }
  meter.finish();
  return n;
}

/** Writes a file; the format comes from the extension (.csv or .xlsx). */
export async function writeTableFile(
  file: string,
  columns: ColumnSpec[],
  rows: AsyncIterable<Values> | Iterable<Values>,
  opts: WriteOptions = {},
): Promise<number> {
  const format = formatOf(file);
  if (!format) throw new Error(`${file}: the file name must end in .csv or .xlsx`);
  const out = fs.createWriteStream(file);
  const closed = once(out, 'close');
  const n = await writeTable(out, format, columns, rows, opts);
  await closed;
  return n;
}

/** Writes to memory (small exports returned by a mutation). */
export async function writeTableToBuffer(
  format: FileFormat,
  columns: ColumnSpec[],
  rows: AsyncIterable<Values> | Iterable<Values>,
  opts: WriteOptions = {},
): Promise<{ bytes: Buffer; rows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(out, 'end');
  const rowCount = await writeTable(out, format, columns, rows, opts);
  await ended;
  return { bytes: Buffer.concat(chunks), rows: rowCount };
}

// ─── the error report ──────────────────────────────────────────────────────────────────────────

export const ERROR_REPORT_COLUMNS: ColumnSpec[] = [
  { key: 'row', headerZh: '行号', headerEn: 'row' },
  { key: 'column', headerZh: '列', headerEn: 'column' },
  { key: 'header', headerZh: '列名', headerEn: 'header' },
  { key: 'value', headerZh: '值', headerEn: 'value' },
  { key: 'reasonZh', headerZh: '原因', headerEn: 'reason (zh)' },
  { key: 'reasonEn', headerZh: 'reason', headerEn: 'reason (en)' },
];

function* reportRows(errors: RowError[], columns: ColumnSpec[], total: number): Iterable<Values> {
  const header = new Map(columns.map((c) => [c.key, c.headerZh]));
  for (const e of errors) {
    yield { row: String(e.row), column: e.column, header: header.get(e.column) ?? '', value: e.value, reasonZh: e.reasonZh, reasonEn: e.reasonEn };
  }
  if (total > errors.length) {
    const more = total - errors.length;
    yield { row: '', column: '', header: '', value: '', reasonZh: `另有${more}处错误未列出`, reasonEn: `${more} more errors are not listed` };
  }
}

/**
 * Writes `<input>.errors.csv` and `<input>.errors.xlsx` next to the input file (for
 * `register.csv`: `register.errors.csv`, `register.errors.xlsx`). Returns both paths.
 */
export async function writeErrorReport(inputFile: string, errors: RowError[], columns: ColumnSpec[], total = errors.length): Promise<string[]> {
  const base = inputFile.replace(/\.(csv|xlsx|txt)$/i, '');
  const files = [`${base}.errors.csv`, `${base}.errors.xlsx`];
  for (const file of files) await writeTableFile(file, ERROR_REPORT_COLUMNS, reportRows(errors, columns, total), { sheetName: 'errors' });
  return files;
}
