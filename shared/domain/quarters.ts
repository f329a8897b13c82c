import { RuleError } from './rule-error.js';
import { coveredYears, isWorkingDay } from './working-days.js';

/**
 * Quarters (季度) as the quarterly report (季度报告) counts them: a period written `2026-Q4`, its
 * first and last day (county dates), the quarters it is compared with, and the day its report is
 * due. The county plan wants each quarter's report before the 20th of the quarter's last month
 * (20 March, 20 June, 20 September, 20 December); when that day is not a working day, the next
 * working day, per the holiday calendar (./calendar/): a deadline in a year without data is the
 * calendar's error (`holiday-calendar-missing`), never a Monday–Friday guess.
 */

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PERIOD = /^(\d{4})-Q([1-4])$/;

/** The quarter of a period string; BAD_USER_INPUT on `field` (default `period`) otherwise. */
export function parseQuarter(period: string, field = 'period'): Quarter {
  const m = PERIOD.exec(typeof period === 'string' ? period.trim() : '');
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 2000 || year > 2099) {
    throw new RuleError(
      'BAD_USER_INPUT',
      `期间“${period}”格式应为“2026-Q4”（2000至2099年，Q1至Q4） / the period "${period}" must look like 2026-Q4 (years 2000 to 2099, Q1 to Q4)`,
      { field, value: period },
    );
  }
  return { year, quarter: Number(m[2]) as Quarter['quarter'] };
}

export const formatQuarter = (q: Quarter): string => `${q.year}-Q${q.quarter}`;

const iso = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

/** First and last day of the quarter, YYYY-MM-DD (county dates). */
export function quarterBounds(q: Quarter): { start: string; end: string } {
  return { start: iso(q.year, (q.quarter - 1) * 3, 1), end: iso(q.year, q.quarter * 3, 0) };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

export const sameQuarterLastYear = (q: Quarter): Quarter => ({ year: q.year - 1, quarter: q.quarter });

/** The quarter a county date (YYYY-MM-DD) falls in. */
export function quarterOf(date: string): Quarter {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'] };
}

/** Quarters from `from` to `to`, both included, in order. */
export function quartersBetween(from: Quarter, to: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let q = from; q.year * 4 + q.quarter <= to.year * 4 + to.quarter; q = q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] }) out.push(q);
  return out;
}

/** The day of the last month the report is due on before working days are applied. */
export const REPORT_DUE_DAY = 20;

/**
 * The day the quarter's report is due: the 20th of its last month, or the next working day when
 * that is a day off. `working` is the calendar (isWorkingDay, which throws for a year without
 * data); tests pass their own.
 */
export function reportDueDate(q: Quarter, working: (date: string) => boolean = isWorkingDay): string {
  const d = new Date(Date.UTC(q.year, q.quarter * 3 - 1, REPORT_DUE_DAY));
  // A year has at most nine days off in a row (Spring Festival): a bound, not a guess.
  for (let i = 0; i < 31; i++, d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (working(day)) return day;
  }
  throw new Error(`no working day within 31 days of the ${formatQuarter(q)} report's due date`);
}

export interface ReportDue {
  period: string;
  /** Null when the holiday calendar lacks the year (dueDateProblem says so). */
  dueDate: string | null;
  dueDateProblem: string | null;
  late: boolean;
  /** Calendar days since the due date; 0 when not late. */
  daysLate: number;
}

/**
 * The quarters whose report is not finalized, oldest first: from the first year of the holiday
 * calendar (no due date can be counted before it) to the quarter of `today`. A quarter of a year
 * the calendar lacks is listed without a due date and with the reason, not guessed and not
 * dropped: the list still names the late ones.
 */
export function reportsDueAsOf(today: string, finalized: ReadonlySet<string>, firstYear = coveredYears()[0]): ReportDue[] {
  if (firstYear === undefined) return [];
  const out: ReportDue[] = [];
  for (const q of quartersBetween({ year: firstYear, quarter: 1 }, quarterOf(today))) {
    const period = formatQuarter(q);
    if (finalized.has(period)) continue;
    let dueDate: string;
    try {
      dueDate = reportDueDate(q);
    } catch (e) {
      out.push({ period, dueDate: null, dueDateProblem: (e as Error).message, late: false, daysLate: 0 });
      continue;
    }
    const late = dueDate < today;
    out.push({ period, dueDate, dueDateProblem: null, late, daysLate: late ? Math.round((Date.parse(today) - Date.parse(dueDate)) / 86_400_000) : 0 });
  }
  return out;
}
