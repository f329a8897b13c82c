import pg from 'pg';

/**
 * A database's schema as plain, comparable data: tables and their columns (in order: the trail's
 * change capture digests `row_to_json`, whose keys follow the column order), indexes, constraints,
 * triggers and functions of the current schema. Names only, never OIDs, so that two databases
 * built by the same migrations give equal dumps. The rows of `mikro_orm_migrations` are not
 * schema and are left out (the table itself is in).
 */
export interface SchemaDump {
  tables: Record<string, string[]>;
  indexes: string[];
  constraints: string[];
  triggers: string[];
  functions: string[];
}

export async function dumpSchema(url: string): Promise<SchemaDump> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column: string }>(
      `select table_name, column_name || ' ' || data_type
                || coalesce('(' || character_maximum_length || ')', '')
                || case when is_nullable = 'NO' then ' not null' else '' end
                || coalesce(' default ' || column_default, '') as column
         from information_schema.columns
        where table_schema = current_schema()
        order by table_name, ordinal_position`,
    );
    const tables: Record<string, string[]> = {};
    for (const c of columns.rows) (tables[c.table_name] ??= []).push(c.column);
    const indexes = await client.query<{ def: string }>(
      `select indexdef as def from pg_indexes where schemaname = current_schema() order by tablename, indexname`,
    );
    const constraints = await client.query<{ def: string }>(
      `select r.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_class r on r.oid = c.conrelid join pg_namespace n on n.oid = r.relnamespace
        -- PostgreSQL 18 also lists each NOT NULL as a constraint (contype n), 15 does not; the
        -- columns already say which are nullable, so the dump is the same on either server.
        where n.nspname = current_schema() and c.contype <> 'n' order by r.relname, c.conname`,
    );
    const triggers = await client.query<{ def: string }>(
      `select pg_get_triggerdef(t.oid) as def
         from pg_trigger t join pg_class r on r.oid = t.tgrelid join pg_namespace n on n.oid = r.relnamespace
        where n.nspname = current_schema() and not t.tgisinternal order by r.relname, t.tgname`,
    );
    const functions = await client.query<{ def: string }>(
      `select p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || md5(p.prosrc) as def
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = current_schema() order by p.proname`,
    );
    return {
      tables,
      indexes: indexes.rows.map((r) => r.def),
      constraints: constraints.rows.map((r) => r.def),
      triggers: triggers.rows.map((r) => r.def),
      functions: functions.rows.map((r) => r.def),
    };
  } finally {
    await client.end();
  }
}
