/**
 * The coordinator's console (双随机办公室协调员), a lazy chunk under /console/coordinator: the
 * office's annual plan, the item list, joint plans (department admins open them too, to join),
 * the plan optimizer, the quarter's merge, the overdue list and the review queue.
 */
import { Link, Route, Switch } from 'wouter';
import { currentUser } from '../../../lib/auth.js';
import { AnnualPlanPage } from './AnnualPlanPage.js';
import { ItemsPage } from './ItemsPage.js';
import { PlansPage } from './PlansPage.js';
import { PlanPage } from './PlanPage.js';
import { PrintSheet } from './PrintSheet.js';
import { MergePage } from './MergePage.js';
import { OverduePage } from './OverduePage.js';
import { ReviewPage } from './ReviewPage.js';
import { OptimizerPage } from './OptimizerPage.js';
import { BASE } from './util.js';


const SECTIONS: [string, string][] = [
  ['annual-plan', '年度抽查计划'],
  ['items', '抽查事项清单'],
  ['plans', '联合抽查计划'],
  ['optimizer', '计划优化'],
  ['merge', '季度合并'],
  ['overdue', '逾期未公示'],
  ['review', '待审核记录'],
];

export default function CoordinatorConsole() {
  const user = currentUser();
  if (!user) {
    return (
      <>
        <h1>双随机办公室工作台</h1>
        <p>尚未登录或登录已过期。<Link href="/sign-in">登录</Link></p>
      </>
    );
  }
  const coordinator = user.roles.includes('coordinator');
  const sections = coordinator ? SECTIONS : SECTIONS.filter(([k]) => k === 'plans');
  return (
    <div className="console">
      <nav aria-label="工作台导航" className="console-nav no-print">
        <ul>
          <li><Link href="/console">工作台首页</Link></li>
          {sections.map(([k, name]) => (
            <li key={k}><Link href={`${BASE}/${k}`}>{name}</Link></li>
          ))}
        </ul>
      </nav>
      <Switch>
        <Route path={`${BASE}/annual-plan`} component={AnnualPlanPage} />
        <Route path={`${BASE}/items`} component={ItemsPage} />
        <Route path={`${BASE}/plans`} component={PlansPage} />
        <Route path={`${BASE}/plans/:id/codes`}>{(p) => <PrintSheet planId={decodeURIComponent(p.id)} />}</Route>
        <Route path={`${BASE}/plans/:id`}>{(p) => <PlanPage planId={decodeURIComponent(p.id)} />}</Route>
        <Route path={`${BASE}/optimizer`} component={OptimizerPage} />
        <Route path={`${BASE}/merge`} component={MergePage} />
        <Route path={`${BASE}/overdue`} component={OverduePage} />
        <Route path={`${BASE}/review`} component={ReviewPage} />
        <Route>
          <h1>双随机办公室工作台</h1>
          <ul>
            {sections.map(([k, name]) => (
              <li key={k}><Link href={`${BASE}/${k}`}>{name}</Link></li>
            ))}
          </ul>
        </Route>
      </Switch>
    </div>
  );
}
