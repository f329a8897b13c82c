import { describe, expect, it } from 'vitest';
import { toCsv } from '../../web/src/pages/console/analyst/csv.js';
import { groupRepeats, visitsPerBusiness } from '../../web/src/pages/console/analyst/merge-figures.js';

/** The analyst's views: the CSV of what is on screen, and the figures derived from a quarter's merge. */
describe('toCsv', () => {
  it('starts with a BOM, ends rows with CRLF and quotes commas, quotes, line breaks and formula-looking cells', () => {
    expect(toCsv(['企业', '次数'], [['甲, 乙', 2], ['say "hi"', null], ['a\nb', '=1+1'], ['-3', true]])).toBe(
      '\ufeff企业,次数\r\n"甲, 乙",2\r\n"say ""hi""",\r\n"a\nb","=1+1"\r\n"-3",true\r\n',
    );
  });
});

describe('visitsPerBusiness', () => {
  it('counts visits, joint visits, departments (once each) and the decisions about each business; most visits first, then repeats, then USCC', () => {
    const rows = visitsPerBusiness(
      [
        { uscc: 'B', kind: 'joint', departments: ['market-supervision', 'fire-rescue'] },
        { uscc: 'B', kind: 'single', departments: ['market-supervision'] },
        { uscc: 'A', kind: 'single', departments: ['public-security'] },
        { uscc: 'C', kind: 'single', departments: ['fire-rescue'] },
      ],
      [{ uscc: 'C' }, { uscc: 'D' }],
    );
    expect(rows).toEqual([
      { uscc: 'B', visits: 2, joint: 1, departments: ['market-supervision', 'fire-rescue'], repeats: 0 },
      { uscc: 'C', visits: 1, joint: 0, departments: ['fire-rescue'], repeats: 1 },
      { uscc: 'A', visits: 1, joint: 0, departments: ['public-security'], repeats: 0 },
      { uscc: 'D', visits: 0, joint: 0, departments: [], repeats: 1 },
    ]);
  });

  it('reads enum values (JOINT, PUBLIC_SECURITY) as the older strings', () => {
    expect(visitsPerBusiness([{ uscc: 'A', kind: 'JOINT', departments: ['PUBLIC_SECURITY', 'public-security', 'FIRE_RESCUE'] }], [])).toEqual([
      { uscc: 'A', visits: 1, joint: 1, departments: ['public-security', 'fire-rescue'], repeats: 0 },
    ]);
  });
});

describe('groupRepeats', () => {
  it('groups businesses with repeats by their key (unknown when the register has none), most repeats first', () => {
    const township: Record<string, string> = { A: '130433100', B: '130433101', C: '130433100' };
    expect(groupRepeats([{ uscc: 'A', repeats: 1 }, { uscc: 'B', repeats: 3 }, { uscc: 'C', repeats: 1 }, { uscc: 'E', repeats: 1 }, { uscc: 'F', repeats: 0 }], (u) => township[u] ?? null)).toEqual([
      ['130433101', { businesses: 1, repeats: 3 }],
      ['130433100', { businesses: 2, repeats: 2 }],
      ['未知', { businesses: 1, repeats: 1 }],
    ]);
  });
});
