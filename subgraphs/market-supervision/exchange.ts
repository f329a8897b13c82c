import {
  CREDIT_CLASS_COLUMNS,
  REGISTER_COLUMNS,
  defineImport,
  requireRegistered,
  toCreditClassRow,
  toRegisterRow,
  validators,
  type ApplyCounts,
  type ColumnSpec,
  type CreditClassRow,
  type ImportContext,
  type ImportDefinition,
  type ImportTx,
  type RegisterRow,
  type SqlClient,
  type Stager,
  type Values,
} from '../../shared/exchange/index.js';
import { CopyRowWriter, copyText } from '../../shared/platform/pg-copy.js';

/**
 * Market supervision's files: the register (`register`) and the monthly credit-risk
 * reclassification (`credit-classes`). Used by the `importRegister` mutation and by
 * `npm run import` / `npm run export`, the same code on the same database.
 *
 * Writing the register (`stageRegister`): while the file is read and checked, its valid rows
 * stream with COPY into a temporary staging table; once the whole file is valid, four statements
 * merge it: the changed businesses are updated (their class changes noted), the class periods of
 * those are closed and opened, and the new businesses are inserted with their first period.
 * Unchanged rows are not written at all (not even locked), so a re-import writes nothing.
 *
 * Credit-class batches are written per batch of 5,000 rows (`apply`): one SELECT of the open
 * periods by primary key, a comparison in memory, then UPDATE … FROM unnest($arrays) and
 * INSERT … SELECT FROM unnest($arrays) for the changed classes only.
 */

export type RegisterKind = 'register' | 'credit-classes';
export const REGISTER_KINDS: RegisterKind[] = ['register', 'credit-classes'];

export { withImportTx, withExportTx } from '../../shared/department/import-tx.js';

/** One register import at a time (both kinds change classes): the second waits for the first. */
async function lockRegister(tx: ImportTx): Promise<void> {
  await tx.sql.query("SELECT pg_advisory_xact_lock(hashtext('yiye:market-supervision:register-import'))");
}


async function openPeriods(sql: SqlClient, usccs: string[]): Promise<Map<string, { creditRiskClass: string; since: string | null }>> {
  const { rows } = await sql.query<{ uscc: string; credit_risk_class: string; since: string | null }>(
    `SELECT e.uscc, e.credit_risk_class, to_char(h.since, 'YYYY-MM-DD') AS since
       FROM enterprise e LEFT JOIN credit_risk_class_history h ON h.uscc = e.uscc AND h.until IS NULL
      WHERE e.uscc = ANY($1::text[])`,
    [usccs],
  );
  return new Map(rows.map((r) => [r.uscc, { creditRiskClass: r.credit_risk_class, since: r.since }]));
}

/** Closes the open periods of `usccs` on `dates[i]`, opens new ones with `classes[i]` and sets the businesses' class. */
async function changeClasses(sql: SqlClient, usccs: string[], classes: string[], dates: string[], ctx: ImportContext): Promise<void> {
  if (usccs.length === 0) return;
  await sql.query(
    `UPDATE credit_risk_class_history h SET until = t.d
       FROM unnest($1::text[], $2::date[]) AS t(u, d)
      WHERE h.uscc = t.u AND h.until IS NULL`,
    [usccs, dates],
  );
  await openPeriodsFor(sql, usccs, classes, dates, ctx);
  await sql.query(
    `UPDATE enterprise e SET credit_risk_class = t.c FROM unnest($1::text[], $2::text[]) AS t(u, c)
      WHERE e.uscc = t.u AND e.credit_risk_class IS DISTINCT FROM t.c`,
    [usccs, classes],
  );
}

/** New open periods (the businesses have none open). */
async function openPeriodsFor(sql: SqlClient, usccs: string[], classes: string[], dates: string[], ctx: ImportContext): Promise<void> {
  if (usccs.length === 0) return;
  await sql.query(
    `INSERT INTO credit_risk_class_history (uscc, class, since, until, source_batch, imported_at, imported_by)
     SELECT t.u, t.c, t.d, NULL, $4, $5, $6 FROM unnest($1::text[], $2::text[], $3::date[]) AS t(u, c, d)`,
    [usccs, classes, dates, ctx.sourceBatch, ctx.importedAt, ctx.importedBy],
  );
}

const column = <T>(rows: T[], f: (r: T) => string) => rows.map(f);

/**
 * The register's set-based writing (see the top of this file). The staging table lives in the
 * transaction only (ON COMMIT DROP). `row` is the file's row number of each staged business.
 */
async function stageRegister({ sql, copyIn }: ImportTx, ctx: ImportContext): Promise<Stager<RegisterRow>> {
  await sql.query('DROP TABLE IF EXISTS pg_temp.register_stage');
  await sql.query(`CREATE TEMP TABLE register_stage (row int NOT NULL, uscc text NOT NULL, name text NOT NULL, industry_code text NOT NULL,
    region_code text NOT NULL, status text NOT NULL, credit_risk_class text NOT NULL, registered_on date NOT NULL) ON COMMIT DROP`);
  const writer = new CopyRowWriter(await copyIn('COPY register_stage FROM STDIN'));
  return {
    write: ({ rowNumber, row: r }) =>
      writer.push(`${rowNumber}\t${r.uscc}\t${copyText(r.name)}\t${r.industryCode}\t${r.regionCode}\t${r.status}\t${r.creditRiskClass}\t${r.registeredOn}`),
    end: async () => {
      await writer.end();
    },
    abort: () => writer.fail('the import stopped: nothing is imported'),
    merge: async () => ({ problems: [], counts: await mergeRegister(sql, ctx) }),
  };
}

/** Writes the staged register: changed businesses, their class periods, then the new ones. */
async function mergeRegister(sql: SqlClient, ctx: ImportContext): Promise<ApplyCounts> {
  const [{ n: staged }] = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM register_stage')).rows;
  // Changed businesses: every field compared (a row-wise IS DISTINCT FROM); `o` is the row as it was.
  await sql.query(`CREATE TEMP TABLE register_changed (uscc text NOT NULL, credit_risk_class text NOT NULL, class_changed boolean NOT NULL) ON COMMIT DROP`);
  const updated =
    (
      await sql.query(
        `WITH u AS (
           UPDATE enterprise e SET name = s.name, industry_code = s.industry_code, region_code = s.region_code, status = s.status,
                  credit_risk_class = s.credit_risk_class, registered_on = s.registered_on
             FROM register_stage s JOIN enterprise o ON o.uscc = s.uscc
            WHERE e.uscc = s.uscc
              AND (o.name, o.industry_code, o.region_code, o.status, o.credit_risk_class, o.registered_on)
                  IS DISTINCT FROM (s.name, s.industry_code, s.region_code, s.status, s.credit_risk_class, s.registered_on)
           RETURNING e.uscc, e.credit_risk_class, o.credit_risk_class <> e.credit_risk_class AS class_changed)
         INSERT INTO register_changed SELECT * FROM u`,
      )
    ).rowCount ?? 0;
  if (updated > 0) {
    // The register file has no effective date: a class it changes changes on the day of the import.
    await sql.query(
      `UPDATE credit_risk_class_history h SET until = $1::date FROM register_changed c
        WHERE c.class_changed AND h.uscc = c.uscc AND h.until IS NULL`,
      [ctx.today],
    );
    await sql.query(
      `INSERT INTO credit_risk_class_history (uscc, class, since, until, source_batch, imported_at, imported_by)
       SELECT c.uscc, c.credit_risk_class, $1::date, NULL, $2, $3, $4 FROM register_changed c WHERE c.class_changed ORDER BY c.uscc`,
      [ctx.today, ctx.sourceBatch, ctx.importedAt, ctx.importedBy],
    );
  }
  // New businesses, in USCC order (the indexes grow at their right edge), each with its first class period from its registration date.
  const inserted =
    (
      await sql.query(
        `WITH i AS (
           INSERT INTO enterprise (uscc, name, industry_code, region_code, status, credit_risk_class, registered_on)
           SELECT s.uscc, s.name, s.industry_code, s.region_code, s.status, s.credit_risk_class, s.registered_on
             FROM register_stage s WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = s.uscc)
            ORDER BY s.uscc
           RETURNING uscc, credit_risk_class, registered_on)
         INSERT INTO credit_risk_class_history (uscc, class, since, until, source_batch, imported_at, imported_by)
         SELECT i.uscc, i.credit_risk_class, i.registered_on, NULL, $1, $2, $3 FROM i`,
        [ctx.sourceBatch, ctx.importedAt, ctx.importedBy],
      )
    ).rowCount ?? 0;
  return { inserted, updated, unchanged: staged - inserted - updated };
}

/** `register`: upsert by USCC, compared before writing. A new business's first class period starts at its registration date. */
export const registerImport: ImportDefinition<RegisterRow> = defineImport<RegisterRow>({
  kind: 'register',
  titleZh: '市场主体登记名录',
  titleEn: 'business register',
  columns: REGISTER_COLUMNS,
  keyColumn: 'uscc',
  toRow: toRegisterRow,
  prepare: lockRegister,
  stage: stageRegister,
});

/**
 * `credit-classes`: the monthly reclassification. Every USCC must be in the register; the
 * effective date must not be before the start of the business's current period. Only rows whose
 * class differs are written: the open period is closed on the effective date and a new one opened.
 */
export const creditClassImport: ImportDefinition<CreditClassRow> = defineImport<CreditClassRow>({
  kind: 'credit-classes',
  titleZh: '信用风险分类结果',
  titleEn: 'credit-risk classification',
  columns: CREDIT_CLASS_COLUMNS,
  keyColumn: 'uscc',
  toRow: toCreditClassRow,
  prepare: lockRegister,
  async checkBatch({ sql }, rows) {
    const periods = await openPeriods(sql, rows.map((r) => r.row.uscc));
    const missing = await requireRegistered<CreditClassRow, null>(async () => new Set(periods.keys()))(null, rows);
    const early = rows
      .filter((r) => {
        const p = periods.get(r.row.uscc);
        return p?.since && r.row.effectiveDate < p.since && p.creditRiskClass !== r.row.creditRiskClass;
      })
      .map((r) => {
        const since = periods.get(r.row.uscc)!.since!;
        return {
          row: r.rowNumber,
          column: 'effectiveDate',
          value: r.row.effectiveDate,
          reason: validators.reason(
            `生效日期${r.row.effectiveDate}早于该市场主体现行分类的起始日期${since}`,
            `the effective date ${r.row.effectiveDate} is before the start of the business's current class (${since})`,
          ),
        };
      });
    return [...missing, ...early];
  },
  async apply({ sql }, rows, ctx): Promise<ApplyCounts> {
    const periods = await openPeriods(sql, rows.map((r) => r.uscc));
    const changed = rows.filter((r) => periods.get(r.uscc)?.creditRiskClass !== r.creditRiskClass);
    await changeClasses(
      sql,
      column(changed, (r) => r.uscc),
      column(changed, (r) => r.creditRiskClass),
      column(changed, (r) => r.effectiveDate),
      ctx,
    );
    return { inserted: 0, updated: changed.length, unchanged: rows.length - changed.length };
  },
});

export function importDefinition(kind: RegisterKind): ImportDefinition<RegisterRow | CreditClassRow> {
  return (kind === 'register' ? registerImport : creditClassImport) as ImportDefinition<RegisterRow | CreditClassRow>;
}

// ─── export ────────────────────────────────────────────────────────────────────────────────────

export function exportColumns(kind: RegisterKind): ColumnSpec[] {
  return kind === 'register' ? REGISTER_COLUMNS : CREDIT_CLASS_COLUMNS;
}

/** Rows of an export in USCC order, read 5,000 at a time by key (no cursor, no whole table in memory). */
export async function* exportRows(sql: SqlClient, kind: RegisterKind, pageSize = 5_000): AsyncGenerator<Values> {
  const query =
    kind === 'register'
      ? `SELECT uscc, name, industry_code AS "industryCode", region_code AS "regionCode", status,
                credit_risk_class AS "creditRiskClass", to_char(registered_on, 'YYYY-MM-DD') AS "registeredOn"
           FROM enterprise WHERE uscc > $1 ORDER BY uscc LIMIT $2`
      : `SELECT e.uscc, e.credit_risk_class AS "creditRiskClass", coalesce(to_char(h.since, 'YYYY-MM-DD'), '') AS "effectiveDate"
           FROM enterprise e LEFT JOIN credit_risk_class_history h ON h.uscc = e.uscc AND h.until IS NULL
          WHERE e.uscc > $1 ORDER BY e.uscc LIMIT $2`;
  let after = '';
  for (;;) {
    const { rows } = await sql.query<Values>(query, [after, pageSize]);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].uscc;
  }
}

export async function countRows(sql: SqlClient): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enterprise');
  return rows[0].n;
}

