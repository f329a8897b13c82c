/**
 * 检查记录表: the record of one visit — method, date, team present, result codes per item,
 * findings, evidence, disposal — with a submission key made once for this record and kept on the
 * phone (./queue.ts). Submitting queues the record first, then sends it; without a connection it
 * waits in the queue and goes when the connection returns, under the same key (one record).
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { ResultCodesDocument, type DisposalStatus, type InspectionMethod } from '../../api/generated/graphql.js';
import { currentUser } from '../../lib/auth.js';
import { errorsByField, type ApiError } from '../../lib/errors.js';
import { ErrorList, FieldErrors, Loading } from '../../ui.js';
import { enqueue, useQueue, loadDraft, newSubmissionKey, removeFromQueue, saveDraft, storedScan, type Draft, type RecordInput, type SendOutcome } from './queue.js';

export const METHODS: { value: InspectionMethod; label: string }[] = [
  { value: 'ON_SITE', label: '现场检查' },
  { value: 'DOCUMENT_REVIEW', label: '书面核查（非现场）' },
  { value: 'NETWORK_MONITORING', label: '网络监测（非现场）' },
  { value: 'VIDEO_INSPECTION', label: '视频检查（非现场）' },
];
const DISPOSALS: { value: DisposalStatus; label: string }[] = [
  { value: 'NONE', label: '无需处置' },
  { value: 'PENDING', label: '处置中' },
  { value: 'DONE', label: '已处置完毕' },
];
const [{ value: ON_SITE }] = METHODS;
const [{ value: NO_DISPOSAL }, , { value: DISPOSAL_DONE }] = DISPOSALS;
const FIELDS = ['record.method', 'record.inspectedOn', 'record.leader', 'record.team', 'record.itemResults', 'record.findings', 'record.evidence', 'record.disposalStatus', 'record.disposalDate', 'record.submissionKey'];
const CODES_CACHE = 'yiye.inspector.resultCodes';

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** "1 未发现问题 / no problem found" → code and label; cached on the phone for offline use. */
function useResultCodes(): { codes: { code: string; label: string }[] | null; fetching: boolean } {
  const [{ data, fetching }] = useQuery({ query: ResultCodesDocument });
  const list = data?.resultCodes ?? (JSON.parse(localStorage.getItem(CODES_CACHE) ?? 'null') as string[] | null);
  useEffect(() => {
    if (data?.resultCodes) localStorage.setItem(CODES_CACHE, JSON.stringify(data.resultCodes));
  }, [data]);
  const codes = useMemo(() => list?.map((s) => ({ code: s.split(' ')[0], label: s.slice(s.indexOf(' ') + 1) })) ?? null, [list]);
  return { codes, fetching };
}

export function RecordPage({ taskId, uscc, send }: { taskId: string; uscc: string; send: (key: string) => Promise<SendOutcome | null> }) {
  const scan = storedScan(taskId, uscc);
  const me = currentUser()?.cert ?? '';
  const { codes, fetching } = useResultCodes();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(taskId, uscc) ?? {
    submissionKey: newSubmissionKey(),
    values: {
      method: ON_SITE,
      inspectedOn: localToday(),
      leader: scan?.team[0] ?? '',
      team: scan?.team ?? [],
      experts: [],
      itemResults: (scan?.items ?? []).map((i) => ({ itemCode: i.code, resultCodes: [] })),
      findings: '',
      evidence: null,
      disposalStatus: NO_DISPOSAL,
      disposalDate: null,
    },
  });
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'warning'; text: string } | null>(null);
  // Sent from the queue (the connection came back while this page was open): the record is stored.
  const sent = useQueue().find((q) => q.key === draft.submissionKey && q.state === 'sent');
  const shown = sent ? { tone: 'ok' as const, text: `检查记录已提交（${sent.recordId}），等待审核。` } : notice;
  // The draft (and its key) is kept on the phone until the record is stored.
  useEffect(() => saveDraft(taskId, uscc, draft), [taskId, uscc, draft]);

  if (!scan) {
    return (
      <>
        <h1>检查记录</h1>
        <p>本机没有 {uscc}（{taskId}）的扫码记录：请先<Link href="/scan">扫码入企</Link>，再填写检查记录。</p>
      </>
    );
  }
  const v = draft.values;
  const set = (change: Partial<Draft['values']>) => setDraft({ ...draft, values: { ...v, ...change } });
  const toggle = (list: string[], x: string) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const { byField, other } = errorsByField(errors, FIELDS);
  const invalid = (f: string) => (byField[f] ? { 'aria-invalid': true as const, 'aria-describedby': `${f.replace('record.', '')}-error` } : {});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors([]);
    const record: RecordInput = {
      submissionKey: draft.submissionKey,
      taskId,
      uscc,
      ...v,
      findings: v.findings,
      evidence: v.evidence?.trim() ? v.evidence : null,
      disposalDate: v.disposalStatus === DISPOSAL_DONE ? v.disposalDate : null,
    };
    enqueue(record, `${uscc} · ${scan.taskTitle}`);
    if (!navigator.onLine) {
      setNotice({ tone: 'warning', text: '当前没有网络连接：记录已保存在本机待发送队列，联网后自动发送。' });
      return;
    }
    setNotice({ tone: 'warning', text: '正在发送…' });
    const outcome = await send(record.submissionKey);
    if (!outcome) return;
    if (outcome.kind === 'stored') {
      setNotice({ tone: 'ok', text: `检查记录已提交（${outcome.recordId}），等待审核。` });
    } else if (outcome.kind === 'refused') {
      // Nothing was stored under this key: fix the form and send again (the same key).
      removeFromQueue(record.submissionKey);
      setErrors(outcome.errors);
      setNotice(null);
    } else {
      setNotice({ tone: 'warning', text: `网络中断，记录已保存在本机待发送队列，联网后自动重发（同一提交键，不会重复）。（${outcome.message}）` });
    }
  };

  return (
    <>
      <h1>检查记录</h1>
      <dl className="facts">
        <dt>企业</dt><dd>{uscc}</dd>
        <dt>任务</dt><dd>{scan.taskTitle}（{taskId}）</dd>
        <dt>扫码时间</dt><dd>{new Date(scan.scannedAt).toLocaleString('zh-CN')}</dd>
        <dt>提交键</dt><dd className="hash" id="submission-key">{draft.submissionKey}</dd>
      </dl>
      {shown ? <p role="status" className={`notice ${shown.tone === 'warning' ? 'warning' : ''}`} id="record-notice">{shown.text}</p> : null}
      {shown?.tone === 'ok' ? <p><Link href="/">返回我的检查</Link></p> : null}
      <form hidden={shown?.tone === 'ok'} onSubmit={submit} noValidate>
        <label htmlFor="method">检查方式</label>
        <select id="method" value={v.method} onChange={(e) => set({ method: e.target.value as InspectionMethod })} {...invalid('record.method')}>
          {METHODS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
        </select>
        <FieldErrors id="method-error" messages={byField['record.method']} />

        <label htmlFor="inspectedOn">检查日期</label>
        <input id="inspectedOn" type="date" value={v.inspectedOn} onChange={(e) => set({ inspectedOn: e.target.value })} {...invalid('record.inspectedOn')} />
        <FieldErrors id="inspectedOn-error" messages={byField['record.inspectedOn']} />

        <fieldset {...invalid('record.team')}>
          <legend>在场检查人员</legend>
          {scan.team.map((c) => (
            <label key={c} className="choice">
              <input type="checkbox" checked={v.team.includes(c)} onChange={() => set({ team: toggle(v.team, c) })} />
              {c}{c === me ? '（本人）' : ''}
            </label>
          ))}
          <FieldErrors id="team-error" messages={byField['record.team']} />
        </fieldset>

        <label htmlFor="leader">组长</label>
        <select id="leader" value={v.leader} onChange={(e) => set({ leader: e.target.value })} {...invalid('record.leader')}>
          {scan.team.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <FieldErrors id="leader-error" messages={byField['record.leader']} />

        {fetching && !codes ? <Loading what="检查结果代码" /> : null}
        {scan.items.map((item, n) => (
          <fieldset key={item.code}>
            <legend>{item.name}（{item.code}）的检查结果</legend>
            <p className="muted">依据：{item.legalBasis}</p>
            {(codes ?? []).map((c) => (
              <label key={c.code} className="choice">
                <input type="checkbox" name={`result-${item.code}`} value={c.code}
                  checked={v.itemResults[n]?.resultCodes.includes(c.code) ?? false}
                  onChange={() => set({ itemResults: v.itemResults.map((r, i) => (i === n ? { ...r, resultCodes: toggle(r.resultCodes, c.code) } : r)) })} />
                {c.code} {c.label}
              </label>
            ))}
          </fieldset>
        ))}
        <FieldErrors id="itemResults-error" messages={byField['record.itemResults']} />

        <label htmlFor="findings">检查情况</label>
        <textarea id="findings" rows={4} value={v.findings} onChange={(e) => set({ findings: e.target.value })} {...invalid('record.findings')} />
        <FieldErrors id="findings-error" messages={byField['record.findings']} />

        <label htmlFor="evidence">核查的材料或数据（非现场检查必填）</label>
        <textarea id="evidence" rows={3} value={v.evidence ?? ''} onChange={(e) => set({ evidence: e.target.value })} {...invalid('record.evidence')} />
        <FieldErrors id="evidence-error" messages={byField['record.evidence']} />

        <label htmlFor="disposalStatus">处置情况</label>
        <select id="disposalStatus" value={v.disposalStatus} onChange={(e) => set({ disposalStatus: e.target.value as DisposalStatus })} {...invalid('record.disposalStatus')}>
          {DISPOSALS.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
        </select>
        <FieldErrors id="disposalStatus-error" messages={byField['record.disposalStatus']} />
        {v.disposalStatus === DISPOSAL_DONE ? (
          <>
            <label htmlFor="disposalDate">处置日期</label>
            <input id="disposalDate" type="date" value={v.disposalDate ?? ''} onChange={(e) => set({ disposalDate: e.target.value })} {...invalid('record.disposalDate')} />
            <FieldErrors id="disposalDate-error" messages={byField['record.disposalDate']} />
          </>
        ) : null}
        <FieldErrors id="submissionKey-error" messages={byField['record.submissionKey']} />
        <ErrorList errors={other} />
        <p><button type="submit">提交检查记录</button></p>
      </form>
    </>
  );
}
