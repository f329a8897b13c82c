import { HOLIDAY_YEARS, type HolidayYear } from './calendar/index.js';
import { RuleError } from './rule-error.js';

/**
 * Working days (工作日) for deadlines such as "results public within 20 working days": Monday to
 * Friday, minus the State Council's days off, plus its make-up working days (调休上班). The
 * dates are data, one file per year in ./calendar/. A date in a year that has no file is an error
 * naming the year, never a silent Monday–Friday guess: a deadline counted without that year's
 * holidays would be wrong by up to a week (Spring Festival, National Day).
 */

const byYear = new Map<number, { off: Set<string>; on: Set<string> }>(
  HOLIDAY_YEARS.map((y: HolidayYear) => [y.year, { off: new Set(y.daysOff), on: new Set(y.makeUpWorkingDays) }]),
);

/** The years the calendar covers, in order. */
export const coveredYears = (): number[] => [...byYear.keys()].sort((a, b) => a - b);

/** PRECONDITION_FAILED naming the year, for a date the calendar does not cover. */
export function missingYear(year: number): RuleError {
  const have = coveredYears();
  return new RuleError(
    'PRECONDITION_FAILED',
    `系统尚未录入${year}年的法定节假日和调休安排（国务院办公厅通知），无法按工作日计算期限；已录入：${have.join('、')} / the public holidays and make-up working days of ${year} (State Council notice) are not in the calendar yet, so deadlines in working days cannot be counted; years in the calendar: ${have.join(', ')}`,
    { reason: 'holiday-calendar-missing', year },
  );
}

/** Whether a date (YYYY-MM-DD) is a working day; throws missingYear for a year without data. */
export function isWorkingDay(date: string): boolean {
  const year = byYear.get(Number(date.slice(0, 4)));
  if (!year) throw missingYear(Number(date.slice(0, 4)));
  if (year.off.has(date)) return false;
  if (year.on.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const nextDay = (d: Date) => d.setUTCDate(d.getUTCDate() + 1);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The date `days` working days after `date` (the day itself not counted). */
export function addWorkingDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    nextDay(d);
    if (isWorkingDay(dayOf(d))) left--;
  }
  return dayOf(d);
}

/** Working days after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d < end) {
    nextDay(d);
    if (isWorkingDay(dayOf(d))) n++;
  }
  return n;
}
