import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126151934 as M0 } from './Migration20261126151934.js';
import { Migration20261126154010 as M1 } from './Migration20261126154010.js';

/** Applied in this order on start. Add one with `npm run migration:create -- market-supervision` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126151934', class: M0 },
  { name: 'Migration20261126154010', class: M1 },
];
