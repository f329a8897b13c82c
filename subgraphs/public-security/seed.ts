import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo-county.js';
import { HOTEL_INDUSTRIES } from '../../shared/industries.js';
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
  const targets = demoBusinesses()
    .filter((b) => b.status === 'operating' && BRIGADE_BY_INDUSTRY[b.industryCode])
    .map((b) => {
      const { brigade, licence } = BRIGADE_BY_INDUSTRY[b.industryCode];
      return {
        uscc: b.uscc,
        supervisedSince: b.registeredOn,
        brigade,
        specialTradeLicence: licence ? `冀公特${b.registeredOn.slice(0, 4)}${String(b.index).padStart(5, '0')}` : null,
      };
    });
  await em.transactional(async (tx) => {
    await tx.insertMany(PublicSecurityTarget, targets);
    await tx.insertMany(
      PublicSecurityInspector,
      demoInspectors(
        'public-security',
        2,
        45,
        ['guest-registration', 'special-trades', 'network-security', 'entertainment-venues', 'scrap-metal'],
        ['public-order', 'cyber-security', 'criminal-investigation'],
      ),
    );
  });
}
