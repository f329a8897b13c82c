import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../platform/auth.js';
import { DEPARTMENT_CODES, findDepartment } from '../domain/departments.js';
import { concurrentChange } from '../platform/versioned.js';
import { textArray } from '../platform/orm.js';
import { remoteRegister } from './register.js';
import { callSubgraph, serviceFailure } from '../platform/service-client.js';
import type { SubgraphContext, SubgraphDefinition } from '../platform/subgraph.js';
import {
  DEPARTMENT_TARGET_COLUMNS,
  INSPECTOR_COLUMNS,
  defineInspectorImport,
  defineTargetImport,
  requireRegistered,
  targetColumns,
  validators as v,
  type ApplyCounts,
  type ColumnSpec,
  type ImportContext,
  type ImportDefinition,
  type ImportTx,
  type InspectorRow,
  type SqlClient,
  type TargetRow,
  type Values,
} from '../exchange/index.js';

/**
 * A department's directory files (targets, inspectors) against its own database: what the
 * department kit's `import<Department>Directory` / `export<Department>Directory` and the commands
 * (`npm run import|export -- targets|inspectors … --department <code>`) run, the same code.
 *
 * Checks in pass 1, 5,000 rows at a time, besides the cell checks of shared/exchange/directories.ts:
 *  - targets: the USCC is in the business register. Market supervision keeps the register and
 *    reads its own table; every other department asks it through the register contract
 *    (`registeredEnterprises`, shared/department/register.ts), never by SQL on its database.
 *  - inspectors: a certificate number must not be current in another department. Each other
 *    department is asked through `departmentInspectorCertificates` (department kit, @inaccessible,
 *    service role), in parallel; a department that does not answer stops the import
 *    (SERVICE_UNAVAILABLE): uniqueness that cannot be checked is not assumed.
 *
 * Writing (pass 2, same transaction): the current versions of the batch's keys in one SELECT, a
 * comparison in memory, then for changed rows one UPDATE closing their current versions (validTo,
 * closedBy, closeReason) and for changed and new rows one INSERT of the next versions (validFrom =
 * the import's start, changedBy = the importer, changeReason = the given reason): the history of
 * shared/domain/history.ts, as the directory mutations write it. Rows equal to their current version are
 * not written (not even locked): a re-import writes nothing. A file adds and updates; it never
 * removes: a key absent from the file stays as it is (removal is `remove<Department>Target`).
 */

export type DirectoryKind = 'targets' | 'inspectors';
export const DIRECTORY_KINDS: DirectoryKind[] = ['targets', 'inspectors'];

/** The department's directory entity classes (their tables are `supervised_target` and `inspector`). */
export interface DirectoryEntities {
  // eslint-disable-next-line @typescript-eslint/ban-types
  Target: Function;
  // eslint-disable-next-line @typescript-eslint/ban-types
  Inspector: Function;
}

/** A department's database as its `database.ts` exports it (subgraphs/catalog.ts `databaseFile`). */
export type DepartmentDatabase = NonNullable<SubgraphDefinition['database']> & { directory: DirectoryEntities };

export interface DirectoryImportOptions {
  department: string;
  entities: DirectoryEntities;
  /** Who asks the register and the other departments (the importer; signed as a service call). */
  identity: Identity;
}

/** The department that keeps the business register (and checks it locally). */
export const REGISTER_DEPARTMENT = 'market-supervision';

/** Largest list `departmentInspectorCertificates` accepts in one call. */
export const CERTIFICATE_BATCH = 10_000;

export const CERTIFICATES_QUERY = 'query ($certificateNumbers: [String!]!) { departmentInspectorCertificates(certificateNumbers: $certificateNumbers) }';

const CHANGED_BY_MAX = 128;

// ─── checks against the register and the other departments ─────────────────────────────────

/** The registered USCCs among `usccs`: market supervision reads its table, others ask it. */
export async function registeredAmong(tx: ImportTx, department: string, identity: Identity, usccs: string[]): Promise<Set<string>> {
  if (department === REGISTER_DEPARTMENT) {
    const { rows } = await tx.sql.query<{ uscc: string }>('SELECT uscc FROM enterprise WHERE uscc = ANY($1::text[])', [usccs]);
    return new Set(rows.map((r) => r.uscc));
  }
  const facts = await remoteRegister({ identity } as SubgraphContext, usccs);
  return new Set(facts.keys());
}

/**
 * Which of `certificateNumbers` are current inspectors of another department: number → the
 * departments (in catalog order). Every other department is asked at once; one that does not
 * answer stops the import.
 */
export async function certificatesElsewhere(department: string, identity: Identity, certificateNumbers: string[]): Promise<Map<string, string[]>> {
  const others = DEPARTMENT_CODES.filter((d) => d !== department);
  const batches: string[][] = [];
  for (let i = 0; i < certificateNumbers.length; i += CERTIFICATE_BATCH) batches.push(certificateNumbers.slice(i, i + CERTIFICATE_BATCH));
  const answers = await Promise.all(
    others.flatMap((other) =>
      batches.map(async (batch) => ({
        other,
        answer: await callSubgraph<{ departmentInspectorCertificates: string[] }>(other, identity, CERTIFICATES_QUERY, { certificateNumbers: batch }),
      })),
    ),
  );
  const out = new Map<string, string[]>();
  for (const { other, answer } of answers) {
    if (!answer.ok) {
      const name = findDepartment(other)?.nameZh ?? other;
      throw serviceFailure(
        answer,
        `暂时无法向${name}核对执法证号是否已被占用，未导入任何数据`,
        `${other} is not answering; certificate numbers cannot be checked across departments, so nothing was imported`,
        { department: other },
      );
    }
    for (const c of answer.data.departmentInspectorCertificates) out.set(c, [...(out.get(c) ?? []), other]);
  }
  for (const list of out.values()) list.sort((a, b) => DEPARTMENT_CODES.indexOf(a) - DEPARTMENT_CODES.indexOf(b));
  return out;
}

/** The current inspectors of this department among `certificateNumbers` (the contract's answer): one SELECT. */
export async function currentCertificates(em: EntityManager, certificateNumbers: string[]): Promise<string[]> {
  if (certificateNumbers.length === 0) return [];
  const rows: { certificate_number: string }[] = await em
    .getConnection()
    .execute('select certificate_number from inspector where valid_to is null and certificate_number = any(?::text[]) order by certificate_number', [textArray(certificateNumbers)], 'all');
  return rows.map((r) => r.certificate_number);
}

// ─── the import definitions ───────────────────────────────────────────────────────────────────

const VERSION_COLUMNS = new Set(['id', 'validFrom', 'validTo', 'changedBy', 'changeReason', 'closedBy', 'closeReason']);

interface OwnColumn {
  key: string;
  column: string;
  /** SQL type of the column, for the array cast of `unnest` (`varchar(32)`, `int`, `boolean`). */
  type: string;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * The target table's own columns, from the entity's metadata, matched to the file's columns
 * (DEPARTMENT_TARGET_COLUMNS): a property of the entity without a file column, or the reverse,
 * is a programming error and fails loudly (a new department must declare both).
 */
function targetLayout(em: EntityManager, department: string, Target: DirectoryEntities['Target']): { table: string; own: OwnColumn[] } {
  const meta = em.getMetadata().get(Target.name);
  const props = meta.props.filter((p) => p.persist !== false && !VERSION_COLUMNS.has(p.name) && p.name !== 'uscc' && p.name !== 'supervisedSince');
  const fileKeys = (DEPARTMENT_TARGET_COLUMNS[department] ?? []).map((c) => c.key);
  const missing = props.filter((p) => !fileKeys.includes(p.name)).map((p) => p.name);
  const extra = fileKeys.filter((k) => !props.some((p) => p.name === k));
  if (missing.length || extra.length) {
    throw new Error(
      `${department}: the target file columns (DEPARTMENT_TARGET_COLUMNS) and ${Target.name} disagree: ` +
        `${missing.length ? `no file column for ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `no property for ${extra.join(', ')}` : ''}`,
    );
  }
  return {
    table: meta.tableName,
    own: fileKeys.map((key) => {
      const p = props.find((x) => x.name === key)!;
      return { key, column: p.fieldNames[0], type: p.columnTypes[0] };
    }),
  };
}

function reasonOf(ctx: ImportContext): string {
  const reason = ctx.options.reason?.trim();
  if (!reason) throw new Error(`${ctx.kind} import: options.reason is required (every change to a directory has a reason)`);
  return reason;
}

const changedBy = (ctx: ImportContext) => ctx.importedBy.slice(0, CHANGED_BY_MAX);

/** One import of a kind at a time per department: a second one waits for the first. */
const lock = (kind: DirectoryKind) => async (tx: ImportTx, ctx: ImportContext) => {
  reasonOf(ctx);
  await tx.sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`yiye:directory-import:${kind}`]);
};

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
/** The later of the import's start and when the current version began (epoch milliseconds, rounded up). */
const later = (a: Date, bMs: number) => (a.getTime() >= bMs ? a : new Date(bMs));
/** When a version began, as a number whatever the driver's date parsing: never earlier than the stored instant. */
const VALID_FROM_MS = 'ceil(extract(epoch from valid_from) * 1000)::float8 AS "validFromMs"';

/**
 * Closes the current versions `ids` at `at[i]`. Each must still be current: if another change
 * closed one meanwhile, the import is refused (CONFLICT) and rolled back.
 */
async function closeVersions(sql: SqlClient, table: string, key: string, ids: number[], at: Date[], ctx: ImportContext): Promise<void> {
  if (ids.length === 0) return;
  const { rowCount } = await sql.query(
    `UPDATE ${quote(table)} v SET valid_to = t.at, closed_by = $3, close_reason = $4
       FROM unnest($1::int[], $2::timestamptz[]) AS t(id, at)
      WHERE v.id = t.id AND v.valid_to IS NULL`,
    [ids, at, changedBy(ctx), reasonOf(ctx)],
  );
  if (rowCount !== ids.length) throw concurrentChange(key);
}

/** A concurrent change added the same key (the "one current version" index): CONFLICT, nothing written. */
async function insertVersions(sql: SqlClient, text: string, params: unknown[], key: string): Promise<void> {
  try {
    await sql.query(text, params);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw concurrentChange(key);
    throw e;
  }
}

export function targetImport(o: DirectoryImportOptions): ImportDefinition<TargetRow> {
  let layout: ReturnType<typeof targetLayout> | undefined;
  const layoutOf = (em: EntityManager) => (layout ??= targetLayout(em, o.department, o.entities.Target));
  return defineTargetImport<ImportTx>({
    department: o.department,
    prepare: async (tx, ctx) => {
      layoutOf(tx.em);
      await lock('targets')(tx, ctx);
    },
    checkBatch: (tx, rows) => requireRegistered<TargetRow, ImportTx>((t, usccs) => registeredAmong(t, o.department, o.identity, usccs))(tx, rows),
    async apply(tx, rows, ctx): Promise<ApplyCounts> {
      const { table, own } = layoutOf(tx.em);
      const { rows: stored } = await tx.sql.query<Record<string, unknown> & { id: number; uscc: string; supervisedSince: string; validFromMs: number }>(
        `SELECT id, uscc, to_char(supervised_since, 'YYYY-MM-DD') AS "supervisedSince", ${VALID_FROM_MS}${own.map((c) => `, ${quote(c.column)} AS ${quote(c.key)}`).join('')}
           FROM ${quote(table)} WHERE valid_to IS NULL AND uscc = ANY($1::text[])`,
        [rows.map((r) => r.uscc)],
      );
      const current = new Map(stored.map((s) => [s.uscc, s]));
      const closeIds: number[] = [];
      const closeAt: Date[] = [];
      const next: { row: TargetRow; since: string; from: Date }[] = [];
      let unchanged = 0;
      for (const row of rows) {
        const old = current.get(row.uscc);
        if (!old) {
          next.push({ row, since: row.supervisedSince, from: ctx.importedAt });
          continue;
        }
        const since = row.supervisedSinceDefaulted ? old.supervisedSince : row.supervisedSince;
        if (since === old.supervisedSince && own.every((c) => same(old[c.key], row.fields[c.key]))) {
          unchanged++;
          continue;
        }
        // Never before the version it follows began (a change committed while this import ran).
        const at = later(ctx.importedAt, old.validFromMs);
        closeIds.push(old.id);
        closeAt.push(at);
        next.push({ row, since, from: at });
      }
      await closeVersions(tx.sql, table, 'uscc', closeIds, closeAt, ctx);
      if (next.length) {
        const n = own.length;
        await insertVersions(
          tx.sql,
          `INSERT INTO ${quote(table)} (uscc, supervised_since, valid_from, changed_by, change_reason${own.map((c) => `, ${quote(c.column)}`).join('')})
           SELECT t.uscc, t.since, t.valid_from, $${n + 4}, $${n + 5}${own.map((_, i) => `, t.c${i}`).join('')}
             FROM unnest($1::text[], $2::date[], $3::timestamptz[]${own.map((c, i) => `, $${i + 4}::${c.type}[]`).join('')})
               AS t(uscc, since, valid_from${own.map((_, i) => `, c${i}`).join('')})`,
          [
            next.map((x) => x.row.uscc),
            next.map((x) => x.since),
            next.map((x) => x.from),
            ...own.map((c) => next.map((x) => x.row.fields[c.key] ?? null)),
            changedBy(ctx),
            reasonOf(ctx),
          ],
          'uscc',
        );
      }
      const inserted = next.length - closeIds.length;
      return { inserted, updated: closeIds.length, unchanged };
    },
  });
}

export function inspectorImport(o: DirectoryImportOptions): ImportDefinition<InspectorRow> {
  const department = findDepartment(o.department);
  if (!department) throw new Error(`unknown department ${o.department}`);
  return defineInspectorImport<ImportTx>({
    department: o.department,
    prepare: lock('inspectors'),
    async checkBatch(_tx, rows) {
      const elsewhere = await certificatesElsewhere(o.department, o.identity, rows.map((r) => r.row.certificateNumber));
      return rows
        .filter((r) => elsewhere.has(r.row.certificateNumber))
        .map((r) => {
          const others = elsewhere.get(r.row.certificateNumber)!;
          const names = others.map((d) => findDepartment(d)?.nameZh ?? d).join('、');
          return {
            row: r.rowNumber,
            column: 'certificateNumber',
            reason: v.reason(
              `执法证号“${r.row.certificateNumber}”已是${names}的现行执法人员，同一执法证号不能同时在两个部门的名录中`,
              `certificate number "${r.row.certificateNumber}" is already current in the inspector directory of ${others.join(', ')}; one certificate number cannot be in two departments' directories`,
            ),
          };
        });
    },
    async apply(tx, rows, ctx): Promise<ApplyCounts> {
      const { rows: stored } = await tx.sql.query<{ id: number; certificateNumber: string; name: string; brigade: string | null; expertise: string[]; status: string; validFromMs: number }>(
        `SELECT id, certificate_number AS "certificateNumber", name, brigade, expertise, status, ${VALID_FROM_MS}
           FROM inspector WHERE valid_to IS NULL AND certificate_number = ANY($1::text[])`,
        [rows.map((r) => r.certificateNumber)],
      );
      const current = new Map(stored.map((s) => [s.certificateNumber, s]));
      const closeIds: number[] = [];
      const closeAt: Date[] = [];
      const next: { row: InspectorRow; from: Date }[] = [];
      let unchanged = 0;
      // Expertise is a set: the same tags in another order are not a change.
      const tags = (xs: string[]) => JSON.stringify([...xs].sort());
      for (const row of rows) {
        const old = current.get(row.certificateNumber);
        if (!old) {
          next.push({ row, from: ctx.importedAt });
          continue;
        }
        if (old.name === row.name && same(old.brigade, row.brigade) && old.status === row.status && tags(old.expertise) === tags(row.expertise)) {
          unchanged++;
          continue;
        }
        const at = later(ctx.importedAt, old.validFromMs);
        closeIds.push(old.id);
        closeAt.push(at);
        next.push({ row, from: at });
      }
      await closeVersions(tx.sql, 'inspector', 'certificateNumber', closeIds, closeAt, ctx);
      if (next.length) {
        await insertVersions(
          tx.sql,
          `INSERT INTO inspector (certificate_number, name, brigade, expertise, status, valid_from, changed_by, change_reason)
           SELECT t.cert, t.name, t.brigade, t.expertise::jsonb, t.status, t.valid_from, $7, $8
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t(cert, name, brigade, expertise, status, valid_from)`,
          [
            next.map((x) => x.row.certificateNumber),
            next.map((x) => x.row.name),
            next.map((x) => x.row.brigade),
            next.map((x) => JSON.stringify(x.row.expertise)),
            next.map((x) => x.row.status),
            next.map((x) => x.from),
            changedBy(ctx),
            reasonOf(ctx),
          ],
          'certificateNumber',
        );
      }
      return { inserted: next.length - closeIds.length, updated: closeIds.length, unchanged };
    },
  });
}

export function directoryImport(kind: DirectoryKind, o: DirectoryImportOptions): ImportDefinition<TargetRow | InspectorRow> {
  return (kind === 'targets' ? targetImport(o) : inspectorImport(o)) as ImportDefinition<TargetRow | InspectorRow>;
}

// ─── export ────────────────────────────────────────────────────────────────────────────────────

export function directoryColumns(kind: DirectoryKind, department: string): ColumnSpec[] {
  return kind === 'targets' ? targetColumns(department) : INSPECTOR_COLUMNS;
}

export async function countDirectory(sql: SqlClient, kind: DirectoryKind): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${kind === 'targets' ? 'supervised_target' : 'inspector'} WHERE valid_to IS NULL`);
  return rows[0].n;
}

const cell = (value: unknown): string => (value == null ? '' : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value));

/**
 * The current versions, in the import format, by key in code-point order (the same whatever the
 * database's collation), read 5,000 at a time through a cursor of the caller's transaction (use a
 * REPEATABLE READ one, `withExportTx`): never the whole directory in memory.
 */
export async function* directoryExportRows(tx: ImportTx, kind: DirectoryKind, department: string, entities: DirectoryEntities, pageSize = 5_000): AsyncGenerator<Values> {
  let query: string;
  let toValues: (r: Record<string, unknown>) => Values;
  if (kind === 'targets') {
    const { table, own } = targetLayout(tx.em, department, entities.Target);
    query = `SELECT uscc, to_char(supervised_since, 'YYYY-MM-DD') AS "supervisedSince"${own.map((c) => `, ${quote(c.column)} AS ${quote(c.key)}`).join('')}
               FROM ${quote(table)} WHERE valid_to IS NULL ORDER BY uscc COLLATE "C"`;
    toValues = (r) => Object.fromEntries([['uscc', cell(r.uscc)], ['supervisedSince', cell(r.supervisedSince)], ...own.map((c) => [c.key, cell(r[c.key])])]);
  } else {
    query = `SELECT certificate_number AS "certificateNumber", name, brigade, expertise, status
               FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number COLLATE "C"`;
    toValues = (r) => ({
      certificateNumber: cell(r.certificateNumber),
      name: cell(r.name),
      department,
      brigade: cell(r.brigade),
      expertise: (r.expertise as string[]).join(';'),
      status: cell(r.status),
    });
  }
  const cursor = `yiye_export_${kind}`;
  await tx.sql.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query}`);
  try {
    for (;;) {
      const { rows } = await tx.sql.query<Record<string, unknown>>(`FETCH ${pageSize} FROM ${cursor}`);
      for (const r of rows) yield toValues(r);
      if (rows.length < pageSize) return;
    }
  } finally {
    await tx.sql.query(`CLOSE ${cursor}`).catch(() => {});
  }
}
