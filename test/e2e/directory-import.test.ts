import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, npmRun, sql, token, tokens } from '../support/federation.js';
import * as clock from '../../shared/platform/clock.js';
import { makeUscc, prng } from '../../shared/demo/county.js';
import { INSPECTOR_COLUMNS, REGISTER_COLUMNS, targetColumns, writeTableToBuffer, type ColumnSpec, type Values } from '../../shared/exchange/index.js';
import { DEPARTMENTS } from '../../shared/domain/departments.js';

/** The departments as the refusal of an unknown one lists them, from the registry. */
const KNOWN_ZH = DEPARTMENTS.map((d) => `${d.code}（${d.nameZh}）`).join('、');
const KNOWN_EN = DEPARTMENTS.map((d) => d.code).join(', ');

/**
 * Target and inspector directory files, through the gateway (import<Department>Directory,
 * <department>DirectoryExport) and through the commands (npm run import / export), on the
 * suite's federation. Every business here is new (fresh USCCs registered by this file, industry
 * 8051, township 130433101, which no draw or count of another file reads) and every certificate
 * number is fresh; fire and rescue gets no new inspectors (the draw tests staff with its 35).
 */
const PREFIX: Record<string, string> = { 'market-supervision': 'MarketSupervision', 'public-security': 'PublicSecurity', 'fire-rescue': 'FireRescue' };
const CAMEL: Record<string, string> = { 'market-supervision': 'marketSupervision', 'public-security': 'publicSecurity', 'fire-rescue': 'fireRescue' };
const importMutation = (department: string) => `mutation ($file: FileReference!, $kind: DirectoryImportKind!, $dryRun: Boolean, $reason: String!) {
  import${PREFIX[department]}Directory(file: $file, kind: $kind, dryRun: $dryRun, reason: $reason) {
    kind fileName format rows inserted updated unchanged accepted dryRun errorCount sha256
    errors(first: 50) { row column value reasonZh reasonEn }
  }
}`;
const exportQuery = (department: string) => `query ($kind: DirectoryImportKind!, $format: ExportFormat, $headers: HeaderLanguage) {
  ${CAMEL[department]}DirectoryExport(kind: $kind, format: $format, headers: $headers) { fileName rows sha256 contentBase64 }
}`;

const PS_ADMIN = 'ps-admin-directory-import';
let psAdmin: string;
let seq = 0;
const stamp = `${Date.now().toString(36).toUpperCase()}${process.pid.toString(36).toUpperCase()}`;
/** Certificate numbers no department has. */
const freshCertificates = (n: number) => Array.from({ length: n }, () => `IMP-${stamp}-${String(++seq).padStart(3, '0')}`);

async function freshUsccs(n: number): Promise<string[]> {
  const rand = prng(`e2e-directory-import/${process.pid}/${seq++}`);
  const out = Array.from({ length: n }, (_, i) => makeUscc(rand, i % 2 === 1));
  expect(await sql('market-supervision', 'SELECT uscc FROM enterprise WHERE uscc = ANY($1)', [out])).toEqual([]);
  return out;
}

/** Fresh businesses in the register (through market supervision's own import). */
async function registered(n: number): Promise<string[]> {
  const usccs = await freshUsccs(n);
  const rows = usccs.map((uscc, i) => ({
    uscc,
    name: `馆陶县名录导入测试${seq}-${i}号理发店`,
    industryCode: '8051',
    regionCode: '130433101',
    status: 'operating',
    creditRiskClass: 'B',
    registeredOn: '2020-05-01',
  }));
  const res = await gql(
    'mutation ($file: FileReference!) { importRegister(file: $file, kind: REGISTER) { accepted inserted } }',
    { file: inline(await file(rows, REGISTER_COLUMNS), 'register.csv') },
    { token: await tokens.admin('market-supervision') },
  );
  expect(res.data.importRegister).toEqual({ accepted: true, inserted: n });
  return usccs;
}

async function file(rows: Values[], columns: ColumnSpec[], format: 'csv' | 'xlsx' = 'csv', headers: 'zh' | 'en' = 'zh') {
  return (await writeTableToBuffer(format, columns, rows, { headers })).bytes;
}
const inline = (bytes: Buffer, fileName: string) => ({ contentBase64: bytes.toString('base64'), fileName });

async function importDirectory(department: string, variables: Record<string, unknown>, tokenOf = psAdmin) {
  const res = await gql(importMutation(department), { reason: '2026年度名录更新', ...variables }, { token: tokenOf });
  return { res, report: res.data?.[`import${PREFIX[department]}Directory`] };
}

const psTarget = (uscc: string, extra: Values = {}): Values => ({ uscc, supervisedSince: '2026-03-01', brigade: 'public-order', specialTradeLicence: '', ...extra });

/** Every version of these targets, with the physical identity of each row (xmin, ctid): equal means not written. */
const targetVersions = (department: string, usccs: string[]) =>
  sql(
    department,
    `SELECT xmin::text, ctid::text, * , to_char(supervised_since, 'YYYY-MM-DD') AS since FROM supervised_target WHERE uscc = ANY($1) ORDER BY uscc, valid_from, id`,
    [usccs],
  );
const inspectorVersions = (department: string, certificates: string[]) =>
  sql(department, 'SELECT xmin::text, ctid::text, * FROM inspector WHERE certificate_number = ANY($1) ORDER BY certificate_number, valid_from, id', [certificates]);

beforeAll(async () => {
  psAdmin = await token(['department-admin'], 'public-security', PS_ADMIN);
});

describe('target files: any bad row and nothing is written', () => {
  it('a bad check character, a USCC not in the register, an unknown brigade, a bad venue category: each refused with the exact report', async () => {
    const [a, b] = await registered(2);
    const [stranger] = await freshUsccs(1);
    const badCheck = a.slice(0, 17) + (a[17] === 'A' ? 'B' : 'A');
    const check = {
      zh: `统一社会信用代码“${badCheck}”校验位错误：应为“${a[17]}”，实为“${badCheck[17]}”，请核对是否录入有误`,
      en: `the check character of "${badCheck}" is wrong: expected "${a[17]}", found "${badCheck[17]}"; please check for a typing error`,
    };
    const frAdmin = await tokens.admin('fire-rescue');
    const fireColumns = targetColumns('fire-rescue');
    const cases: [string, string, Values, Omit<Record<string, unknown>, 'row'>][] = [
      ['public-security', psAdmin, psTarget(badCheck), { column: 'uscc', value: badCheck, reasonZh: check.zh, reasonEn: check.en }],
      [
        'public-security',
        psAdmin,
        psTarget(stranger),
        { column: 'uscc', value: stranger, reasonZh: `登记系统中没有统一社会信用代码为“${stranger}”的市场主体`, reasonEn: `no business with USCC "${stranger}" is in the register` },
      ],
      [
        'public-security',
        psAdmin,
        psTarget(b, { brigade: 'traffic' }),
        {
          column: 'brigade',
          value: 'traffic',
          reasonZh: '“traffic”不是公安局的大队，应为：public-order（治安管理大队）、cyber-security（网络安全保卫大队）、criminal-investigation（刑事侦查大队）',
          reasonEn: '"traffic" is not a brigade of public-security; use one of public-order, cyber-security, criminal-investigation',
        },
      ],
      [
        'fire-rescue',
        frAdmin,
        { uscc: b, supervisedSince: '', venueCategory: 'warehouse', keyFireSafetyUnit: '否' },
        {
          column: 'venueCategory',
          value: 'warehouse',
          reasonZh: '场所类别“warehouse”无效，应为：crowded-venue（人员密集场所）、flammable（易燃易爆）、general（一般）',
          reasonEn: 'venue category "warehouse" is not valid; use one of crowded-venue, flammable, general',
        },
      ],
    ];
    for (const [department, who, bad, error] of cases) {
      const good = department === 'fire-rescue' ? { uscc: a, supervisedSince: '', venueCategory: '人员密集场所', keyFireSafetyUnit: '是' } : psTarget(a);
      const columns = department === 'fire-rescue' ? fireColumns : targetColumns('public-security');
      const { res, report } = await importDirectory(department, { kind: 'TARGETS', file: inline(await file([good, bad], columns), 'targets.csv') }, who);
      expect(res.errors, String(error.column)).toBeUndefined();
      expect(report).toMatchObject({ kind: 'TARGETS', rows: 2, accepted: false, errorCount: 1, inserted: 0, updated: 0, unchanged: 0 });
      expect(report.errors).toEqual([{ row: 3, ...error }]);
      expect(await targetVersions(department, [a, b, badCheck, stranger])).toEqual([]);
    }
  });

  it('a USCC twice in the file names both rows', async () => {
    const [a, b] = await registered(2);
    const { report } = await importDirectory('public-security', {
      kind: 'TARGETS',
      file: inline(await file([psTarget(a), psTarget(b), psTarget(a, { brigade: 'cyber-security' })], targetColumns('public-security')), 't.csv'),
    });
    expect(report.errors).toEqual([
      { row: 4, column: 'uscc', value: a, reasonZh: `统一社会信用代码“${a}”在第2行和第4行重复出现`, reasonEn: `uscc "${a}" appears in both row 2 and row 4` },
    ]);
    expect(await targetVersions('public-security', [a, b])).toEqual([]);
  });
});

describe('target files: upsert into the effective-dated directory', () => {
  it('a good file imports (who, why, when); the same file again writes nothing; a change closes the version and starts the next', async () => {
    const usccs = await registered(4);
    const rows = usccs.map((u, i) =>
      psTarget(u, { supervisedSince: `2026-0${i + 1}-01`, brigade: i === 3 ? '网络安全保卫大队' : 'public-order', specialTradeLicence: i === 0 ? '冀公特2026IMP01' : '' }),
    );
    const bytes = await file(rows, targetColumns('public-security'), 'xlsx');
    const dry = await importDirectory('public-security', { kind: 'TARGETS', dryRun: true, file: inline(bytes, 'targets-2026.xlsx') });
    expect(dry.report).toMatchObject({ accepted: true, dryRun: true, inserted: 4, updated: 0, unchanged: 0 });
    expect(await targetVersions('public-security', usccs)).toEqual([]); // rolled back
    // The suite's processes share one clock (shared/platform/clock.ts): the versions start between these two readings.
    const before = clock.nowMs();
    const { res, report } = await importDirectory('public-security', { kind: 'TARGETS', file: inline(bytes, 'targets-2026.xlsx') });
    expect(res.errors).toBeUndefined();
    expect(report).toMatchObject({ kind: 'TARGETS', format: 'xlsx', rows: 4, accepted: true, dryRun: false, inserted: 4, updated: 0, unchanged: 0, errorCount: 0 });
    const afterImport = clock.nowMs();
    const first = await targetVersions('public-security', usccs);
    expect(first.map((v: any) => [v.uscc, v.since, v.brigade, v.special_trade_licence, v.changed_by, v.change_reason, v.valid_to])).toEqual(
      usccs
        .map((u, i) => [u, `2026-0${i + 1}-01`, i === 3 ? 'cyber-security' : 'public-order', i === 0 ? '冀公特2026IMP01' : null, PS_ADMIN, '2026年度名录更新', null])
        .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    for (const v of first) {
      expect(v.valid_from.getTime()).toBeGreaterThanOrEqual(before);
      expect(v.valid_from.getTime()).toBeLessThanOrEqual(afterImport);
    }
    // Through the directory as everybody reads it.
    const read = await gql('query ($u: String!) { enterprise(uscc: $u) { publicSecurityTarget { brigade specialTradeLicence changedBy changeReason } } }', { u: usccs[0] }, { token: await tokens.analyst() });
    expect(read.data.enterprise.publicSecurityTarget).toEqual({ brigade: 'public-order', specialTradeLicence: '冀公特2026IMP01', changedBy: PS_ADMIN, changeReason: '2026年度名录更新' });

    const again = await importDirectory('public-security', { kind: 'TARGETS', file: inline(bytes, 'targets-2026.xlsx'), reason: '再次导入' });
    expect(again.report).toMatchObject({ accepted: true, rows: 4, inserted: 0, updated: 0, unchanged: 4 });
    expect(await targetVersions('public-security', usccs)).toEqual(first);

    // Row 2 changes brigade; row 3 leaves the date empty (an existing target keeps its date): one update.
    const changed = rows.map((r, i) => (i === 1 ? { ...r, brigade: 'criminal-investigation' } : i === 2 ? { ...r, supervisedSince: '' } : r));
    const third = await importDirectory('public-security', { kind: 'TARGETS', file: inline(await file(changed, targetColumns('public-security')), 'targets-2026-12.csv'), reason: '大队职责调整' });
    expect(third.res.errors).toBeUndefined();
    expect(third.report).toMatchObject({ accepted: true, inserted: 0, updated: 1, unchanged: 3 });
    const after = await targetVersions('public-security', usccs);
    const untouched = (vs: any[]) => vs.filter((v) => v.uscc !== usccs[1]);
    expect(untouched(after)).toEqual(untouched(first));
    const chain = after.filter((v: any) => v.uscc === usccs[1]);
    expect(chain.map((v: any) => [v.brigade, v.since, v.changed_by, v.change_reason, v.closed_by, v.close_reason])).toEqual([
      ['public-order', '2026-02-01', PS_ADMIN, '2026年度名录更新', PS_ADMIN, '大队职责调整'],
      ['criminal-investigation', '2026-02-01', PS_ADMIN, '大队职责调整', null, null],
    ]);
    expect(chain[0].valid_to).toEqual(chain[1].valid_from);
    expect(chain[1].valid_to).toBeNull();
  });

  it('a file adds and updates but never removes: a target the file does not name stays', async () => {
    const [kept, added] = await registered(2);
    await importDirectory('public-security', { kind: 'TARGETS', file: inline(await file([psTarget(kept)], targetColumns('public-security')), 'one.csv') });
    const { report } = await importDirectory('public-security', { kind: 'TARGETS', file: inline(await file([psTarget(added)], targetColumns('public-security')), 'other.csv') });
    expect(report).toMatchObject({ accepted: true, inserted: 1, updated: 0, unchanged: 0 });
    expect((await targetVersions('public-security', [kept, added])).map((v: any) => [v.uscc, v.valid_to])).toEqual(
      [kept, added].sort().map((u) => [u, null]),
    );
  });
});

describe('inspector files', () => {
  it('a certificate number current in another department is refused naming that department; other departments and unknown ones too; nothing written', async () => {
    const [{ certificate_number: fireCertificate }] = await sql('fire-rescue', 'SELECT certificate_number FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number LIMIT 1');
    expect(await inspectorVersions('public-security', [fireCertificate])).toEqual([]);
    const fresh = freshCertificates(3);
    const rows: Values[] = [
      { certificateNumber: fresh[0], name: '测试甲', department: 'public-security', brigade: 'public-order', expertise: 'guest-registration', status: 'active' },
      { certificateNumber: fireCertificate, name: '测试乙', department: '公安局', brigade: '治安管理大队', expertise: '', status: '' },
      { certificateNumber: fresh[1], name: '测试丙', department: 'fire-rescue', brigade: '', expertise: 'fire-safety', status: '' },
      { certificateNumber: fresh[2], name: '测试丁', department: 'tax-bureau', brigade: '', expertise: '', status: '' },
    ];
    const { res, report } = await importDirectory('public-security', { kind: 'INSPECTORS', file: inline(await file(rows, INSPECTOR_COLUMNS), 'inspectors.csv') });
    expect(res.errors).toBeUndefined();
    expect(report).toMatchObject({ kind: 'INSPECTORS', rows: 4, accepted: false, errorCount: 3, inserted: 0 });
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'certificateNumber',
        value: fireCertificate,
        reasonZh: `执法证号“${fireCertificate}”已是消防救援大队的现行执法人员，同一执法证号不能同时在两个部门的名录中`,
        reasonEn: `certificate number "${fireCertificate}" is already current in the inspector directory of fire-rescue; one certificate number cannot be in two departments' directories`,
      },
      {
        row: 4,
        column: 'department',
        value: 'fire-rescue',
        reasonZh: '该行属于“消防救援大队”，不能导入“公安局”的名录',
        reasonEn: 'this row belongs to fire-rescue; it cannot be imported into the directory of public-security',
      },
      {
        row: 5,
        column: 'department',
        value: 'tax-bureau',
        reasonZh: `部门“tax-bureau”不存在，应为：${KNOWN_ZH}`,
        reasonEn: `"tax-bureau" is not a department; use one of ${KNOWN_EN}`,
      },
    ]);
    expect(await inspectorVersions('public-security', [...fresh, fireCertificate])).toEqual([]);
  });

  it('a good file imports; again (tags in another order) writes nothing; another department may then not take the same number', async () => {
    const certs = freshCertificates(2);
    const rows: Values[] = [
      { certificateNumber: certs[0], name: '导入甲', department: 'public-security', brigade: 'public-order', expertise: 'guest-registration;special-trades', status: 'active' },
      { certificateNumber: certs[1].toLowerCase(), name: '导入乙', department: '公安局', brigade: '网络安全保卫大队', expertise: 'network-security', status: '暂停' },
    ];
    const { report } = await importDirectory('public-security', { kind: 'INSPECTORS', file: inline(await file(rows, INSPECTOR_COLUMNS), 'inspectors.csv'), reason: '新取得执法证' });
    expect(report).toMatchObject({ accepted: true, rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    const stored = await inspectorVersions('public-security', certs);
    expect(stored.map((v: any) => [v.certificate_number, v.name, v.brigade, v.expertise, v.status, v.changed_by, v.change_reason, v.valid_to])).toEqual([
      [certs[0], '导入甲', 'public-order', ['guest-registration', 'special-trades'], 'active', PS_ADMIN, '新取得执法证', null],
      [certs[1], '导入乙', 'cyber-security', ['network-security'], 'suspended', PS_ADMIN, '新取得执法证', null],
    ]);

    const reordered = rows.map((r, i) => (i === 0 ? { ...r, expertise: 'special-trades；guest-registration' } : r));
    const again = await importDirectory('public-security', { kind: 'INSPECTORS', file: inline(await file(reordered, INSPECTOR_COLUMNS, 'xlsx', 'en'), 'inspectors.xlsx') });
    expect(again.report).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 2 });
    expect(await inspectorVersions('public-security', certs)).toEqual(stored);

    // Retired from now: the current version is closed and the next one records why.
    const retired = rows.map((r, i) => (i === 1 ? { ...r, status: '退休' } : r));
    const third = await importDirectory('public-security', { kind: 'INSPECTORS', file: inline(await file(retired, INSPECTOR_COLUMNS), 'retired.csv'), reason: '退休' });
    expect(third.res.errors).toBeUndefined();
    expect(third.report).toMatchObject({ accepted: true, inserted: 0, updated: 1, unchanged: 1 });
    const chain = (await inspectorVersions('public-security', [certs[1]])).map((v: any) => [v.status, v.change_reason, v.closed_by, v.close_reason, v.valid_to === null]);
    expect(chain).toEqual([
      ['suspended', '新取得执法证', PS_ADMIN, '退休', false],
      ['retired', '退休', null, null, true],
    ]);

    // Market supervision asks public security (and fire and rescue) before taking the number.
    const ms = await importDirectory(
      'market-supervision',
      { kind: 'INSPECTORS', file: inline(await file([{ certificateNumber: certs[0], name: '导入甲', department: 'market-supervision', expertise: 'food-safety' }], INSPECTOR_COLUMNS), 'ms.csv') },
      await tokens.admin('market-supervision'),
    );
    expect(ms.report.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'certificateNumber', value: certs[0], reasonEn: expect.stringContaining('already current in the inspector directory of public-security') }),
    ]);
    expect(ms.report.errors[0].reasonZh).toContain('已是公安局的现行执法人员');
    expect(await inspectorVersions('market-supervision', certs)).toEqual([]);
  });
});

describe('who may import and export directory files', () => {
  it('only the department\'s own admins import (FORBIDDEN, UNAUTHENTICATED, a reason is required); inspectors export only to who may read their names', async () => {
    const [uscc] = await registered(1);
    const variables = { kind: 'TARGETS', file: inline(await file([psTarget(uscc)], targetColumns('public-security')), 't.csv') };
    for (const who of [await tokens.admin('fire-rescue'), await tokens.inspector('public-security'), await tokens.coordinator()]) {
      const { res } = await importDirectory('public-security', variables, who);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(res.data).toBeNull();
    }
    const anonymous = await gql(importMutation('public-security'), { ...variables, reason: 'x' });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Mutation.importPublicSecurityDirectory' });
    const noReason = await importDirectory('public-security', { ...variables, reason: '  ' });
    expect(noReason.res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await targetVersions('public-security', [uscc])).toEqual([]);

    const analyst = await tokens.analyst();
    const inspectors = await gql(exportQuery('public-security'), { kind: 'INSPECTORS' }, { token: analyst });
    expect(inspectors.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'kind' });
    expect((await gql(exportQuery('public-security'), { kind: 'TARGETS' }, { token: analyst })).errors).toBeUndefined();
    expect((await gql(exportQuery('public-security'), { kind: 'TARGETS' })).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The contract field is not offered to clients.
    const contract = await gql('{ departmentInspectorCertificates(certificateNumbers: ["130433030001"]) }', {}, { token: analyst });
    expect(contract.errors?.[0].message).toMatch(/departmentInspectorCertificates/);
  });
});

describe('export → import: every department, both kinds, re-imports unchanged', () => {
  it('exports the current directories and a dry run of each export changes nothing', async () => {
    const formats: Record<string, ['CSV' | 'XLSX', 'ZH' | 'EN']> = {
      'market-supervision/TARGETS': ['CSV', 'ZH'],
      'market-supervision/INSPECTORS': ['XLSX', 'ZH'],
      'public-security/TARGETS': ['XLSX', 'EN'],
      'public-security/INSPECTORS': ['CSV', 'ZH'],
      'fire-rescue/TARGETS': ['CSV', 'EN'],
      'fire-rescue/INSPECTORS': ['CSV', 'ZH'],
    };
    for (const department of Object.keys(PREFIX)) {
      const admin = await tokens.admin(department);
      for (const kind of ['TARGETS', 'INSPECTORS']) {
        const [format, headers] = formats[`${department}/${kind}`];
        const table = kind === 'TARGETS' ? 'supervised_target' : 'inspector';
        const [{ n }] = await sql(department, `SELECT count(*)::int AS n FROM ${table} WHERE valid_to IS NULL`);
        const res = await gql(exportQuery(department), { kind, format, headers }, { token: admin });
        expect(res.errors, `${department} ${kind}`).toBeUndefined();
        const out = res.data[`${CAMEL[department]}DirectoryExport`];
        expect(out.rows).toBe(n);
        expect(out.fileName).toMatch(new RegExp(`^${kind.toLowerCase()}-${department}-\\d{4}-\\d{2}-\\d{2}\\.${format.toLowerCase()}$`));
        const { report } = await importDirectory(department, { kind, dryRun: true, file: { contentBase64: out.contentBase64, fileName: out.fileName } }, admin);
        expect({ department, kind, ...report, errors: report.errors.slice(0, 3) }).toMatchObject({
          department,
          kind,
          accepted: true,
          dryRun: true,
          rows: n,
          inserted: 0,
          updated: 0,
          unchanged: n,
          sha256: out.sha256,
          errors: [],
        });
      }
    }
  });
});

describe('the commands: npm run import / export -- targets … --department fire-rescue', () => {
  const run = npmRun;

  it('imports (changedBy import:<file>), again writes nothing, refuses a bad file with a report; the export re-imports unchanged', async () => {
    const usccs = await registered(3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-directory-cli-'));
    try {
      const columns = targetColumns('fire-rescue');
      const rows = usccs.map((uscc, i) => ({ uscc, supervisedSince: '2026-02-01', venueCategory: ['crowded-venue', 'general', '易燃易爆'][i], keyFireSafetyUnit: i === 2 ? '是' : '否' }));
      const csv = path.join(dir, 'fire-targets.csv');
      fs.writeFileSync(csv, await file(rows, columns));

      const usage = await run(['import', '--', 'targets', csv, '--department', 'fire-rescue']);
      expect(usage.code, usage.stderr).toBe(2);
      expect(usage.stderr).toContain('--reason');

      const first = await run(['import', '--', 'targets', csv, '--department', 'fire-rescue', '--reason', '命令行导入测试', '--json']);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ kind: 'targets', accepted: true, rows: 3, inserted: 3, updated: 0, unchanged: 0 });
      const stored = await targetVersions('fire-rescue', usccs);
      expect(stored.map((v: any) => [v.uscc, v.venue_category, v.key_fire_safety_unit, v.changed_by, v.change_reason])).toEqual(
        usccs
          .map((u, i) => [u, ['crowded-venue', 'general', 'flammable'][i], i === 2, 'import:fire-targets.csv', '命令行导入测试'])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );

      const again = await run(['import', '--', 'targets', csv, '--department', 'fire-rescue', '--reason', '再次导入', '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ accepted: true, inserted: 0, updated: 0, unchanged: 3 });
      expect(await targetVersions('fire-rescue', usccs)).toEqual(stored);

      const [stranger] = await freshUsccs(1);
      const bad = path.join(dir, 'fire-bad.csv');
      fs.writeFileSync(bad, await file([...rows.slice(0, 1), { ...rows[1], uscc: stranger }], columns));
      const refused = await run(['import', '--', 'targets', bad, '--department', 'fire-rescue', '--reason', 'x']);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stdout).toContain(`row 3, uscc "${stranger}": 登记系统中没有统一社会信用代码为“${stranger}”的市场主体`);
      expect(fs.existsSync(path.join(dir, 'fire-bad.errors.csv'))).toBe(true);
      expect(await targetVersions('fire-rescue', [stranger])).toEqual([]);

      const exported = path.join(dir, 'fire-export.xlsx');
      const exp = await run(['export', '--', 'targets', exported, '--department', 'fire-rescue']);
      expect(exp.code, exp.stderr).toBe(0);
      const [{ n }] = await sql('fire-rescue', 'SELECT count(*)::int AS n FROM supervised_target WHERE valid_to IS NULL');
      expect(exp.stdout).toContain(`${n.toLocaleString('en-US')} rows`);
      const dry = await run(['import', '--', 'targets', exported, '--department', 'fire-rescue', '--dry-run', '--json']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({ accepted: true, dryRun: true, rows: n, inserted: 0, updated: 0, unchanged: n });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
