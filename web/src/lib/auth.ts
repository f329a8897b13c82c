/**
 * The signed-in user's token: kept in sessionStorage (this tab, gone when it closes), sent as
 * `Authorization: Bearer …` by the GraphQL client (../api/client.ts). No token: the public.
 */
const KEY = 'yiye.token';

export interface SignedInUser {
  subject: string;
  roles: string[];
  department?: string;
  cert?: string;
  exp?: number;
}

export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (token: string) => sessionStorage.setItem(KEY, token);
export const signOut = () => sessionStorage.removeItem(KEY);

/** The token's claims as shown in the header (not verified here: the gateway verifies). */
export function currentUser(): SignedInUser | null {
  const token = getToken();
  if (!token) return null;
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const p = JSON.parse(json) as { sub: string; roles: string[]; department?: string; cert?: string; exp?: number };
    if (p.exp && p.exp * 1000 < Date.now()) return null;
    return { subject: p.sub, roles: p.roles, department: p.department, cert: p.cert, exp: p.exp };
  } catch {
    return null;
  }
}
