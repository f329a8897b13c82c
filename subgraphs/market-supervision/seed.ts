import type { EntityManager } from '@mikro-orm/postgresql';
import { demoBusinesses, demoInspectors } from '../../shared/demo/county.js';
import { demoConflicts, demoTags, seededInspectors, seededVersion } from '../../shared/demo/directory.js';
import { InspectorConflict, TargetTag } from '../../shared/department/directory.js';
import { HOTEL_INDUSTRIES } from '../../shared/domain/industries.js';
import { CreditRiskClassChange, Enterprise, MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import * as clock from '../../shared/platform/clock.js';

const FOOD = ['5212', '5211', '6110', '6121', '6210', '6220'];
const SPECIAL_EQUIPMENT = ['5211', '5212', '6110', '6121', '5265'];

/**
 * The whole register with one credit-risk class period per business (from its registration date,
 * source batch `demo-seed`), market supervision's targets (every operating business), tags,
 * inspectors and their declared conflicts.
 */
export async function seed(em: EntityManager): Promise<void> {
  if ((await em.count(Enterprise)) > 0) return;
  const businesses = demoBusinesses();
  const importedAt = clock.now();
  const operating = businesses.filter((b) => b.status === 'operating');
  const inspectors = demoInspectors('market-supervision', 1, 40, ['food-safety', 'special-equipment', 'metrology', 'product-quality', 'licensing']);
  const tags = demoTags('market-supervision', operating, [
    { key: 'complaint-12m', industries: [...HOTEL_INDUSTRIES, '6210', '6220'], share: 0.02, source: '12315-hotline', days: 365, reason: '12315热线食品安全投诉 / 12315 hotline food-safety complaint' },
    { key: 'rectification', industries: [...HOTEL_INDUSTRIES, '6210', '6220'], share: 0.01, source: 'inspection-result', days: 90, reason: '后厨卫生不合格，责令整改 / kitchen hygiene failed, ordered to correct' },
    { key: 'good-record-36m', industries: ['5212', '5211'], share: 0.1, source: 'credit-record', reason: '近36个月无违法违规记录 / no violation in 36 months' },
  ]);
  await em.transactional(async (tx) => {
    for (let i = 0; i < businesses.length; i += 2000) {
      const chunk = businesses.slice(i, i + 2000);
      await tx.insertMany(Enterprise, chunk.map(({ index: _i, ...b }) => b));
      await tx.insertMany(
        CreditRiskClassChange,
        chunk.map((b) => ({
          enterprise: b.uscc,
          creditRiskClass: b.creditRiskClass,
          since: b.registeredOn,
          until: null,
          sourceBatch: 'demo-seed',
          importedAt,
          importedBy: 'demo-seed',
        })),
      );
      const targets = chunk
        .filter((b) => b.status === 'operating')
        .map((b) => ({
          uscc: b.uscc,
          supervisedSince: b.registeredOn,
          foodLicenceNumber: FOOD.includes(b.industryCode) ? `JY${b.uscc.slice(2, 8)}${String(b.index).padStart(8, '0')}` : null,
          specialEquipmentCount: SPECIAL_EQUIPMENT.includes(b.industryCode) ? 1 + (b.index % 4) : 0,
          ...seededVersion(b.registeredOn),
        }));
      await tx.insertMany(MarketSupervisionTarget, targets);
    }
    await tx.insertMany(MarketSupervisionInspector, seededInspectors(inspectors));
    if (tags.length) await tx.insertMany(TargetTag, tags);
    await tx.insertMany(InspectorConflict, demoConflicts('market-supervision', inspectors, operating.map((b) => b.uscc)));
  });
}
