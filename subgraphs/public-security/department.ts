import type { DepartmentManifest } from '../../shared/domain/department.js';

/** Public security, with its brigades. Plain data (subgraphs/departments.ts). */
export const department: DepartmentManifest = {
  code: 'public-security',
  short: 'PS',
  nameZh: '公安局',
  nameEn: 'Public Security Bureau',
  brigades: [
    { code: 'public-order', nameZh: '治安管理大队', nameEn: 'Public-order brigade' },
    { code: 'cyber-security', nameZh: '网络安全保卫大队', nameEn: 'Cyber-security brigade' },
    { code: 'criminal-investigation', nameZh: '刑事侦查大队', nameEn: 'Criminal-investigation brigade' },
  ],
  port: 4002,
  targetColumns: [
    {
      key: 'brigade',
      headerZh: '负责大队',
      headerEn: 'brigade',
      aliases: ['大队'],
      required: true,
      kind: 'brigade',
      descriptionZh: 'public-order（治安管理大队）、cyber-security（网络安全保卫大队）、criminal-investigation（刑事侦查大队）',
      descriptionEn: 'public-order, cyber-security or criminal-investigation',
    },
    { key: 'specialTradeLicence', headerZh: '特种行业许可证号', headerEn: 'specialTradeLicence', aliases: ['特种行业许可证'], kind: 'text', maxLength: 40 },
  ],
};
