/**
 * 执法检查人员 (the inspector's phone-sized workspace), a lazy chunk at /inspector: my visits,
 * the scan at the door (扫码入企), the record form, and the offline queue that sends records
 * when the connection returns (./queue.ts). Signed-in certified inspectors only.
 */
import { useCallback, useEffect } from 'react';
import { useClient, type Client } from 'urql';
import { Link, Route, Switch } from 'wouter';
import { SubmitInspectionRecordDocument } from '../../api/generated/graphql.js';
import { currentUser } from '../../lib/auth.js';
import { apiErrors } from '../../lib/errors.js';
import { flushQueue, sendQueued, useQueue, type RecordInput, type SendOutcome } from './queue.js';
import { QueuePanel } from './QueuePanel.js';
import { RecordPage } from './RecordPage.js';
import { ScanPage } from './ScanPage.js';
import { VisitsPage } from './VisitsPage.js';
import './inspector.css';

/** Answers that mean "try again later": no answer at all, or a department/database that does not answer now. */
const RETRY_CODES = new Set(['NETWORK', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED']);
/** While records wait and the browser says it is online, try again this often. */
const RETRY_EVERY_MS = 5000;

export async function sendRecord(client: Client, record: RecordInput): Promise<SendOutcome> {
  const result = await client.mutation(SubmitInspectionRecordDocument, { record }, { requestPolicy: 'network-only' }).toPromise();
  const stored = result.data?.submitInspectionRecord;
  if (stored) return { kind: 'stored', recordId: stored.id };
  const errors = apiErrors(result.error);
  if (!errors.length || errors.every((e) => RETRY_CODES.has(e.code ?? ''))) {
    return { kind: 'unreachable', message: errors[0]?.message ?? '服务器没有应答 / no answer from the server' };
  }
  return { kind: 'refused', errors };
}

/** Keeps the queue moving: on the `online` event, and every few seconds while something waits. */
export function useQueueSender(): { send: (key: string) => Promise<SendOutcome | null>; flush: () => Promise<void> } {
  const client = useClient();
  const queue = useQueue();
  const send = useCallback((key: string) => sendQueued(key, (r) => sendRecord(client, r)), [client]);
  const flush = useCallback(() => flushQueue((r) => sendRecord(client, r)), [client]);
  const waiting = queue.some((q) => q.state === 'waiting');
  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = waiting ? window.setInterval(() => navigator.onLine && void flush(), RETRY_EVERY_MS) : undefined;
    return () => {
      window.removeEventListener('online', online);
      if (timer) window.clearInterval(timer);
    };
  }, [flush, waiting]);
  return { send, flush };
}

export default function InspectorApp() {
  const user = currentUser();
  const { send, flush } = useQueueSender();
  if (!user || !user.roles.includes('inspector') || !user.cert) {
    return (
      <div className="inspector">
        <h1>执法检查</h1>
        <p>此处供持执法证的检查人员使用，请以检查人员身份<Link href="~/sign-in">登录</Link>。</p>
      </div>
    );
  }
  return (
    <div className="inspector">
      <nav aria-label="执法检查" className="inspector-nav">
        <ul>
          <li><Link href="/">我的检查</Link></li>
          <li><Link href="/scan">扫码入企</Link></li>
        </ul>
      </nav>
      <Switch>
        <Route path="/"><VisitsPage /></Route>
        <Route path="/scan"><ScanPage /></Route>
        <Route path="/record/:taskId/:uscc">
          {(p) => <RecordPage taskId={decodeURIComponent(p.taskId)} uscc={decodeURIComponent(p.uscc)} send={send} />}
        </Route>
        <Route><h1>页面不存在</h1></Route>
      </Switch>
      <QueuePanel flush={flush} />
      <p className="muted">执法证号 {user.cert}</p>
    </div>
  );
}
