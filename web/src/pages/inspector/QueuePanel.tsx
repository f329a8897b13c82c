/** The offline queue as the inspector sees it: what waits, what was sent, what was refused. */
import { removeFromQueue, useQueue, type QueueState } from './queue.js';

const STATE_NAMES: Record<QueueState, string> = { waiting: '待发送', sending: '发送中', sent: '已发送', failed: '被退回' };

export function QueuePanel({ flush }: { flush: () => Promise<void> }) {
  const queue = useQueue();
  const waiting = queue.filter((q) => q.state === 'waiting' || q.state === 'sending').length;
  const sent = queue.filter((q) => q.state === 'sent').length;
  const failed = queue.filter((q) => q.state === 'failed').length;
  return (
    <section aria-labelledby="queue-heading" className="queue">
      <h2 id="queue-heading">待发送队列</h2>
      <p role="status" aria-live="polite" id="queue-summary">
        待发送 {waiting} 条 · 已发送 {sent} 条{failed ? ` · 被退回 ${failed} 条` : ''}
      </p>
      {waiting ? (
        <p>
          <button type="button" onClick={() => void flush()}>立即发送</button>
          <span className="muted"> 联网后自动发送</span>
        </p>
      ) : null}
      {queue.length ? (
        <ul className="queue-items">
          {[...queue].reverse().map((q) => (
            <li key={q.key} className={`queue-${q.state}`} data-key={q.key}>
              <strong>{STATE_NAMES[q.state]}</strong> {q.label}
              <span className="muted">（尝试 {q.attempts} 次{q.recordId ? `，记录号 ${q.recordId}` : ''}）</span>
              {q.errors.length && q.state !== 'sent' ? (
                <div className={q.state === 'failed' ? 'field-error' : 'muted'}>
                  {q.errors.map((e, i) => <p key={i}>{e.message}</p>)}
                </div>
              ) : null}
              {q.state === 'failed' ? <button type="button" onClick={() => removeFromQueue(q.key)}>从队列删除</button> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">队列为空。</p>
      )}
    </section>
  );
}
