import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bufferSource,
  defineInspectorImport,
  defineTargetImport,
  fileSource,
  inspectorFileCheck,
  runImport,
  targetColumns,
  targetFileCheck,
  validateFile,
  type InspectorRow,
  type TargetRow,
} from '../../shared/exchange/index.js';
import { resolveFileReference, MAX_INLINE_BYTES } from '../../shared/exchange/sources.js';
import { DEPARTMENTS } from '../../shared/domain/departments.js';

/** The departments as the refusal of an unknown one lists them, from the registry. */
const KNOWN_ZH = DEPARTMENTS.map((d) => `${d.code}（${d.nameZh}）`).join('、');
const KNOWN_EN = DEPARTMENTS.map((d) => d.code).join(', ');

/**
 * The directory files (inspectors, targets) at the parse and validate level, with the sample files:
 * what the lead wires to the directories after the merge. And how a request names a file.
 */
const SAMPLES = fileURLToPath(new URL('../../docs/samples/', import.meta.url));
const sample = (name: string) => fileSource(path.join(SAMPLES, name));
const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n');

describe('inspector files', () => {
  it('the sample is valid and gives typed rows (Chinese names of departments, brigades and statuses accepted; tags split on ; and ；)', async () => {
    const rows: InspectorRow[] = [];
    const def = defineInspectorImport<null>({ department: 'public-security', apply: async (_tx, batch) => (rows.push(...batch), { inserted: batch.length, updated: 0, unchanged: 0 }) });
    const r = await runImport(def, sample('inspectors.csv'), { importedBy: 't', transaction: (work) => work(null) });
    expect(r.errors).toEqual([]);
    expect(r.inserted).toBe(4);
    expect(rows[1]).toEqual({
      certificateNumber: '130433029002',
      name: '李秀英',
      department: 'public-security',
      brigade: 'cyber-security',
      expertise: ['internet-cafe', 'network'],
      status: 'active',
    });
    expect(rows[2].status).toBe('suspended');
  });

  it('names both rows of a repeated certificate number, and refuses an unknown department, another department, a wrong or missing brigade', async () => {
    const file = csv([
      '执法证号,姓名,部门,大队,专长标签,状态',
      '130433020001,王伟,公安局,治安管理大队,hotel,在岗',
      '130433020002,李娜,public-security,cyber-security,network,',
      '130433020001,张强,public-security,public-order,,',
      '130433020003,赵敏,tax-bureau,,,',
      '130433020004,刘洋,fire-rescue,,fire,',
      '130433020005,陈静,public-security,traffic,,',
      '130433020006,周杰,public-security,,,',
      '13043,吴磊,public-security,public-order,,on-leave',
    ]);
    const r = await validateFile(inspectorFileCheck('public-security'), bufferSource('inspectors.csv', file));
    expect(r.accepted).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column, e.value, e.reasonEn])).toEqual([
      [4, 'certificateNumber', '130433020001', 'certificateNumber "130433020001" appears in both row 2 and row 4'],
      [5, 'department', 'tax-bureau', `"tax-bureau" is not a department; use one of ${KNOWN_EN}`],
      [6, 'department', 'fire-rescue', 'this row belongs to fire-rescue; it cannot be imported into the directory of public-security'],
      [7, 'brigade', 'traffic', '"traffic" is not a brigade of public-security; use one of public-order, cyber-security, criminal-investigation'],
      [8, 'brigade', '', 'a brigade is required for public-security: public-order, cyber-security, criminal-investigation'],
      [9, 'certificateNumber', '13043', 'certificate number "13043" is not in the expected form'],
      [9, 'status', 'on-leave', 'status "on-leave" is not valid; use one of active, suspended, retired'],
    ]);
    expect(r.errors[0].reasonZh).toBe('执法证号“130433020001”在第2行和第4行重复出现');
    expect(r.errors[1].reasonZh).toBe(`部门“tax-bureau”不存在，应为：${KNOWN_ZH}`);
  });

  it('expertise tags follow the rule of add…Inspector (lower-case words and hyphens), so both ways of writing agree', async () => {
    const file = csv(['certificateNumber,name,department,expertise', '130433030001,孙丽,fire-rescue,fire-safety;消防', '130433030002,周强,fire-rescue,Fire Safety']);
    const r = await validateFile(inspectorFileCheck('fire-rescue'), bufferSource('i.csv', file));
    expect(r.errors.map((e) => [e.row, e.column, e.reasonEn])).toEqual([
      [2, 'expertise', 'the expertise tag "消防" must be lower-case words joined by hyphens (e.g. food-safety)'],
      [3, 'expertise', 'the expertise tag "Fire Safety" must be lower-case words joined by hyphens (e.g. food-safety)'],
    ]);
  });

  it('a department without brigades refuses a brigade', async () => {
    const file = csv(['certificateNumber,name,department,brigade', '130433030001,孙丽,fire-rescue,public-order']);
    const r = await validateFile(inspectorFileCheck('fire-rescue'), bufferSource('i.csv', file));
    expect(r.errors.map((e) => e.reasonEn)).toEqual(['fire-rescue has no brigades; leave this column empty']);
  });
});

describe('target files', () => {
  it('every department has target columns (a new department must add its own)', () => {
    for (const d of DEPARTMENTS) expect(targetColumns(d.code).slice(0, 2).map((c) => c.key)).toEqual(['uscc', 'supervisedSince']);
  });

  it('the public-security sample is valid and gives typed rows', async () => {
    const rows: TargetRow[] = [];
    const def = defineTargetImport<null>({ department: 'public-security', apply: async (_tx, batch) => (rows.push(...batch), { inserted: batch.length, updated: 0, unchanged: 0 }) });
    const r = await runImport(def, sample('targets-public-security.csv'), { importedBy: 't', transaction: (work) => work(null) });
    expect(r.errors).toEqual([]);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ uscc: '92130433TG9QU2R1K9', supervisedSince: '2026-01-01', fields: { brigade: 'public-order', specialTradeLicence: '冀公特20269QU2R' } });
    expect(rows[3].fields).toEqual({ brigade: 'cyber-security', specialTradeLicence: null });
  });

  it('fire and rescue: venue categories by code or Chinese, yes/no as booleans; a repeated USCC names both rows', async () => {
    const file = csv([
      '统一社会信用代码,纳入日期,场所类别,消防安全重点单位',
      '92130433TG9QU2R1K9,2026-01-01,人员密集场所,是',
      '91130433XCW7T4RQ0K,,flammable,否',
      '9113043307D5MHK93W,2026-1-5,warehouse,maybe',
      '92130433TG9QU2R1K9,2026-01-01,general,',
    ]);
    const r = await validateFile(targetFileCheck('fire-rescue'), bufferSource('t.csv', file));
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [4, 'venueCategory', 'warehouse'],
      [4, 'keyFireSafetyUnit', 'maybe'],
      [5, 'uscc', '92130433TG9QU2R1K9'],
    ]);
    const rows: TargetRow[] = [];
    const ok = defineTargetImport<null>({ department: 'fire-rescue', apply: async (_tx, b) => (rows.push(...b), { inserted: b.length, updated: 0, unchanged: 0 }) });
    await runImport(ok, bufferSource('t.csv', csv(['uscc,venueCategory,keyFireSafetyUnit', '92130433TG9QU2R1K9,人员密集场所,是', '91130433XCW7T4RQ0K,general,'])), {
      importedBy: 't',
      transaction: (work) => work(null),
      now: new Date('2026-11-20T02:00:00Z'),
    });
    // Without a date: today for a new target; the flag tells the importer to keep an existing target's date.
    expect(rows).toEqual([
      { uscc: '92130433TG9QU2R1K9', supervisedSince: '2026-11-20', supervisedSinceDefaulted: true, fields: { venueCategory: 'crowded-venue', keyFireSafetyUnit: true } },
      { uscc: '91130433XCW7T4RQ0K', supervisedSince: '2026-11-20', supervisedSinceDefaulted: true, fields: { venueCategory: 'general', keyFireSafetyUnit: false } },
    ]);
  });

  it('a register check (checkBatch) turns unknown USCCs into row errors, before anything is applied', async () => {
    let applied = 0;
    const def = defineTargetImport<null>({
      department: 'public-security',
      checkBatch: async (_tx, rows) =>
        rows.filter((r) => r.row.uscc !== '92130433TG9QU2R1K9').map((r) => ({ row: r.rowNumber, column: 'uscc', reason: { zh: '未登记', en: 'not registered' } })),
      apply: async (_tx, b) => ((applied += b.length), { inserted: b.length, updated: 0, unchanged: 0 }),
    });
    const r = await runImport(def, sample('targets-public-security.csv'), { importedBy: 't', transaction: (work) => work(null) });
    expect(applied).toBe(0);
    expect(r.errorCount).toBe(12);
    expect(r.errors[0]).toEqual({ row: 3, column: 'uscc', value: '91130433XCW7T4RQ0K', reasonZh: '未登记', reasonEn: 'not registered' });
  });
});

describe('FileReference: a path inside the import directory, or small inline content', () => {
  let dir: string;
  let outside: string;
  beforeAll(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-importdir-'));
    dir = path.join(root, 'imports');
    outside = path.join(root, 'secret.csv');
    fs.mkdirSync(path.join(dir, '2026-11'), { recursive: true });
    fs.writeFileSync(path.join(dir, '2026-11', 'register.csv'), 'x');
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync(outside, path.join(dir, 'link.csv'));
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  const refused = (ref: object) => {
    try {
      resolveFileReference(ref, dir);
    } catch (e) {
      return (e as { extensions: Record<string, unknown> }).extensions;
    }
    throw new Error('not refused');
  };

  it('accepts a relative path inside the directory', () => {
    expect(resolveFileReference({ path: '2026-11/register.csv' }, dir).name).toBe('register.csv');
  });

  it('refuses ../, absolute paths and symbolic links that leave the directory, and missing files', () => {
    expect(refused({ path: '../secret.csv' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.path', reason: 'outside-import-dir' });
    expect(refused({ path: outside })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.path', reason: 'outside-import-dir' });
    expect(refused({ path: 'link.csv' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.path', reason: 'outside-import-dir' });
    expect(refused({ path: 'nope.csv' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.path', reason: 'not-found' });
  });

  it('needs exactly one of path and contentBase64; inline content needs a name, valid base64 and at most 20 MB', () => {
    expect(refused({})).toMatchObject({ field: 'file' });
    expect(refused({ path: 'a.csv', contentBase64: 'eA==', fileName: 'a.csv' })).toMatchObject({ field: 'file' });
    expect(refused({ contentBase64: 'eA==' })).toMatchObject({ field: 'file.fileName' });
    expect(refused({ contentBase64: '!!!!', fileName: 'a.csv' })).toMatchObject({ field: 'file.contentBase64' });
    expect(refused({ contentBase64: 'A'.repeat(Math.ceil((MAX_INLINE_BYTES * 4) / 3) + 8), fileName: 'big.csv' })).toMatchObject({
      field: 'file.contentBase64',
      reason: 'too-large',
    });
    expect(resolveFileReference({ contentBase64: Buffer.from('a,b\n').toString('base64'), fileName: 'dir/x.csv' }, dir).name).toBe('x.csv');
  });
});
