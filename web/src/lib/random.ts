/** Random lowercase hex from the browser's CSPRNG (getRandomValues works on plain http too, unlike crypto.subtle). */
export function randomHex(bytes = 16): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
