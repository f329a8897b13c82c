import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { gql, sql, SUITE_TODAY, tokens } from '../support/federation.js';
import { makeUscc, prng } from '../../shared/demo/county.js';
import { CREDIT_CLASS_COLUMNS, REGISTER_COLUMNS, writeTableToBuffer, type Values } from '../../shared/exchange/index.js';

/**
 * Register and credit-class imports through the gateway, on the suite's federation and demo
 * county. Every business here is new (fresh USCCs, industry 8051 that no other test reads), so
 * the demo data the other files rely on is left as it was.
 */
const IMPORT = `mutation ($file: FileReference!, $kind: RegisterImportKind!, $dryRun: Boolean, $effectiveDate: Date) {
  importRegister(file: $file, kind: $kind, dryRun: $dryRun, effectiveDate: $effectiveDate) {
    kind fileName format encoding sha256 sourceBatch rows inserted updated unchanged accepted dryRun errorCount
    errors(first: 50) { row column value reasonZh reasonEn }
  }
}`;

let admin: string;
let seq = 0;
/** USCCs that are in no database yet. */
async function freshUsccs(n: number): Promise<string[]> {
  const rand = prng(`e2e-import/${process.pid}/${seq++}`);
  const out = Array.from({ length: n }, (_, i) => makeUscc(rand, i % 2 === 1));
  const taken = await sql('market-supervision', 'SELECT uscc FROM enterprise WHERE uscc = ANY($1)', [out]);
  expect(taken).toEqual([]);
  return out;
}
const business = (uscc: string, i: number): Values => ({
  uscc,
  name: `馆陶县导入测试${i}号理发店`,
  industryCode: '8051',
  regionCode: '130433101',
  status: 'operating',
  creditRiskClass: ['A', 'B', 'C', 'D'][i % 4],
  registeredOn: '2019-06-0' + (1 + (i % 9)),
});
async function file(rows: Values[], format: 'csv' | 'xlsx' = 'csv', columns = REGISTER_COLUMNS) {
  return (await writeTableToBuffer(format, columns, rows)).bytes;
}
const inline = (bytes: Buffer, fileName: string) => ({ contentBase64: bytes.toString('base64'), fileName });
async function importRegister(variables: Record<string, unknown>, token = admin) {
  const res = await gql(IMPORT, variables, { token });
  return res;
}
/** The stored rows and their physical identity (xmin, ctid): equal before and after means nothing was written. */
async function snapshot(usccs: string[]) {
  const enterprises = await sql(
    'market-supervision',
    "SELECT xmin::text, ctid::text, uscc, name, industry_code, region_code, status, credit_risk_class, to_char(registered_on, 'YYYY-MM-DD') AS registered_on FROM enterprise WHERE uscc = ANY($1) ORDER BY uscc",
    [usccs],
  );
  const history = await sql(
    'market-supervision',
    "SELECT xmin::text, ctid::text, id, uscc, class, to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until, source_batch FROM credit_risk_class_history WHERE uscc = ANY($1) ORDER BY uscc, since, id",
    [usccs],
  );
  return { enterprises, history };
}

beforeAll(async () => {
  admin = await tokens.admin('market-supervision');
});

describe('importRegister: a file with any bad row imports nothing', () => {
  it('one bad row: refused with the exact report (row, column, value, both reasons), nothing written', async () => {
    const usccs = await freshUsccs(4);
    const bad = usccs[2].slice(0, 17) + (usccs[2][17] === 'A' ? 'B' : 'A');
    const rows = usccs.map(business);
    rows[2] = { ...rows[2], uscc: bad };
    const res = await importRegister({ kind: 'REGISTER', file: inline(await file(rows), 'register-2026-11.csv') });
    expect(res.errors).toBeUndefined();
    const report = res.data.importRegister;
    expect(report).toMatchObject({ kind: 'REGISTER', fileName: 'register-2026-11.csv', format: 'csv', encoding: 'utf-8', rows: 4, accepted: false, errorCount: 1, inserted: 0, updated: 0, unchanged: 0 });
    expect(report.errors).toEqual([
      {
        row: 4,
        column: 'uscc',
        value: bad,
        reasonZh: `统一社会信用代码“${bad}”校验位错误：应为“${usccs[2][17]}”，实为“${bad[17]}”，请核对是否录入有误`,
        reasonEn: `the check character of "${bad}" is wrong: expected "${usccs[2][17]}", found "${bad[17]}"; please check for a typing error`,
      },
    ]);
    expect(await snapshot([...usccs, bad])).toEqual({ enterprises: [], history: [] });
  });

  it('a USCC twice in the file: the report names both rows', async () => {
    const usccs = await freshUsccs(3);
    const rows = [...usccs.map(business), { ...business(usccs[0], 9), name: '另一家店' }];
    const report = (await importRegister({ kind: 'REGISTER', file: inline(await file(rows), 'dup.csv') })).data.importRegister;
    expect(report.accepted).toBe(false);
    expect(report.errors).toEqual([
      {
        row: 5,
        column: 'uscc',
        value: usccs[0],
        reasonZh: `统一社会信用代码“${usccs[0]}”在第2行和第5行重复出现`,
        reasonEn: `uscc "${usccs[0]}" appears in both row 2 and row 5`,
      },
    ]);
    expect((await snapshot(usccs)).enterprises).toEqual([]);
  });
});

describe('importRegister: idempotent, by path or inline, CSV or XLSX', () => {
  it('imports from the import directory; the same file again changes nothing (not a byte: same xmin and ctid)', async () => {
    const usccs = await freshUsccs(30);
    fs.mkdirSync(path.join(inject('importDir'), '2026-11'), { recursive: true });
    fs.writeFileSync(path.join(inject('importDir'), '2026-11', 'register.csv'), await file(usccs.map(business)));
    const first = (await importRegister({ kind: 'REGISTER', file: { path: '2026-11/register.csv' } })).data.importRegister;
    expect(first).toMatchObject({ accepted: true, rows: 30, inserted: 30, updated: 0, unchanged: 0, errorCount: 0 });
    expect(first.sourceBatch).toBe(`register.csv@sha256:${first.sha256}`);
    const before = await snapshot(usccs);
    expect(before.enterprises).toHaveLength(30);
    // A new business's first class period starts at its registration date.
    expect(before.history.map((h: any) => [h.uscc, h.class, h.since, h.until, h.source_batch])).toEqual(
      usccs.map((u, i) => [u, business(u, i).creditRiskClass, business(u, i).registeredOn, null, first.sourceBatch]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    const again = (await importRegister({ kind: 'REGISTER', file: { path: '2026-11/register.csv' } })).data.importRegister;
    expect(again).toMatchObject({ accepted: true, rows: 30, inserted: 0, updated: 0, unchanged: 30 });
    expect(await snapshot(usccs)).toEqual(before);
  });

  it('XLSX and CSV of the same rows give the same result; a change updates only the changed row and records its new class', async () => {
    const usccs = await freshUsccs(6);
    const rows = usccs.map(business);
    const csvReport = (await importRegister({ kind: 'REGISTER', dryRun: true, file: inline(await file(rows, 'csv'), 'r.csv') })).data.importRegister;
    const xlsxReport = (await importRegister({ kind: 'REGISTER', dryRun: true, file: inline(await file(rows, 'xlsx'), 'r.xlsx') })).data.importRegister;
    const comparable = (r: any) => ({ rows: r.rows, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, accepted: r.accepted, errors: r.errors, dryRun: r.dryRun });
    expect(comparable(xlsxReport)).toEqual(comparable(csvReport));
    expect(csvReport).toMatchObject({ dryRun: true, accepted: true, inserted: 6 });
    expect((await snapshot(usccs)).enterprises).toEqual([]); // dry runs are rolled back

    expect((await importRegister({ kind: 'REGISTER', file: inline(await file(rows, 'xlsx'), 'r.xlsx') })).data.importRegister.inserted).toBe(6);
    expect((await importRegister({ kind: 'REGISTER', file: inline(await file(rows, 'csv'), 'r.csv') })).data.importRegister).toMatchObject({ unchanged: 6, inserted: 0, updated: 0 });

    const before = await snapshot(usccs);
    const changed = rows.map((r, i) => (i === 1 ? { ...r, name: '馆陶县改名后的理发店', creditRiskClass: 'D' } : r));
    const report = (await importRegister({ kind: 'REGISTER', file: inline(await file(changed, 'xlsx'), 'r2.xlsx') })).data.importRegister;
    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 5 });
    const after = await snapshot(usccs);
    const untouched = (s: typeof before) => s.enterprises.filter((e: any) => e.uscc !== usccs[1]);
    expect(untouched(after)).toEqual(untouched(before));
    expect(after.enterprises.find((e: any) => e.uscc === usccs[1])).toMatchObject({ name: '馆陶县改名后的理发店', credit_risk_class: 'D' });
    const today = SUITE_TODAY;
    expect(after.history.filter((h: any) => h.uscc === usccs[1]).map((h: any) => [h.class, h.since, h.until])).toEqual([
      ['B', '2019-06-02', today],
      ['D', today, null],
    ]);
  });
});

describe('importRegister: a large file is written while it is read (chunks of 20,000 rows)', () => {
  const ROWS = 25_000;
  const foreignKeys = () =>
    sql('market-supervision', "SELECT conname FROM pg_constraint WHERE conrelid = 'credit_risk_class_history'::regclass AND contype = 'f' ORDER BY conname");

  it('a bad row after the first chunk: the rows already written are undone; the report has the right rows', async () => {
    const usccs = await freshUsccs(ROWS);
    const rows = usccs.map(business);
    rows[22_000] = { ...rows[22_000], uscc: usccs[1] }; // file row 22002 repeats file row 3 (data rows start at row 2)
    rows[24_000] = { ...rows[24_000], industryCode: '1234' }; // file row 24002
    fs.mkdirSync(path.join(inject('importDir'), 'large'), { recursive: true });
    fs.writeFileSync(path.join(inject('importDir'), 'large', 'register-bad.csv'), await file(rows));
    const keys = await foreignKeys();
    const report = (await importRegister({ kind: 'REGISTER', file: { path: 'large/register-bad.csv' } })).data.importRegister;
    expect(report).toMatchObject({ accepted: false, rows: ROWS, inserted: 0, updated: 0, unchanged: 0, errorCount: 2 });
    expect(report.errors).toEqual([
      {
        row: 22_002,
        column: 'uscc',
        value: usccs[1],
        reasonZh: `统一社会信用代码“${usccs[1]}”在第3行和第22002行重复出现`,
        reasonEn: `uscc "${usccs[1]}" appears in both row 3 and row 22002`,
      },
      {
        row: 24_002,
        column: 'industryCode',
        value: '1234',
        reasonZh: '行业代码“1234”不在国民经济行业分类（GB/T 4754-2017）目录中，应为四位代码，如 6129',
        reasonEn: '"1234" is not a known GB/T 4754-2017 industry code (four digits, e.g. 6129)',
      },
    ]);
    // The first 20,000 rows were merged while row 20,002 onwards was still being read: all undone.
    expect(await snapshot(usccs)).toEqual({ enterprises: [], history: [] });
    expect(await foreignKeys()).toEqual(keys);
  });

  it('a valid file (dry run): every row counted as inserted, then rolled back; the history keeps its foreign key', async () => {
    const usccs = await freshUsccs(ROWS);
    fs.mkdirSync(path.join(inject('importDir'), 'large'), { recursive: true });
    fs.writeFileSync(path.join(inject('importDir'), 'large', 'register.csv'), await file(usccs.map(business)));
    const keys = await foreignKeys();
    expect(keys).toEqual([{ conname: 'credit_risk_class_history_uscc_foreign' }]);
    const report = (await importRegister({ kind: 'REGISTER', dryRun: true, file: { path: 'large/register.csv' } })).data.importRegister;
    expect(report).toMatchObject({ accepted: true, dryRun: true, rows: ROWS, inserted: ROWS, updated: 0, unchanged: 0, errorCount: 0, errors: [] });
    expect(await snapshot(usccs)).toEqual({ enterprises: [], history: [] });
    expect(await foreignKeys()).toEqual(keys);
  });
});

describe('credit-class batches keep the history', () => {
  it('a batch closes and opens periods only where the class changes; as-of answers old and new; the batch again changes nothing', async () => {
    const usccs = await freshUsccs(5);
    const rows = usccs.map(business); // classes A B C D A
    await importRegister({ kind: 'REGISTER', file: inline(await file(rows), 'base.csv') });
    const batch: Values[] = [
      { uscc: usccs[0], creditRiskClass: 'C', effectiveDate: '' },
      { uscc: usccs[1], creditRiskClass: 'B', effectiveDate: '' }, // unchanged
      { uscc: usccs[2], creditRiskClass: 'A', effectiveDate: '2026-09-15' },
    ];
    const bytes = await file(batch, 'csv', CREDIT_CLASS_COLUMNS);
    const report = (await importRegister({ kind: 'CREDIT_CLASSES', effectiveDate: '2026-10-01', file: inline(bytes, 'credit-2026-10.csv') })).data.importRegister;
    expect(report).toMatchObject({ kind: 'CREDIT_CLASSES', accepted: true, rows: 3, inserted: 0, updated: 2, unchanged: 1 });

    const q = `query ($u: String!) { enterprise(uscc: $u) { creditRiskClass
      creditRiskClassHistory { creditRiskClass since until sourceBatch importedBy }
      before: creditRiskClassAsOf(date: "2026-09-30") after: creditRiskClassAsOf(date: "2026-10-01") first: creditRiskClassAsOf(date: "2019-01-01") } }`;
    const analyst = await tokens.analyst();
    const e0 = (await gql(q, { u: usccs[0] }, { token: analyst })).data.enterprise;
    expect(e0).toMatchObject({ creditRiskClass: 'C', before: 'A', after: 'C', first: null });
    expect(e0.creditRiskClassHistory.map((h: any) => [h.creditRiskClass, h.since, h.until])).toEqual([
      ['A', '2019-06-01', '2026-10-01'],
      ['C', '2026-10-01', null],
    ]);
    expect(e0.creditRiskClassHistory[1]).toMatchObject({ sourceBatch: report.sourceBatch, importedBy: 'test-department-admin-market-supervision' });
    const e2 = (await gql(q, { u: usccs[2] }, { token: analyst })).data.enterprise;
    expect(e2.creditRiskClassHistory.map((h: any) => [h.creditRiskClass, h.since, h.until])).toEqual([
      ['C', '2019-06-03', '2026-09-15'],
      ['A', '2026-09-15', null],
    ]);
    expect((await gql(q, { u: usccs[1] }, { token: analyst })).data.enterprise.creditRiskClassHistory).toHaveLength(1);

    const before = await snapshot(usccs);
    const again = (await importRegister({ kind: 'CREDIT_CLASSES', effectiveDate: '2026-10-01', file: inline(bytes, 'credit-2026-10.csv') })).data.importRegister;
    expect(again).toMatchObject({ accepted: true, updated: 0, unchanged: 3 });
    expect(await snapshot(usccs)).toEqual(before);
  });

  it('refuses USCCs not in the register and dates before the current class, naming the rows; writes nothing', async () => {
    const [registered, unknown] = await freshUsccs(2);
    await importRegister({ kind: 'REGISTER', file: inline(await file([business(registered, 0)]), 'one.csv') });
    const before = await snapshot([registered]);
    const bytes = await file(
      [
        { uscc: unknown, creditRiskClass: 'B', effectiveDate: '' },
        { uscc: registered, creditRiskClass: 'D', effectiveDate: '2019-01-01' },
      ],
      'csv',
      CREDIT_CLASS_COLUMNS,
    );
    const report = (await importRegister({ kind: 'CREDIT_CLASSES', file: inline(bytes, 'c.csv') })).data.importRegister;
    expect(report.accepted).toBe(false);
    expect(report.errors).toEqual([
      { row: 2, column: 'uscc', value: unknown, reasonZh: `登记系统中没有统一社会信用代码为“${unknown}”的市场主体`, reasonEn: `no business with USCC "${unknown}" is in the register` },
      {
        row: 3,
        column: 'effectiveDate',
        value: '2019-01-01',
        reasonZh: '生效日期2019-01-01早于该市场主体现行分类的起始日期2019-06-01',
        reasonEn: "the effective date 2019-01-01 is before the start of the business's current class (2019-06-01)",
      },
    ]);
    expect(await snapshot([registered])).toEqual(before);
  });

  it('history and as-of for a page of businesses cost one statement, whatever the page size', async () => {
    const analyst = await tokens.analyst();
    const page = `query ($n: Int!) { enterprises(first: $n) { nodes { uscc creditRiskClassHistory { since } creditRiskClassAsOf(date: "2026-01-01") } } }`;
    const count = async (n: number) => {
      const res = await gql(page, { n }, { token: analyst, headers: { 'x-yiye-debug': 'sql' } });
      expect(res.errors).toBeUndefined();
      expect(res.data.enterprises.nodes.every((e: any) => e.creditRiskClassHistory.length >= 1 && e.creditRiskClassAsOf)).toBe(true);
      return res.extensions?.sqlStatements['market-supervision'];
    };
    expect(await count(5)).toBe(3); // count + page + one history SELECT
    expect(await count(100)).toBe(3);
  });
});

describe('who may import, and which files', () => {
  it('only market supervision department admins: others FORBIDDEN (or UNAUTHENTICATED), and nothing is written', async () => {
    const usccs = await freshUsccs(2);
    const variables = { kind: 'REGISTER', file: inline(await file(usccs.map(business)), 'r.csv') };
    for (const token of [await tokens.admin('public-security'), await tokens.inspector('market-supervision'), await tokens.coordinator()]) {
      const res = await importRegister(variables, token);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(res.data).toBeNull();
    }
    const anonymous = await gql(IMPORT, variables);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Mutation.importRegister' });
    expect((await snapshot(usccs)).enterprises).toEqual([]);
  });

  it('a path outside the import directory is refused', async () => {
    for (const p of ['../pg/postgresql.conf', '/etc/passwd', '2026-11/../../x.csv']) {
      const res = await importRegister({ kind: 'REGISTER', file: { path: p } });
      expect(res.errors?.[0].extensions, p).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.path', reason: 'outside-import-dir' });
      expect(res.errors?.[0].message).toContain('不在导入目录内');
    }
    const both = await importRegister({ kind: 'REGISTER', file: { path: 'a.csv', contentBase64: 'eA==', fileName: 'a.csv' } });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });
});

describe('registerExport', () => {
  it('exports the register and the current classes; both re-import unchanged (dry run)', async () => {
    const analyst = await tokens.analyst();
    const [{ n }] = await sql('market-supervision', 'SELECT count(*)::int AS n FROM enterprise');
    for (const [kind, format] of [['REGISTER', 'CSV'], ['CREDIT_CLASSES', 'XLSX']]) {
      const res = await gql(
        'query ($kind: RegisterImportKind!, $format: ExportFormat!) { registerExport(kind: $kind, format: $format) { fileName rows sha256 contentBase64 } }',
        { kind, format },
        { token: analyst },
      );
      expect(res.errors).toBeUndefined();
      const out = res.data.registerExport;
      expect(out.rows).toBe(n);
      expect(out.fileName).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
      const report = (await importRegister({ kind, dryRun: true, file: { contentBase64: out.contentBase64, fileName: out.fileName } })).data.importRegister;
      expect(report).toMatchObject({ accepted: true, rows: n, inserted: 0, updated: 0, unchanged: n, sha256: out.sha256 });
    }
    const anonymous = await gql('{ registerExport(kind: REGISTER) { rows } }');
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
