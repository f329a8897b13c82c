import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126152011 as M0 } from './Migration20261126152011.js';
import { Migration20261126154017 as M1 } from './Migration20261126154017.js';

/** Applied in this order on start. Add one with `npm run migration:create -- fire-rescue` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126152011', class: M0 },
  { name: 'Migration20261126154017', class: M1 },
];
