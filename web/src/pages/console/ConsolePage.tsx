/**
 * The signed-in console (工作台), a lazy chunk: the office's, departments' and inspectors' screens
 * grow here (issue 11), out of the public pages' initial JavaScript.
 */
import { Link } from 'wouter';
import { currentUser, signOut } from '../../lib/auth.js';
import { departmentName, ROLE_NAMES } from '../../lib/labels.js';

export default function ConsolePage() {
  const user = currentUser();
  if (!user) {
    return (
      <>
        <h1>工作台</h1>
        <p>尚未登录或登录已过期。<Link href="/sign-in">登录</Link></p>
      </>
    );
  }
  return (
    <>
      <h1>工作台</h1>
      <dl className="facts">
        <dt>用户</dt><dd>{user.subject}</dd>
        <dt>角色</dt><dd>{user.roles.map((r) => ROLE_NAMES[r] ?? r).join('、')}</dd>
        <dt>单位</dt><dd>{departmentName(user.department)}</dd>
        {user.cert ? (<><dt>执法证号</dt><dd>{user.cert}</dd></>) : null}
      </dl>
      {user.roles.includes('inspector') ? <p><Link href="/inspector">执法检查（我的检查、扫码入企、检查记录）</Link></p> : null}
      <p>
        <button type="button" onClick={() => { signOut(); location.assign('/'); }}>退出登录</button>
      </p>
    </>
  );
}
