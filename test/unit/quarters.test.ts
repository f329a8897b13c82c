import { describe, expect, it } from 'vitest';
import { RuleError } from '../../shared/domain/rule-error.js';
import {
  formatQuarter,
  parseQuarter,
  previousQuarter,
  quarterBounds,
  quarterOf,
  quartersBetween,
  reportDueDate,
  reportsDueAsOf,
  sameQuarterLastYear,
} from '../../shared/domain/quarters.js';

function thrown(f: () => unknown): RuleError {
  try {
    f();
  } catch (e) {
    return e as RuleError;
  }
  throw new Error('expected an error');
}

describe('quarters', () => {
  it('parses 2026-Q4 and refuses anything else with BAD_USER_INPUT on the field', () => {
    expect(parseQuarter('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    for (const bad of ['2026Q4', '2026-Q5', '2026-Q0', '26-Q1', '', '2026-q1', '1999-Q1']) {
      const e = thrown(() => parseQuarter(bad));
      expect(e).toBeInstanceOf(RuleError);
      expect(e.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'period', value: bad });
      expect(e.message).toMatch(/^期间“.*”格式应为“2026-Q4”.* \/ the period ".*" must look like 2026-Q4/);
    }
    expect(thrown(() => parseQuarter('x', 'from')).extensions.field).toBe('from');
  });

  it('bounds, the previous quarter and the same quarter last year', () => {
    expect(quarterBounds({ year: 2026, quarter: 1 })).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterBounds({ year: 2028, quarter: 1 })).toEqual({ start: '2028-01-01', end: '2028-03-31' });
    expect(quarterBounds({ year: 2026, quarter: 2 })).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(quarterBounds({ year: 2026, quarter: 4 })).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(formatQuarter(previousQuarter({ year: 2026, quarter: 1 }))).toBe('2025-Q4');
    expect(formatQuarter(previousQuarter({ year: 2026, quarter: 3 }))).toBe('2026-Q2');
    expect(formatQuarter(sameQuarterLastYear({ year: 2026, quarter: 3 }))).toBe('2025-Q3');
    expect(quarterOf('2026-11-16')).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf('2026-03-31')).toEqual({ year: 2026, quarter: 1 });
    expect(quartersBetween({ year: 2025, quarter: 3 }, { year: 2026, quarter: 2 }).map(formatQuarter)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('due on the 20th of the last month, or the next working day per the calendar', () => {
    // 2026-03-20 is a Friday: due that day.
    expect(reportDueDate({ year: 2026, quarter: 1 })).toBe('2026-03-20');
    // 2026-06-20 is a Saturday inside the Dragon Boat holiday (19–21 June): Monday 22 June.
    expect(reportDueDate({ year: 2026, quarter: 2 })).toBe('2026-06-22');
    // 2026-09-20 is a Sunday, but a make-up working day (调休) before Mid-Autumn: due that Sunday.
    expect(reportDueDate({ year: 2026, quarter: 3 })).toBe('2026-09-20');
    // 2026-12-20 is a Sunday: Monday 21 December.
    expect(reportDueDate({ year: 2026, quarter: 4 })).toBe('2026-12-21');
    // 2025-09-20 is a Saturday: Monday 22 September.
    expect(reportDueDate({ year: 2025, quarter: 3 })).toBe('2025-09-22');
  });

  it('a holiday on a weekday moves the deadline past it', () => {
    // A calendar whose 20–22 March 2030 (Wednesday–Friday) are days off: due Monday 25 March.
    const off = new Set(['2030-03-20', '2030-03-21', '2030-03-22']);
    const working = (d: string) => !off.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(reportDueDate({ year: 2030, quarter: 1 }, working)).toBe('2030-03-25');
  });

  it('a year missing from the calendar is a clear error, not a guess', () => {
    const e = thrown(() => reportDueDate({ year: 2041, quarter: 1 }));
    expect(e.extensions).toEqual({ code: 'PRECONDITION_FAILED', reason: 'holiday-calendar-missing', year: 2041 });
    expect(e.message).toMatch(/2041年.*the public holidays and make-up working days of 2041/);
  });

  it('lists the reports not finalized, late ones with the days since their due date', () => {
    const due = reportsDueAsOf('2026-07-01', new Set(['2025-Q2', '2025-Q4']), 2025);
    expect(due).toEqual([
      { period: '2025-Q1', dueDate: '2025-03-20', dueDateProblem: null, late: true, daysLate: 468 },
      { period: '2025-Q3', dueDate: '2025-09-22', dueDateProblem: null, late: true, daysLate: 282 },
      { period: '2026-Q1', dueDate: '2026-03-20', dueDateProblem: null, late: true, daysLate: 103 },
      { period: '2026-Q2', dueDate: '2026-06-22', dueDateProblem: null, late: true, daysLate: 9 },
      { period: '2026-Q3', dueDate: '2026-09-20', dueDateProblem: null, late: false, daysLate: 0 },
    ]);
    // On its due date a report is not late yet.
    expect(reportsDueAsOf('2026-03-20', new Set(), 2026)).toEqual([{ period: '2026-Q1', dueDate: '2026-03-20', dueDateProblem: null, late: false, daysLate: 0 }]);
    // A year the calendar lacks: listed, without a due date, and why.
    const [q] = reportsDueAsOf('2027-02-01', new Set(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']), 2026);
    expect(q).toMatchObject({ period: '2027-Q1', dueDate: null, late: false, daysLate: 0 });
    expect(q.dueDateProblem).toMatch(/2027年.*of 2027/);
  });
});
