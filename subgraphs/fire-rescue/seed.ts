import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo/county.js';
import { demoConflicts, demoTags, seededInspectors, seededVersion } from '../../shared/demo/directory.js';
import { InspectorConflict, TargetTag } from '../../shared/department/directory.js';
import { HOTEL_INDUSTRIES } from '../../shared/domain/industries.js';
import { FireRescueInspector, FireRescueTarget } from './entities.js';

const CROWDED = [...HOTEL_INDUSTRIES, '5211', '5212', '6210', '8052', '9011', '9013'];

export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(FireRescueTarget)) > 0) return;
  const businesses = demoBusinesses()
    // Restaurants only from a size that makes them crowded venues: roughly every third one.
    .filter((b) => b.status === 'operating' && (b.industryCode === '5265' || (CROWDED.includes(b.industryCode) && (b.industryCode !== '6210' || b.index % 3 === 0))));
  const targets = businesses.map((b) => ({
    uscc: b.uscc,
    supervisedSince: b.registeredOn,
    venueCategory: b.industryCode === '5265' ? 'flammable' : 'crowded-venue',
    keyFireSafetyUnit: ['6110', '5211', '5265', '9011'].includes(b.industryCode),
    ...seededVersion(b.registeredOn),
  }));
  const inspectors = demoInspectors('fire-rescue', 3, 35, ['fire-safety', 'evacuation', 'electrical', 'hazardous-materials']);
  const tags = demoTags('fire-rescue', businesses, [
    { key: 'rectification', industries: CROWDED, share: 0.01, source: 'inspection-result', days: 60, reason: '疏散通道堵塞，责令限期整改 / blocked escape route, ordered to correct' },
    { key: 'complaint-12m', industries: HOTEL_INDUSTRIES, share: 0.02, source: '12345-hotline', days: 365, reason: '举报安全出口上锁 / report of a locked fire exit' },
    { key: 'high-risk', industries: ['5265', '9011'], share: 0.05, source: 'risk-assessment', reason: '火灾风险评估为高风险 / fire-risk assessment: high' },
  ]);
  await em.transactional(async (tx) => {
    for (let i = 0; i < targets.length; i += 5000) await tx.insertMany(FireRescueTarget, targets.slice(i, i + 5000));
    await tx.insertMany(FireRescueInspector, seededInspectors(inspectors));
    if (tags.length) await tx.insertMany(TargetTag, tags);
    await tx.insertMany(InspectorConflict, demoConflicts('fire-rescue', inspectors, targets.map((t) => t.uscc)));
  });
}
