/**
 * Where the public reaches Yiye (YIYE_PUBLIC_URL, default http://localhost:4000): the base of the
 * links printed as QR codes. An inspection code's QR holds `<base>/code/<token>`, so that a phone
 * camera opens the public page of the code (web/src/pages/public); the inspector's app and the
 * print sheet accept that link or the bare token (web/src/lib/code-link.ts).
 */
export const DEFAULT_PUBLIC_URL = 'http://localhost:4000';

/** The base URL without a trailing slash; throws (at start) when it is not an http(s) URL without query or fragment. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.YIYE_PUBLIC_URL?.trim() || DEFAULT_PUBLIC_URL;
  const problem = (why: string) => new Error(`YIYE_PUBLIC_URL "${raw}" ${why}: give the address the public opens, e.g. https://yiye.example.gov.cn`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw problem('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem('must start with http:// or https://');
  if (url.search || raw.includes('?')) throw problem('must not have a query (?…)');
  if (url.hash || raw.includes('#')) throw problem('must not have a fragment (#…)');
  if (url.username || url.password) throw problem('must not carry a user name or password');
  return url.href.replace(/\/+$/, '');
}

/** The link a QR code of an inspection code holds: `<base>/code/<token>`. */
export function codeLink(token: string, base: string = publicBaseUrl()): string {
  return `${base}/code/${encodeURIComponent(token)}`;
}
