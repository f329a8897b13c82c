import { COUNTY_UTC_OFFSET } from './history.js';

/**
 * Which checks the joint merge exempts from its repeat rules (the published rule exempts
 * complaint-, referral- and licence-driven checks from the yearly cap), judged from the
 * department's tags on the business as they stood during the inspection's period. Pure, so the
 * rule is tested without a database.
 */
export type Exemption = 'complaint' | 'referral' | 'licence';

/** Tag keys (shared/department/directory.ts TAG_KEYS) that make a check complaint-, referral- or licence-driven. */
export const EXEMPTING_TAGS: Readonly<Record<string, Exemption>> = {
  'complaint-12m': 'complaint',
  referral: 'referral',
  'licence-pending': 'licence',
};

export interface TagSpan {
  key: string;
  /** County dates, inclusive; `validUntil` null = open-ended. */
  validFrom: string;
  validUntil?: string | null;
  /** When the tag was recorded and, if so, revoked. */
  createdAt: Date;
  revokedAt?: Date | null;
}

const DAY_MS = 24 * 3600_000;
const startOfDay = (day: string) => new Date(`${day}T00:00:00${COUNTY_UTC_OFFSET}`).getTime();

/**
 * Whether the tag was in force at some moment of the period [first, last] (county dates), as it
 * was recorded then: inside its validity, already recorded, not yet revoked. So a tag revoked
 * today still counts for a quarter in which it applied, and a tag recorded today with a validity
 * reaching back does not rewrite a past quarter.
 */
export function tagInForceDuring(tag: TagSpan, first: string, last: string): boolean {
  const from = Math.max(startOfDay(tag.validFrom), tag.createdAt.getTime(), startOfDay(first));
  const until = Math.min(
    tag.validUntil ? startOfDay(tag.validUntil) + DAY_MS : Infinity,
    tag.revokedAt ? tag.revokedAt.getTime() : Infinity,
    startOfDay(last) + DAY_MS,
  );
  return from < until;
}

/** The exemptions these tags of one business give a check in the period [first, last], sorted. */
export function exemptionsDuring(tags: readonly TagSpan[], first: string, last: string): Exemption[] {
  const out = new Set<Exemption>();
  for (const t of tags) {
    const e = Object.hasOwn(EXEMPTING_TAGS, t.key) ? EXEMPTING_TAGS[t.key] : undefined;
    if (e && tagInForceDuring(t, first, last)) out.add(e);
  }
  return [...out].sort();
}
