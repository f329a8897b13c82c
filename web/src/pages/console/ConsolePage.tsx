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
      <ul>
        {user.roles.includes('department-admin') && user.department ? <li><Link href="/console/department">部门工作台（名录、导入导出、抽查任务、移交案件）</Link></li> : null}
        {user.roles.includes('analyst') || user.roles.includes('coordinator') ? <li><Link href="/console/analyst">分析（企业检查历史、检查次数与重复热点）</Link></li> : null}
      </ul>
      {user.roles.includes('coordinator') || user.roles.includes('department-admin') ? (
        <p><Link href={user.roles.includes('coordinator') ? '/console/coordinator' : '/console/coordinator/plans'}>{user.roles.includes('coordinator') ? '双随机办公室工作台' : '联合抽查计划（加入）'}</Link></p>
      ) : null}
      {user.roles.includes('inspector') ? <p><Link href="/inspector">执法检查（我的检查、扫码入企、检查记录）</Link></p> : null}
      <p>
        <button type="button" onClick={() => { signOut(); location.assign('/'); }}>退出登录</button>
      </p>
    </>
  );
}
