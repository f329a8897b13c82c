import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126154348 as M0 } from './Migration20261126154348.js';
import { Migration20261126162221 as M1 } from './Migration20261126162221.js';
import { Migration20261126165711 as M2 } from './Migration20261126165711.js';
import { Migration20261126171052 as M3 } from './Migration20261126171052.js';
import { Migration20261126233424 as M4 } from './Migration20261126233424.js';
import { Migration20261126233515 as M5 } from './Migration20261126233515.js';
import { Migration20261126235429 as M6 } from './Migration20261126235429.js';

/** Applied in this order on start. Add one with `npm run migration:create -- public-security` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261126154348', class: M0 },
  { name: 'Migration20261126162221', class: M1 },
  { name: 'Migration20261126165711', class: M2 },
  { name: 'Migration20261126171052', class: M3 },
  { name: 'Migration20261126233424', class: M4 },
  { name: 'Migration20261126233515', class: M5 },
  { name: 'Migration20261126235429', class: M6 },
];
