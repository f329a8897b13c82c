import type { DepartmentManifest } from '../../shared/domain/department.js';

/** Health: hygiene of public places and drinking water (公共场所卫生、生活饮用水卫生). Plain data (subgraphs/departments.ts). */
export const department: DepartmentManifest = {
  code: 'health',
  short: 'HE',
  nameZh: '卫生健康局',
  nameEn: 'Health Commission',
  brigades: [],
  port: 4004,
  targetColumns: [
    {
      key: 'venueType',
      headerZh: '公共场所类别',
      headerEn: 'venueType',
      labelZh: '场所类别',
      required: true,
      kind: 'choice',
      labelEn: 'public-place type',
      choices: [
        { value: 'accommodation', zh: '住宿场所', aliases: ['住宿'] },
        { value: 'bathing', zh: '沐浴场所', aliases: ['沐浴', '洗浴场所'] },
        { value: 'beauty', zh: '美容美发场所', aliases: ['美容美发'] },
        { value: 'entertainment', zh: '文化娱乐场所', aliases: ['文化娱乐'] },
        { value: 'shopping', zh: '商场（店）', aliases: ['商场', '商店'] },
        { value: 'other', zh: '其他公共场所', aliases: ['其他'] },
      ],
    },
    { key: 'hygieneLicenceNumber', headerZh: '公共场所卫生许可证号', headerEn: 'hygieneLicenceNumber', labelZh: '卫生许可证号', aliases: ['卫生许可证号'], kind: 'text', maxLength: 40 },
    { key: 'drinkingWaterSupply', headerZh: '二次供水设施', headerEn: 'drinkingWaterSupply', kind: 'yes-no' },
  ],
};
