import { describe, expect, it } from 'vitest';
import * as clock from '../../shared/platform/clock.js';
import { countyDate, isValidAt } from '../../shared/domain/history.js';
import { effectiveAt, parseAsOf, parseEffectiveFrom, requireNotBefore, requireReason } from '../../shared/platform/versioned.js';
import { tagAppliesAt } from '../../shared/department/directory.js';

/** Times in the directories: county dates (UTC+08:00), as-of instants, back-dating rules. */

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('as-of and effective times', () => {
  it('a date as asOf is the end of that county day; as effectiveFrom its start', () => {
    expect(parseAsOf('asOf', '2026-03-01')!.toISOString()).toBe('2026-03-01T15:59:59.999Z');
    expect(parseEffectiveFrom('effectiveFrom', '2026-03-01', new Date('2026-11-26T00:00:00Z'))!.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('date-times keep their offset; without one they are county time', () => {
    expect(parseAsOf('asOf', '2026-03-01T10:30:00Z')!.toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(parseAsOf('asOf', '2026-03-01T10:30')!.toISOString()).toBe('2026-03-01T02:30:00.000Z');
    expect(parseAsOf('asOf', '2026-03-01T10:30:15.5-05:00')!.toISOString()).toBe('2026-03-01T15:30:15.500Z');
  });

  it('no asOf means now (the current versions); bad ones are refused naming the field', () => {
    expect(parseAsOf('asOf', null)).toBeUndefined();
    expect(parseAsOf('asOf', '  ')).toBeUndefined();
    for (const bad of ['2026-02-30', '2026-13-01', '01/03/2026', 'yesterday', '2026-03-01T25:00:00Z']) {
      expect(fieldOf(() => parseAsOf('asOf', bad)), bad).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf' });
    }
  });

  it('a change never takes effect in the future, nor before the current version did', () => {
    const now = new Date('2026-11-26T08:00:00Z');
    expect(parseEffectiveFrom('effectiveFrom', undefined, now)).toBeUndefined();
    const before = clock.nowMs(); // the domain clock (YIYE_NOW in the suite)
    expect(effectiveAt('effectiveFrom', undefined).getTime()).toBeGreaterThanOrEqual(before);
    // Now, but never before the version it follows, whatever the clocks did.
    expect(effectiveAt('effectiveFrom', undefined, new Date('2999-01-01T00:00:00Z')).toISOString()).toBe('2999-01-01T00:00:00.000Z');
    expect(effectiveAt('effectiveFrom', new Date('2026-03-01T00:00:00Z'), null, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(fieldOf(() => effectiveAt('effectiveFrom', new Date('2026-01-01T00:00:00Z'), new Date('2026-02-01T00:00:00Z')))).toEqual({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    expect(fieldOf(() => parseEffectiveFrom('effectiveFrom', '2026-11-27', now))).toEqual({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    expect(fieldOf(() => requireNotBefore('effectiveFrom', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')))).toEqual({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    expect(fieldOf(() => requireNotBefore('effectiveFrom', new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z')))).toBeNull();
  });

  it('a reason is required and trimmed', () => {
    expect(requireReason('reason', '  停业 ')).toBe('停业');
    expect(fieldOf(() => requireReason('reason', ' '))).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(fieldOf(() => requireReason('input.reason', 'x'.repeat(501)))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('a version is valid from its start (inclusive) to its end (exclusive)', () => {
    const v = { validFrom: new Date('2026-02-01T00:00:00Z'), validTo: new Date('2026-03-01T00:00:00Z') };
    expect(isValidAt(v, new Date('2026-01-31T23:59:59.999Z'))).toBe(false);
    expect(isValidAt(v, new Date('2026-02-01T00:00:00Z'))).toBe(true);
    expect(isValidAt(v, new Date('2026-03-01T00:00:00Z'))).toBe(false);
    expect(isValidAt({ validFrom: v.validFrom, validTo: null }, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });

  it('county dates are UTC+08:00; a tag applies on its first and last day until revoked', () => {
    expect(countyDate(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(countyDate(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02-28');
    const tag = { validFrom: '2026-05-01', validUntil: '2026-05-31', revokedAt: null };
    expect(tagAppliesAt(tag, new Date('2026-04-30T15:59:59Z'))).toBe(false);
    expect(tagAppliesAt(tag, new Date('2026-04-30T16:00:00Z'))).toBe(true);
    expect(tagAppliesAt(tag, new Date('2026-05-31T15:59:59Z'))).toBe(true);
    expect(tagAppliesAt(tag, new Date('2026-05-31T16:00:00Z'))).toBe(false);
    const revoked = { ...tag, revokedAt: new Date('2026-05-10T00:00:00Z') };
    expect(tagAppliesAt(revoked, new Date('2026-05-09T23:59:59Z'))).toBe(true);
    expect(tagAppliesAt(revoked, new Date('2026-05-10T00:00:00Z'))).toBe(false);
  });
});
