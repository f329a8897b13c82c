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
import { copyText } from '../../shared/platform/pg-copy.js';

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

/** Rows per staged chunk: large enough for set-based statements, small enough to keep both cores busy. */
const CHUNK_ROWS = 20_000;
const YIELD_ROWS = 500;

/**
 * A bulk load (a first chunk of at least `BULK_MIN_ROWS` new businesses, at least a twentieth of
 * the history table): the history's foreign keys to the register are dropped for the import and
 * added again at its end, which checks every row in one join instead of one lookup (and one row
 * lock) per row: PostgreSQL's advice for populating a database. The two tables are then locked
 * (ACCESS EXCLUSIVE) until the import commits or rolls back.
 */
const BULK_MIN_ROWS = 10_000;

/**
 * The register written while the file is read (see the top of this file): chunks of valid rows
 * are COPYed into a temporary staging table and merged, one chunk in flight while the next is
 * parsed. Everything after the savepoint is undone when the file turns out to have an error.
 */
async function stageRegister({ sql, copyIn }: ImportTx, ctx: ImportContext): Promise<Stager<RegisterRow>> {
  await sql.query('SAVEPOINT register_import');
  // Temporary tables, created after the savepoint (undone with it): TRUNCATE of a table created in the
  // same subtransaction is done in place.
  await sql.query('DROP TABLE IF EXISTS pg_temp.register_stage, pg_temp.register_changed');
  await sql.query(`CREATE TEMP TABLE register_stage (uscc text NOT NULL, name text NOT NULL, industry_code text NOT NULL,
    region_code text NOT NULL, status text NOT NULL, credit_risk_class text NOT NULL, registered_on date NOT NULL) ON COMMIT DROP`);
  await sql.query('CREATE TEMP TABLE register_changed (uscc text NOT NULL, credit_risk_class text NOT NULL, class_changed boolean NOT NULL) ON COMMIT DROP');
  // A chunk is matched to the register by primary-key lookups: the planner, which knows nothing of the
  // staging table, would otherwise hash the whole register for every chunk. Restored at the end.
  const { rows: [planner] } = await sql.query<{ hash: string; merge: string }>(
    `SELECT current_setting('enable_hashjoin') AS hash, current_setting('enable_mergejoin') AS merge,
            set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`,
  );
  const restorePlanner = () => sql.query(`SELECT set_config('enable_hashjoin', $1, true), set_config('enable_mergejoin', $2, true)`, [planner.hash, planner.merge]);
  const counts: ApplyCounts = { inserted: 0, updated: 0, unchanged: 0 };
  let foreignKeys: { name: string; definition: string }[] | undefined;
  let lines = '';
  let rows = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const chunk = async (text: string, n: number) => {
    const copy = await copyIn('TRUNCATE register_stage; COPY register_stage FROM STDIN'); // one round trip
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += 256 * 1024) await copy.write(bytes.subarray(at, at + 256 * 1024));
    await copy.end();
    foreignKeys ??= await bulkLoad(sql);
    const c = await mergeChunk(sql, n, ctx);
    counts.inserted += c.inserted;
    counts.updated += c.updated;
    counts.unchanged += c.unchanged;
  };
  const flush = async () => {
    await inFlight; // the previous chunk, rethrowing its failure
    if (rows === 0) return;
    const next = chunk(lines, rows);
    next.catch(() => {}); // observed by the next flush
    inFlight = next;
    lines = '';
    rows = 0;
  };
  return {
    write({ row: r }) {
      lines += `${r.uscc}\t${copyText(r.name)}\t${r.industryCode}\t${r.regionCode}\t${r.status}\t${r.creditRiskClass}\t${r.registeredOn}\n`;
      if (++rows >= CHUNK_ROWS) return flush();
      // Parsing runs on promises alone, which starve the event loop: let the database's answers for
      // the chunk in flight in now and then, or each of its statements waits for the parser.
      return rows % YIELD_ROWS === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
    },
    async finish() {
      await flush();
      await inFlight;
      // Checked again, in one pass over both tables (PostgreSQL's own validation of a new constraint).
      for (const fk of foreignKeys ?? []) await sql.query(`ALTER TABLE credit_risk_class_history ADD CONSTRAINT ${fk.name} ${fk.definition}`);
      await sql.query('RELEASE SAVEPOINT register_import');
      await restorePlanner();
      return counts;
    },
    async discard() {
      await inFlight.catch(() => {});
      await sql.query('ROLLBACK TO SAVEPOINT register_import');
      await sql.query('RELEASE SAVEPOINT register_import');
      await restorePlanner();
    },
    async abort() {
      await inFlight.catch(() => {});
    },
  };
}

/** Whether this import is a bulk load (see BULK_MIN_ROWS): if so, drops the history's foreign keys and returns them. */
async function bulkLoad(sql: SqlClient): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql.query<{ fresh: number; history: number }>(
    `SELECT (SELECT count(*)::int FROM register_stage s WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = s.uscc)) AS fresh,
            (SELECT greatest(reltuples, 0)::bigint::int FROM pg_class WHERE oid = 'credit_risk_class_history'::regclass) AS history`,
  );
  if (rows[0].fresh < BULK_MIN_ROWS || rows[0].fresh * 20 < rows[0].history) return [];
  const { rows: fks } = await sql.query<{ name: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = 'credit_risk_class_history'::regclass AND contype = 'f' ORDER BY conname`,
  );
  for (const fk of fks) await sql.query(`ALTER TABLE credit_risk_class_history DROP CONSTRAINT ${fk.name}`);
  return fks;
}

/** Writes one staged chunk: changed businesses and their class periods, then the new ones with their first period. */
async function mergeChunk(sql: SqlClient, staged: number, ctx: ImportContext): Promise<ApplyCounts> {
  // New businesses, in USCC order (the indexes grow in order), each with its first class period from
  // its registration date. A business already registered is left alone here (not locked either).
  const inserted =
    (
      await sql.query(
        `WITH i AS (
           INSERT INTO enterprise (uscc, name, industry_code, region_code, status, credit_risk_class, registered_on)
           SELECT s.uscc, s.name, s.industry_code, s.region_code, s.status, s.credit_risk_class, s.registered_on
             FROM register_stage s ORDER BY s.uscc
           ON CONFLICT (uscc) DO NOTHING
           RETURNING uscc, credit_risk_class, registered_on)
         INSERT INTO credit_risk_class_history (uscc, class, since, until, source_batch, imported_at, imported_by)
         SELECT i.uscc, i.credit_risk_class, i.registered_on, NULL, $1, $2, $3 FROM i`,
        [ctx.sourceBatch, ctx.importedAt, ctx.importedBy],
      )
    ).rowCount ?? 0;
  if (inserted === staged) return { inserted, updated: 0, unchanged: 0 };
  // Changed businesses: every field compared (a row-wise IS DISTINCT FROM; the rows just inserted
  // are equal); `o` is the row as it was. Unchanged rows are neither written nor locked.
  await sql.query('TRUNCATE register_changed');
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

