/** 执法检查人员名录: the department's inspectors with filters (status, expertise, brigade), pages and history. */
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { apiErrors } from '../../../lib/errors.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import type { InspectorStatus } from '../../../api/generated/graphql.js';
import { norm, toEnum, type DepartmentConfig } from './ops.js';
import { dateTime, formErrors, Pager, useCursors } from './parts.js';

const STATUS: Record<string, string> = { active: '在岗', suspended: '暂停', retired: '离岗' };
const statusName = (s: string) => STATUS[norm(s)] ?? s;

export function InspectorsPanel({ config }: { config: DepartmentConfig }) {
  const empty = { status: '', expertise: '', brigade: '' };
  const [draft, setDraft] = useState(empty);
  const [applied, setApplied] = useState(empty);
  const [selected, setSelected] = useState<string | null>(null);
  const cursors = useCursors();
  const filter = {
    status: applied.status ? toEnum<InspectorStatus>(applied.status) : null,
    expertise: applied.expertise.trim() || null,
    brigade: applied.brigade.trim() || null,
  };
  const [{ data, fetching, error }] = useQuery({ query: config.ops.inspectors, variables: { first: 20, after: cursors.after, filter } });
  const page = data?.inspectors;
  const { byField, other, props } = formErrors(error, ['filter.status', 'filter.expertise', 'filter.brigade']);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    cursors.reset();
  };
  const field = (name: keyof typeof empty, labelText: string, hint?: string) => (
    <p>
      <label htmlFor={`if-${name}`}>{labelText}</label>
      <input id={`if-${name}`} value={draft[name]} placeholder={hint} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} {...props(`filter.${name}`)} />
      <FieldErrors id={`filter.${name}-error`} messages={byField[`filter.${name}`]} />
    </p>
  );

  return (
    <section aria-labelledby="inspectors-heading">
      <h2 id="inspectors-heading">执法检查人员名录</h2>
      <form role="search" aria-label="筛选执法检查人员" onSubmit={submit} className="filters">
        <p>
          <label htmlFor="if-status">状态</label>
          <select id="if-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })} {...props('filter.status')}>
            <option value="">全部</option>
            {Object.entries(STATUS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
          <FieldErrors id="filter.status-error" messages={byField['filter.status']} />
        </p>
        {field('expertise', '专长', '如 food-safety')}
        {field('brigade', '大队')}
        <p><button type="submit">筛选</button></p>
      </form>
      <ErrorList errors={other} />
      {fetching && !page ? <Loading what="执法检查人员" /> : null}
      {page && page.nodes.length === 0 ? <Empty>没有符合条件的执法检查人员。</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <table>
            <caption>共 {page.totalCount} 名执法检查人员</caption>
            <thead><tr><th scope="col">执法证号</th><th scope="col">姓名</th><th scope="col">大队</th><th scope="col">专长</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {page.nodes.map((p) => (
                <tr key={p.certificateNumber}>
                  <th scope="row">{p.certificateNumber}</th>
                  <td>{p.name ?? '—'}</td>
                  <td>{p.brigade ?? '—'}</td>
                  <td>{p.expertise.join('、') || '—'}</td>
                  <td>{statusName(p.status)}</td>
                  <td>
                    <button type="button" aria-expanded={selected === p.certificateNumber} onClick={() => setSelected(selected === p.certificateNumber ? null : p.certificateNumber)}>
                      历史<span className="sr-only">（{p.certificateNumber}）</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="执法检查人员分页" cursors={cursors} pageInfo={page.pageInfo} />
        </>
      ) : null}
      {selected ? <InspectorHistory key={selected} config={config} certificateNumber={selected} /> : null}
    </section>
  );
}

function InspectorHistory({ config, certificateNumber }: { config: DepartmentConfig; certificateNumber: string }) {
  const [{ data, fetching, error }] = useQuery({ query: config.ops.inspectorHistory, variables: { certificateNumber } });
  const history = data?.history?.nodes ?? [];
  return (
    <section aria-labelledby="inspector-history-heading" className="panel">
      <h3 id="inspector-history-heading">{certificateNumber} 的历史版本</h3>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="历史版本" /> : null}
      {data && history.length === 0 ? <Empty>没有历史版本。</Empty> : null}
      {history.length > 0 ? (
        <table>
          <caption>共 {history.length} 个版本</caption>
          <thead><tr><th scope="col">生效</th><th scope="col">失效</th><th scope="col">姓名</th><th scope="col">大队</th><th scope="col">专长</th><th scope="col">状态</th><th scope="col">变更人</th><th scope="col">变更原因</th></tr></thead>
          <tbody>
            {history.map((v, i) => (
              <tr key={i}>
                <td>{dateTime(v.validFrom)}</td><td>{dateTime(v.validTo)}</td><td>{v.name ?? '—'}</td><td>{v.brigade ?? '—'}</td>
                <td>{v.expertise.join('、') || '—'}</td><td>{statusName(v.status)}</td><td>{v.changedBy}</td><td>{v.changeReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
