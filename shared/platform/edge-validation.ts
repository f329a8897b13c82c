import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLArgument, type GraphQLInputType } from 'graphql';
import { badInput } from './errors.js';

/**
 * Checks every argument of every field at the edge of each subgraph, before its resolver runs
 * (shared/platform/subgraph.ts wraps them all), so that no resolver and no SQL statement ever sees a value
 * that cannot be stored or that no clerk meant: literals, variables, input-object fields and list
 * items alike (graphql-js has already coerced them into `args`). The rules go by GraphQL type and
 * by the argument's name, so a new field gets them without anyone touching it:
 *
 * - every string: no control character other than tab and newline, well-formed Unicode, and at most
 *   `MAX_LENGTH.default` characters; long texts (`LONG_TEXT_NAMES`) `MAX_LENGTH.longText`; inline
 *   files (`contentBase64`) `MAX_LENGTH.file`;
 * - dates (`date`, `asOf`, `deadline`, names ending in `Date`, `On`, `At`, `From`, `Until`, `Since`):
 *   empty, `YYYY-MM-DD` (a real day) or an ISO 8601 date-time, in the years `YEARS.min`–`YEARS.max`;
 * - periods (`period`): `YYYY-Qn` in those years; `year`: one of those years;
 * - every other Int: 0 to `MAX_INT` (no count, number or version here is negative).
 * A refusal is BAD_USER_INPUT with `field` the argument's path (`input.itemCodes[2]`).
 */
export const MAX_LENGTH = { default: 1_000, longText: 10_000, file: 28_000_000 } as const;
export const YEARS = { min: 2000, max: 2100 } as const;
export const MAX_INT = 1_000_000;

const LONG_TEXT_NAMES = new Set(['reason', 'note', 'finding', 'findings', 'measures', 'evidence', 'followUpMeasures', 'outcome', 'legalBasis', 'description']);
const FILE_NAMES = new Set(['contentBase64']);
const DATE_NAME = /^(date|asOf|deadline)$|[a-z](Date|On|At|From|Until|Since)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const PERIOD = /^(\d{4})-Q[1-4]$/;
// C0 and C1 controls and DEL, except tab (U+0009) and newline (U+000A).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function checkString(name: string, path: string, value: string): void {
  const control = CONTROL.exec(value);
  if (control) {
    throw badInput(
      path,
      `“${path}”含有不允许的控制字符（第${control.index + 1}个字符，${hex(control[0])}），请删除后重试 / ${path} contains a control character (${hex(control[0])} at position ${control.index + 1}); only tab and newline are allowed`,
      { reason: 'control-character' },
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw badInput(path, `“${path}”含有无效的Unicode字符 / ${path} is not well-formed Unicode text`, { reason: 'malformed-unicode' });
  }
  const max = FILE_NAMES.has(name) ? MAX_LENGTH.file : LONG_TEXT_NAMES.has(name) ? MAX_LENGTH.longText : MAX_LENGTH.default;
  if (value.length > max) {
    throw badInput(path, `“${path}”过长：${value.length}个字符，最多${max}个 / ${path} is too long: ${value.length} characters, at most ${max}`, {
      reason: 'too-long',
      maxLength: max,
    });
  }
  if (name === 'period') checkPeriod(path, value);
  else if (DATE_NAME.test(name)) checkDate(path, value);
}

const outOfRange = (path: string, value: string) =>
  badInput(
    path,
    `“${path}”的“${shown(value)}”超出允许的年份范围（${YEARS.min}—${YEARS.max}年） / ${path} "${shown(value)}" is outside the years ${YEARS.min}–${YEARS.max}`,
    { reason: 'out-of-range', minYear: YEARS.min, maxYear: YEARS.max },
  );

function checkDate(path: string, raw: string): void {
  const value = raw.trim();
  if (value === '') return;
  const m = DATE.exec(value) ?? DATE_TIME.exec(value);
  if (!m) {
    throw badInput(
      path,
      `“${path}”的“${shown(raw)}”不是有效的日期，应为YYYY-MM-DD或ISO 8601日期时间 / ${path} "${shown(raw)}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time`,
      { reason: 'not-a-date' },
    );
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < YEARS.min || year > YEARS.max) throw outOfRange(path, raw);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw badInput(path, `“${path}”的日期“${shown(raw)}”不存在 / ${path}: the date "${shown(raw)}" does not exist`, { reason: 'not-a-date' });
  }
}

/** A parsed `DateTime`: its year in the county (UTC+08:00) within the range. */
function checkInstant(path: string, value: Date): void {
  const year = new Date(value.getTime() + 8 * 3600_000).getUTCFullYear();
  if (Number.isNaN(year) || year < YEARS.min || year > YEARS.max) throw outOfRange(path, Number.isNaN(year) ? String(value) : value.toISOString());
}

function checkPeriod(path: string, value: string): void {
  const m = PERIOD.exec(value);
  if (!m) throw badInput(path, `期间“${shown(value)}”格式应为“2026-Q2” / the period "${shown(value)}" must look like 2026-Q2`, { reason: 'not-a-period' });
  const year = Number(m[1]);
  if (year < YEARS.min || year > YEARS.max) throw outOfRange(path, value);
}

function checkInt(name: string, path: string, value: number): void {
  const [min, max] = name === 'year' ? [YEARS.min, YEARS.max] : [0, MAX_INT];
  if (value < min || value > max) {
    throw badInput(path, `“${path}”应在${min}至${max}之间，实为${value} / ${path} must be between ${min} and ${max}, not ${value}`, {
      reason: 'out-of-range',
      min,
      max,
    });
  }
}

function checkValue(type: GraphQLInputType, value: unknown, name: string, path: string): void {
  if (value == null) return;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    // A single value given for a list is coerced into a list of one by graphql-js already.
    if (Array.isArray(value)) value.forEach((v, i) => checkValue(t.ofType, v, name, `${path}[${i}]`));
    return;
  }
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[key];
      if (f) checkValue(f.type, v, key, `${path}.${key}`);
    }
    return;
  }
  if (isScalarType(t)) {
    if (typeof value === 'string') checkString(name, path, value);
    // A `DateTime` argument arrives parsed (shared/platform/scalars.ts): only its year is left to check.
    else if (value instanceof Date) checkInstant(path, value);
    else if (t.name === 'Int' && typeof value === 'number') checkInt(name, path, value);
  }
}

/** Throws BAD_USER_INPUT for the first argument that breaks a rule above. */
export function validateArguments(defs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const def of defs) checkValue(def.type, args[def.name], def.name, def.name);
}
