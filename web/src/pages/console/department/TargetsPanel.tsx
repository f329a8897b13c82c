/** 检查对象名录: the department's targets with filters (township, industry, credit class, tag and its own), pages, history and tags. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { INDUSTRIES, REGIONS } from '../../../../../shared/domain/industries.js';
import { apiErrors } from '../../../lib/errors.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { norm, TAG_KEYS, type DepartmentConfig, type TargetRow } from './ops.js';
import { dateTime, formErrors, Pager, useCursors } from './parts.js';

const tagName = (key: string) => TAG_KEYS.find((t) => t.value === norm(key))?.label ?? key;

export function TargetsPanel({ config }: { config: DepartmentConfig }) {
  const empty = { regionCode: '', industryCode: '', creditRiskClass: '', tag: '', ...Object.fromEntries(config.filters.map((f) => [f.key, ''])) } as Record<string, string>;
  const [draft, setDraft] = useState(empty);
  const [applied, setApplied] = useState(empty);
  const [selected, setSelected] = useState<string | null>(null);
  const [lookup, setLookup] = useState('');
  const cursors = useCursors();
  const filter: Record<string, unknown> = {};
  if (applied.regionCode) filter.regionCode = applied.regionCode;
  if (applied.industryCode) filter.industryCodes = [applied.industryCode];
  if (applied.creditRiskClass) filter.creditRiskClass = applied.creditRiskClass;
  if (applied.tag) filter.tag = applied.tag;
  for (const f of config.filters) if (applied[f.key]) filter[f.key] = f.parse ? f.parse(applied[f.key]) : applied[f.key];
  const [{ data, fetching, error }] = useQuery({ query: config.ops.targets, variables: { first: 20, after: cursors.after, filter } });
  const page = data?.targets;
  const { byField, other } = formErrors(error, ['filter', 'after', 'first']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    cursors.reset();
  };
  const select = (name: string, labelText: string, choices: { value: string; label: string }[]) => (
    <p key={name}>
      <label htmlFor={`tf-${name}`}>{labelText}</label>
      <select id={`tf-${name}`} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}>
        <option value="">全部</option>
        {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
    </p>
  );

  return (
    <section aria-labelledby="targets-heading">
      <h2 id="targets-heading">检查对象名录</h2>
      <form role="search" aria-label="按统一社会信用代码查找检查对象" className="filters"
        onSubmit={(e) => { e.preventDefault(); const u = lookup.trim().toUpperCase(); setSelected(u || null); }}>
        <p>
          <label htmlFor="target-lookup">统一社会信用代码</label>
          <input id="target-lookup" value={lookup} maxLength={18} autoComplete="off" onChange={(e) => setLookup(e.target.value)} />
        </p>
        <p><button type="submit">查找</button></p>
      </form>
      <form role="search" aria-label="筛选检查对象" onSubmit={submit} className="filters">
        {select('regionCode', '乡镇', Object.entries(REGIONS).map(([value, label]) => ({ value, label: `${label}（${value}）` })))}
        {select('industryCode', '行业', Object.entries(INDUSTRIES).map(([value, i]) => ({ value, label: `${value} ${i.nameZh}` })))}
        {select('creditRiskClass', '信用风险分类', ['A', 'B', 'C', 'D'].map((c) => ({ value: c, label: `${c} 类` })))}
        {select('tag', '标签', TAG_KEYS)}
        {config.filters.map((f) => select(f.key, f.label, f.choices))}
        <p><button type="submit">筛选</button></p>
        <FieldErrors id="filter-error" messages={byField.filter} />
      </form>
      <ErrorList errors={other} />
      {fetching && !page ? <Loading what="检查对象" /> : null}
      {page && page.nodes.length === 0 ? <Empty>没有符合条件的检查对象。</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <table id="targets-table">
            <caption>共 {page.totalCount} 个检查对象</caption>
            <thead>
              <tr>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">纳入日期</th>
                {config.columns.map((c) => <th scope="col" key={c.key}>{c.label}</th>)}
                <th scope="col">标签</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((t) => (
                <tr key={t.uscc}>
                  <th scope="row">{t.uscc}</th>
                  <td>{String(t.supervisedSince)}</td>
                  {config.columns.map((c) => <td key={c.key}>{c.format ? c.format(t[c.key]) : String(t[c.key] ?? '—')}</td>)}
                  <td>{(t.tags ?? []).filter((g) => !g.revokedAt).map((g) => tagName(g.key)).join('、') || '—'}</td>
                  <td>
                    <button type="button" aria-expanded={selected === t.uscc} aria-controls="target-detail" onClick={() => setSelected(selected === t.uscc ? null : t.uscc)}>
                      历史与标签<span className="sr-only">（{t.uscc}）</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="检查对象分页" cursors={cursors} pageInfo={page.pageInfo} />
        </>
      ) : null}
      {selected ? <TargetDetail key={selected} config={config} uscc={selected} /> : null}
    </section>
  );
}

function TargetDetail({ config, uscc }: { config: DepartmentConfig; uscc: string }) {
  const [{ data, fetching, error }] = useQuery({ query: config.ops.targetHistory, variables: { uscc } });
  const [tagState, tag] = useMutation(config.ops.tag);
  const [revokeState, revoke] = useMutation(config.ops.revokeTag);
  const [form, setForm] = useState({ key: 'high-risk', value: '', validUntil: '', reason: '' });
  const [revokeReason, setRevokeReason] = useState('');
  const [done, setDone] = useState('');
  const tagErrors = formErrors(tagState.error, ['input.key', 'input.value', 'input.validUntil', 'input.reason', 'uscc']);
  const revokeErrors = formErrors(revokeState.error, ['reason', 'id']);
  const history = data?.history?.nodes ?? [];
  const target: TargetRow | undefined = history.find((v) => !v.validTo);
  const ctx = { additionalTypenames: ['TargetTag', config.targetTypename] };

  const addTag = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const r = await tag({ uscc, input: { key: form.key, value: form.value || null, validUntil: form.validUntil || null, reason: form.reason } }, ctx);
    if (r.data) {
      setDone(`已添加标签“${tagName(r.data.tag.key)}”。`);
      setForm({ ...form, value: '', reason: '' });
    }
  };
  const revokeTag = async (id: number) => {
    setDone('');
    const r = await revoke({ id, reason: revokeReason }, ctx);
    if (r.data) setDone(`已撤销标签“${tagName(r.data.tag.key)}”。`);
  };

  return (
    <section id="target-detail" aria-labelledby="target-detail-heading" className="panel">
      <h3 id="target-detail-heading">{uscc} 的历史与标签</h3>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="历史版本" /> : null}
      {data && history.length === 0 ? <Empty>本部门检查对象名录中没有统一社会信用代码为 {uscc} 的对象。</Empty> : null}
      {history.length > 0 ? (
        <table>
          <caption>名录版本（共 {history.length} 个）</caption>
          <thead><tr><th scope="col">生效</th><th scope="col">失效</th><th scope="col">纳入日期</th>{config.columns.map((c) => <th scope="col" key={c.key}>{c.label}</th>)}<th scope="col">变更人</th><th scope="col">变更原因</th><th scope="col">关闭原因</th></tr></thead>
          <tbody>
            {history.map((v, i) => (
              <tr key={i}>
                <td>{dateTime(v.validFrom)}</td><td>{dateTime(v.validTo)}</td><td>{String(v.supervisedSince)}</td>
                {config.columns.map((c) => <td key={c.key}>{c.format ? c.format(v[c.key]) : String(v[c.key] ?? '—')}</td>)}
                <td>{v.changedBy}</td><td>{v.changeReason}</td><td>{v.closeReason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h4>标签</h4>
      {target && (target.tags ?? []).length === 0 ? <Empty>没有标签。</Empty> : null}
      {target && (target.tags ?? []).length > 0 ? (
        <>
          <p>
            <label htmlFor="revoke-reason">撤销原因</label>
            <input id="revoke-reason" value={revokeReason} onChange={(e) => setRevokeReason(e.target.value)} {...revokeErrors.props('reason')} />
          </p>
          <FieldErrors id="reason-error" messages={revokeErrors.byField.reason} />
          <ErrorList errors={revokeErrors.other} />
          <ul className="tags">
            {(target.tags ?? []).map((g) => (
              <li key={g.id}>
                {tagName(g.key)}{g.value ? `：${g.value}` : ''}（{norm(g.source)}，{String(g.validFrom)} 起{g.validUntil ? `至 ${String(g.validUntil)}` : ''}，{g.reason}）
                {g.revokedAt ? <span className="muted"> 已撤销</span> : (
                  <button type="button" disabled={revokeState.fetching} onClick={() => revokeTag(g.id)}>撤销<span className="sr-only">标签 {tagName(g.key)}</span></button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <form onSubmit={addTag} aria-label="添加标签" className="stack">
        <p>
          <label htmlFor="tag-key">标签</label>
          <select id="tag-key" value={form.key} onChange={(e) => setForm({ ...form, key: e.target.value })} {...tagErrors.props('input.key')}>
            {TAG_KEYS.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
          </select>
          <FieldErrors id="input.key-error" messages={tagErrors.byField['input.key']} />
        </p>
        <p>
          <label htmlFor="tag-value">标签值（可选）</label>
          <input id="tag-value" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} {...tagErrors.props('input.value')} />
          <FieldErrors id="input.value-error" messages={tagErrors.byField['input.value']} />
        </p>
        <p>
          <label htmlFor="tag-until">有效至（可选）</label>
          <input id="tag-until" type="date" value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.target.value })} {...tagErrors.props('input.validUntil')} />
          <FieldErrors id="input.validUntil-error" messages={tagErrors.byField['input.validUntil']} />
        </p>
        <p>
          <label htmlFor="tag-reason">原因</label>
          <input id="tag-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} {...tagErrors.props('input.reason')} />
          <FieldErrors id="input.reason-error" messages={tagErrors.byField['input.reason']} />
        </p>
        <ErrorList errors={tagErrors.other} />
        <p><button type="submit" disabled={tagState.fetching}>添加标签</button></p>
      </form>
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}
