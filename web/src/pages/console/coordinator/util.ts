/** Small helpers of the coordinator's console. */
import { codeOf, departmentName } from '../../../lib/labels.js';
export const BASE = '/console/coordinator';

/** "2026-Q4" for today. */
export function currentQuarter(d = new Date()): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

/** A ratio 0…1 as "45.0 %". */
export const percent = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);

/** Splits "a, b；c" into codes. */
export const splitCodes = (s: string) => s.split(/[\s,，;；、]+/).map((x) => x.trim()).filter(Boolean);

/**
 * A code as the console compares it: 'FIRE_RESCUE' and 'fire-rescue', 'AWAITING_REVIEW' and
 * 'awaiting-review' are the same (GraphQL enum values vs the internal codes).
 */
export const norm = (s: string | null | undefined) => codeOf(s);

/** A department's (or the office's) Chinese name, whichever way its code is spelled. */
export const deptName = (code: string | null | undefined) => departmentName(code ? codeOf(code) : code);

/** An internal code as a GraphQL enum value: 'fire-rescue' -> 'FIRE_RESCUE'. */
export const toEnum = <T extends string = string>(code: string) => code.toUpperCase().replace(/-/g, '_') as T;
