import { fileURLToPath } from 'node:url';
import type { MigrationObject } from '@mikro-orm/core';
import { DIRECTORY_ENTITIES } from './directory.js';
import { REFERRAL_ENTITIES } from './referrals.js';
import type { DepartmentDatabase, DirectoryEntities } from './directory-exchange.js';
import { codeEntities, taskEntities } from '../inspection/task-entities.js';
import { annualPlanEntities } from '../inspection/annual-plan.js';
import { TrailEntry } from '../platform/trail.js';
import { migrations as commonMigrations } from './migrations/index.js';
import { ADOPTED_MIGRATIONS } from './migrations/adopted.js';

/**
 * The tables every department has besides its own target and inspector classes: tags, conflicts,
 * referrals, tasks and draws, inspection codes, annual plans, the trail. Their migrations are the
 * common set of shared/department/migrations/ (`npm run migration:create -- common`).
 */
export const COMMON_ENTITIES = [...DIRECTORY_ENTITIES, ...REFERRAL_ENTITIES, ...taskEntities, ...codeEntities, ...annualPlanEntities, TrailEntry];

export interface DepartmentDatabaseParts {
  /** `import.meta.url` of the department's database.ts: its migrations are in `./migrations` beside it. */
  url: string;
  /** The department's own entities (its target and inspector classes, and any table of its own). */
  entities: Function[];
  /** Its own migrations (`migrations/index.ts`): the common set runs before them. */
  migrations: MigrationObject[];
  seed?: DepartmentDatabase['seed'];
  directory: DirectoryEntities;
}

/**
 * A department's database: its own entities and migrations after the common ones. Databases
 * migrated before the common set existed adopt it (ADOPTED_MIGRATIONS, shared/platform/orm.ts).
 */
export function departmentDatabase(parts: DepartmentDatabaseParts): DepartmentDatabase {
  return {
    entities: [...parts.entities, ...COMMON_ENTITIES],
    migrations: [...commonMigrations, ...parts.migrations],
    migrationsPath: fileURLToPath(new URL('./migrations', parts.url)),
    adoptMigrations: ADOPTED_MIGRATIONS,
    ...(parts.seed ? { seed: parts.seed } : {}),
    directory: parts.directory,
  };
}
