/** 我的检查: the drawn businesses whose team names the signed-in inspector, with where each record stands. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { MyInspectionVisitsDocument, type InspectionVisitStatus } from '../../api/generated/graphql.js';
import { apiErrors } from '../../lib/errors.js';
import { departmentName } from '../../lib/labels.js';
import { Empty, ErrorList, Loading } from '../../ui.js';
import { storedScan } from './queue.js';

export const VISIT_STATUS_NAMES: Record<InspectionVisitStatus, string> = {
  NOT_ENTERED: '未录入',
  AWAITING_REVIEW: '待审核',
  RETURNED: '已退回，请重新提交',
  PUBLISHED: '已公示',
};

export function VisitsPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const [{ data, fetching, error }, refetch] = useQuery({ query: MyInspectionVisitsDocument, variables: { after: cursors.at(-1) ?? null } });
  const page = data?.myInspectionVisits;
  return (
    <>
      <h1>我的检查</h1>
      <p><button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>刷新</button></p>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !page ? <Loading what="我的检查任务" /> : null}
      {page && page.nodes.length === 0 ? <Empty>暂无分配给您的检查任务。</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <p className="muted">共 {page.totalCount} 户</p>
          <ul className="visit-list">
            {page.nodes.map((v) => {
              const scanned = !!storedScan(v.taskId, v.uscc);
              const id = `visit-${v.taskId}-${v.uscc}`;
              return (
                <li key={`${v.taskId}/${v.uscc}`} aria-labelledby={id}>
                  <h2 id={id}>{v.uscc}</h2>
                  <dl className="facts">
                    <dt>任务</dt><dd>{v.taskTitle}（{v.taskId}）</dd>
                    <dt>部门</dt><dd>{departmentName(v.department)}</dd>
                    <dt>期限</dt><dd>{v.windowStart} 至 {v.windowEnd}</dd>
                    <dt>检查组</dt><dd>{v.team.join('、')}</dd>
                    <dt>记录</dt><dd>{VISIT_STATUS_NAMES[v.status]}{v.recordId ? `（${v.recordId}）` : ''}</dd>
                    <dt>扫码</dt><dd>{v.scannedAt ? new Date(v.scannedAt).toLocaleString('zh-CN') : '未扫码'}</dd>
                  </dl>
                  <p className="visit-actions">
                    <Link href="/scan" aria-label={`扫码入企：${v.uscc}`}>扫码入企</Link>
                    {scanned && v.status !== 'PUBLISHED' && v.status !== 'AWAITING_REVIEW' ? (
                      <Link href={`/record/${encodeURIComponent(v.taskId)}/${encodeURIComponent(v.uscc)}`} aria-label={`填写检查记录：${v.uscc}`}>填写检查记录</Link>
                    ) : null}
                  </p>
                </li>
              );
            })}
          </ul>
          <div className="pager">
            <button type="button" disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>上一页</button>
            <button type="button" disabled={!page.pageInfo.hasNextPage} onClick={() => page.pageInfo.endCursor && setCursors([...cursors, page.pageInfo.endCursor])}>下一页</button>
          </div>
        </>
      ) : null}
    </>
  );
}
