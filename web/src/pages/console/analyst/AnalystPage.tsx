/**
 * 分析: a business's history across departments (register facts, supervising departments, every
 * planned and past inspection); a quarter's merge: visits per business and repeat hot spots (the
 * merge's removed and exempted repeats) by industry and by township. Every table can be exported
 * as shown (CSV built in the browser). 季度报告 (QuarterlyReportPanel) and 年度分析
 * (CountyAnalyticsPanel, countyAnalytics) are tabs of the same page.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { currentUser } from '../../../lib/auth.js';
import { EnterpriseHistory } from './EnterpriseHistory.js';
import { MergeAnalysis } from './MergeAnalysis.js';
import { QuarterlyReportPanel } from './QuarterlyReportPanel.js';
import { CountyAnalyticsPanel } from './CountyAnalyticsPanel.js';

const TABS = [
  { key: 'enterprise', label: '企业检查历史', Panel: EnterpriseHistory },
  { key: 'merge', label: '检查次数与重复热点', Panel: MergeAnalysis },
  { key: 'report', label: '季度报告', Panel: QuarterlyReportPanel },
  { key: 'analytics', label: '年度分析', Panel: CountyAnalyticsPanel },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export default function AnalystPage() {
  const user = currentUser();
  const initial = new URLSearchParams(location.search).get('tab');
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === initial) ? (initial as TabKey) : 'enterprise');
  if (!user || !(user.roles.includes('analyst') || user.roles.includes('coordinator'))) {
    return (
      <>
        <h1>分析</h1>
        <p>此页面供分析人员和双随机办公室使用。<Link href="/sign-in">登录</Link></p>
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
      <h1>分析</h1>
      <p><Link href="/console">返回工作台</Link></p>
      <nav aria-label="分析栏目" className="tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.key}>
              <button type="button" aria-current={t.key === tab ? 'page' : undefined} onClick={() => open(t.key)}>{t.label}</button>
            </li>
          ))}
        </ul>
      </nav>
      <Panel key={tab} />
    </>
  );
}
