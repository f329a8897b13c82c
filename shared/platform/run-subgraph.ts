import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm, SqlCounter } from './orm.js';
import { serveSubgraph, type SubgraphDefinition } from './subgraph.js';
import { requireProductionSecrets } from './production.js';

/** The main of every subgraph process: database (migrate, seed), then HTTP; stops cleanly. */
export async function runSubgraph(def: SubgraphDefinition<any>): Promise<void> {
  const started = Date.now();
  try {
    // Every subgraph verifies the gateway's header and may sign or check inspection codes.
    requireProductionSecrets(['YIYE_INTERNAL_SECRET', 'YIYE_CODE_PRIVATE_KEY']);
  } catch (e) {
    console.error(`[${def.name}] ${(e as Error).message}`);
    process.exit(1);
  }
  const sqlCounter = new SqlCounter();
  let orm: MikroORM | undefined;
  if (def.database) {
    orm = await openOrm({
      subgraph: def.name,
      entities: def.database.entities,
      migrations: def.database.migrations,
      migrationsPath: def.database.migrationsPath,
      adoptMigrations: def.database.adoptMigrations,
      sqlCounter,
    });
    if (def.database.seed) await def.database.seed(orm.em.fork() as never);
  }
  const port = Number(process.env.PORT ?? def.defaultPort);
  const running = await serveSubgraph(def, orm, sqlCounter, port);
  console.log(`[${def.name}] ready at ${running.url} (${Date.now() - started} ms)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    await orm?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The launcher's pipe closing means it died: do not outlive it.
  process.on('disconnect', stop);
}
