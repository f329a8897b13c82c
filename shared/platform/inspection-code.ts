import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as clock from './clock.js';

/**
 * Inspection codes (检查码, 扫码入企): a signed, compact token an inspection team shows at the
 * door; anyone can check it offline with the office's public key, or online with
 * `inspectionCodeScan`.
 *
 * Format: `base64url(JSON payload) + "." + base64url(Ed25519 signature over the first part's
 * ASCII bytes)`. Node's standard `crypto` only; the QR rendering is the joint-inspection
 * service's (`inspectionCodeQr`).
 */
export const CODE_VERSION = 1;

export interface InspectionCodePayload {
  /** Code format version. */
  v: number;
  /** Code id (UUID). */
  cid: string;
  /** Task id, e.g. FR-2029Q1-0001 (its prefix names the department). */
  tid: string;
  uscc: string;
  /** The team's certificate numbers, leader first. */
  certs: string[];
  /** Item codes inspected at this business. */
  items: string[];
  /** Validity window: the task's window, dates (YYYY-MM-DD, inclusive). */
  nbf: string;
  exp: string;
  /** Issued at (ISO 8601). */
  iat: string;
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function newCodeId(): string {
  return randomUUID();
}

export function signInspectionCode(payload: InspectionCodePayload, privateKey: KeyObject): string {
  const body = b64u(JSON.stringify(payload));
  return `${body}.${b64u(sign(null, Buffer.from(body, 'ascii'), privateKey))}`;
}

export type CodeCheck = { ok: true; payload: InspectionCodePayload } | { ok: false; reason: string };

const B64U = /^[A-Za-z0-9_-]+$/;

/**
 * Base64url as Node writes it: no padding, and the unused low bits of the last character zero.
 * Node's decoder ignores those bits, so without this check several strings would decode to the
 * same signature and a changed last character would still verify.
 */
export function isCanonicalBase64url(s: string): boolean {
  return B64U.test(s) && Buffer.from(s, 'base64url').toString('base64url') === s;
}

/** Longest token accepted anywhere (a code carries a team and a few items: well under 2 KB). */
export const MAX_TOKEN_LENGTH = 4096;

const ED25519_SIGNATURE_BYTES = 64;

/**
 * The shape of a code, without its signature: two base64url parts, a payload of the current
 * version with every field, a signature of Ed25519's length. Never throws. What may be printed
 * (as a QR code) is a well-formed code; only `verifyInspectionCode` says it is genuine.
 */
export function parseInspectionCode(token: string): CodeCheck & { parts?: [string, string] } {
  const parts = typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token.trim().split('.') : [];
  if (parts.length !== 2 || !parts.every(isCanonicalBase64url)) return { ok: false, reason: 'malformed' };
  if (Buffer.from(parts[1], 'base64url').length !== ED25519_SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
  let p: InspectionCodePayload;
  try {
    p = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as InspectionCodePayload;
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const str = (x: unknown) => typeof x === 'string' && x.length > 0;
  if (
    !p ||
    p.v !== CODE_VERSION ||
    ![p.cid, p.tid, p.uscc, p.nbf, p.exp, p.iat].every(str) ||
    !Array.isArray(p.certs) ||
    !Array.isArray(p.items)
  ) {
    return { ok: false, reason: 'unexpected payload' };
  }
  return { ok: true, payload: p, parts: [parts[0], parts[1]] };
}

/** Checks the shape (parseInspectionCode), then the signature over the payload part. Never throws. */
export function verifyInspectionCode(token: string, publicKey: KeyObject): CodeCheck {
  const parsed = parseInspectionCode(token);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const [body, signature] = parsed.parts!;
  let good = false;
  try {
    good = verify(null, Buffer.from(body, 'ascii'), publicKey, Buffer.from(signature, 'base64url'));
  } catch {
    good = false;
  }
  return good ? { ok: true, payload: parsed.payload } : { ok: false, reason: 'bad signature' };
}

/** Where a code stands in time on `today` (YYYY-MM-DD, China time). */
export function windowStatus(p: InspectionCodePayload, today: string): 'valid' | 'expired' | 'not-yet-valid' {
  if (today < p.nbf) return 'not-yet-valid';
  if (today > p.exp) return 'expired';
  return 'valid';
}

/** Today's date in China (UTC+8), the date an inspection happens on. */
export function chinaToday(now = clock.now()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEV_KEY_FILE = path.join(root, '.data', 'inspection-code-key.pem');

/**
 * The office's signing key (PEM, PKCS#8): YIYE_CODE_PRIVATE_KEY, or in development one generated
 * once into `.data/inspection-code-key.pem` (git-ignored). The federation launcher resolves it
 * once and passes it to every subgraph in the environment, so processes never race on the file.
 */
export function loadOrCreateDevKeyPem(file = DEV_KEY_FILE): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const pem = generateCodeKeyPem();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
      return pem;
    } catch {
      return fs.readFileSync(file, 'utf8');
    }
  }
}

export function generateCodeKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

let cached: { privateKey: KeyObject; publicKey: KeyObject; publicPem: string } | null = null;

export function codeKeys(): { privateKey: KeyObject; publicKey: KeyObject; publicPem: string } {
  if (!cached) {
    const pem = process.env.YIYE_CODE_PRIVATE_KEY?.trim() ? process.env.YIYE_CODE_PRIVATE_KEY : loadOrCreateDevKeyPem();
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('YIYE_CODE_PRIVATE_KEY must be an Ed25519 private key (PEM)');
    const publicKey = createPublicKey(privateKey);
    cached = { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  return cached;
}
