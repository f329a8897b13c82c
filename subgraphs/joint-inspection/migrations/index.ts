import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154620 as M0 } from './Migration20261126154620.js';
import { Migration20261126162226 as M1 } from './Migration20261126162226.js';
import { Migration20261126163644 as M2 } from './Migration20261126163644.js';
import { Migration20261126165717 as M3 } from './Migration20261126165717.js';
import { Migration20261126233436 as M4 } from './Migration20261126233436.js';
import { Migration20261126234801 as M5 } from './Migration20261126234801.js';
import { Migration20261126235439 as M6 } from './Migration20261126235439.js';
import { Migration20261201050000 as M7 } from './Migration20261201050000.js';
import { Migration20261201234847 as M8 } from './Migration20261201234847.js';
import { Migration20261202180000 as M9 } from './Migration20261202180000.js';

/** Applied in this order on start. Add one with `npm run migration:create -- joint-inspection` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154620', class: M0 },
  { name: 'Migration20261126162226', class: M1 },
  { name: 'Migration20261126163644', class: M2 },
  { name: 'Migration20261126165717', class: M3 },
  { name: 'Migration20261126233436', class: M4 },
  { name: 'Migration20261126234801', class: M5 },
  { name: 'Migration20261126235439', class: M6 },
  { name: 'Migration20261201050000', class: M7 },
  { name: 'Migration20261201234847', class: M8 },
  { name: 'Migration20261202180000', class: M9 },
];
