/** GB/T 4754-2017 industry codes that the county's random inspections meet. Extend as needed. */
export const INDUSTRIES: Record<string, { nameZh: string; nameEn: string }> = {
  '5191': { nameZh: '再生物资回收与批发', nameEn: 'Scrap and recyclables collection' },
  '5211': { nameZh: '百货零售', nameEn: 'Department stores' },
  '5212': { nameZh: '超级市场零售', nameEn: 'Supermarkets' },
  '5265': { nameZh: '机动车燃油零售', nameEn: 'Fuel retail' },
  '5299': { nameZh: '其他未列明零售业', nameEn: 'Other retail' },
  '6110': { nameZh: '旅游饭店', nameEn: 'Tourist hotels' },
  '6121': { nameZh: '经济型连锁酒店', nameEn: 'Budget chain hotels' },
  '6129': { nameZh: '其他一般旅馆', nameEn: 'Other hotels' },
  '6130': { nameZh: '民宿服务', nameEn: 'Homestays' },
  '6210': { nameZh: '正餐服务', nameEn: 'Restaurants' },
  '6220': { nameZh: '快餐服务', nameEn: 'Fast food' },
  '8051': { nameZh: '理发及美容服务', nameEn: 'Hairdressing and beauty' },
  '8052': { nameZh: '洗浴和保健养生服务', nameEn: 'Bath and wellness' },
  '9011': { nameZh: '歌舞厅娱乐活动', nameEn: 'Karaoke and dance halls' },
  '9013': { nameZh: '网吧活动', nameEn: 'Internet cafés' },
};

export const isKnownIndustry = (code: string) => Object.hasOwn(INDUSTRIES, code);

export const HOTEL_INDUSTRIES = ['6110', '6121', '6129', '6130'];

/** Townships of Guantao county (130433), the region codes of the demo county. */
export const REGIONS: Record<string, string> = {
  '130433100': '馆陶镇',
  '130433101': '房寨镇',
  '130433102': '柴堡镇',
  '130433103': '魏僧寨镇',
  '130433200': '寿山寺乡',
  '130433201': '王桥乡',
  '130433202': '南徐村乡',
  '130433203': '路桥乡',
};
