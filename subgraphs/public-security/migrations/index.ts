import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154348 as M0 } from './Migration20261126154348.js';

/** Applied in this order on start. Add one with `npm run migration:create -- public-security` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154348', class: M0 },
];
