import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154344 as M0 } from './Migration20261126154344.js';
import { Migration20261126154442 as M1 } from './Migration20261126154442.js';
import { Migration20261126233508 as M2 } from './Migration20261126233508.js';

/** Applied in this order on start. Add one with `npm run migration:create -- market-supervision` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154344', class: M0 },
  { name: 'Migration20261126154442', class: M1 },
  { name: 'Migration20261126233508', class: M2 },
];
