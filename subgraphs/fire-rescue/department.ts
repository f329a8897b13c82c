import type { DepartmentManifest } from '../../shared/domain/department.js';

/** Fire and rescue: crowded venues and key fire-safety units. Plain data (subgraphs/departments.ts). */
export const department: DepartmentManifest = {
  code: 'fire-rescue',
  short: 'FR',
  nameZh: '消防救援大队',
  nameEn: 'Fire and Rescue Brigade',
  brigades: [],
  port: 4003,
  targetColumns: [
    {
      key: 'venueCategory',
      headerZh: '场所类别',
      headerEn: 'venueCategory',
      required: true,
      kind: 'choice',
      labelEn: 'venue category',
      choices: [
        { value: 'crowded-venue', zh: '人员密集场所' },
        { value: 'flammable', zh: '易燃易爆', aliases: ['易燃易爆场所'] },
        { value: 'general', zh: '一般', aliases: ['一般单位'] },
      ],
    },
    { key: 'keyFireSafetyUnit', headerZh: '消防安全重点单位', headerEn: 'keyFireSafetyUnit', kind: 'yes-no' },
  ],
};
