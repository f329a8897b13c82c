/**
 * An inspection code (检查码) as typed, pasted or scanned: the bare token, or the link its QR
 * code holds, `<public base URL>/code/<token>` (YIYE_PUBLIC_URL on the server, any origin here:
 * the county's address is the server's business). Returns the token, trimmed.
 */
export function codeToken(input: string): string {
  const text = input.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  const m = /\/code\/([^/]+)\/?$/.exec(url.pathname);
  if (!m) return text;
  try {
    return decodeURIComponent(m[1]).trim();
  } catch {
    return m[1];
  }
}
