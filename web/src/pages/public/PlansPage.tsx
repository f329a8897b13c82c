/** Published plans (一公开): joint plans and department tasks whose draws are published. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { PublishedDepartmentTasksDocument, PublishedPlansDocument, type PublishedTaskFragment } from '../../api/generated/graphql.js';
import { apiErrors } from '../../lib/errors.js';
import { departmentName } from '../../lib/labels.js';
import { Empty, ErrorList, Loading } from '../../ui.js';
import { DEPARTMENTS } from '../../../../shared/domain/departments.js';

/** 'fire-rescue' → 'fireRescue', the prefix of a department's fields. */
const camel = (code: string) => code.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function JointPlans() {
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, fetching, error }] = useQuery({ query: PublishedPlansDocument, variables: { after: after.at(-1) ?? null } });
  const plans = data?.jointPlans;
  return (
    <section aria-labelledby="joint-plans">
      <h2 id="joint-plans">联合抽查计划</h2>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !plans ? <Loading what="联合抽查计划" /> : null}
      {plans && plans.nodes.length === 0 ? <Empty>暂无已公布的联合抽查计划。</Empty> : null}
      {plans && plans.nodes.length > 0 ? (
        <>
          <p className="muted">共 {plans.totalCount} 项</p>
          <table>
            <caption className="sr-only">已公布的联合抽查计划</caption>
            <thead>
              <tr><th scope="col">编号</th><th scope="col">名称</th><th scope="col">季度</th><th scope="col">检查期间</th><th scope="col">发起部门</th><th scope="col">抽签</th></tr>
            </thead>
            <tbody>
              {plans.nodes.map((p) => (
                <tr key={p.id}>
                  <td>{p.id}</td>
                  <td>{p.title}</td>
                  <td>{p.period}</td>
                  <td>{p.windowStart} 至 {p.windowEnd}</td>
                  <td>{departmentName(p.initiatingDepartment)}</td>
                  <td><Link href={`/draws/${encodeURIComponent(p.id)}`} aria-label={`查看并校验抽签（${p.id}）`}>查看并校验抽签</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={after.length === 0} onClick={() => setAfter(after.slice(0, -1))}>上一页</button>
            <button type="button" disabled={!plans.pageInfo.hasNextPage} onClick={() => setAfter([...after, plans.pageInfo.endCursor!])}>下一页</button>
          </div>
        </>
      ) : null}
    </section>
  );
}

function TaskTable({ tasks }: { tasks: PublishedTaskFragment[] }) {
  return (
    <table>
      <caption className="sr-only">已公布的部门抽查任务</caption>
      <thead>
        <tr><th scope="col">编号</th><th scope="col">部门</th><th scope="col">名称</th><th scope="col">季度</th><th scope="col">检查期间</th><th scope="col">抽签</th></tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id}>
            <td>{t.id}</td>
            <td>{departmentName(t.department)}</td>
            <td>{t.title}</td>
            <td>{t.period}</td>
            <td>{t.windowStart} 至 {t.windowEnd}</td>
            <td><Link href={`/draws/${encodeURIComponent(t.id)}`} aria-label={`查看并校验抽签（${t.id}）`}>查看并校验抽签</Link></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DepartmentTasks() {
  const [{ data, fetching, error }] = useQuery({ query: PublishedDepartmentTasksDocument });
  // One list per department of the registry (fields `<department>Tasks`, web/src/api/departments.graphql).
  const lists = data as unknown as Record<string, { nodes: PublishedTaskFragment[] }> | undefined;
  const tasks = lists ? DEPARTMENTS.flatMap((d) => lists[`${camel(d.code)}Tasks`].nodes) : [];
  return (
    <section aria-labelledby="department-tasks">
      <h2 id="department-tasks">部门抽查任务</h2>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="部门抽查任务" /> : null}
      {data && tasks.length === 0 ? <Empty>暂无已公布的部门抽查任务。</Empty> : null}
      {tasks.length > 0 ? <TaskTable tasks={tasks} /> : null}
      {data ? <p className="muted">每个部门显示最近 20 项。</p> : null}
    </section>
  );
}

export function PlansPage() {
  return (
    <>
      <h1>抽查计划与抽签</h1>
      <p>抽签前公布承诺（名录池哈希、抽查比例、种子哈希），抽签后公布种子与结果：任何人都可以在本页重算核对。</p>
      <JointPlans />
      <DepartmentTasks />
    </>
  );
}
