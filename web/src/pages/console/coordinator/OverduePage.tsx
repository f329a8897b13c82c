/** Results overdue for publication (逾期未公示), 20 working days after the inspection; paged. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { OverdueResultsDocument } from '../../../api/generated/graphql.js';
import { apiErrors } from '../../../lib/errors.js';
import { Empty, ErrorList, Loading } from '../../../ui.js';
import { norm } from './util.js';

const STATUS: Record<string, string> = { 'not-entered': '未录入', 'awaiting-review': '待审核', returned: '已退回', published: '已公示' };

export function OverduePage() {
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({ query: OverdueResultsDocument, variables: { after: after.at(-1) ?? null } });
  const list = data?.overdueInspectionResults;
  return (
    <>
      <h1>逾期未公示的检查结果</h1>
      <p>检查结果应在检查后 20 个工作日内公示。</p>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !list ? <Loading what="逾期清单" /> : null}
      {list && list.nodes.length === 0 ? <Empty>没有逾期未公示的检查结果。</Empty> : null}
      {list && list.nodes.length > 0 ? (
        <>
          <p className="muted">共 {list.totalCount} 项</p>
          <table>
            <caption className="sr-only">逾期未公示的检查结果</caption>
            <thead><tr><th scope="col">任务</th><th scope="col">统一社会信用代码</th><th scope="col">状态</th><th scope="col">记录</th><th scope="col">检查日期</th><th scope="col">应公示日期</th><th scope="col">逾期工作日</th></tr></thead>
            <tbody>
              {list.nodes.map((o) => (
                <tr key={`${o.taskId}-${o.uscc}`}>
                  <td>{o.taskId}</td><td>{o.uscc}</td><td>{STATUS[norm(o.status)] ?? o.status}</td><td>{o.recordId ?? '—'}</td>
                  <td>{o.inspectionEnd}</td><td>{o.dueBy}</td><td>{o.workingDaysLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>上一页</button>
            <button type="button" disabled={!list.pageInfo.hasNextPage} onClick={() => setAfter([...after, list.pageInfo.endCursor!])}>下一页</button>
          </div>
        </>
      ) : null}
    </>
  );
}
