import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chinaToday, CODE_VERSION, signInspectionCode, verifyInspectionCode, windowStatus, type InspectionCodePayload } from '../../shared/platform/inspection-code.js';

const payload: InspectionCodePayload = {
  v: CODE_VERSION,
  cid: '7f0c1b1e-0000-4000-8000-000000000001',
  tid: 'FR-2029Q1-0001',
  uscc: '91130433MA0000000X',
  certs: ['130433020001', '130433020002'],
  items: ['FR-001'],
  nbf: '2029-01-01',
  exp: '2029-03-31',
  iat: '2028-12-20T02:00:00.000Z',
};

describe('inspection code token format', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('is base64url(JSON) "." base64url(64-byte Ed25519 signature), checkable with crypto.verify alone', () => {
    const token = signInspectionCode(payload, privateKey);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const [body, sig] = token.split('.');
    expect(JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))).toEqual(payload);
    expect(Buffer.from(sig, 'base64url')).toHaveLength(64);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verify(null, Buffer.from(body, 'ascii'), createPublicKey(pem), Buffer.from(sig, 'base64url'))).toBe(true);
    expect(verifyInspectionCode(token, publicKey)).toEqual({ ok: true, payload });
  });

  it('refuses altered payloads, other keys, and malformed tokens', () => {
    const token = signInspectionCode(payload, privateKey);
    const [body, sig] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...payload, uscc: '91130433MA0000001X' })).toString('base64url');
    expect(verifyInspectionCode(`${altered}.${sig}`, publicKey).ok).toBe(false);
    expect(verifyInspectionCode(`${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}.${sig}`, publicKey).ok).toBe(false);
    expect(verifyInspectionCode(signInspectionCode(payload, generateKeyPairSync('ed25519').privateKey), publicKey).ok).toBe(false);
    for (const bad of ['', '.', 'abc', `${body}.${sig}.x`, `${body}.`, '{"v":1}.AAAA']) expect(verifyInspectionCode(bad, publicKey).ok).toBe(false);
    // A genuine signature over something that is not a code payload is refused too.
    expect(verifyInspectionCode(signInspectionCode({ ...payload, v: 99 }, privateKey), publicKey)).toEqual({ ok: false, reason: 'unexpected payload' });
  });

  it('any changed character is refused, the last one included (its unused bits cannot make a second spelling)', () => {
    const token = signInspectionCode(payload, privateKey);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 64 signature bytes are 86 characters: the last carries 2 bits and 4 unused ones, so Node's
    // decoder maps 16 spellings of it to the same bytes.
    const [, signature] = token.split('.');
    const last = token.at(-1)!;
    const sameBytes = [...alphabet].filter((c) => c !== last && Buffer.from(signature.slice(0, -1) + c, 'base64url').equals(Buffer.from(signature, 'base64url')));
    expect(sameBytes).toHaveLength(15);
    for (const c of sameBytes) expect(verifyInspectionCode(token.slice(0, -1) + c, publicKey), c).toEqual({ ok: false, reason: 'malformed' });
    for (const c of alphabet) {
      if (c !== last) expect(verifyInspectionCode(token.slice(0, -1) + c, publicKey).ok, c).toBe(false);
    }
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const other = alphabet[(alphabet.indexOf(token[i]) + 1) % alphabet.length];
      expect(verifyInspectionCode(token.slice(0, i) + other + token.slice(i + 1), publicKey).ok, `position ${i}`).toBe(false);
    }
    expect(verifyInspectionCode(token, publicKey).ok).toBe(true);
  });

  it('the window is inclusive dates, judged in China time', () => {
    expect(windowStatus(payload, '2028-12-31')).toBe('not-yet-valid');
    expect(windowStatus(payload, '2029-01-01')).toBe('valid');
    expect(windowStatus(payload, '2029-03-31')).toBe('valid');
    expect(windowStatus(payload, '2029-04-01')).toBe('expired');
    expect(chinaToday(new Date('2029-03-31T16:30:00Z'))).toBe('2029-04-01');
  });
});
