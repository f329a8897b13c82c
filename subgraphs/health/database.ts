import { entities, HealthInspector, HealthTarget } from './entities.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
import { departmentDatabase } from '../../shared/department/database.js';

/**
 * This department's database: its own entities and migrations after the common ones every
 * department has (shared/department/database.ts), demo seed, directory entities. Apart from the
 * subgraph definition so that the commands (npm run import / export) open the same database
 * without building the GraphQL schema (subgraphs/catalog.ts `databaseFile`).
 */
export const database = departmentDatabase({
  url: import.meta.url,
  entities,
  migrations,
  seed,
  directory: { Target: HealthTarget, Inspector: HealthInspector },
});
