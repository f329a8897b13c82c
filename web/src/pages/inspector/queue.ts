/**
 * The inspector's offline queue (待发送队列): every record is first written to localStorage with
 * its submission key, then sent; a lost connection leaves it queued, and it is sent again when the
 * connection returns (the `online` event), every few seconds while online, or on demand. The key
 * is the same on every attempt, so the API stores one record however often it is sent
 * (submitInspectionRecord is idempotent by submissionKey). Also the per-visit drafts (with their
 * key, made once per record) and the scans recorded at the door (the task's items and team).
 */
import { useSyncExternalStore } from 'react';
import type { DisposalStatus, InspectionMethod } from '../../api/generated/graphql.js';
import { randomHex } from '../../lib/random.js';

export interface RecordInput {
  submissionKey: string;
  taskId: string;
  uscc: string;
  method: InspectionMethod;
  inspectedOn: string;
  leader: string;
  team: string[];
  experts: string[];
  itemResults: { itemCode: string; resultCodes: string[] }[];
  findings: string;
  evidence: string | null;
  disposalStatus: DisposalStatus;
  disposalDate: string | null;
}

export interface QueueError {
  message: string;
  code?: string;
  field?: string;
}

export type QueueState = 'waiting' | 'sending' | 'sent' | 'failed';

export interface QueuedRecord {
  key: string;
  record: RecordInput;
  /** What the inspector recognises: business and task. */
  label: string;
  state: QueueState;
  attempts: number;
  queuedAt: string;
  errors: QueueError[];
  recordId?: string;
}

/** How one attempt ended: stored (the record's id), refused by the API (keep the errors), or no answer (retry). */
export type SendOutcome = { kind: 'stored'; recordId: string } | { kind: 'refused'; errors: QueueError[] } | { kind: 'unreachable'; message: string };

const QUEUE = 'yiye.inspector.queue';
const SCANS = 'yiye.inspector.scans';
const DRAFT = 'yiye.inspector.draft.';
/** Sent records kept in view (newest), so the inspector sees what went. */
const KEEP_SENT = 20;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

const listeners = new Set<() => void>();
let snapshot: QueuedRecord[] = read<QueuedRecord[]>(QUEUE, []);

function write(next: QueuedRecord[]) {
  const sent = next.filter((q) => q.state === 'sent');
  const kept = next.filter((q) => q.state !== 'sent' || sent.indexOf(q) >= sent.length - KEEP_SENT);
  snapshot = kept;
  localStorage.setItem(QUEUE, JSON.stringify(kept));
  for (const l of listeners) l();
}

export function queueSnapshot(): QueuedRecord[] {
  return snapshot;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === QUEUE) {
      snapshot = read<QueuedRecord[]>(QUEUE, []);
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useQueue(): QueuedRecord[] {
  return useSyncExternalStore(subscribe, queueSnapshot);
}

function update(key: string, change: Partial<QueuedRecord>) {
  write(snapshot.map((q) => (q.key === key ? { ...q, ...change } : q)));
}

/** Queues a record (or replaces a queued one with the same key that was refused). */
export function enqueue(record: RecordInput, label: string): QueuedRecord {
  const item: QueuedRecord = { key: record.submissionKey, record, label, state: 'waiting', attempts: 0, queuedAt: new Date().toISOString(), errors: [] };
  write([...snapshot.filter((q) => q.key !== item.key), item]);
  return item;
}

export function removeFromQueue(key: string) {
  write(snapshot.filter((q) => q.key !== key));
}

const inFlight = new Set<string>();

/** One attempt for one queued record; the queue's state follows the outcome. */
export async function sendQueued(key: string, send: (r: RecordInput) => Promise<SendOutcome>): Promise<SendOutcome | null> {
  const item = snapshot.find((q) => q.key === key);
  if (!item || item.state === 'sent' || inFlight.has(key)) return null;
  inFlight.add(key);
  update(key, { state: 'sending', attempts: item.attempts + 1 });
  try {
    const outcome = await send(item.record);
    if (outcome.kind === 'stored') {
      update(key, { state: 'sent', recordId: outcome.recordId, errors: [] });
      // The draft of this record is done with (a later record of the visit gets a new key).
      if (loadDraft(item.record.taskId, item.record.uscc)?.submissionKey === key) clearDraft(item.record.taskId, item.record.uscc);
    }
    else if (outcome.kind === 'refused') update(key, { state: 'failed', errors: outcome.errors });
    else update(key, { state: 'waiting', errors: [{ message: outcome.message, code: 'NETWORK' }] });
    return outcome;
  } finally {
    inFlight.delete(key);
  }
}

/** Sends every waiting record, oldest first. */
export async function flushQueue(send: (r: RecordInput) => Promise<SendOutcome>): Promise<void> {
  for (const q of snapshot.filter((x) => x.state === 'waiting')) {
    const outcome = await sendQueued(q.key, send);
    if (outcome?.kind === 'unreachable') return;
  }
}

/** A new submission key: random, 'web-' and 32 hex digits (getRandomValues works on plain http too). */
export function newSubmissionKey(): string {
  return `web-${randomHex(16)}`;
}

// ---------------------------------------------------------------------------------------------
// Scans at the door and drafts, per visit (task and business).

export interface StoredScan {
  taskId: string;
  taskTitle: string;
  uscc: string;
  team: string[];
  items: { code: string; name: string; legalBasis: string }[];
  scannedAt: string;
  validUntil: string | null;
}

export const visitKey = (taskId: string, uscc: string) => `${taskId}/${uscc}`;

export function storedScan(taskId: string, uscc: string): StoredScan | undefined {
  return read<Record<string, StoredScan>>(SCANS, {})[visitKey(taskId, uscc)];
}

export function storeScan(scan: StoredScan) {
  const all = read<Record<string, StoredScan>>(SCANS, {});
  all[visitKey(scan.taskId, scan.uscc)] = scan;
  localStorage.setItem(SCANS, JSON.stringify(all));
}

export interface Draft {
  submissionKey: string;
  values: Omit<RecordInput, 'submissionKey' | 'taskId' | 'uscc'>;
}

export function loadDraft(taskId: string, uscc: string): Draft | undefined {
  return read<Draft | undefined>(DRAFT + visitKey(taskId, uscc), undefined);
}

export function saveDraft(taskId: string, uscc: string, draft: Draft) {
  localStorage.setItem(DRAFT + visitKey(taskId, uscc), JSON.stringify(draft));
}

export function clearDraft(taskId: string, uscc: string) {
  localStorage.removeItem(DRAFT + visitKey(taskId, uscc));
}
