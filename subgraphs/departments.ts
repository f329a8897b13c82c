import type { DepartmentManifest } from '../shared/domain/department.js';
import { department as marketSupervision } from './market-supervision/department.js';
import { department as publicSecurity } from './public-security/department.js';
import { department as fireRescue } from './fire-rescue/department.js';
import { department as health } from './health/department.js';

/**
 * The county's departments, in the order the federation lists them: one import and one entry per
 * department (docs/adding-a-department.md). Everything else is derived from this list: the
 * subgraphs and their ports (subgraphs/catalog.ts), the departments' rules (shared/domain/departments.ts),
 * the GraphQL enum `Department` (shared/platform/enums.ts), the directory files' own target columns
 * (shared/exchange/directories.ts) and the web app's lists. Plain data: the manifests import nothing
 * but types, so every layer may read them.
 */
export const DEPARTMENT_MANIFESTS: readonly DepartmentManifest[] = [marketSupervision, publicSecurity, fireRescue, health];
