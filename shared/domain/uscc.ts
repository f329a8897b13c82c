/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 * 18 characters: registering authority, entity type, 6-digit division code, 9-character
 * organisation code, and a check character over the first 17.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem =
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'check'; expected: string; actual: string };

/** The check character for the first 17 characters (which must already be in the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check];
}

/** Why a string is not a valid USCC, or null when it is. Input is compared as given (upper case). */
export function usccProblem(uscc: string): UsccProblem | null {
  if (uscc.length !== 18) return { kind: 'length', length: uscc.length };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(uscc[i])) return { kind: 'character', position: i + 1, character: uscc[i] };
  }
  const expected = usccCheckCharacter(uscc.slice(0, 17));
  if (expected !== uscc[17]) return { kind: 'check', expected, actual: uscc[17] };
  return null;
}

export function isValidUscc(uscc: string): boolean {
  return usccProblem(uscc) === null;
}

/** The explanation in each language, for reports that keep them in separate columns. */
export function usccProblemReasons(uscc: string, p: UsccProblem): { zh: string; en: string } {
  switch (p.kind) {
    case 'length':
      return { zh: `统一社会信用代码应为18位，“${uscc}”为${p.length}位`, en: `a USCC has 18 characters, "${uscc}" has ${p.length}` };
    case 'character':
      return {
        zh: `统一社会信用代码第${p.position}位“${p.character}”不是允许的字符（不使用I、O、Z、S、V及小写字母）`,
        en: `character ${p.position} "${p.character}" is not allowed in a USCC (no I, O, Z, S, V or lower case)`,
      };
    case 'check':
      return {
        zh: `统一社会信用代码“${uscc}”校验位错误：应为“${p.expected}”，实为“${p.actual}”，请核对是否录入有误`,
        en: `the check character of "${uscc}" is wrong: expected "${p.expected}", found "${p.actual}"; please check for a typing error`,
      };
  }
}

/** A clerk-readable explanation, Chinese first. */
export function describeUsccProblem(uscc: string, p: UsccProblem): string {
  const { zh, en } = usccProblemReasons(uscc, p);
  // A closing full-width bracket already separates visually: no space before the slash.
  return `${zh}${zh.endsWith('）') ? '/ ' : ' / '}${en}`;
}
