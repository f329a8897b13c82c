/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The inspector's offline queue (web/src/pages/inspector/queue.ts): a record is kept with its
 * submission key until the API has stored it; no answer leaves it waiting for the next attempt
 * (the same key), a refusal keeps the API's errors, and one record is never sent twice at once.
 */
class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, String(v)); }
  removeItem(k: string) { this.m.delete(k); }
}

let q: typeof import('../../web/src/pages/inspector/queue.js');

const record = (key: string) => ({
  submissionKey: key,
  taskId: 'PS-2026Q4-0001',
  uscc: '91130433MA0000000X',
  method: 'ON_SITE' as const,
  inspectedOn: '2026-11-16',
  leader: '130433020001',
  team: ['130433020001', '130433020002'],
  experts: [],
  itemResults: [{ itemCode: 'PS-CI-001', resultCodes: ['1'] }],
  findings: '未发现问题',
  evidence: null,
  disposalStatus: 'NONE' as const,
  disposalDate: null,
});

beforeAll(async () => {
  (globalThis as unknown as { localStorage: MemoryStorage }).localStorage = new MemoryStorage();
  q = await import('../../web/src/pages/inspector/queue.js');
});

describe('the offline queue', () => {
  it('keeps a record with its key until it is stored; no answer leaves it waiting with the reason', async () => {
    q.enqueue(record('web-a'), 'A');
    expect(q.queueSnapshot().map((x) => [x.key, x.state, x.attempts])).toEqual([['web-a', 'waiting', 0]]);
    expect(JSON.parse(localStorage.getItem('yiye.inspector.queue')!)[0].record.submissionKey).toBe('web-a');

    const sent: string[] = [];
    const offline = await q.sendQueued('web-a', async (r) => (sent.push(r.submissionKey), { kind: 'unreachable', message: 'Failed to fetch' }));
    expect(offline).toEqual({ kind: 'unreachable', message: 'Failed to fetch' });
    expect(q.queueSnapshot()[0]).toMatchObject({ state: 'waiting', attempts: 1, errors: [{ message: 'Failed to fetch', code: 'NETWORK' }] });

    await q.flushQueue(async (r) => (sent.push(r.submissionKey), { kind: 'stored', recordId: 'IR-1' }));
    expect(sent).toEqual(['web-a', 'web-a']);
    expect(q.queueSnapshot()[0]).toMatchObject({ key: 'web-a', state: 'sent', attempts: 2, recordId: 'IR-1', errors: [] });
    // A sent record is not sent again.
    expect(await q.sendQueued('web-a', async () => ({ kind: 'stored', recordId: 'IR-2' }))).toBeNull();
  });

  it("a refusal keeps the API's errors; the record is not retried by a flush", async () => {
    q.enqueue(record('web-b'), 'B');
    const errors = [{ message: '检查情况不能为空 / findings cannot be empty', code: 'BAD_USER_INPUT', field: 'record.findings' }];
    await q.sendQueued('web-b', async () => ({ kind: 'refused', errors }));
    expect(q.queueSnapshot().find((x) => x.key === 'web-b')).toMatchObject({ state: 'failed', errors });
    let calls = 0;
    await q.flushQueue(async () => (calls++, { kind: 'stored', recordId: 'x' }));
    expect(calls).toBe(0);
    q.removeFromQueue('web-b');
    expect(q.queueSnapshot().map((x) => x.key)).toEqual(['web-a']);
  });

  it('one record is never in flight twice; a flush stops at the first record without an answer', async () => {
    q.enqueue(record('web-c'), 'C');
    q.enqueue(record('web-d'), 'D');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const sent: string[] = [];
    const slow = q.sendQueued('web-c', async (r) => (sent.push(r.submissionKey), await gate, { kind: 'unreachable', message: 'reset' }));
    expect(await q.sendQueued('web-c', async (r) => (sent.push(r.submissionKey), { kind: 'stored', recordId: 'dup' }))).toBeNull();
    release();
    await slow;
    await q.flushQueue(async (r) => (sent.push(r.submissionKey), { kind: 'unreachable', message: 'offline' }));
    expect(sent).toEqual(['web-c', 'web-c']);
    expect(q.queueSnapshot().filter((x) => x.state === 'waiting').map((x) => [x.key, x.attempts])).toEqual([['web-c', 2], ['web-d', 0]]);
  });

  it('keeps the last 20 sent records in view', async () => {
    for (let i = 0; i < 25; i++) {
      q.enqueue(record(`web-s${i}`), `S${i}`);
      await q.sendQueued(`web-s${i}`, async () => ({ kind: 'stored', recordId: `IR-s${i}` }));
    }
    const sent = q.queueSnapshot().filter((x) => x.state === 'sent').map((x) => x.key);
    expect(sent).toHaveLength(20);
    expect(sent[0]).toBe('web-s5');
    expect(q.queueSnapshot().filter((x) => x.state === 'waiting').map((x) => x.key)).toEqual(['web-c', 'web-d']);
  });

  it('submission keys are random, 8–100 characters as the API asks', () => {
    const keys = new Set(Array.from({ length: 50 }, () => q.newSubmissionKey()));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^web-[0-9a-f]{32}$/);
  });
});
