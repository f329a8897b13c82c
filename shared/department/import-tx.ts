import type { EntityManager } from '@mikro-orm/postgresql';
import { IsolationLevel } from '@mikro-orm/core';
import type { ImportTx, SqlClient } from '../exchange/index.js';
import { CopyIn, type CopyClient } from '../platform/pg-copy.js';

/**
 * The transaction an import or export works in: MikroORM's (so that entity code and raw SQL see
 * the same data) and the raw pg connection it is bound to, for bulk statements with array
 * parameters. Used by market supervision's register files and by every department's directory
 * files, from the mutations and from `npm run import` / `npm run export` alike.
 */

/** Runs `work` in one transaction of `em`, with the transaction's own pg connection for bulk SQL. */
export async function withImportTx<T>(em: EntityManager, work: (tx: ImportTx) => Promise<T>, isolationLevel?: IsolationLevel): Promise<T> {
  return em.transactional(
    async (tem) => {
      // MikroORM runs on knex; a knex transaction's client hands out the connection it is bound to.
      const trx = tem.getTransactionContext() as unknown as { client?: { acquireConnection(): Promise<SqlClient> } };
      const connection = await trx?.client?.acquireConnection();
      if (!connection || typeof connection.query !== 'function') throw new Error('cannot reach the transaction\'s pg connection');
      const sql: SqlClient = { query: (text, params) => connection.query(text, params) };
      return work({ em: tem as EntityManager, sql, copyIn: (statement) => CopyIn.start(connection as unknown as CopyClient, statement) });
    },
    isolationLevel ? { isolationLevel } : undefined,
  );
}

/** A consistent snapshot for an export: one REPEATABLE READ transaction. */
export const withExportTx = <T>(em: EntityManager, work: (tx: ImportTx) => Promise<T>) => withImportTx(em, work, IsolationLevel.REPEATABLE_READ);
