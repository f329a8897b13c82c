import { usccProblem, usccProblemReasons } from '../domain/uscc.js';
import { INDUSTRIES, isKnownIndustry, REGIONS } from '../domain/industries.js';
import { DEPARTMENTS, findDepartment } from '../domain/departments.js';
import * as clock from '../platform/clock.js';

/**
 * Column specifications of the exchange files: which headers name a column (Chinese and English,
 * plus aliases), whether it is required, how a cell is normalised and validated. Validators return
 * a reason in both languages, or null when the value is fine. Database-free.
 */
export interface Reason {
  zh: string;
  en: string;
}

/** Checks one normalised, non-empty cell. */
export type Validator = (value: string) => Reason | null;

export interface ColumnSpec {
  /** The key of the column in parsed rows (`uscc`, `industryCode`). */
  key: string;
  /** Header written on export and shown in reports (Chinese). */
  headerZh: string;
  /** English header; also accepted on import. */
  headerEn: string;
  /** More headers accepted on import (compared without case, spaces, `_`, `-`, `*`). */
  aliases?: string[];
  required?: boolean;
  /** Turns the raw cell into the stored form (after trimming); e.g. upper-case a USCC. */
  normalize?: (value: string) => string;
  validate?: Validator | Validator[];
  /** The value must not repeat in the file: a repeat is reported naming both rows. */
  unique?: boolean;
  /** What the README says about the column. */
  descriptionZh?: string;
  descriptionEn?: string;
}

export const reason = (zh: string, en: string): Reason => ({ zh, en });

/** How headers are compared: `统一社会信用代码*`, ` USCC `, `industry_code`, `Industry-Code` all match their spec. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*＊:：]/g, '');
}

export function headersOf(spec: ColumnSpec): string[] {
  return [spec.headerZh, spec.headerEn, spec.key, ...(spec.aliases ?? [])];
}

// ─── validators ────────────────────────────────────────────────────────────────────────────────

export const uscc: Validator = (value) => {
  const problem = usccProblem(value);
  return problem ? usccProblemReasons(value, problem) : null;
};

export const industry: Validator = (value) =>
  isKnownIndustry(value)
    ? null
    : reason(
        `行业代码“${value}”不在国民经济行业分类（GB/T 4754-2017）目录中，应为四位代码，如 6129`,
        `"${value}" is not a known GB/T 4754-2017 industry code (four digits, e.g. 6129)`,
      );

export const region: Validator = (value) =>
  Object.hasOwn(REGIONS, value)
    ? null
    : reason(
        `区划代码“${value}”不是本县的乡镇代码，应为：${Object.entries(REGIONS).map(([c, n]) => `${c}（${n}）`).join('、')}`,
        `"${value}" is not a township code of this county; use one of ${Object.keys(REGIONS).join(', ')}`,
      );

export const CREDIT_RISK_CLASS_VALUES = ['A', 'B', 'C', 'D'];

export const creditRiskClass: Validator = (value) =>
  CREDIT_RISK_CLASS_VALUES.includes(value)
    ? null
    : reason(`信用风险分类应为A、B、C或D，实为“${value}”`, `the credit-risk class must be A, B, C or D, found "${value}"`);

/** Dates as clerks type them (2026-3-1, 2026/03/01, 2026.3.1) become YYYY-MM-DD; anything else is left for `date` to refuse. */
export function normalizeDate(value: string): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** YYYY-MM-DD naming a day of the calendar (2026-02-30 does not). Called once per cell: no Date objects. */
export function isRealDate(value: string): boolean {
  if (value.length !== 10 || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

export const date: Validator = (value) =>
  isRealDate(value)
    ? null
    : reason(`日期“${value}”无效，格式应为YYYY-MM-DD（如 2026-03-01）`, `"${value}" is not a valid date; use YYYY-MM-DD (e.g. 2026-03-01)`);

/** Not later than `today` (YYYY-MM-DD, default the current UTC+8 date). */
export function notAfter(today: () => string = todayInChina): Validator {
  return (value) =>
    isRealDate(value) && value > today()
      ? reason(`日期“${value}”晚于今天（${today()}）`, `the date ${value} is in the future (today is ${today()})`)
      : null;
}

let cachedToday = { until: 0, value: '' };

/** Today's date in China (UTC+8), YYYY-MM-DD: a batch imported at 07:00 in Guantao is dated that day. */
export function todayInChina(now?: Date): string {
  if (now) return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  // Asked once per cell of a million-row file: recomputed at most once a second.
  const ms = clock.nowMs();
  if (ms >= cachedToday.until) cachedToday = { until: ms + 1000, value: new Date(ms + 8 * 3600_000).toISOString().slice(0, 10) };
  return cachedToday.value;
}

/** Department code or its Chinese name (`公安局` → `public-security`). */
export function normalizeDepartment(value: string): string {
  const byName = DEPARTMENTS.find((d) => d.nameZh === value || d.nameEn.toLowerCase() === value.toLowerCase());
  return byName ? byName.code : value.toLowerCase();
}

export const department: Validator = (value) =>
  findDepartment(value)
    ? null
    : reason(
        `部门“${value}”不存在，应为：${DEPARTMENTS.map((d) => `${d.code}（${d.nameZh}）`).join('、')}`,
        `"${value}" is not a department; use one of ${DEPARTMENTS.map((d) => d.code).join(', ')}`,
      );

export interface EnumValue {
  value: string;
  zh: string;
  /** Other spellings accepted on import. */
  aliases?: string[];
}

/** An enumeration: the code or its Chinese label (or an alias) is accepted and stored as the code. */
export function enumeration(values: EnumValue[], what: Reason): { normalize: (v: string) => string; validate: Validator } {
  const lookup = new Map<string, string>();
  for (const v of values) for (const s of [v.value, v.zh, ...(v.aliases ?? [])]) lookup.set(s.toLowerCase(), v.value);
  const listZh = values.map((v) => `${v.value}（${v.zh}）`).join('、');
  const listEn = values.map((v) => v.value).join(', ');
  return {
    normalize: (v) => lookup.get(v.toLowerCase()) ?? v,
    validate: (v) =>
      values.some((x) => x.value === v) ? null : reason(`${what.zh}“${v}”无效，应为：${listZh}`, `${what.en} "${v}" is not valid; use one of ${listEn}`),
  };
}

/** At most `n` characters (code points: a rare CJK character outside the BMP counts once). */
export function maxLength(n: number): Validator {
  return (value) => {
    if (value.length <= n) return null; // UTF-16 length ≥ code points
    const length = [...value].length;
    return length > n ? reason(`长度超过${n}个字符（实为${length}个）`, `longer than ${n} characters (${length})`) : null;
  };
}

export function pattern(re: RegExp, what: Reason): Validator {
  return (value) => (re.test(value) ? null : reason(`${what.zh}“${value}”格式不正确`, `${what.en} "${value}" is not in the expected form`));
}

export const nonNegativeInteger: Validator = (value) =>
  /^\d{1,9}$/.test(value) ? null : reason(`“${value}”应为非负整数`, `"${value}" must be a whole number ≥ 0`);

const TRUE = ['是', 'true', 'yes', 'y', '1'];
const FALSE = ['否', 'false', 'no', 'n', '0'];
export function normalizeBoolean(value: string): string {
  const v = value.toLowerCase();
  return TRUE.includes(v) ? 'true' : FALSE.includes(v) ? 'false' : value;
}
export const boolean: Validator = (value) =>
  value === 'true' || value === 'false' ? null : reason(`“${value}”应为“是”或“否”`, `"${value}" must be yes or no (是/否, true/false)`);

/** Tags separated by `;` or `；` (also `,`/`，`/`、`), trimmed, without empties or repeats; stored joined by `;`. */
export function splitTags(value: string): string[] {
  return [...new Set(value.split(/[;；,，、]/).map((t) => t.trim()).filter(Boolean))];
}
export const normalizeTags = (value: string) => splitTags(value).join(';');
export const tags: Validator = (value) => {
  const bad = splitTags(value).find((t) => [...t].length > 32);
  return bad ? reason(`标签“${bad}”超过32个字符`, `the tag "${bad}" is longer than 32 characters`) : null;
};

export const industryName = (code: string) => INDUSTRIES[code]?.nameZh;
