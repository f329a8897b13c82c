/** Published inspection results (一公开), searchable by USCC or business name (one box: lib/result-search.ts), ten a page. */
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { PublishedResultsDocument } from '../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../lib/errors.js';
import { departmentName } from '../../lib/labels.js';
import { resultSearch } from '../../lib/result-search.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../ui.js';

export function ResultsPage() {
  const [input, setInput] = useState(() => {
    const params = new URLSearchParams(location.search);
    return params.get('q') ?? params.get('uscc') ?? '';
  });
  const [query, setQuery] = useState(() => resultSearch(input));
  const [cursors, setCursors] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({
    query: PublishedResultsDocument,
    variables: { uscc: query.uscc, name: query.name, after: cursors.at(-1) ?? null },
  });
  const page = data?.publishedInspectionResults;
  const { byField, other } = errorsByField(apiErrors(error), ['uscc', 'name']);
  const fieldErrors = [...(byField.uscc ?? []), ...(byField.name ?? [])];
  useEffect(() => {
    // The browser test reads this mark: time to the first render of the results (or their absence).
    if ((page || error) && performance.getEntriesByName('yiye:results-rendered').length === 0) performance.mark('yiye:results-rendered');
  }, [page, error]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    const next = resultSearch(input);
    setQuery(next);
    setCursors([]);
    const q = next.uscc ?? next.name;
    history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : location.pathname);
  };

  return (
    <>
      <h1>检查结果公示</h1>
      <form role="search" onSubmit={search} className="search">
        <label htmlFor="q">统一社会信用代码或企业名称</label>
        <input id="q" name="q" value={input} onChange={(e) => setInput(e.target.value)} maxLength={100} autoComplete="off"
          aria-describedby={fieldErrors.length ? 'q-error' : 'q-hint'} aria-invalid={fieldErrors.length ? true : undefined} />
        <button type="submit">检索</button>
        <p id="q-hint" className="muted">输入18位统一社会信用代码，或企业名称中的至少2个字；留空显示全部已公示结果。</p>
        <FieldErrors id="q-error" messages={fieldErrors} />
      </form>
      <ErrorList errors={other} />
      {fetching && !page ? <Loading what="检查结果" /> : null}
      {page && page.nodes.length === 0 ? <Empty>{query.uscc ? `没有统一社会信用代码为 ${query.uscc} 的已公示检查结果。` : query.name ? `没有企业名称含“${query.name}”的已公示检查结果。` : '暂无已公示的检查结果。'}</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">共 {page.totalCount} 条结果</h2>
          <ol className="results">
            {page.nodes.map((r) => (
              <li key={`${r.recordId}-${r.version}`}>
                <h3>{r.uscc} · {r.taskTitle}</h3>
                <dl className="facts">
                  <dt>企业名称</dt><dd className="business-name">{r.businessName ?? '（登记库暂无）'}</dd>
                  <dt>任务</dt><dd>{r.taskId}</dd>
                  <dt>检查部门</dt><dd>{r.departments.map(departmentName).join('、')}</dd>
                  <dt>检查日期</dt><dd>{r.inspectedOn}</dd>
                  <dt>检查结果</dt><dd>{r.itemResults.map((i) => `${i.itemCode}：${i.resultLabels.join('；')}`).join(' / ')}</dd>
                  <dt>检查情况</dt><dd>{r.findings}</dd>
                  <dt>处置</dt><dd>{r.disposalStatus}</dd>
                  <dt>公示时间</dt><dd>{r.publishedAt}</dd>
                </dl>
              </li>
            ))}
          </ol>
          <nav aria-label="结果分页" className="pager">
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</button>
            <span>第 {cursors.length + 1} 页</span>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, page.pageInfo.endCursor!])}>下一页</button>
          </nav>
        </section>
      ) : null}
    </>
  );
}
