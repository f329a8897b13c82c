import { HOLIDAYS_2025 } from './2025.js';
import { HOLIDAYS_2026 } from './2026.js';
import type { HolidayYear } from './types.js';

/**
 * The years whose holiday notice is in the repo. To add a year: copy its State Council notice
 * (usually out in November of the year before) into `<year>.ts` like the others and list it here.
 */
export const HOLIDAY_YEARS: readonly HolidayYear[] = [HOLIDAYS_2025, HOLIDAYS_2026];
export type { HolidayYear } from './types.js';
