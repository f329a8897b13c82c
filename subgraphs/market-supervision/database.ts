import { fileURLToPath } from 'node:url';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';

/**
 * Market supervision's database: entities, migrations, demo seed. Apart from the subgraph
 * definition so that the commands (npm run import / export) open the same database without
 * loading the GraphQL schema.
 */
export const marketSupervisionDatabase = {
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  seed,
};
