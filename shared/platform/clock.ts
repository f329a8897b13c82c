/**
 * The domain's clock: what "now" and "today" mean for the business (effective dates, task windows,
 * inspection dates, tags in force, stored stamps such as `createdAt`, `publishedAt`, trail `at`).
 *
 * Outside production, `YIYE_NOW` (ISO date or date-time; a date alone means 09:00 county time)
 * sets it: the clock reads `YIYE_NOW` at the real instant `YIYE_NOW_SET_AT` (epoch ms; default:
 * when this module loads) and runs on from there. The test suite gives every process the same
 * pair, so that the gateway, the subgraphs, the scripts and the tests agree and no test depends on
 * the calendar. With `NODE_ENV=production` a set `YIYE_NOW` refuses to start: a production clock
 * that is not the real one would date real inspections wrongly.
 *
 * Real time stays for what is checked against other machines or measures durations: token
 * `iat`/`exp` (user JWTs, the internal header), timeouts, benchmarks, log lines.
 */
const COUNTY_OFFSET_MS = 8 * 3600_000;

function offsetFromEnv(): number {
  const fixed = process.env.YIYE_NOW?.trim();
  if (!fixed) return 0;
  if (process.env.NODE_ENV === 'production') {
    throw new Error('YIYE_NOW is set, but NODE_ENV=production: the fixed clock is for tests only; unset YIYE_NOW');
  }
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(fixed) ? `${fixed}T09:00:00+08:00` : fixed);
  if (Number.isNaN(at)) throw new Error(`YIYE_NOW "${fixed}" is not an ISO date (2026-11-16) or date-time (2026-11-16T10:00:00+08:00)`);
  const setAt = process.env.YIYE_NOW_SET_AT ? Number(process.env.YIYE_NOW_SET_AT) : Date.now();
  if (!Number.isFinite(setAt)) throw new Error(`YIYE_NOW_SET_AT "${process.env.YIYE_NOW_SET_AT}" is not a time in epoch milliseconds`);
  return at - setAt;
}

const offsetMs = offsetFromEnv();

/** The current instant on the domain clock, in epoch milliseconds. */
export const nowMs = (): number => Date.now() + offsetMs;

/** The current instant on the domain clock. */
export const now = (): Date => new Date(nowMs());

/** Today's county date (China Standard Time, UTC+08:00), YYYY-MM-DD. */
export const today = (): string => new Date(nowMs() + COUNTY_OFFSET_MS).toISOString().slice(0, 10);

