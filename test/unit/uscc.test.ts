import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter, usccProblem, describeUsccProblem } from '../../shared/domain/uscc.js';
import { demoBusinesses } from '../../shared/demo/county.js';

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts published codes and computes their check character', () => {
    // Published codes of well-known companies.
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    expect(isValidUscc('91110000600037341L')).toBe(true);
    expect(usccCheckCharacter('91440300708461136')).toBe('T');
    expect(isValidUscc('91440300708461136T')).toBe(true);
  });

  it('maps a computed 31 to 0', () => {
    // Σ v_i·w_i ≡ 0 (mod 31) for seventeen zeros → 31 − 0 = 31 → "0".
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });

  it('names a wrong check character, the expected one and the typo hint', () => {
    expect(usccProblem('91110000600037341X')).toEqual({ kind: 'check', expected: 'L', actual: 'X' });
    expect(describeUsccProblem('91110000600037341X', { kind: 'check', expected: 'L', actual: 'X' })).toBe(
      '统一社会信用代码“91110000600037341X”校验位错误：应为“L”，实为“X”，请核对是否录入有误 / the check character of "91110000600037341X" is wrong: expected "L", found "X"; please check for a typing error',
    );
  });

  it('rejects a wrong length and each forbidden letter by position', () => {
    expect(usccProblem('9111000060003734')).toEqual({ kind: 'length', length: 16 });
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(usccProblem(`9111000060003734${letter}L`)).toEqual({ kind: 'character', position: 17, character: letter });
    }
    expect(usccProblem('91110000600037341l')).toEqual({ kind: 'character', position: 18, character: 'l' });
  });

  it('every business of the demo county has a valid USCC in county 130433, and the generator is deterministic', () => {
    const a = demoBusinesses(2000, 'unit');
    const b = demoBusinesses(2000, 'unit');
    expect(a).toEqual(b);
    expect(a.every((x) => isValidUscc(x.uscc) && x.uscc.slice(2, 8) === '130433')).toBe(true);
    expect(new Set(a.map((x) => x.uscc)).size).toBe(2000);
    expect(demoBusinesses(50, 'other')[0].uscc).not.toBe(a[0].uscc);
  });
});
