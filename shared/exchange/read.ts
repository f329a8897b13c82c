import fs from 'node:fs';
import path from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { parse as parseCsv, CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DecodeStream, EncodingError, type TextEncoding } from './decode.js';
import { headersOf, normalizeHeader, reason, type ColumnSpec, type Reason } from './columns.js';

/**
 * Reading exchange files as a stream of rows, never the whole file in memory:
 * CSV (csv-parse over UTF-8 or GB18030 text) and XLSX (exceljs streaming reader, first worksheet).
 */

/** Where a file comes from: a path, or bytes received in a request. Opened once per pass. */
export interface ImportSource {
  /** File name shown in reports (no directories). */
  name: string;
  open(): Readable;
}

export function fileSource(file: string): ImportSource {
  return { name: path.basename(file), open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

export function bufferSource(name: string, bytes: Buffer): ImportSource {
  return { name: path.basename(name), open: () => Readable.from([bytes]) };
}

export type FileFormat = 'csv' | 'xlsx';

/** A problem that stops reading the file (wrong format, broken CSV quoting, bad encoding…). */
export class FileProblem extends Error {
  constructor(
    readonly row: number,
    readonly reason: Reason,
  ) {
    super(`${reason.zh} / ${reason.en}`);
  }
}

/** The format from the first bytes: a ZIP (XLSX) or text (CSV). Old binary .xls is refused. */
export async function sniffFormat(source: ImportSource): Promise<FileFormat> {
  const stream = source.open();
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      head = Buffer.concat([head, chunk as Buffer]);
      if (head.length >= 8) break;
    }
  } finally {
    stream.destroy();
  }
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new FileProblem(
      0,
      reason('不支持旧版Excel（.xls）文件，请在Excel中另存为 .xlsx 或 CSV（UTF-8）', 'old Excel (.xls) files are not supported; save as .xlsx or CSV (UTF-8) in Excel'),
    );
  }
  return 'csv';
}

export interface RawRow {
  /** 1-based, as Excel shows it: the header is row 1; for CSV one row per record. */
  rowNumber: number;
  cells: string[];
}

export interface TableReader {
  format: FileFormat;
  /** Known once the first non-ASCII byte was read (CSV), or 'xlsx'. */
  encoding: () => TextEncoding | 'xlsx' | undefined;
  /** SHA-256 (hex) of the file's bytes; complete after `rows` is exhausted. */
  sha256: () => string;
  rows: AsyncIterable<RawRow>;
}

/** Hashes the bytes that flow through, for `sourceBatch` and to notice a file changed between passes. */
function tap(stream: Readable, hash: Hash): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  stream.on('data', (chunk: Buffer) => hash.update(chunk));
  stream.on('error', (e) => out.destroy(e));
  return stream.pipe(out);
}

/** Cells of an XLSX row as strings: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return v.error;
    return String(value);
  }
  return String(value);
}

export function readTable(source: ImportSource, format: FileFormat): TableReader {
  const hash = createHash('sha256');
  let digest: string | undefined;
  const sha256 = () => (digest ??= hash.digest('hex'));
  if (format === 'xlsx') {
    return { format, encoding: () => 'xlsx', sha256, rows: xlsxRows(source, hash) };
  }
  const decoder = new DecodeStream();
  return { format, encoding: () => decoder.encoding, sha256, rows: csvRows(source, hash, decoder) };
}

async function* csvRows(source: ImportSource, hash: Hash, decoder: DecodeStream): AsyncGenerator<RawRow> {
  const input = tap(source.open(), hash);
  // Rows are numbered as Excel numbers them when it opens the CSV: one row per record (a quoted
  // cell with a line break stays in its row), empty lines included. No `info` objects: they cost
  // a third of the parsing time.
  const parser = parseCsv({ relax_column_count: true, skip_empty_lines: false, bom: true, trim: false });
  input.on('error', (e) => decoder.destroy(e));
  decoder.on('error', (e) => parser.destroy(e));
  input.pipe(decoder).pipe(parser);
  let lastLine = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield { rowNumber: ++lastLine, cells: record };
    }
  } catch (e) {
    if (e instanceof EncodingError) {
      throw new FileProblem(
        e.line,
        e.encoding === 'utf-8'
          ? reason(
              `文件编码错误：前面的内容是UTF-8，第${e.line}行（第${e.byteOffset}字节起）不是；请将整个文件另存为“CSV UTF-8”`,
              `the file starts as UTF-8 but line ${e.line} (from byte ${e.byteOffset}) is not valid UTF-8; save the whole file as "CSV UTF-8"`,
            )
          : reason('文件既不是UTF-8也不是GB18030/GBK编码，请另存为“CSV UTF-8”', 'the file is neither UTF-8 nor GB18030/GBK text; save it as "CSV UTF-8"'),
      );
    }
    if (e instanceof CsvError) {
      const { lines: line, records } = e as CsvError & { lines?: number; records?: number };
      const where = line ? `（文本第${line}行）` : '';
      // The parser may fail before the records it read have reached us: count from its own figure.
      throw new FileProblem(Math.max(lastLine, records ?? 0) + 1, reason(`CSV格式错误${where}：${e.message}`, `the CSV is malformed${line ? ` at text line ${line}` : ''}: ${e.message}`));
    }
    throw e;
  } finally {
    input.destroy();
  }
}

async function* xlsxRows(source: ImportSource, hash: Hash): AsyncGenerator<RawRow> {
  const input = tap(source.open(), hash);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to recognise date cells
    entries: 'ignore',
  });
  let sheets = 0;
  let complete = false;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        // Later worksheets are read through (not kept) so that the hash covers the whole file.
        if (sheets > 1) continue;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { rowNumber: row.number, cells };
      }
    }
    // The zip's central directory comes after the last entry: read it too, for the hash.
    await drain(input);
    complete = true;
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw new FileProblem(0, reason(`无法读取Excel文件：${(e as Error).message}`, `the Excel file cannot be read: ${(e as Error).message}`));
  } finally {
    // The caller stopped early (or reading failed): release the file.
    if (!complete) input.destroy();
  }
  if (sheets === 0) throw new FileProblem(0, reason('Excel文件中没有工作表', 'the Excel file has no worksheet'));
}

async function drain(stream: Readable): Promise<void> {
  try {
    for await (const _ of stream);
  } catch {
    /* destroyed: the hash is what was read */
  }
}

// ─── header → columns ──────────────────────────────────────────────────────────────────────────

export type Values = Record<string, string>;

export interface MappedHeader {
  /** Cell index → column key. */
  keys: (string | undefined)[];
  problems: { column: string; value: string; reason: Reason }[];
}

/** Matches the header row against the specs: unknown, repeated and missing required columns are problems. */
export function mapHeader(header: string[], columns: ColumnSpec[]): MappedHeader {
  const byHeader = new Map<string, ColumnSpec>();
  for (const c of columns) for (const h of headersOf(c)) byHeader.set(normalizeHeader(h), c);
  const keys: (string | undefined)[] = [];
  const problems: MappedHeader['problems'] = [];
  const seen = new Map<string, string>();
  header.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') {
      keys.push(undefined);
      return;
    }
    // "统一社会信用代码 (uscc)" and "统一社会信用代码 / USCC" name the column by their first part.
    const spec = byHeader.get(normalizeHeader(text)) ?? byHeader.get(normalizeHeader(text.split(/[(（/]/)[0]));
    if (!spec) {
      problems.push({
        column: text,
        value: text,
        reason: reason(
          `无法识别的列“${text}”，可用的列：${columns.map((c) => c.headerZh).join('、')}`,
          `unknown column "${text}"; the columns are: ${columns.map((c) => c.headerEn).join(', ')}`,
        ),
      });
      keys.push(undefined);
      return;
    }
    if (seen.has(spec.key)) {
      problems.push({
        column: spec.key,
        value: text,
        reason: reason(`列“${text}”与列“${seen.get(spec.key)}”重复`, `the column "${text}" repeats the column "${seen.get(spec.key)}"`),
      });
      keys.push(undefined);
      return;
    }
    seen.set(spec.key, text);
    keys.push(spec.key);
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.key)) {
      problems.push({
        column: c.key,
        value: '',
        reason: reason(`缺少必填列“${c.headerZh}”（${c.headerEn}）`, `the required column "${c.headerEn}" (${c.headerZh}) is missing`),
      });
    }
  }
  return { keys, problems };
}
