import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDIT_CLASS_COLUMNS,
  REGISTER_COLUMNS,
  bufferSource,
  defineImport,
  fileSource,
  runImport,
  toCreditClassRow,
  toRegisterRow,
  validateFile,
  validators,
  writeErrorReport,
  writeTableFile,
  writeTableToBuffer,
  type ImportSource,
  type Progress,
  type CreditClassRow,
  type RegisterRow,
  type Values,
} from '../../shared/exchange/index.js';
import { stderrProgress } from '../../shared/exchange/progress.js';
import { KeyIndex } from '../../shared/exchange/key-index.js';
import { makeUscc, prng } from '../../shared/demo/county.js';

/** The exchange engine on real temp files: reading, validating, the two passes, reports, exports. No database. */

const SAMPLES = fileURLToPath(new URL('../../docs/samples/', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-exchange-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const tmp = (name: string) => path.join(dir, name);

/** The register kind without a database: `apply` records what it is given. */
function registerKind(applied: RegisterRow[][] = []) {
  return defineImport<RegisterRow, null>({
    kind: 'register',
    titleZh: '登记',
    titleEn: 'register',
    columns: REGISTER_COLUMNS,
    keyColumn: 'uscc',
    toRow: toRegisterRow,
    batchSize: 3,
    apply: async (_tx, rows) => {
      applied.push(rows);
      return { inserted: rows.length, updated: 0, unchanged: 0 };
    },
  });
}
/** A stand-in transaction: runs the work, and lets the dry-run rollback propagate like a real one. */
const fakeTransaction = <T>(work: (tx: null) => Promise<T>) => work(null);

const freshUsccs = (n: number, label = 'unit-exchange') => {
  const rand = prng(label);
  return Array.from({ length: n }, (_, i) => makeUscc(rand, i % 2 === 0));
};
const registerRow = (uscc: string, i = 0): Values => ({
  uscc,
  name: `馆陶县测试${i}号店`,
  industryCode: '8051',
  regionCode: '130433100',
  status: 'operating',
  creditRiskClass: 'B',
  registeredOn: '2020-05-06',
});
const csv = (lines: string[]) => lines.join('\n') + '\n';
const HEADER = '统一社会信用代码,名称,行业代码,区划代码,经营状态,信用风险分类,成立日期';

describe('reading CSV and XLSX', () => {
  it('reads UTF-8 with a BOM, without a BOM, and GB18030 (Excel on Chinese Windows) to the same rows', async () => {
    const [u1, u2] = freshUsccs(2);
    const text = csv([HEADER, `${u1},馆陶县福安宾馆,6129,130433100,存续,a,2020/3/5`, `${u2},馆陶县鑫源饭店,6210,130433101,歇业,C,2019-12-31`]);
    const files = {
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      plain: Buffer.from(text),
      gb18030: Buffer.from(new Uint8Array(await encodeGb18030(text))),
    };
    const results = [];
    for (const [name, bytes] of Object.entries(files)) {
      const applied: RegisterRow[][] = [];
      const r = await runImport(registerKind(applied), bufferSource(`${name}.csv`, bytes), { importedBy: 't', transaction: fakeTransaction });
      expect(r.errors).toEqual([]);
      results.push({ encoding: r.encoding, rows: applied.flat() });
    }
    expect(results.map((r) => r.encoding)).toEqual(['utf-8', 'utf-8', 'gb18030']);
    const expected = [
      { uscc: u1, name: '馆陶县福安宾馆', industryCode: '6129', regionCode: '130433100', status: 'operating', creditRiskClass: 'A', registeredOn: '2020-03-05' },
      { uscc: u2, name: '馆陶县鑫源饭店', industryCode: '6210', regionCode: '130433101', status: 'suspended', creditRiskClass: 'C', registeredOn: '2019-12-31' },
    ];
    for (const r of results) expect(r.rows).toEqual(expected);
  });

  it('reads an XLSX written by Excel (date cells, numbers, rich text) like the CSV with the same content', async () => {
    const [u1] = freshUsccs(1, 'xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow(['统一社会信用代码', 'name', 'industry_code', 'Region Code', 'status', '信用风险分类*', '成立日期']);
    ws.addRow([u1, { richText: [{ text: '馆陶县' }, { text: '福安宾馆' }] }, 6129, 130433100, 'operating', 'B', new Date(Date.UTC(2021, 6, 9))]);
    ws.getCell('G2').numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('notes').addRow(['ignored: only the first worksheet is read']);
    await wb.xlsx.writeFile(tmp('excel.xlsx'));
    const applied: RegisterRow[][] = [];
    const r = await runImport(registerKind(applied), fileSource(tmp('excel.xlsx')), { importedBy: 't', transaction: fakeTransaction });
    expect(r).toMatchObject({ format: 'xlsx', encoding: 'xlsx', accepted: true, rows: 1 });
    expect(applied.flat()).toEqual([
      { uscc: u1, name: '馆陶县福安宾馆', industryCode: '6129', regionCode: '130433100', status: 'operating', creditRiskClass: 'B', registeredOn: '2021-07-09' },
    ]);
    // The SHA-256 covers every byte of the file (the report's source batch names the exact file).
    const { createHash } = await import('node:crypto');
    expect(r.sha256).toBe(createHash('sha256').update(fs.readFileSync(tmp('excel.xlsx'))).digest('hex'));
  });

  it('numbers rows as Excel does: header row 1, empty lines counted but not read, a multi-line cell in its row', async () => {
    const [u1, u2] = freshUsccs(2, 'rows');
    const text = csv([HEADER, `${u1},"馆陶县""福安""\n宾馆",6129,130433100,operating,A,2020-01-01`, '', ',,,,,,', `${u2},x,9999,130433100,operating,A,2020-01-01`]);
    const r = await validateFile(registerKind(), bufferSource('rows.csv', Buffer.from(text)));
    expect(r.rows).toBe(2);
    expect(r.errors).toEqual([expect.objectContaining({ row: 5, column: 'industryCode', value: '9999' })]);
  });
});

describe('validation: every bad cell, with both reasons; any error and nothing is applied', () => {
  it('register-bad.csv (one bad row per kind of error) gives exactly this report', async () => {
    const applied: RegisterRow[][] = [];
    const r = await runImport(registerKind(applied), fileSource(path.join(SAMPLES, 'register-bad.csv')), { importedBy: 't', transaction: fakeTransaction });
    expect(applied).toEqual([]);
    expect(r.accepted).toBe(false);
    expect(r.rows).toBe(13);
    expect(r.errorCount).toBe(11);
    const today = validators.todayInChina();
    expect(r.errors.map((e) => [e.row, e.column, e.value, e.reasonEn])).toEqual([
      [4, 'uscc', '9113043307D5MHK930', 'the check character of "9113043307D5MHK930" is wrong: expected "W", found "0"; please check for a typing error'],
      [5, 'uscc', '92130433F4U8FGLY', 'a USCC has 18 characters, "92130433F4U8FGLY" has 16'],
      [6, 'uscc', '91130433KYO7GTMKAE', 'character 11 "O" is not allowed in a USCC (no I, O, Z, S, V or lower case)'],
      [7, 'industryCode', '1234', '"1234" is not a known GB/T 4754-2017 industry code (four digits, e.g. 6129)'],
      [8, 'regionCode', '110101001', '"110101001" is not a township code of this county; use one of 130433100, 130433101, 130433102, 130433103, 130433200, 130433201, 130433202, 130433203'],
      [9, 'status', 'closed', 'status "closed" is not valid; use one of operating, suspended, deregistered'],
      [10, 'creditRiskClass', 'E', 'the credit-risk class must be A, B, C or D, found "E"'],
      [11, 'registeredOn', '2026-02-30', '"2026-02-30" is not a valid date; use YYYY-MM-DD (e.g. 2026-03-01)'],
      [12, 'registeredOn', '2099-01-01', `the date 2099-01-01 is in the future (today is ${today})`],
      [13, 'name', '', 'the required value "name" is empty'],
      [14, 'uscc', '92130433TG9QU2R1K9', 'uscc "92130433TG9QU2R1K9" appears in both row 2 and row 14'],
    ]);
    expect(r.errors[0].reasonZh).toBe('统一社会信用代码“9113043307D5MHK930”校验位错误：应为“W”，实为“0”，请核对是否录入有误');
    expect(r.errors[10].reasonZh).toBe('统一社会信用代码“92130433TG9QU2R1K9”在第2行和第14行重复出现');
  });

  it('headers: English, aliases, "*" and "(english)" forms are understood; unknown, repeated and missing columns stop the file at row 1', async () => {
    const [u1] = freshUsccs(1, 'headers');
    const ok = csv(['USCC, Name ,industry_code,区划代码 (regionCode),Status,信用风险分类*,registrationDate', `${u1},店,8051,130433100,operating,B,2020-01-01`]);
    expect((await validateFile(registerKind(), bufferSource('ok.csv', Buffer.from(ok)))).errors).toEqual([]);

    const bad = csv(['统一社会信用代码,名称,名称,行业代码,区划代码,经营状态,成立日期,备注', `${u1},店,店,8051,130433100,operating,2020-01-01,x`]);
    const r = await validateFile(registerKind(), bufferSource('bad.csv', Buffer.from(bad)));
    expect(r.rows).toBe(0); // the data rows are not read when the columns are not understood
    expect(r.errors.map((e) => [e.row, e.column, e.reasonEn])).toEqual([
      [1, 'name', 'the column "名称" repeats the column "名称"'],
      [1, '备注', 'unknown column "备注"; the columns are: uscc, name, industryCode, regionCode, status, creditRiskClass, registeredOn'],
      [1, 'creditRiskClass', 'the required column "creditRiskClass" (信用风险分类) is missing'],
    ]);
  });

  it('a title line above the header (as templates have) is skipped; a file with no header at all is reported at its first row', async () => {
    const [u1] = freshUsccs(1, 'title');
    const titled = csv(['馆陶县市场主体名录（2026年11月）,,,,,,', '', HEADER, `${u1},店,8051,130433100,operating,B,2020-01-01`]);
    const r = await validateFile(registerKind(), bufferSource('t.csv', Buffer.from(titled)));
    expect(r).toMatchObject({ accepted: true, rows: 1, errors: [] });
    const headless = csv([`${u1},店,8051,130433100,operating,B,2020-01-01`]);
    const bad = await validateFile(registerKind(), bufferSource('h.csv', Buffer.from(headless)));
    expect(bad.accepted).toBe(false);
    expect(bad.errors[0]).toMatchObject({ row: 1, column: u1 });
    expect(bad.errors.at(-1)).toMatchObject({ row: 1, column: 'registeredOn', reasonEn: 'the required column "registeredOn" (成立日期) is missing' });
  });

  it('a value in a cell without a header is an error of its row', async () => {
    const [u1] = freshUsccs(1, 'extra');
    const text = csv([HEADER, `${u1},店,8051,130433100,operating,B,2020-01-01,surprise`]);
    const r = await validateFile(registerKind(), bufferSource('x.csv', Buffer.from(text)));
    expect(r.errors).toEqual([{ row: 2, column: '', value: 'surprise', reasonZh: '第8列有内容但没有列名', reasonEn: 'cell 8 has a value but no column header' }]);
  });

  it('refuses whole files it cannot read: old .xls, empty, broken quoting, mixed encodings', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    const cases: [string, Buffer, number, RegExp][] = [
      ['old.xls', xls, 0, /old Excel \(\.xls\) files are not supported/],
      ['empty.csv', Buffer.from('\n\n'), 0, /the file is empty/],
      ['quote.csv', Buffer.from(csv([HEADER, '"91130433,unclosed'])), 2, /the CSV is malformed/],
      ['mixed.csv', Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0xb5, 0xea, 0x0a])]), 2, /not valid UTF-8/],
    ];
    for (const [name, bytes, row, reason] of cases) {
      const r = await validateFile(registerKind(), bufferSource(name, bytes));
      expect(r.accepted, name).toBe(false);
      expect(r.errors, name).toHaveLength(1);
      expect(r.errors[0].row, name).toBe(row);
      expect(r.errors[0].reasonEn, name).toMatch(reason);
    }
  });

  it('counts every error but keeps the first maxErrors', async () => {
    const lines = [HEADER, ...Array.from({ length: 50 }, (_, i) => `bad${i},店,8051,130433100,operating,B,2020-01-01`)];
    const r = await validateFile(registerKind(), bufferSource('many.csv', Buffer.from(csv(lines))), { importedBy: 't', maxErrors: 10 });
    expect(r.errorCount).toBe(50);
    expect(r.errors).toHaveLength(10);
  });

  it('credit-class files: optional effective date, from the option or today when empty', async () => {
    const [u1, u2] = freshUsccs(2, 'credit');
    const def = defineImport<CreditClassRow, null>({ kind: 'credit-classes', titleZh: '', titleEn: '', columns: CREDIT_CLASS_COLUMNS, toRow: toCreditClassRow, apply: async () => ({ inserted: 0, updated: 0, unchanged: 0 }) });
    const seen: unknown[] = [];
    const text = csv(['uscc,class', `${u1},d`, `${u2},A`]);
    await runImport({ ...def, apply: async (_tx, rows) => (seen.push(...rows), { inserted: 0, updated: rows.length, unchanged: 0 }) }, bufferSource('c.csv', Buffer.from(text)), {
      importedBy: 't',
      transaction: fakeTransaction,
      options: { effectiveDate: '2026-10-01' },
    });
    expect(seen).toEqual([
      { uscc: u1, creditRiskClass: 'D', effectiveDate: '2026-10-01' },
      { uscc: u2, creditRiskClass: 'A', effectiveDate: '2026-10-01' },
    ]);
  });
});

describe('the two passes', () => {
  it('applies valid files in batches, after validating all of it', async () => {
    const usccs = freshUsccs(7, 'batches');
    const text = csv([HEADER, ...usccs.map((u, i) => Object.values(registerRow(u, i)).join(','))]);
    const applied: RegisterRow[][] = [];
    const progress: Progress[] = [];
    const r = await runImport(registerKind(applied), bufferSource('b.csv', Buffer.from(text)), {
      importedBy: 't',
      transaction: fakeTransaction,
      onProgress: (p) => progress.push(p),
      progressEvery: 2,
    });
    expect(r).toMatchObject({ accepted: true, rows: 7, inserted: 7, errorCount: 0, sourceBatch: `b.csv@sha256:${r.sha256}` });
    expect(applied.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(progress.filter((p) => p.phase === 'validate').map((p) => p.rows)).toEqual([2, 4, 6, 7]);
    expect(progress.filter((p) => p.phase === 'write').map((p) => [p.rows, p.done])).toEqual([[3, false], [6, false], [7, true]]);
    expect(progress.every((p) => p.rowsPerSecond >= 0)).toBe(true);
  });

  it('a file that changes between the passes is refused and the transaction rolled back', async () => {
    const [u1, u2] = freshUsccs(2, 'changes');
    const versions = [csv([HEADER, Object.values(registerRow(u1)).join(',')]), csv([HEADER, Object.values(registerRow(u2)).join(',')])];
    let opened = 0;
    // sniffFormat opens once, then each pass; the second pass sees another file.
    const source: ImportSource = { name: 'moving.csv', open: () => Readable.from([Buffer.from(versions[opened++ < 2 ? 0 : 1])]) };
    let rolledBack = false;
    const r = await runImport(registerKind(), source, {
      importedBy: 't',
      transaction: async (work) => {
        try {
          return await work(null);
        } catch (e) {
          rolledBack = true;
          throw e;
        }
      },
    });
    expect(rolledBack).toBe(true);
    expect(r.accepted).toBe(false);
    expect(r.inserted).toBe(0);
    expect(r.errors[0].reasonEn).toMatch(/the file changed while it was being imported/);
  });

  it('a dry run applies inside the transaction and then rolls it back', async () => {
    const [u1] = freshUsccs(1, 'dry');
    let rolledBack = false;
    const r = await runImport(registerKind(), bufferSource('d.csv', Buffer.from(csv([HEADER, Object.values(registerRow(u1)).join(',')]))), {
      importedBy: 't',
      dryRun: true,
      transaction: async (work) => {
        try {
          return await work(null);
        } catch (e) {
          rolledBack = true;
          throw e;
        }
      },
    });
    expect(rolledBack).toBe(true);
    expect(r).toMatchObject({ accepted: true, dryRun: true, inserted: 1 });
  });
});

describe('export, and the error report', () => {
  it('an export re-imports unchanged, in CSV and in XLSX, with Chinese or English headers', async () => {
    const rows = freshUsccs(5, 'export').map((u, i) => registerRow(u, i));
    rows[1].name = '名称, 带逗号 "和引号"\n和换行';
    for (const [file, headers] of [['e.csv', 'zh'], ['e.xlsx', 'en'], ['e2.csv', 'en']] as const) {
      expect(await writeTableFile(tmp(file), REGISTER_COLUMNS, rows, { headers })).toBe(5);
      const applied: RegisterRow[][] = [];
      const r = await runImport(registerKind(applied), fileSource(tmp(file)), { importedBy: 't', transaction: fakeTransaction });
      expect(r.errors, file).toEqual([]);
      expect(applied.flat(), file).toEqual(rows);
    }
    const { bytes } = await writeTableToBuffer('csv', REGISTER_COLUMNS, rows);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // so that Excel shows the Chinese
    expect(bytes.equals(fs.readFileSync(tmp('e.csv')))).toBe(true);
  });

  it('writes the report as CSV and XLSX next to the input, with the header names', async () => {
    const input = tmp('register-bad.csv');
    fs.copyFileSync(path.join(SAMPLES, 'register-bad.csv'), input);
    const r = await validateFile(registerKind(), fileSource(input));
    const files = await writeErrorReport(input, r.errors, REGISTER_COLUMNS, r.errorCount);
    expect(files).toEqual([tmp('register-bad.errors.csv'), tmp('register-bad.errors.xlsx')]);
    const lines = fs.readFileSync(files[0], 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('行号,列,列名,值,原因,reason');
    expect(lines[1]).toBe(
      '4,uscc,统一社会信用代码,9113043307D5MHK930,统一社会信用代码“9113043307D5MHK930”校验位错误：应为“W”，实为“0”，请核对是否录入有误,"the check character of ""9113043307D5MHK930"" is wrong: expected ""W"", found ""0""; please check for a typing error"',
    );
    expect(lines).toHaveLength(12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files[1]);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(12);
    expect(sheet.getRow(12).getCell(3).value).toBe('统一社会信用代码');
  });
});

describe('the compact index of keys seen (duplicate detection)', () => {
  it('remembers 200,000 keys through several growths, finds repeats with their first row, in little memory', () => {
    const index = new KeyIndex();
    const keys = freshUsccs(200_000, 'key-index');
    const unique = new Map<string, number>();
    keys.forEach((k, i) => {
      const first = index.firstRow(k, i + 2);
      expect(first).toBe(unique.has(k) ? unique.get(k) : -1);
      if (!unique.has(k)) unique.set(k, i + 2);
    });
    expect(index.size).toBe(unique.size);
    for (const [k, row] of [...unique].slice(0, 1000)) expect(index.firstRow(k, 0)).toBe(row);
    expect(index.bytes).toBeLessThan(16e6); // ~80 bytes a key at most, with the growth slack
    expect(index.firstRow('执法证-甲', 3)).toBe(-1);
    expect(index.firstRow('执法证-乙', 4)).toBe(-1);
    expect(index.firstRow('执法证-甲', 5)).toBe(3);
  });
});

describe('progress on stderr', () => {
  it('rewrites one line on a terminal; otherwise prints a line every N rows and at the end', () => {
    const out = (isTTY: boolean) => {
      const written: string[] = [];
      return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
    };
    const p = (rows: number, done = false): Progress => ({ phase: 'validate', rows, rowsPerSecond: 1000, elapsedMs: rows, done });
    const tty = out(true);
    const ttyPrint = stderrProgress(tty.stream, 100);
    [p(50), p(100), p(150, true)].forEach(ttyPrint);
    expect(tty.written.every((s) => s.startsWith('\r'))).toBe(true);
    expect(tty.written[2].endsWith('\n')).toBe(true);
    const log = out(false);
    const logPrint = stderrProgress(log.stream, 100);
    [p(50), p(100), p(150), p(200), p(230, true)].forEach(logPrint);
    expect(log.written).toEqual([
      '校验 validate: 100 rows, 1,000 rows/s, 0.1 s\n',
      '校验 validate: 200 rows, 1,000 rows/s, 0.2 s\n',
      '校验 validate: 230 rows, 1,000 rows/s, 0.2 s\n',
    ]);
  });
});

/** GB18030 bytes of a text (Node decodes GB18030 but has no encoder): via iconv when present, else a table of our characters. */
async function encodeGb18030(text: string): Promise<Buffer> {
  // Build the encoder from the decoder: every two-byte GBK code, decoded once, gives a reverse table.
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (table.has(ch)) bytes.push(...table.get(ch)!);
    else throw new Error(`no GBK code for ${ch}`);
  }
  return Buffer.from(bytes);
}
