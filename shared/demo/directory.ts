import { DEMO_SEED, prng, type DemoInspector } from './county.js';
import { SEED_REASON, SEED_SUBJECT } from '../domain/history.js';

/**
 * The demo county's directories as effective-dated rows, with a few tags and declared conflicts
 * of interest: deterministic (same seed, same rows, same ids), like the rest of the demo county.
 */

/** A target version that took effect the day the business entered the directory. */
export const seededVersion = (since: string) => ({
  validFrom: new Date(`${since}T00:00:00+08:00`),
  changedBy: SEED_SUBJECT,
  changeReason: SEED_REASON,
});

/** The day the demo inspector directories were first recorded. */
export const DEMO_INSPECTORS_FROM = '2025-01-01';

export function seededInspectors(inspectors: DemoInspector[]) {
  return inspectors.map((i) => ({ ...i, brigade: i.brigade ?? null, ...seededVersion(DEMO_INSPECTORS_FROM) }));
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface DemoTagRule {
  key: string;
  value?: string;
  /** Which targets may get it. */
  industries: string[];
  /** Share of those targets that get it (0.02 = 2 %). */
  share: number;
  source: string;
  /** Days it applies from its first day (inclusive); open-ended when omitted. */
  days?: number;
  reason: string;
}

/** Tags on some targets; first days spread over 2026-01-01 … 2026-10-31. */
export function demoTags(department: string, targets: { uscc: string; industryCode: string }[], rules: DemoTagRule[], seed = DEMO_SEED) {
  const rand = prng(`${seed}/tags/${department}`);
  const rows = [];
  for (const rule of rules) {
    for (const t of targets) {
      if (!rule.industries.includes(t.industryCode)) continue;
      const pick = rand();
      const offset = Math.floor(rand() * 304);
      if (pick >= rule.share) continue;
      const validFrom = addDays('2026-01-01', offset);
      rows.push({
        uscc: t.uscc,
        key: rule.key,
        value: rule.value ?? null,
        source: rule.source,
        validFrom,
        validUntil: rule.days ? addDays(validFrom, rule.days - 1) : null,
        createdAt: new Date(`${validFrom}T09:00:00+08:00`),
        createdBy: SEED_SUBJECT,
        reason: rule.reason,
      });
    }
  }
  return rows;
}

const KINDS: [string, string][] = [
  ['relative', '配偶的兄弟经营该企业 / a brother-in-law runs this business'],
  ['former-employer', '入职前曾在该企业任职 / worked for this business before joining'],
  ['shareholding', '近亲属持有该企业股份 / a close relative holds shares in it'],
];

/** A few declared conflicts of interest: active inspectors with businesses of the directory. */
export function demoConflicts(department: string, inspectors: DemoInspector[], usccs: string[], count = 3, seed = DEMO_SEED) {
  const rand = prng(`${seed}/conflicts/${department}`);
  const active = inspectors.filter((i) => i.status === 'active');
  const rows = [];
  for (let n = 0; n < count && active.length && usccs.length; n++) {
    const inspector = active[Math.floor(rand() * active.length)];
    const uscc = usccs[Math.floor(rand() * usccs.length)];
    const [kind, reason] = KINDS[n % KINDS.length];
    const declaredOn = addDays('2025-03-01', Math.floor(rand() * 300));
    rows.push({
      certificateNumber: inspector.certificateNumber,
      uscc,
      kind,
      declaredOn,
      validFrom: new Date(`${declaredOn}T00:00:00+08:00`),
      changedBy: SEED_SUBJECT,
      reason,
    });
  }
  return rows;
}
