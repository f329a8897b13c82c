import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { IMMUTABLE, NO_CACHE, serveWebFile, WEB_DIST } from '../../gateway/static.js';
import { devUsers } from '../../gateway/dev-sign-in.js';
import { gql } from '../support/federation.js';
import { DEPARTMENT_CODES } from '../../shared/domain/departments.js';

/**
 * The gateway's web front (gateway/static.ts, gateway/dev-sign-in.ts) on the suite's gateway,
 * which serves the real build (the global setup builds web/dist when stale).
 */
const base = () => inject('gatewayUrl').replace(/\/$/, '');

/** A raw request, so that paths like /../ reach the server unnormalised. */
function raw(url: string, rawPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app beside /graphql', () => {
  it('/ and any route of the app are index.html (lang zh-CN), never cached; hashed assets cached for a year', async () => {
    for (const p of ['/', '/results', '/draws/FR-2026Q2-0001', '/code/abc.def']) {
      const res = await fetch(`${base()}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe(NO_CACHE);
      expect(await res.text()).toContain('<html lang="zh-CN">');
    }
    const html = await (await fetch(`${base()}/`)).text();
    const script = /<script type="module" crossorigin src="(\/assets\/index-[\w-]+\.js)"/.exec(html)![1];
    const css = /<link rel="stylesheet" crossorigin href="(\/assets\/index-[\w-]+\.css)"/.exec(html)![1];
    const js = await fetch(`${base()}${script}`);
    expect([js.status, js.headers.get('content-type'), js.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', IMMUTABLE]);
    const style = await fetch(`${base()}${css}`);
    expect([style.status, style.headers.get('content-type'), style.headers.get('cache-control')]).toEqual([200, 'text/css; charset=utf-8', IMMUTABLE]);
    const head = await fetch(`${base()}${script}`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('a missing asset is 404, not the app', async () => {
    expect((await fetch(`${base()}/assets/index-nothere.js`)).status).toBe(404);
    expect((await fetch(`${base()}/favicon.ico`)).status).toBe(404);
  });

  it('never serves a file outside web/dist', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fsupergraph.graphql']) {
      const res = await raw(base(), p);
      expect(res.body, p).not.toContain('"name": "yiye"');
      expect(res.body, p).not.toContain('join__');
      expect([200, 400, 404], p).toContain(res.status);
    }
    // Nor through a symbolic link inside the served folder.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<html lang="zh-CN">app</html>');
    fs.symlinkSync(path.resolve('package.json'), path.join(dist, 'leak.json'));
    const server = http.createServer((req, res) => serveWebFile(req, res, dist));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const leak = await raw(url, '/leak.json');
      expect(leak.status).toBe(404);
      expect(leak.body).not.toContain('yiye');
    } finally {
      server.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('GraphQL still answers at /graphql, at / by POST and GET ?query=', async () => {
    const byPost = await gql('{ __typename }');
    expect(byPost.data).toEqual({ __typename: 'Query' });
    const byGet = await fetch(`${base()}/?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await byGet.json()).toEqual({ data: { __typename: 'Query' } });
    const atGraphql = await fetch(`${base()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await atGraphql.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves web/dist', () => {
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html'))).toBe(true);
  });
});

describe('development sign-in (/dev/, outside production only)', () => {
  let production: RunningGateway | undefined;
  afterAll(async () => production?.stop());

  it('lists demo users by role and department, inspectors with their certificate numbers', async () => {
    const res = await fetch(`${base()}/dev/users`);
    expect(res.status).toBe(200);
    const { users } = (await res.json()) as { users: ReturnType<typeof devUsers> };
    expect(users).toEqual(devUsers());
    expect(users.find((u) => u.id === 'office-coordinator')).toEqual({ id: 'office-coordinator', label: '双随机办公室协调员', roles: ['coordinator'], department: 'double-random-office' });
    expect(users.filter((u) => u.roles.includes('department-admin')).map((u) => u.department)).toEqual(DEPARTMENT_CODES);
    const inspectors = users.filter((u) => u.roles.includes('inspector'));
    expect(inspectors.length).toBe(3 * DEPARTMENT_CODES.length); // three active demo inspectors of each department
    for (const i of inspectors) expect(i.certificateNumber).toMatch(/^1304330\d{5}$/);
  });

  it('mints a token the gateway accepts, as that user', async () => {
    const minted = await fetch(`${base()}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'fire-rescue-admin' }) });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    // Signed-in only: the fire-rescue target directory.
    const anonymous = await gql('{ fireRescueTargets(first: 1) { totalCount } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const signedIn = await gql('{ fireRescueTargets(first: 1) { totalCount } }', {}, { token });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.fireRescueTargets.totalCount).toBeGreaterThan(0);
  });

  it('an unknown user is BAD_USER_INPUT on the field user', async () => {
    const res = await fetch(`${base()}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'root' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: '没有演示用户“root” / there is no demo user "root"', extensions: { code: 'BAD_USER_INPUT', field: 'user' } }] });
  });

  it('in production every /dev/ path is 404 and no token is minted', async () => {
    production = await startGateway({ port: 0, subgraphUrls: inject('subgraphUrls'), production: true });
    const url = production.url.replace(/\/$/, '');
    const token = await fetch(`${url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'office-coordinator' }) });
    expect(token.status).toBe(404);
    expect(JSON.stringify(await token.json())).not.toContain('eyJ');
    expect((await fetch(`${url}/dev/users`)).status).toBe(404);
    // The web app itself is still served.
    expect((await fetch(`${url}/`)).status).toBe(200);
  });
});
