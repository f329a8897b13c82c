import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154352 as M0 } from './Migration20261126154352.js';

/** Applied in this order on start. Add one with `npm run migration:create -- fire-rescue` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154352', class: M0 },
];
