/** Small helpers of the coordinator's console. */
export const BASE = '/console/coordinator';

/** "2026-Q4" for today. */
export function currentQuarter(d = new Date()): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

/** A ratio 0…1 as "45.0 %". */
export const percent = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);

/** Splits "a, b；c" into codes. */
export const splitCodes = (s: string) => s.split(/[\s,，;；、]+/).map((x) => x.trim()).filter(Boolean);
