/**
 * The departments of the county and the services of the federation. Adding a department is one
 * entry here plus a folder under subgraphs/ (see README, "Adding a department").
 */
export interface Department {
  /** Stable identifier used in tokens, data and schema. */
  code: string;
  /** Two letters used in task numbers (`FR-2026Q2-0001`). */
  short: string;
  nameZh: string;
  nameEn: string;
  /** Sub-units that own inspection items and inspectors (public security's brigades). */
  brigades: { code: string; nameZh: string; nameEn: string }[];
}

export const DEPARTMENTS: Department[] = [
  {
    code: 'market-supervision',
    short: 'MS',
    nameZh: '市场监督管理局',
    nameEn: 'Market Supervision Administration',
    brigades: [],
  },
  {
    code: 'public-security',
    short: 'PS',
    nameZh: '公安局',
    nameEn: 'Public Security Bureau',
    brigades: [
      { code: 'public-order', nameZh: '治安管理大队', nameEn: 'Public-order brigade' },
      { code: 'cyber-security', nameZh: '网络安全保卫大队', nameEn: 'Cyber-security brigade' },
      { code: 'criminal-investigation', nameZh: '刑事侦查大队', nameEn: 'Criminal-investigation brigade' },
    ],
  },
  {
    code: 'fire-rescue',
    short: 'FR',
    nameZh: '消防救援大队',
    nameEn: 'Fire and Rescue Brigade',
    brigades: [],
  },
];

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
