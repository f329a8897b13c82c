import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202002654 as M0 } from './Migration20261202002654.js';

/** Applied in this order on start. Add one with `npm run migration:create -- health` (it rewrites this file). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261202002654', class: M0 },
];
