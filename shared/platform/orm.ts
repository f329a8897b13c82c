import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

/**
 * Each subgraph owns one PostgreSQL database on a shared server. The server is named by
 * YIYE_PG_URL (set by the launcher from DATABASE_URL or the embedded server); the database name is
 * `<prefix>_<subgraph>` so that test runs (unique prefixes) never touch the demo data.
 */
export function databaseName(subgraph: string, prefix = process.env.YIYE_DB_PREFIX ?? 'yiye'): string {
  return `${prefix}_${subgraph.replace(/-/g, '_')}`;
}

export function serverUrl(): string {
  const url = process.env.YIYE_PG_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('YIYE_PG_URL or DATABASE_URL must name a PostgreSQL server (npm start sets it)');
  return url;
}

/** The same server URL with another database in its path. */
export function urlForDatabase(server: string, database: string): string {
  const u = new URL(server);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function ensureDatabase(server: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
    } catch (e) {
      // Another process created it between our check and our CREATE: that is fine.
      if ((e as { code?: string }).code !== '42P04') throw e;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(server: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Counts the SQL statements a subgraph runs, in total and per HTTP request (AsyncLocalStorage),
 * so that tests and benchmarks can prove batching instead of assuming it.
 */
export class SqlCounter {
  total = 0;
  private readonly perRequest = new AsyncLocalStorage<{ count: number }>();
  record(): void {
    this.total++;
    const scope = this.perRequest.getStore();
    if (scope) scope.count++;
  }
  run<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const scope = { count: 0 };
    return this.perRequest.run(scope, async () => ({ result: await fn(), statements: scope.count }));
  }
}

export interface OrmOptions {
  subgraph: string;
  entities: Options['entities'];
  migrations: MigrationObject[];
  migrationsPath: string;
  sqlCounter?: SqlCounter;
  /** Where MikroORM's messages (applied migrations) go; default stdout. The commands send them to stderr. */
  logger?: (message: string) => void;
  /**
   * Migrations that replace older ones under other names: `{ new: [old, …] }`. A database that ran
   * one of the old names takes the new one as executed (`adoptMigrations`) instead of running it.
   */
  adoptMigrations?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Marks as executed, without running them, the migrations of `adopted` whose work a database has
 * already done under an older name: the common migrations of the departments, which each department
 * once kept in its own folder (shared/department/migrations/adopted.ts). The old rows stay, so that
 * an older build still opens the database. A fresh database (no migrations table) adopts nothing.
 * Returns the names adopted.
 */
export async function adoptMigrations(
  orm: MikroORM,
  adopted: Readonly<Record<string, readonly string[]>>,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const table = orm.config.get('migrations').tableName ?? 'mikro_orm_migrations';
  const names: string[] = [];
  await orm.em.getConnection().transactional(async (trx) => {
    const conn = orm.em.getConnection();
    const [{ present }] = await conn.execute<{ present: boolean }[]>(`select to_regclass(?) is not null as present`, [table], 'all', trx);
    if (!present) return;
    const rows = await conn.execute<{ name: string }[]>(`select name from "${table}"`, [], 'all', trx);
    const executed = new Set(rows.map((r) => r.name));
    for (const [name, olds] of Object.entries(adopted)) {
      const old = olds.find((o) => executed.has(o));
      if (executed.has(name) || !old) continue;
      await conn.execute(`insert into "${table}" (name, executed_at) select ?, executed_at from "${table}" where name = ? limit 1`, [name, old], 'run', trx);
      log(`adopted migration ${name} (already run as ${old})`);
      names.push(name);
    }
  });
  return names;
}

export async function openOrm(opts: OrmOptions): Promise<MikroORM> {
  const server = serverUrl();
  const dbName = databaseName(opts.subgraph);
  await ensureDatabase(server, dbName);
  const orm = await MikroORM.init({
    clientUrl: urlForDatabase(server, dbName),
    entities: opts.entities,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    ...(opts.logger ? { logger: opts.logger } : {}),
    pool: { min: 0, max: 10 },
    migrations: {
      migrationsList: opts.migrations,
      path: opts.migrationsPath,
      pathTs: opts.migrationsPath,
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    onQuery: (sql) => {
      opts.sqlCounter?.record();
      return sql;
    },
  });
  if (opts.adoptMigrations) await adoptMigrations(orm, opts.adoptMigrations, opts.logger ?? ((m) => console.log(m)));
  await orm.getMigrator().up();
  // Before/after digests of the trail: cover tables created by migrations after the capture one.
  const capture = await orm.em.getConnection().execute(`select to_regproc('yiye_install_change_capture') is not null as installed`);
  if (capture[0]?.installed) await orm.em.getConnection().execute('select yiye_install_change_capture()');
  return orm;
}

/**
 * A PostgreSQL text[] literal, for `= any(?::text[])`: one bound parameter however many values
 * (an IN list binds one parameter per value, which is slow to build and capped at 65,535).
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
