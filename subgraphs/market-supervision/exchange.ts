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
  type Values,
} from '../../shared/exchange/index.js';

/**
 * Market supervision's files: the register (`register`) and the monthly credit-risk
 * reclassification (`credit-classes`). Used by the `importRegister` mutation and by
 * `npm run import` / `npm run export`, the same code on the same database.
 *
 * Writing (pass 2, per batch of 5,000 rows): one SELECT of the stored rows by primary key, a
 * comparison in memory, then one INSERT … SELECT FROM unnest($arrays) for the new rows and one
 * UPDATE … FROM unnest($arrays) for the changed ones. Unchanged rows are not written at all (not
 * even locked), so a re-import writes nothing. Array parameters keep each statement to 7–8
 * parameters whatever the batch size.
 */

export type RegisterKind = 'register' | 'credit-classes';
export const REGISTER_KINDS: RegisterKind[] = ['register', 'credit-classes'];

export { withImportTx, withExportTx } from '../../shared/department/import-tx.js';

/** One register import at a time (both kinds change classes): the second waits for the first. */
async function lockRegister(tx: ImportTx): Promise<void> {
  await tx.sql.query("SELECT pg_advisory_xact_lock(hashtext('yiye:market-supervision:register-import'))");
}

const REGISTER_FIELDS = ['name', 'industryCode', 'regionCode', 'status', 'creditRiskClass', 'registeredOn'] as const;

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

/** `register`: upsert by USCC, compared before writing. A new business's first class period starts at its registration date. */
export const registerImport: ImportDefinition<RegisterRow> = defineImport<RegisterRow>({
  kind: 'register',
  titleZh: '市场主体登记名录',
  titleEn: 'business register',
  columns: REGISTER_COLUMNS,
  keyColumn: 'uscc',
  toRow: toRegisterRow,
  prepare: lockRegister,
  async apply({ sql }, rows, ctx): Promise<ApplyCounts> {
    const { rows: stored } = await sql.query<RegisterRow>(
      `SELECT uscc, name, industry_code AS "industryCode", region_code AS "regionCode", status,
              credit_risk_class AS "creditRiskClass", to_char(registered_on, 'YYYY-MM-DD') AS "registeredOn"
         FROM enterprise WHERE uscc = ANY($1::text[])`,
      [rows.map((r) => r.uscc)],
    );
    const byUscc = new Map(stored.map((r) => [r.uscc, r]));
    const inserts: RegisterRow[] = [];
    const updates: RegisterRow[] = [];
    const classChanges: RegisterRow[] = [];
    for (const r of rows) {
      const old = byUscc.get(r.uscc);
      if (!old) inserts.push(r);
      else if (REGISTER_FIELDS.some((f) => old[f] !== r[f])) {
        updates.push(r);
        if (old.creditRiskClass !== r.creditRiskClass) classChanges.push(r);
      }
    }
    if (inserts.length) {
      await sql.query(
        `INSERT INTO enterprise (uscc, name, industry_code, region_code, status, credit_risk_class, registered_on)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[])`,
        [
          column(inserts, (r) => r.uscc),
          column(inserts, (r) => r.name),
          column(inserts, (r) => r.industryCode),
          column(inserts, (r) => r.regionCode),
          column(inserts, (r) => r.status),
          column(inserts, (r) => r.creditRiskClass),
          column(inserts, (r) => r.registeredOn),
        ],
      );
      await openPeriodsFor(sql, column(inserts, (r) => r.uscc), column(inserts, (r) => r.creditRiskClass), column(inserts, (r) => r.registeredOn), ctx);
    }
    if (updates.length) {
      // The class is changed (with its history) by changeClasses below.
      await sql.query(
        `UPDATE enterprise e SET name = t.name, industry_code = t.industry, region_code = t.region, status = t.status, registered_on = t.registered
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[]) AS t(uscc, name, industry, region, status, registered)
          WHERE e.uscc = t.uscc`,
        [
          column(updates, (r) => r.uscc),
          column(updates, (r) => r.name),
          column(updates, (r) => r.industryCode),
          column(updates, (r) => r.regionCode),
          column(updates, (r) => r.status),
          column(updates, (r) => r.registeredOn),
        ],
      );
      await changeClasses(
        sql,
        column(classChanges, (r) => r.uscc),
        column(classChanges, (r) => r.creditRiskClass),
        // The register file has no effective date: a class it changes changes on the day of the import.
        column(classChanges, () => ctx.today),
        ctx,
      );
    }
    return { inserted: inserts.length, updated: updates.length, unchanged: rows.length - inserts.length - updates.length };
  },
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

