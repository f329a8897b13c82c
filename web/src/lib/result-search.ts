/** The characters of a unified social credit code (统一社会信用代码, GB 32100: no I, O, S, V, Z). */
const USCC = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;

/**
 * The public results page's one search box: 18 characters a USCC may hold (any case) search by
 * USCC, anything else by business name; empty searches nothing (all results).
 */
export function resultSearch(input: string): { uscc: string | null; name: string | null } {
  const text = input.trim();
  if (!text) return { uscc: null, name: null };
  if (USCC.test(text.toUpperCase())) return { uscc: text.toUpperCase(), name: null };
  return { uscc: null, name: text };
}
