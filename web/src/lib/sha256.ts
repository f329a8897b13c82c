/**
 * SHA-256 in the browser: WebCrypto's `crypto.subtle` where the page has it (a secure context:
 * https or localhost), else @noble/hashes (loaded only then), e.g. a county intranet page served
 * over plain http where `crypto.subtle` is undefined.
 */
export type HashBackend = 'webcrypto' | 'noble';

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function hashBackend(): HashBackend {
  return globalThis.crypto?.subtle ? 'webcrypto' : 'noble';
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of each text, in order. */
export async function sha256HexAll(texts: string[]): Promise<string[]> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    return Promise.all(texts.map(async (t) => hex(new Uint8Array(await subtle.digest('SHA-256', encoder.encode(t))))));
  }
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return texts.map((t) => hex(sha256(encoder.encode(t))));
}

export async function sha256Hex(text: string): Promise<string> {
  return (await sha256HexAll([text]))[0];
}
