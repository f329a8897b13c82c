import { fileURLToPath } from 'node:url';
import { entities, FireRescueInspector, FireRescueTarget } from './entities.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
import { DIRECTORY_ENTITIES } from '../../shared/department/directory.js';
import { REFERRAL_ENTITIES } from '../../shared/department/referrals.js';
import { codeEntities, taskEntities } from '../../shared/inspection/task-entities.js';
import { TrailEntry } from '../../shared/platform/trail.js';
import { annualPlanEntities } from '../../shared/inspection/annual-plan.js';

/**
 * This department's database: entities, migrations, demo seed, and its directory entities. Apart
 * from the subgraph definition so that the commands (npm run import / export) open the same
 * database without building the GraphQL schema (subgraphs/catalog.ts `databaseFile`).
 */
export const database = {
  // The department's own tables and the directory tables every department has (tags, conflicts).
  entities: [...entities, ...DIRECTORY_ENTITIES, ...REFERRAL_ENTITIES, ...taskEntities, ...codeEntities, ...annualPlanEntities, TrailEntry],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  seed,
  directory: { Target: FireRescueTarget, Inspector: FireRescueInspector },
};
