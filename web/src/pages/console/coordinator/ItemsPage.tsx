/** The inspection item list (抽查事项清单) and the departments' claims (认领), filtered and paged. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { CoordinatorItemsDocument, type Department, type InspectionItemFilter } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../../lib/errors.js';
import { DEPARTMENTS } from '../../../../../shared/domain/departments.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { deptName, toEnum } from './util.js';

export function ItemsPage() {
  const [department, setDepartment] = useState('');
  const [industry, setIndustry] = useState('');
  const [claimed, setClaimed] = useState('');
  const [filter, setFilter] = useState<InspectionItemFilter>({});
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({ query: CoordinatorItemsDocument, variables: { filter, after: after.at(-1) ?? null } });
  const { byField, other } = errorsByField(apiErrors(error), ['filter.industryCode', 'filter.department']);
  const items = data?.inspectionItems;
  return (
    <>
      <h1>抽查事项清单与认领</h1>
      <form className="filters" onSubmit={(e) => {
        e.preventDefault();
        setAfter([]);
        setFilter({ ...(department ? { department: toEnum<Department>(department) } : {}), ...(industry ? { industryCode: industry } : {}), ...(claimed ? { claimed: claimed === 'yes' } : {}) });
      }}>
        <label htmlFor="it-dept">部门</label>
        <select id="it-dept" value={department} onChange={(e) => setDepartment(e.target.value)}>
          <option value="">全部</option>
          {DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d.nameZh}</option>)}
        </select>
        <label htmlFor="it-ind">行业代码</label>
        <input id="it-ind" value={industry} onChange={(e) => setIndustry(e.target.value)} aria-describedby="it-ind-err" />
        <FieldErrors id="it-ind-err" messages={byField['filter.industryCode']} />
        <label htmlFor="it-claimed">认领</label>
        <select id="it-claimed" value={claimed} onChange={(e) => setClaimed(e.target.value)}>
          <option value="">全部</option><option value="yes">已认领</option><option value="no">未认领</option>
        </select>
        <p><button type="submit">筛选</button></p>
      </form>
      <ErrorList errors={other} />
      {fetching && !items ? <Loading what="抽查事项" /> : null}
      {items && items.nodes.length === 0 ? <Empty>没有符合条件的抽查事项。</Empty> : null}
      {items && items.nodes.length > 0 ? (
        <>
          <p className="muted">共 {items.totalCount} 项</p>
          <table>
            <caption className="sr-only">抽查事项</caption>
            <thead><tr><th scope="col">编码</th><th scope="col">名称</th><th scope="col">部门</th><th scope="col">行业</th><th scope="col">依据</th><th scope="col">可联合</th><th scope="col">状态</th><th scope="col">认领</th></tr></thead>
            <tbody>
              {items.nodes.map((i) => (
                <tr key={i.code}>
                  <td>{i.code}</td><td>{i.name}</td><td>{i.departmentName || deptName(i.department)}</td><td>{i.targetIndustries.join('、')}</td>
                  <td>{i.legalBasis}</td><td>{i.joinable ? '是' : '否'}</td><td>{i.status}</td>
                  <td>{i.claimed ? `已认领${i.claimedAt ? `（${String(i.claimedAt).slice(0, 10)}）` : ''}` : '未认领'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>上一页</button>
            <button type="button" disabled={!items.pageInfo.hasNextPage} onClick={() => setAfter([...after, items.pageInfo.endCursor!])}>下一页</button>
          </div>
        </>
      ) : null}
    </>
  );
}
