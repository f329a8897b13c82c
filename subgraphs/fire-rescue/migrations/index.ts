import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154352 as M0 } from './Migration20261126154352.js';
import { Migration20261126162223 as M1 } from './Migration20261126162223.js';
import { Migration20261126165714 as M2 } from './Migration20261126165714.js';
import { Migration20261126171048 as M3 } from './Migration20261126171048.js';
import { Migration20261126233417 as M4 } from './Migration20261126233417.js';
import { Migration20261126233520 as M5 } from './Migration20261126233520.js';
import { Migration20261126235434 as M6 } from './Migration20261126235434.js';

/** Applied in this order on start. Add one with `npm run migration:create -- fire-rescue` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154352', class: M0 },
  { name: 'Migration20261126162223', class: M1 },
  { name: 'Migration20261126165714', class: M2 },
  { name: 'Migration20261126171048', class: M3 },
  { name: 'Migration20261126233417', class: M4 },
  { name: 'Migration20261126233520', class: M5 },
  { name: 'Migration20261126235434', class: M6 },
];
