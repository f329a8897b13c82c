import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo-county.js';
import { HOTEL_INDUSTRIES } from '../../shared/industries.js';
import { FireRescueInspector, FireRescueTarget } from './entities.js';

const CROWDED = [...HOTEL_INDUSTRIES, '5211', '5212', '6210', '8052', '9011', '9013'];

export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(FireRescueTarget)) > 0) return;
  const targets = demoBusinesses()
    // Restaurants only from a size that makes them crowded venues: roughly every third one.
    .filter((b) => b.status === 'operating' && (b.industryCode === '5265' || (CROWDED.includes(b.industryCode) && (b.industryCode !== '6210' || b.index % 3 === 0))))
    .map((b) => ({
      uscc: b.uscc,
      supervisedSince: b.registeredOn,
      venueCategory: b.industryCode === '5265' ? 'flammable' : 'crowded-venue',
      keyFireSafetyUnit: ['6110', '5211', '5265', '9011'].includes(b.industryCode),
    }));
  await em.transactional(async (tx) => {
    for (let i = 0; i < targets.length; i += 5000) await tx.insertMany(FireRescueTarget, targets.slice(i, i + 5000));
    await tx.insertMany(
      FireRescueInspector,
      demoInspectors('fire-rescue', 3, 35, ['fire-safety', 'evacuation', 'electrical', 'hazardous-materials']),
    );
  });
}
