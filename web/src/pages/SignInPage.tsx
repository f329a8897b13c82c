/**
 * Development sign-in (开发环境登录): the demo users by role and department, from the gateway's
 * GET /dev/users; choosing one mints a token through POST /dev/token. Both exist only outside
 * production (gateway/dev-sign-in.ts); in production the county's identity provider issues tokens
 * (README "Signing in").
 */
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { setToken } from '../lib/auth.js';
import { departmentName, ROLE_NAMES } from '../lib/labels.js';
import { ErrorList, Loading } from '../ui.js';

interface DemoUser {
  id: string;
  label: string;
  roles: string[];
  department?: string;
  certificateNumber?: string;
}

async function readError(res: Response): Promise<string> {
  const body = await res.json().catch(() => null) as { errors?: { message: string }[] } | null;
  return body?.errors?.[0]?.message ?? `HTTP ${res.status}`;
}

export default function SignInPage() {
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, navigate] = useLocation();
  useEffect(() => {
    fetch('/dev/users')
      .then(async (res) => (res.ok ? setUsers(((await res.json()) as { users: DemoUser[] }).users) : setError(res.status === 404 ? '生产环境不提供开发登录，请通过本县统一身份认证登录 / development sign-in is off in production' : await readError(res))))
      .catch((e: Error) => setError(`无法连接服务器 / cannot reach the server: ${e.message}`));
  }, []);
  const signIn = async (u: DemoUser) => {
    setError(null);
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: u.id }) });
    if (!res.ok) return setError(await readError(res));
    setToken(((await res.json()) as { token: string }).token);
    navigate('/console');
    location.reload();
  };
  const groups = new Map<string, DemoUser[]>();
  for (const u of users ?? []) {
    const key = u.department ?? 'public';
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  return (
    <>
      <h1>开发环境登录</h1>
      <p>仅用于开发和演示：选择一个演示用户，网关签发令牌（保存在本标签页）。</p>
      {error ? <ErrorList errors={[{ message: error }]} /> : null}
      {!users && !error ? <Loading what="演示用户" /> : null}
      {[...groups].map(([dept, list]) => (
        <section key={dept} aria-labelledby={`dept-${dept}`}>
          <h2 id={`dept-${dept}`}>{departmentName(dept)}</h2>
          <ul className="users">
            {list.map((u) => (
              <li key={u.id}>
                <button type="button" onClick={() => void signIn(u)}>
                  {u.label}（{u.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}{u.certificateNumber ? `，执法证号 ${u.certificateNumber}` : ''}）
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
