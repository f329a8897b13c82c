/**
 * The app's shell and routes. The public portal (一公开) is in the entry chunk; sign-in and the
 * console are lazy chunks, so the public pages load little JavaScript
 * (test/unit/web-bundle.test.ts: ≤ 250 KB gzipped).
 */
import { lazy, Suspense, useMemo } from 'react';
import { Provider } from 'urql';
import { Link, Route, Switch } from 'wouter';
import { createClient } from './api/client.js';
import { currentUser } from './lib/auth.js';
import { Loading } from './ui.js';
import { PortalHome } from './pages/public/PortalHome.js';
import { PlansPage } from './pages/public/PlansPage.js';
import { DrawPage } from './pages/public/DrawPage.js';
import { ResultsPage } from './pages/public/ResultsPage.js';
import { CodePage } from './pages/public/CodePage.js';

const SignInPage = lazy(() => import('./pages/SignInPage.js'));
const ConsolePage = lazy(() => import('./pages/console/ConsolePage.js'));
const DepartmentPage = lazy(() => import('./pages/console/department/DepartmentPage.js'));
const AnalystPage = lazy(() => import('./pages/console/analyst/AnalystPage.js'));
const CoordinatorConsole = lazy(() => import('./pages/console/coordinator/CoordinatorConsole.js'));
const InspectorApp = lazy(() => import('./pages/inspector/InspectorApp.js'));

export function App() {
  const client = useMemo(() => createClient(), []);
  const user = currentUser();
  return (
    <Provider value={client}>
      <a className="skip" href="#main">跳到正文</a>
      <header className="site">
        <p className="brand"><Link href="/">一业一查 · 双随机一公开</Link></p>
        <nav aria-label="主导航">
          <ul>
            <li><Link href="/plans">抽查计划与抽签</Link></li>
            <li><Link href="/results">检查结果公示</Link></li>
            <li><Link href="/code">扫码核验</Link></li>
            <li>{user ? <Link href="/console">工作台</Link> : <Link href="/sign-in">工作人员登录</Link>}</li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="页面" />}>
          <Switch>
            <Route path="/" component={PortalHome} />
            <Route path="/plans" component={PlansPage} />
            <Route path="/draws/:taskId">{(p) => <DrawPage taskId={decodeURIComponent(p.taskId)} />}</Route>
            <Route path="/results" component={ResultsPage} />
            <Route path="/code/:code?">{(p) => <CodePage code={p.code ? decodeURIComponent(p.code) : ''} />}</Route>
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/console" component={ConsolePage} />
            <Route path="/console/department" component={DepartmentPage} />
            <Route path="/console/analyst" component={AnalystPage} />
            <Route path="/console/coordinator/*?" component={CoordinatorConsole} />
            <Route path="/inspector" nest component={InspectorApp} />
            <Route>
              <h1>页面不存在</h1>
              <p><Link href="/">返回首页</Link></p>
            </Route>
          </Switch>
        </Suspense>
      </main>
      <footer className="site">
        <p>馆陶县双随机办公室 · 抽查计划、抽签过程与检查结果依法公开</p>
      </footer>
    </Provider>
  );
}
