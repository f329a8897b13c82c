import { Entity, PrimaryKey, Property, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { COUNTY_UTC_OFFSET, countyDate } from '../domain/history.js';
import * as clock from './clock.js';
import { badInput, userError } from './errors.js';
import { DateTimeScalar } from './scalars.js';

/**
 * Effective-dated rows at the edges: the entity base every versioned table extends, the parsing
 * of `asOf`, `effectiveFrom` and reason arguments (refused as BAD_USER_INPUT naming the field),
 * and the writes that close a version or insert once. The rules themselves (county dates, "valid
 * at t") are shared/domain/history.ts.
 */
const DAY_MS = 24 * 3600_000;

@ObjectType('VersionedFields')
@Entity({ abstract: true })
export abstract class VersionedRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => DateTimeScalar, { description: 'When this version took effect.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When this version stopped being current (changed or removed); null while current.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  @Field(() => String, { description: 'Who made this version (token subject).' })
  @Property({ type: 'string', length: 128 })
  changedBy!: string;

  @Field(() => String, { description: 'Why this version was made.' })
  @Property({ type: 'text' })
  changeReason!: string;

  @Field(() => String, { nullable: true, description: 'Who closed this version (by a change or a removal).' })
  @Property({ type: 'string', length: 128, nullable: true })
  closedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why this version was closed.' })
  @Property({ type: 'text', nullable: true })
  closeReason?: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses `YYYY-MM-DD` (county date) or an ISO 8601 date-time (UTC+08:00 when it names no offset). */
function parseInstant(field: string, raw: string, dateMeans: 'start' | 'end'): Date {
  const value = raw.trim();
  if (DATE.test(value)) {
    const start = new Date(`${value}T00:00:00${COUNTY_UTC_OFFSET}`);
    if (Number.isNaN(start.getTime()) || countyDate(start) !== value) {
      throw badInput(field, `日期“${raw}”不存在 / the date "${raw}" does not exist`);
    }
    return dateMeans === 'start' ? start : new Date(start.getTime() + DAY_MS - 1);
  }
  if (DATE_TIME.test(value)) {
    const withOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}${COUNTY_UTC_OFFSET}`;
    const t = new Date(withOffset);
    if (!Number.isNaN(t.getTime())) return t;
  }
  throw badInput(
    field,
    `“${raw}”不是有效的日期或时间，应为YYYY-MM-DD或ISO 8601日期时间（如2026-03-01T09:30:00+08:00） / "${raw}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time (e.g. 2026-03-01T09:30:00+08:00)`,
  );
}

/** `asOf` argument: undefined means "now, the current versions". A date means the end of that county day. */
export function parseAsOf(field: string, value: string | null | undefined): Date | undefined {
  if (value == null || value.trim() === '') return undefined;
  return parseInstant(field, value, 'end');
}

/**
 * `effectiveFrom` argument (back-dating a change): undefined when not given; a date means the
 * start of that county day; never in the future. See `effectiveAt` for the time actually used.
 */
export function parseEffectiveFrom(field: string, value: string | Date | null | undefined, now: Date): Date | undefined {
  if (value == null) return undefined;
  if (value instanceof Date) {
    // A `DateTime` argument, already parsed by the scalar.
    if (value.getTime() > now.getTime()) {
      throw badInput(field, `生效时间“${value.toISOString()}”不能晚于当前时间 / the effective time "${value.toISOString()}" must not be in the future`);
    }
    return value;
  }
  if (value.trim() === '') return undefined;
  const t = parseInstant(field, value, 'start');
  if (t.getTime() > now.getTime()) {
    throw badInput(field, `生效时间“${value}”不能晚于当前时间 / the effective time "${value}" must not be in the future`);
  }
  return t;
}

/**
 * When a change takes effect, decided inside its transaction once the versions it follows are read
 * (`notBefore`: when the current version began, when an earlier one ended…): the given time, which
 * must not be before them, or else now (never before them either, whatever the clocks did).
 */
export function effectiveAt(field: string, given: Date | undefined, ...notBefore: (Date | null | undefined)[]): Date {
  const floor = Math.max(0, ...notBefore.map((d) => d?.getTime() ?? 0));
  if (given) {
    if (floor) requireNotBefore(field, given, new Date(floor));
    return given;
  }
  return new Date(Math.max(clock.nowMs(), floor));
}

export function requireNotBefore(field: string, effective: Date, notBefore: Date): void {
  if (effective.getTime() < notBefore.getTime()) {
    throw badInput(
      field,
      `生效时间不能早于当前记录的生效时间（${notBefore.toISOString()}） / the change cannot take effect before the current version did (${notBefore.toISOString()})`,
    );
  }
}

/** A reason is part of every change that is not a plain addition: required, trimmed, at most 500 characters. */
export function requireReason(field: string, value: string | null | undefined): string {
  const reason = (value ?? '').trim();
  if (!reason) throw badInput(field, '请填写变更原因 / a reason is required for this change');
  if (reason.length > 500) throw badInput(field, `原因最多500字，收到${reason.length}字 / the reason has at most 500 characters, got ${reason.length}`);
  return reason;
}

/**
 * A reason, finding or note a clerk must write out (revoking a code, returning a record,
 * adjusting a plan …): at least 4 characters. `what` names it in Chinese for the message.
 */
export function requireStatement(field: string, value: string | null | undefined, what: string): string {
  const text = value?.trim() ?? '';
  if (text.length < 4) throw badInput(field, `${what}不能少于4个字 / ${field} needs at least 4 characters`);
  return text;
}

export function optionalReason(field: string, value: string | null | undefined, fallback: string): string {
  return value == null || value.trim() === '' ? fallback : requireReason(field, value);
}

/**
 * Closes the current version `id` of a versioned entity. Only a current version can be closed: when
 * someone else closed it meanwhile, the change is refused with CONFLICT (and its transaction rolls back).
 */
export async function closeVersion(
  tx: EntityManager,
  entity: Function,
  id: number,
  at: Date,
  by: string,
  reason: string,
  field: string,
): Promise<void> {
  const n = await tx.nativeUpdate(entity as never, { id, validTo: null } as never, { validTo: at, closedBy: by, closeReason: reason } as never);
  if (n !== 1) throw concurrentChange(field);
}

export const concurrentChange = (field: string) =>
  userError('CONFLICT', '该记录刚被他人修改，请刷新后重试 / someone else changed this record at the same moment; reload it and try again', { field });

/** Runs a write; a violated "one current version" index becomes CONFLICT naming `field`. */
export async function uniqueOrConflict<T>(field: string, message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw userError('CONFLICT', message, { field });
    throw e;
  }
}

/**
 * An insert that is idempotent by a unique key: `write` looks for the stored row (and returns it)
 * before inserting; when another request inserted the same key at the same moment, the unique
 * index refuses ours and the stored row is answered instead (`stored`), so a retry racing the
 * original still gets the same answer and one row.
 */
export async function insertOnce<T>(write: () => Promise<T>, stored: () => Promise<T | null>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof UniqueConstraintViolationException)) throw e;
    const row = await stored();
    if (row == null) throw e;
    return row;
  }
}
