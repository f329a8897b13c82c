import { locatedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS } from '../../shared/domain/calendar/index.js';
import { RuleError } from '../../shared/domain/rule-error.js';
import { addWorkingDays, coveredYears, isWorkingDay, workingDaysBetween } from '../../shared/domain/working-days.js';
import { publicationDeadlines } from '../../subgraphs/joint-inspection/reports/figures.js';

/** The error `f` throws. */
function thrown(f: () => unknown): RuleError {
  try {
    f();
  } catch (e) {
    return e as RuleError;
  }
  throw new Error('expected an error');
}

describe('the holiday calendar as data', () => {
  it('covers 2025 and 2026, each file with its source notice, its days off and make-up working days in its own year', () => {
    expect(coveredYears()).toEqual([2025, 2026]);
    for (const y of HOLIDAY_YEARS) {
      expect(y.source).toMatch(/国务院办公厅.*通知.*State Council General Office notice/);
      for (const d of [...y.daysOff, ...y.makeUpWorkingDays]) expect(d.slice(0, 4)).toBe(String(y.year));
      expect(y.daysOff.filter((d) => y.makeUpWorkingDays.includes(d))).toEqual([]);
      // 调休上班 days are weekend days; a weekday is a working day anyway.
      expect(y.makeUpWorkingDays.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()).every((wd) => wd === 0 || wd === 6)).toBe(true);
    }
    // 2025: 1 Jan; 28 Jan–4 Feb; 4–6 Apr; 1–5 May; 31 May–2 Jun; 1–8 Oct = 1+8+3+5+3+8 days.
    expect(HOLIDAY_YEARS.find((y) => y.year === 2025)!.daysOff).toHaveLength(28);
    // 2026: 1–3 Jan; 15–23 Feb; 4–6 Apr; 1–5 May; 19–21 Jun; 25–27 Sep; 1–7 Oct = 3+9+3+5+3+3+7 days.
    expect(HOLIDAY_YEARS.find((y) => y.year === 2026)!.daysOff).toHaveLength(33);
  });

  it('a working day is Monday–Friday, minus the days off, plus the make-up working days', () => {
    expect(isWorkingDay('2026-10-07')).toBe(false); // Wednesday, National Day
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, made up
    expect(isWorkingDay('2026-10-11')).toBe(false); // Sunday
    expect(isWorkingDay('2026-10-12')).toBe(true); // Monday
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday, made up before Spring Festival
    expect(isWorkingDay('2025-10-08')).toBe(false); // Wednesday, the eighth day of the 2025 National Day holiday
  });
});

describe('counting working days', () => {
  it('20 working days from Monday 2026-09-21 cross Mid-Autumn and National Day and count Saturday 10 October: 2026-10-26', () => {
    // After 21 Sep: 22, 23, 24 Sep (3); 25–27 Sep off; 28, 29, 30 Sep (6); 1–7 Oct off; 8, 9 Oct (8);
    // Sat 10 Oct made up (9); 12–16 Oct (14); 19–23 Oct (19); Mon 26 Oct (20).
    // Monday–Friday alone would have given 2026-10-19, a week early.
    expect(addWorkingDays('2026-09-21', 20)).toBe('2026-10-26');
    expect(workingDaysBetween('2026-09-21', '2026-10-26')).toBe(20);
  });

  it('20 working days from Tuesday 2026-02-10 cross Spring Festival and count Saturdays 14 and 28 February: 2026-03-16', () => {
    // After 10 Feb: 11, 12, 13 Feb (3); Sat 14 Feb made up (4); 15–23 Feb off; 24–27 Feb (8);
    // Sat 28 Feb made up (9); 2–6 Mar (14); 9–13 Mar (19); Mon 16 Mar (20).
    expect(addWorkingDays('2026-02-10', 20)).toBe('2026-03-16');
    expect(workingDaysBetween('2026-02-10', '2026-03-16')).toBe(20);
  });

  it('across the turn of a year: 31 Dec 2025 + 1 working day is Sunday 4 January 2026 (1–3 Jan off, 4 Jan made up)', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    // 24 Jan 2025 (Fri) + 2: Sun 26 Jan made up, Mon 27 Jan; + 3: 28 Jan–4 Feb off, Wed 5 Feb.
    expect(addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('between counts the days after `from` up to `to`, none when `to` is not later', () => {
    expect(workingDaysBetween('2026-11-03', '2026-11-04')).toBe(1);
    expect(workingDaysBetween('2026-09-30', '2026-10-09')).toBe(2); // 8 and 9 Oct
    expect(workingDaysBetween('2026-10-09', '2026-10-09')).toBe(0);
    expect(workingDaysBetween('2026-10-09', '2026-10-01')).toBe(0);
  });
});

describe('a year the calendar lacks', () => {
  it('is refused with PRECONDITION_FAILED naming the year, in Chinese and English, never a Monday–Friday guess', () => {
    // 15 Dec 2026 + 20 working days runs past 31 Dec (12 working days left in December) into 2027.
    const e = thrown(() => addWorkingDays('2026-12-15', 20));
    expect(e).toBeInstanceOf(RuleError);
    expect(e.extensions).toEqual({ code: 'PRECONDITION_FAILED', reason: 'holiday-calendar-missing', year: 2027 });
    // What a client gets: graphql-js wraps an error a resolver throws and keeps its extensions.
    expect(locatedError(e, undefined).extensions).toEqual({ code: 'PRECONDITION_FAILED', reason: 'holiday-calendar-missing', year: 2027 });
    expect(e.message).toBe(
      '系统尚未录入2027年的法定节假日和调休安排（国务院办公厅通知），无法按工作日计算期限；已录入：2025、2026 / the public holidays and make-up working days of 2027 (State Council notice) are not in the calendar yet, so deadlines in working days cannot be counted; years in the calendar: 2025, 2026',
    );
    expect(thrown(() => workingDaysBetween('2026-12-30', '2027-01-04')).extensions).toMatchObject({ year: 2027 });
    expect(thrown(() => isWorkingDay('2024-12-31')).extensions).toMatchObject({ code: 'PRECONDITION_FAILED', year: 2024 });
  });

  it('is not asked about when the count stays inside covered years: 1 Dec 2026 + 20 working days is 29 Dec 2026', () => {
    // 2–4 Dec (3), 7–11 (8), 14–18 (13), 21–25 (18), 28, 29 Dec (20).
    expect(addWorkingDays('2026-12-01', 20)).toBe('2026-12-29');
  });
});

describe("the quarterly report's publication deadlines (one pair a day, compared in SQL)", () => {
  /** What the report's statement decides for a record inspected on `day` and first published on `published`. */
  const decide = (d: { before: string[]; unknownFrom: string[] }, start: string, day: string, published: string) => {
    const i = Math.round((Date.parse(day) - Date.parse(start)) / 86_400_000);
    return published >= d.unknownFrom[i] ? `unknown ${d.unknownFrom[i].slice(0, 4)}` : published < d.before[i] ? 'within' : 'late';
  };
  /** The same by counting working days one by one. */
  const count = (day: string, published: string) => {
    try {
      return workingDaysBetween(day, published) <= 20 ? 'within' : 'late';
    } catch (e) {
      return `unknown ${(e as RuleError).extensions.year}`;
    }
  };
  const plus = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it('decide as counting working days does, for every day of Q4 2026 (National Day, the year 2027 the calendar lacks) and Q4 2024 (before it), published 0–60 days later', () => {
    for (const [start, end] of [['2026-10-01', '2026-12-31'], ['2024-10-01', '2024-12-31'], ['2026-04-01', '2026-06-30']]) {
      const d = publicationDeadlines(start, end);
      expect(d.before).toHaveLength(Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1);
      for (let day = start; day <= end; day = plus(day, 1)) {
        for (let n = -1; n <= 60; n++) expect([day, n, decide(d, start, day, plus(day, n))]).toEqual([day, n, count(day, plus(day, n))]);
      }
    }
  });

  it('name the first uncovered year, not the year of publication: inspected 30 Dec 2024, published 6 Jan 2025 is unknown for 2024', () => {
    const d = publicationDeadlines('2024-10-01', '2024-12-31');
    expect(decide(d, '2024-10-01', '2024-12-30', '2025-01-06')).toBe('unknown 2024');
    // 15 Dec 2026 + 20 working days runs into 2027: published 31 Dec is within, 4 Jan 2027 unknown.
    const q4 = publicationDeadlines('2026-10-01', '2026-12-31');
    expect(decide(q4, '2026-10-01', '2026-12-15', '2026-12-31')).toBe('within');
    expect(decide(q4, '2026-10-01', '2026-12-15', '2027-01-04')).toBe('unknown 2027');
  });
});
