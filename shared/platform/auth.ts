import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { userError } from './errors.js';
import { isKnownOrganisation } from '../domain/departments.js';

export const ROLES = ['public', 'inspector', 'department-admin', 'coordinator', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
/** Internal callers (the joint-inspection service asking a department subgraph). Never in a user token. */
export const SERVICE_ROLE = 'service';

export interface Identity {
  subject: string;
  /** Department (or the double-random office) the user works for; absent for the public. */
  department?: string;
  roles: string[];
  /**
   * An inspector's certificate number (执法证号, claim `cert`): who stands at the door. Scans and
   * inspection records are accepted only from an inspector whose certificate is on the team.
   */
  certificateNumber?: string;
}

export const PUBLIC_IDENTITY: Identity = { subject: 'anonymous', roles: ['public'] };

/** The header through which the gateway (and only it) tells a subgraph who is asking. */
export const INTERNAL_HEADER = 'x-yiye-internal';

export const DEV_USER_SECRET = 'yiye-dev-secret-do-not-use-in-production';
export const DEV_INTERNAL_SECRET = 'yiye-dev-internal-secret-do-not-use-in-production';

export function userTokenSecret(): { secret: string; isDefault: boolean } {
  const s = process.env.YIYE_JWT_SECRET;
  return s ? { secret: s, isDefault: false } : { secret: DEV_USER_SECRET, isDefault: true };
}

function internalSecret(): Uint8Array {
  return new TextEncoder().encode(process.env.YIYE_INTERNAL_SECRET ?? DEV_INTERNAL_SECRET);
}

const key = (s: string) => new TextEncoder().encode(s);

/** Issues a user token (HS256). Used by `npm run token` and by tests. */
export async function issueUserToken(
  claims: { subject?: string; department?: string; roles: string[]; certificateNumber?: string },
  options: { expiresIn?: string; secret?: string } = {},
): Promise<string> {
  return new SignJWT({ department: claims.department, roles: claims.roles, cert: claims.certificateNumber })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject ?? `dev-${claims.roles.join('+')}`)
    .setIssuedAt()
    .setIssuer('yiye')
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(key(options.secret ?? userTokenSecret().secret));
}

/** Reads `Authorization: Bearer …`. No header means the public. Anything wrong is UNAUTHENTICATED. */
export async function identityFromAuthorization(header: string | undefined): Promise<Identity> {
  if (!header || header.trim() === '') return PUBLIC_IDENTITY;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) {
    throw userError('UNAUTHENTICATED', 'Authorization 请求头格式应为“Bearer <令牌>” / the Authorization header must be "Bearer <token>"', {
      field: 'Authorization',
    });
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], key(userTokenSecret().secret), { algorithms: ['HS256'], issuer: 'yiye' }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) {
      throw userError('UNAUTHENTICATED', '登录令牌已过期，请重新登录 / the token has expired, please sign in again', {
        field: 'Authorization',
        reason: 'expired',
      });
    }
    throw userError('UNAUTHENTICATED', '登录令牌无效（格式或签名错误）/ the token is malformed or its signature is invalid', {
      field: 'Authorization',
      reason: 'invalid',
    });
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  const unknownRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknownRole) {
    throw userError('UNAUTHENTICATED', `令牌中的角色“${unknownRole ?? ''}”无效 / the token names an unknown role "${unknownRole ?? '(none)'}"`, {
      field: 'roles',
    });
  }
  const department = typeof payload.department === 'string' ? payload.department : undefined;
  if (department !== undefined && !isKnownOrganisation(department)) {
    throw userError('UNAUTHENTICATED', `令牌中的部门“${department}”不存在 / the token names an unknown department "${department}"`, {
      field: 'department',
    });
  }
  const certificateNumber = typeof payload.cert === 'string' ? payload.cert : undefined;
  if (certificateNumber !== undefined && !roles.includes('inspector')) {
    throw userError('UNAUTHENTICATED', '只有执法检查人员的令牌可以带执法证号 / only an inspector\'s token may carry a certificate number', {
      field: 'cert',
    });
  }
  return { subject: String(payload.sub ?? 'unknown'), department, roles, certificateNumber };
}

/**
 * Longest lifetime a subgraph accepts for an internal header (exp − iat), and its oldest iat: a
 * header is signed per request, so a long-lived one can only be a leaked or self-made one.
 */
export const INTERNAL_TOKEN_MAX_AGE_S = 120;

/** The gateway's signed statement of identity, valid for one minute. */
export async function signInternalIdentity(identity: Identity): Promise<string> {
  return new SignJWT({ department: identity.department, roles: identity.roles, cert: identity.certificateNumber })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer('yiye-gateway')
    .setAudience('yiye-subgraph')
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(internalSecret());
}

export async function verifyInternalIdentity(header: string | undefined): Promise<Identity> {
  const refuse = () =>
    userError(
      'NOT_THROUGH_GATEWAY',
      '子图只接受经网关转发的请求，请访问网关 / this subgraph only answers requests that come through the gateway; send your request to the gateway',
    );
  if (!header) throw refuse();
  try {
    const { payload } = await jwtVerify(header, internalSecret(), {
      algorithms: ['HS256'],
      issuer: 'yiye-gateway',
      audience: 'yiye-subgraph',
      requiredClaims: ['exp', 'iat'],
      // Also refuses an iat in the future (beyond the tolerance).
      maxTokenAge: INTERNAL_TOKEN_MAX_AGE_S,
      clockTolerance: 5,
    });
    if (payload.exp! - payload.iat! > INTERNAL_TOKEN_MAX_AGE_S) throw refuse();
    const department = typeof payload.department === 'string' ? payload.department : undefined;
    const certificateNumber = typeof payload.cert === 'string' ? payload.cert : undefined;
    return { subject: String(payload.sub), department, roles: (payload.roles as string[]) ?? [], certificateNumber };
  } catch {
    throw refuse();
  }
}

export const hasRole = (identity: Identity, ...roles: string[]) => identity.roles.some((r) => roles.includes(r));
