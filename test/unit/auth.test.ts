import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { identityFromAuthorization, INTERNAL_TOKEN_MAX_AGE_S, issueUserToken, PUBLIC_IDENTITY, signInternalIdentity, verifyInternalIdentity } from '../../shared/platform/auth.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as { extensions: { code: string; reason?: string } }).extensions;
  }
};

describe('who is asking', () => {
  it('no Authorization header is the public', async () => {
    expect(await identityFromAuthorization(undefined)).toEqual(PUBLIC_IDENTITY);
  });

  it('a dev token carries subject, department and roles', async () => {
    const t = await issueUserToken({ subject: 'zhang.san', department: 'fire-rescue', roles: ['department-admin'] });
    expect(await identityFromAuthorization(`Bearer ${t}`)).toEqual({ subject: 'zhang.san', department: 'fire-rescue', roles: ['department-admin'] });
  });

  it('refuses a malformed header, a forged signature, an expired token, an unknown department or role', async () => {
    expect(await codeOf(identityFromAuthorization('Token abc'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await codeOf(identityFromAuthorization('Bearer not.a.jwt'))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
    const forged = await issueUserToken({ roles: ['coordinator'] }, { secret: 'someone-elses-secret' });
    expect(await codeOf(identityFromAuthorization(`Bearer ${forged}`))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid' });
    const expired = await issueUserToken({ roles: ['coordinator'] }, { expiresIn: '-1m' });
    expect(await codeOf(identityFromAuthorization(`Bearer ${expired}`))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'expired' });
    const unknownDept = await issueUserToken({ roles: ['department-admin'], department: 'ministry-of-magic' });
    expect(await codeOf(identityFromAuthorization(`Bearer ${unknownDept}`))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unknownRole = await issueUserToken({ roles: ['emperor'] });
    expect(await codeOf(identityFromAuthorization(`Bearer ${unknownRole}`))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a subgraph believes only the gateway\'s internal header', async () => {
    const id = { subject: 'li.si', department: 'public-security', roles: ['inspector'] };
    expect(await verifyInternalIdentity(await signInternalIdentity(id))).toEqual(id);
    expect(await codeOf(verifyInternalIdentity(undefined))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
    // A user token in the internal header is refused: different secret, issuer and audience.
    const userToken = await issueUserToken({ roles: ['coordinator'] });
    expect(await codeOf(verifyInternalIdentity(userToken))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
    const selfMade = await new SignJWT({ roles: ['coordinator'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('yiye-gateway').setAudience('yiye-subgraph').setExpirationTime('1m').sign(new TextEncoder().encode('guess'));
    expect(await codeOf(verifyInternalIdentity(selfMade))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
  });

  it('a subgraph refuses an internal header signed for longer than two minutes, or dated too far back or ahead', async () => {
    const secret = new TextEncoder().encode(process.env.YIYE_INTERNAL_SECRET ?? 'yiye-dev-internal-secret-do-not-use-in-production');
    const now = Math.floor(Date.now() / 1000);
    const internal = (iat: number, exp: number) =>
      new SignJWT({ roles: ['coordinator'], department: 'double-random-office' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('li.si')
        .setIssuer('yiye-gateway')
        .setAudience('yiye-subgraph')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(secret);
    // The control: the same claims with a two-minute lifetime are accepted.
    expect(await verifyInternalIdentity(await internal(now, now + INTERNAL_TOKEN_MAX_AGE_S))).toEqual({
      subject: 'li.si',
      department: 'double-random-office',
      roles: ['coordinator'],
    });
    expect(await codeOf(verifyInternalIdentity(await internal(now, now + 24 * 3600)))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
    expect(await codeOf(verifyInternalIdentity(await internal(now - 600, now + 30)))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
    expect(await codeOf(verifyInternalIdentity(await internal(now + 600, now + 660)))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
    const withoutIat = await new SignJWT({ roles: ['coordinator'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('yiye-gateway').setAudience('yiye-subgraph').setExpirationTime('1m').sign(secret);
    expect(await codeOf(verifyInternalIdentity(withoutIat))).toMatchObject({ code: 'NOT_THROUGH_GATEWAY' });
  });
});
