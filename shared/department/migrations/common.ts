import { fileURLToPath } from 'node:url';
import { Entity } from '@mikro-orm/core';
import { InspectorBase } from '../entities.js';
import { COMMON_ENTITIES } from '../database.js';
import { migrations } from './index.js';

/** The inspector table as every department has it (a department's class adds no column). */
@Entity({ tableName: 'inspector' })
class CommonInspector extends InspectorBase {}

/**
 * The common tables alone, as one database: what `npm run migration:create -- common` diffs against
 * the common migrations. Not a subgraph's database; departments get these through
 * `departmentDatabase` (shared/department/database.ts).
 */
export const commonDatabase = {
  entities: [CommonInspector, ...COMMON_ENTITIES],
  migrations,
  migrationsPath: fileURLToPath(new URL('.', import.meta.url)),
};
