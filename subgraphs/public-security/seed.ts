import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo/county.js';
import { demoConflicts, demoTags, seededInspectors, seededVersion } from '../../shared/demo/directory.js';
import { InspectorConflict, TargetTag } from '../../shared/department/directory.js';
import { HOTEL_INDUSTRIES } from '../../shared/domain/industries.js';
import { PublicSecurityInspector, PublicSecurityTarget } from './entities.js';

/** Which brigade supervises which industries (and whether the trade needs a special-trade licence). */
const BRIGADE_BY_INDUSTRY: Record<string, { brigade: string; licence: boolean }> = {
  ...Object.fromEntries(HOTEL_INDUSTRIES.map((c) => [c, { brigade: 'public-order', licence: true }])),
  '9011': { brigade: 'public-order', licence: false },
  '8052': { brigade: 'public-order', licence: false },
  '9013': { brigade: 'cyber-security', licence: false },
  '5191': { brigade: 'criminal-investigation', licence: true },
};

export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(PublicSecurityTarget)) > 0) return;
  const businesses = demoBusinesses().filter((b) => b.status === 'operating' && BRIGADE_BY_INDUSTRY[b.industryCode]);
  const targets = businesses.map((b) => {
    const { brigade, licence } = BRIGADE_BY_INDUSTRY[b.industryCode];
    return {
      uscc: b.uscc,
      supervisedSince: b.registeredOn,
      brigade,
      specialTradeLicence: licence ? `冀公特${b.registeredOn.slice(0, 4)}${String(b.index).padStart(5, '0')}` : null,
      ...seededVersion(b.registeredOn),
    };
  });
  const inspectors = demoInspectors(
    'public-security',
    2,
    45,
    ['guest-registration', 'special-trades', 'network-security', 'entertainment-venues', 'scrap-metal'],
    ['public-order', 'cyber-security', 'criminal-investigation'],
  );
  const tags = demoTags('public-security', businesses, [
    { key: 'complaint-12m', industries: HOTEL_INDUSTRIES, share: 0.02, source: '12345-hotline', days: 365, reason: '12345热线投诉未登记住宿旅客 / 12345 hotline complaint: guests not registered' },
    { key: 'rectification', industries: HOTEL_INDUSTRIES, share: 0.01, source: 'inspection-result', days: 90, reason: '检查发现旅客登记不全，责令整改 / incomplete guest register, ordered to correct' },
    { key: 'complaint-12m', industries: ['9013'], share: 0.03, source: '12345-hotline', days: 365, reason: '举报网吧接纳未成年人 / report of minors admitted' },
  ]);
  await em.transactional(async (tx) => {
    await tx.insertMany(PublicSecurityTarget, targets);
    await tx.insertMany(PublicSecurityInspector, seededInspectors(inspectors));
    if (tags.length) await tx.insertMany(TargetTag, tags);
    await tx.insertMany(InspectorConflict, demoConflicts('public-security', inspectors, targets.map((t) => t.uscc)));
  });
}
