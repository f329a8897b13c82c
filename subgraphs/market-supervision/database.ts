import { fileURLToPath } from 'node:url';
import { entities, MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
import { DIRECTORY_ENTITIES } from '../../shared/department/directory.js';
import { REFERRAL_ENTITIES } from '../../shared/department/referrals.js';
import { codeEntities, taskEntities } from '../../shared/inspection/task-entities.js';
import { TrailEntry } from '../../shared/platform/trail.js';
import { annualPlanEntities } from '../../shared/inspection/annual-plan.js';
import { RegisterRiskTag } from './credit-feedback.js';

/**
 * Market supervision's database: entities, migrations, demo seed. Apart from the subgraph
 * definition so that the commands (npm run import / export) open the same database without
 * loading the GraphQL schema.
 */
export const marketSupervisionDatabase = {
  // The department's own tables and the directory tables every department has (tags, conflicts).
  entities: [...entities, ...DIRECTORY_ENTITIES, ...REFERRAL_ENTITIES, ...taskEntities, ...codeEntities, ...annualPlanEntities, RegisterRiskTag, TrailEntry],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  seed,
  directory: { Target: MarketSupervisionTarget, Inspector: MarketSupervisionInspector },
};

/** Every department's database.ts exports `database` (subgraphs/catalog.ts `databaseFile`). */
export const database = marketSupervisionDatabase;
