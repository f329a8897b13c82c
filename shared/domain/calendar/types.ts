/** One year of the State Council's public holiday arrangement (国务院办公厅关于节假日安排的通知). */
export interface HolidayYear {
  year: number;
  /** The notice the dates are copied from. */
  source: string;
  /** 放假: days off, including those falling on a Monday–Friday. YYYY-MM-DD, in order. */
  daysOff: string[];
  /** 调休上班: Saturdays and Sundays that are working days. YYYY-MM-DD, in order. */
  makeUpWorkingDays: string[];
}

/** The days from `from` to `to`, both included (YYYY-MM-DD). */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (const d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}
