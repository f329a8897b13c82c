/**
 * 部门工作台: the department admin's workspace, one UI for the three departments, switching on the
 * signed-in user's department (its department-prefixed fields, ./ops.ts). Sections: targets,
 * inspectors, import/export, tasks, incoming referrals; the section is kept in the address (?tab=).
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { currentUser } from '../../../lib/auth.js';
import { departmentName } from '../../../lib/labels.js';
import { departmentConfig } from './ops.js';
import { ImportPanel } from './ImportPanel.js';
import { InspectorsPanel } from './InspectorsPanel.js';
import { ReferralsPanel } from './ReferralsPanel.js';
import { TargetsPanel } from './TargetsPanel.js';
import { TasksPanel } from './TasksPanel.js';

const TABS = [
  { key: 'targets', label: '检查对象', Panel: TargetsPanel },
  { key: 'inspectors', label: '执法检查人员', Panel: InspectorsPanel },
  { key: 'import', label: '导入与导出', Panel: ImportPanel },
  { key: 'tasks', label: '抽查任务', Panel: TasksPanel },
  { key: 'referrals', label: '移交案件', Panel: ReferralsPanel },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export default function DepartmentPage() {
  const user = currentUser();
  const config = departmentConfig(user?.department);
  const initial = new URLSearchParams(location.search).get('tab');
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === initial) ? (initial as TabKey) : 'targets');
  if (!user || !user.roles.includes('department-admin') || !config) {
    return (
      <>
        <h1>部门工作台</h1>
        <p>此页面供部门管理员使用（需以市场监管、公安或消防的部门管理员身份登录）。<Link href="/sign-in">登录</Link></p>
      </>
    );
  }
  const open = (key: TabKey) => {
    setTab(key);
    history.replaceState(null, '', `?tab=${key}`);
  };
  const { Panel } = TABS.find((t) => t.key === tab)!;
  return (
    <>
      <h1>部门工作台 · {departmentName(config.code)}</h1>
      <p><Link href="/console">返回工作台</Link></p>
      <nav aria-label="部门工作台栏目" className="tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.key}>
              <button type="button" aria-current={t.key === tab ? 'page' : undefined} onClick={() => open(t.key)}>{t.label}</button>
            </li>
          ))}
        </ul>
      </nav>
      <Panel key={tab} config={config} />
    </>
  );
}
