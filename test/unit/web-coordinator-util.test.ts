import { describe, expect, it } from 'vitest';
import { currentQuarter, deptName, norm, percent, splitCodes, toEnum } from '../../web/src/pages/console/coordinator/util.js';

/** Small helpers of the coordinator's console (web/src/pages/console/coordinator/util.ts). */
describe("the coordinator console's helpers", () => {
  it('the quarter of a day', () => {
    expect(currentQuarter(new Date(2026, 0, 1))).toBe('2026-Q1');
    expect(currentQuarter(new Date(2026, 2, 31))).toBe('2026-Q1');
    expect(currentQuarter(new Date(2026, 3, 1))).toBe('2026-Q2');
    expect(currentQuarter(new Date(2026, 10, 16))).toBe('2026-Q4');
  });

  it('a ratio as a percentage with one decimal; none is a dash', () => {
    expect(percent(0.45)).toBe('45.0 %');
    expect(percent(1 / 3)).toBe('33.3 %');
    expect(percent(0)).toBe('0.0 %');
    expect(percent(null)).toBe('—');
  });

  it('item codes typed with commas, Chinese punctuation or spaces', () => {
    expect(splitCodes('FR-FL-001, MS-ME-001；PS-CS-001、 FR-CV-001  ')).toEqual(['FR-FL-001', 'MS-ME-001', 'PS-CS-001', 'FR-CV-001']);
    expect(splitCodes('  ')).toEqual([]);
  });

  it('enum values and internal codes compare the same; a department is named either way', () => {
    expect(norm('AWAITING_REVIEW')).toBe('awaiting-review');
    expect(norm('awaiting-review')).toBe('awaiting-review');
    expect(norm(null)).toBe('');
    expect(deptName('FIRE_RESCUE')).toBe('消防救援大队');
    expect(deptName('fire-rescue')).toBe('消防救援大队');
    expect(deptName('DOUBLE_RANDOM_OFFICE')).toBe('双随机办公室');
    expect(deptName(null)).toBe('—');
    expect(toEnum('fire-rescue')).toBe('FIRE_RESCUE');
    expect(norm(toEnum('double-random-office'))).toBe('double-random-office');
  });
});
