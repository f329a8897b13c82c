import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chinaToday, CODE_VERSION, signInspectionCode, verifyInspectionCode, windowStatus, type InspectionCodePayload } from '../../shared/inspection-code.js';

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

  it('the window is inclusive dates, judged in China time', () => {
    expect(windowStatus(payload, '2028-12-31')).toBe('not-yet-valid');
    expect(windowStatus(payload, '2029-01-01')).toBe('valid');
    expect(windowStatus(payload, '2029-03-31')).toBe('valid');
    expect(windowStatus(payload, '2029-04-01')).toBe('expired');
    expect(chinaToday(new Date('2029-03-31T16:30:00Z'))).toBe('2029-04-01');
  });
});
