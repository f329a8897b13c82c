import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo/county.js';
import { demoConflicts, demoTags, seededInspectors, seededVersion } from '../../shared/demo/directory.js';
import { InspectorConflict, TargetTag } from '../../shared/department/directory.js';
import { HOTEL_INDUSTRIES } from '../../shared/domain/industries.js';
import { HealthInspector, HealthTarget } from './entities.js';

/** Public places under the hygiene regulation (公共场所卫生管理条例), by industry. */
const VENUE_TYPE: Record<string, string> = {
  ...Object.fromEntries(HOTEL_INDUSTRIES.map((c) => [c, 'accommodation'])),
  '8051': 'beauty',
  '8052': 'bathing',
  '9011': 'entertainment',
  '5211': 'shopping',
  '5212': 'shopping',
};
export const PUBLIC_PLACES = Object.keys(VENUE_TYPE);

// The same department number, count and expertise as in gateway/dev-sign-in.ts (its demo users).
const demoHealthInspectors = () => demoInspectors('health', 4, 30, ['public-place-hygiene', 'drinking-water', 'air-conditioning', 'disinfection']);

export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(HealthTarget)) > 0) return;
  const businesses = demoBusinesses().filter((b) => b.status === 'operating' && Object.hasOwn(VENUE_TYPE, b.industryCode));
  const targets = businesses.map((b) => ({
    uscc: b.uscc,
    supervisedSince: b.registeredOn,
    venueType: VENUE_TYPE[b.industryCode],
    // Homestays are small enough that most counties licence them separately: every fourth has none here.
    hygieneLicenceNumber: b.industryCode === '6130' && b.index % 4 === 0 ? null : `冀卫公证字〔${b.registeredOn.slice(0, 4)}〕第${String(b.index + 1).padStart(5, '0')}号`,
    // Tourist hotels and department stores pump their own water; other places every fifth.
    drinkingWaterSupply: ['6110', '5211'].includes(b.industryCode) || b.index % 5 === 0,
    ...seededVersion(b.registeredOn),
  }));
  const inspectors = demoHealthInspectors();
  const tags = demoTags('health', businesses, [
    { key: 'rectification', industries: PUBLIC_PLACES, share: 0.01, source: 'inspection-result', days: 60, reason: '公共用品用具未按规定清洗消毒，责令限期改正 / towels and cups not disinfected, ordered to correct' },
    { key: 'complaint-12m', industries: [...HOTEL_INDUSTRIES, '8052'], share: 0.02, source: '12345-hotline', days: 365, reason: '举报客房卫生不合格 / report of unhygienic rooms' },
    { key: 'high-risk', industries: ['8052', '6110'], share: 0.05, source: 'risk-assessment', reason: '集中空调通风系统卫生风险高 / central air-conditioning hygiene risk: high' },
  ]);
  await em.transactional(async (tx) => {
    for (let i = 0; i < targets.length; i += 5000) await tx.insertMany(HealthTarget, targets.slice(i, i + 5000));
    await tx.insertMany(HealthInspector, seededInspectors(inspectors));
    if (tags.length) await tx.insertMany(TargetTag, tags);
    await tx.insertMany(InspectorConflict, demoConflicts('health', inspectors, targets.map((t) => t.uscc)));
  });
}
