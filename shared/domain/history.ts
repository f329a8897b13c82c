/**
 * Effective-dated rows (the history of the item list and of the target and inspector directories).
 *
 * A record is a chain of versions. Exactly one version is current (`validTo` null); a change closes
 * the current version (sets `validTo`, `closedBy`, `closeReason`) and inserts the next one; a
 * removal only closes it. Rows are never deleted, and never updated except for that closing. So
 * "as of t" is: `validFrom <= t AND (validTo IS NULL OR validTo > t)`.
 *
 * Dates without a time are county dates (China Standard Time, UTC+08:00): an effective date
 * `2026-03-01` starts at 2026-03-01T00:00+08:00; an `asOf` date `2026-03-01` means the end of that
 * day, so a change effective on that day is visible "as of" it.
 *
 * These are the rules, pure; the entity base, the parsing of `asOf`/`effectiveFrom`/reason
 * arguments and the writes that close a version are shared/platform/versioned.ts.
 */
export const COUNTY_UTC_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3600_000;

/** Who wrote the demo county (seeds), in `changedBy`. */
export const SEED_SUBJECT = 'seed:demo-county';
export const SEED_REASON = '演示县初始数据 / demo county initial data';

/** The county date (YYYY-MM-DD, UTC+08:00) of an instant. */
export function countyDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last day (inclusive) of a period of `months` calendar months starting on `day`
 * (YYYY-MM-DD): 2034-03-15 + 12 months → 2035-03-14; a month end clamps (2034-01-31 + 1 → 2034-02-27).
 */
export function lastDayOfMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const monthEnd = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const end = new Date(Date.UTC(y, m - 1 + months, Math.min(d, monthEnd)));
  return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** The versions valid at `asOf` (the current ones when undefined), as a query filter (MikroORM's syntax, plain data). */
export function validAt(asOf?: Date): Record<string, unknown> {
  return asOf ? { validFrom: { $lte: asOf }, $or: [{ validTo: null }, { validTo: { $gt: asOf } }] } : { validTo: null };
}

export function isValidAt(row: { validFrom: Date; validTo?: Date | null }, at: Date): boolean {
  return row.validFrom.getTime() <= at.getTime() && (row.validTo == null || row.validTo.getTime() > at.getTime());
}
