import { badInput } from '../platform/errors.js';
import { decodeCursor, toPage, type Page } from '../platform/pagination.js';
import type { VersionedRow } from '../platform/versioned.js';
import { TAG_KEYS } from './directory.js';

/** Argument checks and paging the directory services share (targets, inspectors, tags, conflicts). */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD) that exists. */
export function requireDate(field: string, value: string): string {
  if (!DATE_ONLY.test(value) || Number.isNaN(Date.parse(value)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(field, `日期“${value}”格式应为YYYY-MM-DD / the date "${value}" must be YYYY-MM-DD`);
  }
  return value;
}

/** 执法证号 are compared in upper case, without surrounding spaces. */
export const normalizeCertificate = (value: string) => value.trim().toUpperCase();

export function checkTagKey(field: string, key: string): void {
  if (!Object.hasOwn(TAG_KEYS, key)) {
    throw badInput(field, `标注“${key}”无效，应为：${Object.entries(TAG_KEYS).map(([k, v]) => `${k}（${v}）`).join('、')} / tag key must be one of ${Object.keys(TAG_KEYS).join(', ')}`);
  }
}

/** A page of a record's versions (already oldest first; a record has few): the cursor is the row's place. */
export function versionPage<R extends VersionedRow>(rows: R[], first: number, after: string | null | undefined): Page<R> {
  const from = decodeCursor(after);
  const keyed = rows.map((r, i) => ({ r, key: String(i).padStart(8, '0') }));
  const start = from === undefined ? 0 : keyed.findIndex((k) => k.key > from);
  const page = toPage(start < 0 ? [] : keyed.slice(start, start + first + 1), first, keyed.length, (k) => k.key);
  return { ...page, nodes: page.nodes.map((k) => k.r) };
}
