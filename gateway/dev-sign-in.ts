import type http from 'node:http';
import { issueUserToken } from '../shared/platform/auth.js';
import { demoInspectors } from '../shared/demo/county.js';
import { DEPARTMENTS, OFFICE } from '../shared/domain/departments.js';

/**
 * Development sign-in: GET /dev/users lists the demo users by role and department, POST /dev/token
 * `{ "user": id }` mints that user's token (as `npm run token` does). Only outside production:
 * with NODE_ENV=production (shared/platform/production.ts) every /dev/ path is 404, and tokens come from
 * the county's identity provider (README "Signing in").
 */
export interface DevUser {
  id: string;
  label: string;
  roles: string[];
  department?: string;
  certificateNumber?: string;
}

// The demo inspectors of each department, as the seeds generate them (subgraphs/*/seed.ts: the
// same department number, count and expertise pool, so the same certificate numbers and names).
const DEMO_INSPECTORS: Record<string, () => ReturnType<typeof demoInspectors>> = {
  'market-supervision': () => demoInspectors('market-supervision', 1, 40, ['food-safety', 'special-equipment', 'metrology', 'product-quality', 'licensing']),
  'public-security': () =>
    demoInspectors('public-security', 2, 45, ['guest-registration', 'special-trades', 'network-security', 'entertainment-venues', 'scrap-metal'], ['public-order', 'cyber-security', 'criminal-investigation']),
  'fire-rescue': () => demoInspectors('fire-rescue', 3, 35, ['fire-safety', 'evacuation', 'electrical', 'hazardous-materials']),
  health: () => demoInspectors('health', 4, 30, ['public-place-hygiene', 'drinking-water', 'air-conditioning', 'disinfection']),
};

export function devUsers(): DevUser[] {
  const users: DevUser[] = [
    { id: 'office-coordinator', label: `${OFFICE.nameZh}协调员`, roles: ['coordinator'], department: OFFICE.code },
    { id: 'office-analyst', label: `${OFFICE.nameZh}分析员`, roles: ['analyst'], department: OFFICE.code },
  ];
  for (const d of DEPARTMENTS) {
    users.push({ id: `${d.code}-admin`, label: `${d.nameZh}管理员`, roles: ['department-admin'], department: d.code });
    const active = (DEMO_INSPECTORS[d.code]?.() ?? []).filter((i) => i.status === 'active').slice(0, 3);
    for (const i of active) {
      users.push({ id: `${d.code}-inspector-${i.certificateNumber}`, label: `${d.nameZh}执法检查人员${i.name}`, roles: ['inspector'], department: d.code, certificateNumber: i.certificateNumber });
    }
  }
  return users;
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Answers a request under /dev/. `body` is the request body already read (POST). */
export async function serveDevSignIn(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, production: boolean): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const notFound = () => json(res, 404, { errors: [{ message: '不存在 / not found', extensions: { code: 'NOT_FOUND' } }] });
  if (production) return notFound();
  if (pathname === '/dev/users' && req.method === 'GET') return json(res, 200, { users: devUsers() });
  if (pathname === '/dev/token' && req.method === 'POST') {
    let id: unknown;
    try {
      id = (JSON.parse(body.toString('utf8')) as { user?: unknown }).user;
    } catch {
      return json(res, 400, { errors: [{ message: '请求体不是有效的JSON / the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const user = devUsers().find((u) => u.id === id);
    if (!user) {
      return json(res, 400, {
        errors: [{ message: `没有演示用户“${String(id)}” / there is no demo user "${String(id)}"`, extensions: { code: 'BAD_USER_INPUT', field: 'user' } }],
      });
    }
    const token = await issueUserToken({ roles: user.roles, department: user.department, certificateNumber: user.certificateNumber, subject: `dev-${user.id}` });
    return json(res, 200, { token, user });
  }
  return notFound();
}
