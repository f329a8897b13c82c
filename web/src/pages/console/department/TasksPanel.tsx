/**
 * 抽查任务: the department's tasks (status and period filters, pages); create one from its claimed
 * items; commit (the seed is made here and kept in this browser until the draw; only its SHA-256
 * is sent), draw (reveals the seed), publish, adjust with a reason.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { REGIONS } from '../../../../../shared/domain/industries.js';
import { DepartmentItemsDocument, type Department, type TaskStatus } from '../../../api/generated/graphql.js';
import { randomHex } from '../../../lib/random.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { norm, TASK_STATUS, toEnum, type DepartmentConfig, type TaskRow } from './ops.js';
import { formErrors, Pager, useCursors } from './parts.js';

const seedKey = (taskId: string) => `yiye.seed.${taskId}`;
const randomSeed = () => randomHex(16);

export function TasksPanel({ config }: { config: DepartmentConfig }) {
  const [status, setStatus] = useState('');
  const [period, setPeriod] = useState('');
  const [applied, setApplied] = useState({ status: '', period: '' });
  const cursors = useCursors();
  const [{ data, fetching, error }] = useQuery({
    query: config.ops.tasks,
    variables: { first: 10, after: cursors.after, status: applied.status ? toEnum<TaskStatus>(applied.status) : null, period: applied.period.trim() || null },
  });
  const page = data?.tasks;
  const { byField, other, props } = formErrors(error, ['status', 'period']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ status, period });
    cursors.reset();
  };

  return (
    <>
      <CreateTask config={config} />
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">抽查任务</h2>
        <form role="search" aria-label="筛选抽查任务" onSubmit={submit} className="filters">
          <p>
            <label htmlFor="task-status">状态</label>
            <select id="task-status" value={status} onChange={(e) => setStatus(e.target.value)} {...props('status')}>
              <option value="">全部</option>
              {Object.entries(TASK_STATUS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
            <FieldErrors id="status-error" messages={byField.status} />
          </p>
          <p>
            <label htmlFor="task-period">期间</label>
            <input id="task-period" value={period} placeholder="如 2026-Q4" onChange={(e) => setPeriod(e.target.value)} {...props('period')} />
            <FieldErrors id="period-error" messages={byField.period} />
          </p>
          <p><button type="submit">筛选</button></p>
        </form>
        <ErrorList errors={other} />
        {fetching && !page ? <Loading what="抽查任务" /> : null}
        {page && page.nodes.length === 0 ? <Empty>没有符合条件的抽查任务。</Empty> : null}
        {page && page.nodes.length > 0 ? (
          <>
            <p>共 {page.totalCount} 个任务</p>
            <ol className="results">
              {page.nodes.map((t) => <TaskCard key={t.id} config={config} task={t} />)}
            </ol>
            <Pager label="抽查任务分页" cursors={cursors} pageInfo={page.pageInfo} />
          </>
        ) : null}
      </section>
    </>
  );
}

function CreateTask({ config }: { config: DepartmentConfig }) {
  const [{ data: items }] = useQuery({ query: DepartmentItemsDocument, variables: { department: toEnum<Department>(config.code) } });
  const [state, create] = useMutation(config.ops.createTask);
  const [form, setForm] = useState({ title: '', period: '', regionCode: '', workloadCap: '' });
  const [codes, setCodes] = useState<string[]>([]);
  const [done, setDone] = useState('');
  const fields = ['input.title', 'input.period', 'input.regionCode', 'input.itemCodes', 'input.workloadCap', 'input.ratios'];
  const { byField, other, props } = formErrors(state.error, fields);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const input = { title: form.title, period: form.period.trim(), regionCode: form.regionCode || null, itemCodes: codes, workloadCap: form.workloadCap ? Number(form.workloadCap) : null };
    const r = await create({ input }, { additionalTypenames: ['InspectionTask', 'InspectionTaskConnection'] });
    if (r.data) {
      setDone(`已创建任务 ${r.data.task.id}（${r.data.task.title}）。`);
      setForm({ title: '', period: '', regionCode: '', workloadCap: '' });
      setCodes([]);
    }
  };
  const text = (name: keyof typeof form, labelText: string, extra: Record<string, unknown> = {}) => (
    <p>
      <label htmlFor={`new-${name}`}>{labelText}</label>
      <input id={`new-${name}`} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} {...extra} {...props(`input.${name}`)} />
      <FieldErrors id={`input.${name}-error`} messages={byField[`input.${name}`]} />
    </p>
  );

  return (
    <section aria-labelledby="create-task-heading">
      <h2 id="create-task-heading">新建抽查任务</h2>
      <form onSubmit={submit} className="stack">
        {text('title', '任务名称')}
        {text('period', '期间（如 2026-Q4）')}
        <p>
          <label htmlFor="new-regionCode">乡镇</label>
          <select id="new-regionCode" value={form.regionCode} onChange={(e) => setForm({ ...form, regionCode: e.target.value })} {...props('input.regionCode')}>
            <option value="">全县</option>
            {Object.entries(REGIONS).map(([v, l]) => <option key={v} value={v}>{l}（{v}）</option>)}
          </select>
          <FieldErrors id="input.regionCode-error" messages={byField['input.regionCode']} />
        </p>
        {text('workloadCap', '每名检查人员任务上限（可选）', { inputMode: 'numeric' })}
        <fieldset {...props('input.itemCodes')}>
          <legend>抽查事项（本部门已认领）</legend>
          {!items ? <Loading what="抽查事项" /> : items.inspectionItems.nodes.length === 0 ? <Empty>本部门尚未认领抽查事项。</Empty> : null}
          {items?.inspectionItems.nodes.map((i) => (
            <p key={i.code}>
              <input type="checkbox" id={`item-${i.code}`} checked={codes.includes(i.code)}
                onChange={(e) => setCodes(e.target.checked ? [...codes, i.code] : codes.filter((c) => c !== i.code))} />
              <label htmlFor={`item-${i.code}`} className="inline">{i.code} {i.name}</label>
            </p>
          ))}
          <FieldErrors id="input.itemCodes-error" messages={byField['input.itemCodes']} />
        </fieldset>
        <ErrorList errors={other} />
        <p><button type="submit" disabled={state.fetching}>创建任务</button></p>
      </form>
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}

function TaskCard({ config, task }: { config: DepartmentConfig; task: TaskRow }) {
  const [seed, setSeed] = useState(() => localStorage.getItem(seedKey(task.id)) ?? '');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const [errs, setErrs] = useState<ReturnType<typeof formErrors> | null>(null);
  const id = task.id.replace(/[^A-Za-z0-9-]/g, '-');

  // One useMutation per kind of step: urql binds the document to the hook.
  const [, commit] = useMutation(config.ops.commitDraw);
  const [, draw] = useMutation(config.ops.drawTask);
  const [, publish] = useMutation(config.ops.publishDraw);
  const [, adjust] = useMutation(config.ops.adjustDraw);

  const step = async (label: string, exec: () => Promise<{ error?: CombinedError; data?: unknown }>) => {
    setDone('');
    const r = await exec();
    setErrs(formErrors(r.error, ['seed', 'seedHash', 'reason', 'taskId']));
    if (r.data) setDone(`${label}完成。`);
    return r;
  };
  const ctx = { additionalTypenames: ['InspectionTask'] };
  const doCommit = async () => {
    const s = randomSeed();
    const r = await step('承诺', async () => commit({ taskId: task.id, seedHash: await sha256Hex(s) }, ctx));
    if (r.data) {
      localStorage.setItem(seedKey(task.id), s);
      setSeed(s);
    }
  };
  const doDraw = () => step('抽取', () => draw({ taskId: task.id, seed: seed.trim() }, ctx));
  const doPublish = () => step('公示', () => publish({ taskId: task.id }, ctx));
  const doAdjust = async () => {
    const r = await step('调整', () => adjust({ taskId: task.id, reason }, ctx));
    if (r.data) {
      localStorage.removeItem(seedKey(task.id));
      setSeed('');
      setReason('');
    }
  };
  const byField = errs?.byField ?? {};
  const fieldProps = (name: string) => (byField[name] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {});

  return (
    <li aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{task.title}</h3>
      <dl className="facts">
        <dt>任务编号</dt><dd>{task.id}</dd>
        <dt>状态</dt><dd>{TASK_STATUS[norm(task.status)] ?? task.status}</dd>
        <dt>期间</dt><dd>{task.period}（{String(task.windowStart)} 至 {String(task.windowEnd)}）</dd>
        <dt>乡镇</dt><dd>{task.regionCode ? `${REGIONS[task.regionCode] ?? ''}（${task.regionCode}）` : '全县'}</dd>
        <dt>抽查事项</dt><dd>{task.items.map((i) => `${i.code} ${i.name}`).join('；')}</dd>
        {task.commitment ? (<><dt>承诺哈希</dt><dd className="hash">{task.commitment.commitmentHash}</dd><dt>对象池</dt><dd>{task.commitment.poolSize} 个（排除 {task.commitment.excludedCount} 个）</dd></>) : null}
        {task.draw ? (<><dt>抽中对象</dt><dd>{task.draw.targets.totalCount} 个：{task.draw.targets.nodes.slice(0, 10).map((t) => t.uscc).join('、')}{task.draw.targets.totalCount > 10 ? ' …' : ''}</dd></>) : null}
        {task.adjustments.length ? (<><dt>调整记录</dt><dd>{task.adjustments.map((a) => `${String(a.adjustedAt)} ${a.adjustedBy}：${a.reason}`).join('；')}</dd></>) : null}
      </dl>
      <div className="actions">
        {norm(task.status) === 'pending-draw' ? <button type="button" onClick={doCommit}>承诺（生成种子并公布其哈希）</button> : null}
        {norm(task.status) === 'committed' ? (
          <p>
            <label htmlFor={`${id}-seed`}>种子（承诺时生成，保存在本浏览器）</label>
            <input id={`${id}-seed`} value={seed} onChange={(e) => setSeed(e.target.value)} {...fieldProps('seed')} />
            <FieldErrors id={`${id}-seed-error`} messages={byField.seed} />
            <button type="button" onClick={doDraw}>抽取</button>
          </p>
        ) : null}
        {norm(task.status) === 'drawn' ? <button type="button" onClick={doPublish}>公示抽签结果</button> : null}
        {norm(task.status) !== 'pending-draw' ? (
          <p>
            <label htmlFor={`${id}-reason`}>调整原因</label>
            <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} {...fieldProps('reason')} />
            <FieldErrors id={`${id}-reason-error`} messages={byField.reason} />
            <button type="button" onClick={doAdjust}>调整（作废本次承诺与抽取）</button>
          </p>
        ) : null}
      </div>
      <ErrorList errors={errs?.other ?? []} />
      {done ? <p role="status">{done}</p> : null}
    </li>
  );
}
