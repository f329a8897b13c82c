import type { DepartmentManifest } from '../../shared/domain/department.js';

/** Market supervision: the register of businesses, and a department like the others. Plain data (subgraphs/departments.ts). */
export const department: DepartmentManifest = {
  code: 'market-supervision',
  short: 'MS',
  nameZh: '市场监督管理局',
  nameEn: 'Market Supervision Administration',
  brigades: [],
  port: 4001,
  targetColumns: [
    { key: 'foodLicenceNumber', headerZh: '食品经营许可证编号', headerEn: 'foodLicenceNumber', labelZh: '食品经营许可证号', aliases: ['食品经营许可证'], kind: 'text', maxLength: 32 },
    { key: 'specialEquipmentCount', headerZh: '特种设备数量', headerEn: 'specialEquipmentCount', labelZh: '特种设备数', kind: 'count' },
  ],
};
