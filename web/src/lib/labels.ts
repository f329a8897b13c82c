import { DEPARTMENTS, OFFICE } from '../../../shared/domain/departments.js';

/**
 * A department's (or the office's) Chinese name from its code ('fire-rescue') or its GraphQL enum
 * value ('FIRE_RESCUE', API-CONVENTIONS); the code itself when unknown.
 */
/** The internal code of a GraphQL enum value (FIRE_RESCUE -> fire-rescue); a code stays as it is. */
export const codeOf = (v: unknown) => String(v ?? '').toLowerCase().replace(/_/g, '-');

export function departmentName(value: string | null | undefined): string {
  if (!value) return '—';
  const code = /^[A-Z_]+$/.test(value) ? codeOf(value) : value;
  if (code === OFFICE.code) return OFFICE.nameZh;
  return DEPARTMENTS.find((d) => d.code === code)?.nameZh ?? value;
}

export const ROLE_NAMES: Record<string, string> = {
  coordinator: '双随机办公室协调员',
  'department-admin': '部门管理员',
  inspector: '执法检查人员',
  analyst: '分析人员',
  public: '公众',
};
