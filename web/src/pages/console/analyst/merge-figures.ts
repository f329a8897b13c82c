import { codeOf } from '../../../lib/labels.js';

/** Figures the analyst's merge view derives from jointMerge: visits per business and repeat hot spots grouped by a key (township). */

export interface BusinessVisits {
  uscc: string;
  visits: number;
  joint: number;
  departments: string[];
  /** Decisions of the merge about this business (a repeat removed or exempted). */
  repeats: number;
}

/** One row per business that has a visit or a decision: most visits first, then most repeats, then by USCC. */
export function visitsPerBusiness(
  visits: { uscc: string; kind: string; departments: string[] }[],
  decisions: { uscc: string }[],
): BusinessVisits[] {
  const m = new Map<string, BusinessVisits>();
  const get = (uscc: string) => {
    let b = m.get(uscc);
    if (!b) m.set(uscc, (b = { uscc, visits: 0, joint: 0, departments: [], repeats: 0 }));
    return b;
  };
  for (const v of visits) {
    const b = get(v.uscc);
    b.visits += 1;
    if (String(v.kind).toLowerCase() === 'joint') b.joint += 1;
    for (const raw of v.departments) {
      const d = codeOf(raw);
      if (!b.departments.includes(d)) b.departments.push(d);
    }
  }
  for (const d of decisions) get(d.uscc).repeats += 1;
  return [...m.values()].sort((a, b) => b.visits - a.visits || b.repeats - a.repeats || a.uscc.localeCompare(b.uscc));
}

/** Businesses with repeats grouped by a key of each (null: unknown): businesses and repeats per key, most repeats first. */
export function groupRepeats(hot: { uscc: string; repeats: number }[], keyOf: (uscc: string) => string | null): [string, { businesses: number; repeats: number }][] {
  const m = new Map<string, { businesses: number; repeats: number }>();
  for (const h of hot) {
    if (h.repeats <= 0) continue;
    const k = keyOf(h.uscc) ?? '未知';
    const g = m.get(k) ?? { businesses: 0, repeats: 0 };
    g.businesses += 1;
    g.repeats += h.repeats;
    m.set(k, g);
  }
  return [...m.entries()].sort((a, b) => b[1].repeats - a[1].repeats || a[0].localeCompare(b[0]));
}
