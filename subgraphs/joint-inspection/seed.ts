import type { EntityManager } from '@mikro-orm/postgresql';
import { HOTEL_INDUSTRIES } from '../../shared/domain/industries.js';
import { SEED_REASON, SEED_SUBJECT } from '../../shared/domain/history.js';
import { InspectionItem, ItemClaim } from './items/entities.js';

/**
 * The demo county's item list: what each department may check, published by the office on
 * 2026-01-01, claimed by the departments a few days later. Ratios follow the county's published
 * rule (A ≤ 5 %, B 5–20 %, C 21–60 %, D 61–100 %); expertise matches the demo inspectors'.
 */
const COUNTY_RATIOS = { ratioA: 300, ratioB: 1000, ratioC: 3000, ratioD: 8000 };
const PUBLISHED = new Date('2026-01-01T00:00:00+08:00');
const CLAIMED = new Date('2026-01-05T09:00:00+08:00');

type Item = Omit<InspectionItem, 'id' | 'departmentName' | 'ratios' | 'claimed' | 'claimedAt' | 'validFrom' | 'validTo' | 'changedBy' | 'changeReason' | 'closedBy' | 'closeReason'> & {
  claimed: boolean;
};

const item = (i: Omit<Item, 'ratioA' | 'ratioB' | 'ratioC' | 'ratioD' | 'yearlyCap' | 'minInspectors' | 'status'> & Partial<Item>): Item => ({
  ...COUNTY_RATIOS,
  yearlyCap: 2,
  minInspectors: 2,
  status: 'published',
  ...i,
});

export const DEMO_ITEMS: Item[] = [
  item({
    code: 'PS-PO-001',
    name: '旅馆业治安管理检查（旅客住宿登记）',
    legalBasis: '《旅馆业治安管理办法》第六条',
    department: 'public-security',
    brigade: 'public-order',
    targetIndustries: HOTEL_INDUSTRIES,
    licenceTypes: ['特种行业许可证'],
    method: 'on-site',
    requiredExpertise: ['guest-registration'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'PS-PO-002',
    name: '娱乐场所治安管理检查',
    legalBasis: '《娱乐场所管理条例》第二十五条',
    department: 'public-security',
    brigade: 'public-order',
    targetIndustries: ['9011', '8052'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['entertainment-venues'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'PS-CI-001',
    name: '废旧金属收购业治安管理检查',
    legalBasis: '《废旧金属收购业治安管理办法》第八条',
    department: 'public-security',
    brigade: 'criminal-investigation',
    targetIndustries: ['5191'],
    licenceTypes: ['特种行业许可证'],
    method: 'on-site',
    requiredExpertise: ['scrap-metal'],
    joinable: false,
    claimed: true,
  }),
  item({
    code: 'PS-CS-001',
    name: '互联网上网服务营业场所实名登记和网络安全保护义务检查',
    legalBasis: '《中华人民共和国网络安全法》第二十一条；《互联网上网服务营业场所管理条例》第二十三条',
    department: 'public-security',
    brigade: 'cyber-security',
    targetIndustries: ['9013'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['network-security'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'FR-CV-001',
    name: '人员密集场所消防安全检查',
    legalBasis: '《中华人民共和国消防法》第十六条',
    department: 'fire-rescue',
    brigade: null,
    targetIndustries: [...HOTEL_INDUSTRIES, '5211', '5212', '6210', '8052', '9011', '9013'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['fire-safety', 'evacuation'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'FR-FL-001',
    name: '加油站消防安全检查',
    legalBasis: '《中华人民共和国消防法》第十六条、第十九条',
    department: 'fire-rescue',
    brigade: null,
    targetIndustries: ['5265'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['fire-safety', 'hazardous-materials'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'MS-FS-001',
    name: '食品经营者食品安全检查',
    legalBasis: '《中华人民共和国食品安全法》第一百一十条',
    department: 'market-supervision',
    brigade: null,
    targetIndustries: ['6210', '6220', '5212', '6110', '6121'],
    licenceTypes: ['食品经营许可证'],
    method: 'on-site',
    requiredExpertise: ['food-safety'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'MS-SE-001',
    name: '电梯等特种设备使用安全检查',
    legalBasis: '《中华人民共和国特种设备安全法》第五十七条',
    department: 'market-supervision',
    brigade: null,
    targetIndustries: ['5211', '5212', '6110', '6121'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['special-equipment'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'MS-ME-001',
    name: '加油站计量器具（燃油加油机）检查',
    legalBasis: '《中华人民共和国计量法》第九条',
    department: 'market-supervision',
    brigade: null,
    targetIndustries: ['5265'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['metrology'],
    joinable: true,
    claimed: true,
  }),
  // Health (卫生健康): public places and drinking water. The legal basis names the regulation without
  // an article where the county's list names none.
  item({
    code: 'HE-PP-001',
    name: '住宿场所公共场所卫生检查',
    legalBasis: '《公共场所卫生管理条例》；《公共场所卫生管理条例实施细则》',
    department: 'health',
    brigade: null,
    targetIndustries: HOTEL_INDUSTRIES,
    licenceTypes: ['公共场所卫生许可证'],
    method: 'on-site',
    requiredExpertise: ['public-place-hygiene'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'HE-PP-002',
    name: '美容美发、沐浴场所公共用品用具消毒检查',
    legalBasis: '《公共场所卫生管理条例》；《公共场所卫生管理条例实施细则》',
    department: 'health',
    brigade: null,
    targetIndustries: ['8051', '8052'],
    licenceTypes: ['公共场所卫生许可证'],
    method: 'on-site',
    requiredExpertise: ['public-place-hygiene', 'disinfection'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'HE-AC-001',
    name: '公共场所集中空调通风系统卫生检查',
    legalBasis: '《公共场所集中空调通风系统卫生规范》（WS 10013）',
    department: 'health',
    brigade: null,
    targetIndustries: ['6110', '5211', '5212', '9011'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['air-conditioning'],
    joinable: true,
    claimed: true,
  }),
  item({
    code: 'HE-DW-001',
    name: '二次供水设施卫生检查',
    legalBasis: '《生活饮用水卫生监督管理办法》；《二次供水设施卫生规范》（GB 17051）',
    department: 'health',
    brigade: null,
    targetIndustries: [...HOTEL_INDUSTRIES, '5211', '5212'],
    licenceTypes: [],
    method: 'on-site',
    requiredExpertise: ['drinking-water'],
    joinable: true,
    claimed: true,
  }),
  // Published by the office, not yet claimed: what `inspectionItems(filter: { claimed: false })` shows it.
  item({
    code: 'MS-PI-001',
    name: '企业年度报告公示信息抽查',
    legalBasis: '《企业信息公示暂行条例》第十四条',
    department: 'market-supervision',
    brigade: null,
    targetIndustries: ['5211', '5212', '5265', '6110', '6121', '6210'],
    licenceTypes: [],
    method: 'document-review',
    requiredExpertise: ['licensing'],
    joinable: false,
    yearlyCap: 1,
    claimed: false,
  }),
];

export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(InspectionItem)) > 0) return;
  await em.transactional(async (tx) => {
    await tx.insertMany(
      InspectionItem,
      DEMO_ITEMS.map(({ claimed: _c, ...i }) => ({ ...i, validFrom: PUBLISHED, changedBy: SEED_SUBJECT, changeReason: SEED_REASON })),
    );
    await tx.insertMany(
      ItemClaim,
      DEMO_ITEMS.filter((i) => i.claimed).map((i) => ({
        itemCode: i.code,
        department: i.department,
        claimedAt: CLAIMED,
        claimedBy: SEED_SUBJECT,
        claimReason: '纳入本部门随机抽查事项清单 / taken into the department list',
      })),
    );
  });
}
