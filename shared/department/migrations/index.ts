import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154300 as M0 } from './Migration20261126154300.js';
import { Migration20261126162200 as M1 } from './Migration20261126162200.js';
import { Migration20261126165700 as M2 } from './Migration20261126165700.js';
import { Migration20261126171000 as M3 } from './Migration20261126171000.js';
import { Migration20261126233400 as M4 } from './Migration20261126233400.js';
import { Migration20261126233500 as M5 } from './Migration20261126233500.js';
import { Migration20261126235400 as M6 } from './Migration20261126235400.js';

/** Applied in this order on start. Add one with `npm run migration:create -- common` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154300', class: M0 },
  { name: 'Migration20261126162200', class: M1 },
  { name: 'Migration20261126165700', class: M2 },
  { name: 'Migration20261126171000', class: M3 },
  { name: 'Migration20261126233400', class: M4 },
  { name: 'Migration20261126233500', class: M5 },
  { name: 'Migration20261126235400', class: M6 },
];
