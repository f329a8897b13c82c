import { entities, MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
import { RegisterRiskTag } from './credit-feedback.js';
import { departmentDatabase } from '../../shared/department/database.js';

/**
 * Market supervision's database: the register and its own target columns, its migrations after
 * the common ones every department has (shared/department/database.ts), demo seed, directory
 * entities. Apart from the subgraph definition so that the commands (npm run import / export) open
 * the same database without loading the GraphQL schema (subgraphs/catalog.ts `databaseFile`).
 */
export const database = departmentDatabase({
  url: import.meta.url,
  entities: [...entities, RegisterRiskTag],
  migrations,
  seed,
  directory: { Target: MarketSupervisionTarget, Inspector: MarketSupervisionInspector },
});
