import type { Department, DepartmentManifest } from './department.js';
import { DEPARTMENT_MANIFESTS } from '../../subgraphs/departments.js';

export type { Brigade, Department, DepartmentManifest, TargetColumn } from './department.js';

/**
 * The departments of the county, from their manifests (subgraphs/departments.ts: one entry per
 * department, see docs/adding-a-department.md). The manifests are plain data, so the rules here
 * stay pure.
 */
export const DEPARTMENTS: readonly DepartmentManifest[] = DEPARTMENT_MANIFESTS;

/** The county's double-random office: coordinators belong to it; it is not an inspecting department. */
export const OFFICE = { code: 'double-random-office', nameZh: '双随机办公室', nameEn: 'Double-random office' };

export const DEPARTMENT_CODES = DEPARTMENTS.map((d) => d.code);

export function findDepartment(code: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.code === code);
}

export function departmentByShort(short: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.short === short);
}

export function isKnownOrganisation(code: string): boolean {
  return code === OFFICE.code || DEPARTMENT_CODES.includes(code);
}
