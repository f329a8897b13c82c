import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154344 as M0 } from './Migration20261126154344.js';
import { Migration20261126154442 as M1 } from './Migration20261126154442.js';
import { Migration20261126162218 as M2 } from './Migration20261126162218.js';
import { Migration20261126165708 as M3 } from './Migration20261126165708.js';
import { Migration20261126171056 as M4 } from './Migration20261126171056.js';
import { Migration20261126233432 as M5 } from './Migration20261126233432.js';
import { Migration20261126233508 as M6 } from './Migration20261126233508.js';
import { Migration20261126235423 as M7 } from './Migration20261126235423.js';

/** Applied in this order on start. Add one with `npm run migration:create -- market-supervision` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154344', class: M0 },
  { name: 'Migration20261126154442', class: M1 },
  { name: 'Migration20261126162218', class: M2 },
  { name: 'Migration20261126165708', class: M3 },
  { name: 'Migration20261126171056', class: M4 },
  { name: 'Migration20261126233432', class: M5 },
  { name: 'Migration20261126233508', class: M6 },
  { name: 'Migration20261126235423', class: M7 },
];
