/**
 * The quarter's merge (季度合并): figures against the targets (joint share by count ≥ 45 %, by
 * businesses ≥ 30 %, tasks by credit class ≥ 90 %) with a lazily loaded chart, every visit and
 * decision with its `why`, breakdowns by department, industry and township; finalize.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { EnterpriseTownshipDocument, FinalizeJointMergeDocument, JointMergeDocument, type Department, type VisitKind } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { DEPARTMENTS } from '../../../../../shared/domain/departments.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { currentQuarter, percent, norm, deptName, toEnum } from './util.js';

const MergeCharts = lazy(() => import('./MergeCharts.js'));
const KIND: Record<string, string> = { joint: '联合', single: '单独' };
const PAGE = 50;

function Townships({ usccs }: { usccs: string[] }) {
  const client = useClient();
  const [rows, setRows] = useState<{ name: string; businesses: number }[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const load = async () => {
    setBusy(true);
    setErrors([]);
    const counts = new Map<string, number>();
    for (let i = 0; i < usccs.length; i += 8) {
      const answers = await Promise.all(usccs.slice(i, i + 8).map((uscc) => client.query(EnterpriseTownshipDocument, { uscc }).toPromise()));
      for (const a of answers) {
        if (a.error) { setErrors(apiErrors(a.error)); setBusy(false); return; }
        const name = a.data?.enterprise?.regionName ?? '未知';
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    setRows([...counts].map(([name, businesses]) => ({ name, businesses })).sort((a, b) => b.businesses - a.businesses));
    setBusy(false);
  };
  return (
    <section aria-labelledby="by-township">
      <h2 id="by-township">按乡镇</h2>
      {!rows ? <p><button type="button" disabled={busy} onClick={() => void load()}>统计各乡镇的受检企业</button></p> : null}
      {busy ? <Loading what="乡镇统计" /> : null}
      <ErrorList errors={errors} />
      {rows && rows.length === 0 ? <Empty>没有受检企业。</Empty> : null}
      {rows && rows.length > 0 ? (
        <table>
          <caption className="sr-only">按乡镇统计的受检企业</caption>
          <thead><tr><th scope="col">乡镇</th><th scope="col">受检企业</th></tr></thead>
          <tbody>{rows.map((r) => <tr key={r.name}><td>{r.name}</td><td>{r.businesses}</td></tr>)}</tbody>
        </table>
      ) : null}
    </section>
  );
}

function Paged<T>({ rows, caption, head, row }: { rows: T[]; caption: string; head: string[]; row: (r: T, i: number) => React.ReactNode }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  return (
    <>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead><tr>{head.map((h) => <th scope="col" key={h}>{h}</th>)}</tr></thead>
        <tbody>{rows.slice(page * PAGE, page * PAGE + PAGE).map((r, i) => row(r, page * PAGE + i))}</tbody>
      </table>
      {pages > 1 ? (
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>上一页<span className="sr-only">（{caption}）</span></button>
          <span>第 {page + 1} / {pages} 页</span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>下一页<span className="sr-only">（{caption}）</span></button>
        </div>
      ) : null}
    </>
  );
}

export function MergePage() {
  const [periodText, setPeriodText] = useState(currentQuarter());
  const [period, setPeriod] = useState(currentQuarter());
  const [deptText, setDeptText] = useState('');
  const [kindText, setKindText] = useState('');
  const [only, setOnly] = useState<{ department: Department | null; visitKind: VisitKind | null }>({ department: null, visitKind: null });
  const [{ data, fetching, error }, refetch] = useQuery({ query: JointMergeDocument, variables: { period, ...only } });
  const [finErrors, setFinErrors] = useState<ApiError[]>([]);
  const [finDone, setFinDone] = useState('');
  // The version the finalize answered: shown at once, whether or not the merge's refetch (a
  // cross-department read, slow under load) has come back yet.
  const [finalVersion, setFinalVersion] = useState<number | null>(null);
  const [, finalize] = useMutation(FinalizeJointMergeDocument);
  const { byField, other } = errorsByField([...apiErrors(error), ...finErrors], ['period', 'department', 'visitKind']);
  const m = data?.jointMerge;
  const ratios = useMemo(() => (m ? [
    { name: '联合检查占比（按次数）', value: m.figures.jointShareByCount, target: 0.45, met: m.figures.jointShareByCountMet },
    { name: '联合检查占比（按企业）', value: m.figures.jointShareByBusinesses, target: 0.3, met: m.figures.jointShareByBusinessesMet },
    { name: '按信用分类抽取的任务占比', value: m.figures.plannedByCreditClassShare, target: 0.9, met: m.figures.plannedByCreditClassMet },
  ] : []), [m]);
  const usccs = useMemo(() => [...new Set(m?.visits.map((v) => v.uscc) ?? [])], [m]);
  return (
    <>
      <h1>季度合并</h1>
      <form className="inline" onSubmit={(e) => {
        e.preventDefault();
        setFinDone('');
        setFinalVersion(null);
        setFinErrors([]);
        setPeriod(periodText.trim());
        setOnly({ department: deptText ? toEnum<Department>(deptText) : null, visitKind: kindText ? toEnum<VisitKind>(kindText) : null });
      }}>
        <label htmlFor="mg-period">季度</label>
        <input id="mg-period" value={periodText} onChange={(e) => setPeriodText(e.target.value)} aria-describedby="mg-period-err" aria-invalid={byField.period ? true : undefined} />
        <label htmlFor="mg-dept">检查与决定只看部门</label>
        <select id="mg-dept" value={deptText} onChange={(e) => setDeptText(e.target.value)} aria-describedby="mg-dept-err">
          <option value="">全部部门</option>
          {DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d.nameZh}</option>)}
        </select>
        <label htmlFor="mg-kind">检查方式</label>
        <select id="mg-kind" value={kindText} onChange={(e) => setKindText(e.target.value)} aria-describedby="mg-kind-err">
          <option value="">全部</option><option value="joint">联合</option><option value="single">单独</option>
        </select>
        <button type="submit">查看</button>
        <FieldErrors id="mg-period-err" messages={byField.period} />
        <FieldErrors id="mg-dept-err" messages={byField.department} />
        <FieldErrors id="mg-kind-err" messages={byField.visitKind} />
      </form>
      <ErrorList errors={other} />
      {fetching && !m ? <Loading what="季度合并" /> : null}
      {m ? (
        <>
          <dl className="facts">
            <dt>季度</dt><dd>{m.period}</dd>
            <dt>完整</dt><dd>{m.complete ? '各部门均已答复' : `未答复：${m.unansweredDepartments.map((u) => `${deptName(u.department)}（${u.reason}）`).join('；')}`}</dd>
            <dt>定稿</dt><dd id="merge-finalized">{m.finalized ? `已定稿（第 ${m.version} 版）` : finalVersion ? `已定稿（第 ${finalVersion} 版）` : '未定稿'}</dd>
            <dt>输入哈希</dt><dd className="hash">{m.inputsHash}</dd>
          </dl>
          <section aria-labelledby="ratios">
            <h2 id="ratios">三项比例</h2>
            <table id="ratio-table">
              <caption className="sr-only">三项比例与目标</caption>
              <thead><tr><th scope="col">指标</th><th scope="col">实际</th><th scope="col">目标</th><th scope="col">是否达标</th></tr></thead>
              <tbody>
                {ratios.map((r) => (
                  <tr key={r.name}><th scope="row">{r.name}</th><td>{percent(r.value)}</td><td>≥ {Math.round(r.target * 100)} %</td><td className={r.met ? 'ok' : 'danger'}>{r.met ? '达标' : '未达标'}</td></tr>
                ))}
              </tbody>
            </table>
            <Suspense fallback={<Loading what="图表" />}><MergeCharts ratios={ratios} /></Suspense>
            <dl className="facts">
              <dt>合并前/后检查次数</dt><dd>{m.figures.visitsBefore} → {m.figures.visitsAfter}（减少 {m.figures.visitsAvoided} 次）</dd>
              <dt>联合检查</dt><dd>{m.figures.jointVisits} 次，涉及部门检查 {m.figures.jointInspections} / {m.figures.inspections}</dd>
              <dt>受检企业</dt><dd>{m.figures.businessesInspected}（联合 {m.figures.businessesInspectedJointly}）</dd>
              <dt>去重与豁免</dt><dd>去除重复 {m.figures.removedRepeats}，保留豁免 {m.figures.exemptionsKept}</dd>
              <dt>任务</dt><dd>{m.figures.tasks}（按信用分类 {m.figures.tasksByCreditClass}）</dd>
            </dl>
          </section>
          {m.finalized || finalVersion ? null : (
            <p>
              <button type="button" onClick={async () => {
                setFinErrors([]);
                const r = await finalize({ period: m.period });
                if (r.error) return setFinErrors(apiErrors(r.error));
                setFinalVersion(r.data!.finalizeJointMerge.version);
                setFinDone(`已定稿（第 ${r.data!.finalizeJointMerge.version} 版）`);
                refetch({ requestPolicy: 'network-only' });
              }}>定稿本季度合并</button>
            </p>
          )}
          {finDone ? <p role="status">{finDone}</p> : null}
          <section aria-labelledby="by-dept">
            <h2 id="by-dept">按部门</h2>
            {m.byDepartment.length === 0 ? <Empty>本季度没有部门计划。</Empty> : (
              <Paged rows={m.byDepartment} caption="按部门" head={['部门', '计划', '并入联合', '单独', '去除', '豁免']}
                row={(d) => <tr key={d.department}><td>{deptName(d.department)}</td><td>{d.planned}</td><td>{d.joined}</td><td>{d.alone}</td><td>{d.removed}</td><td>{d.exempt}</td></tr>} />
            )}
          </section>
          <section aria-labelledby="by-industry">
            <h2 id="by-industry">按行业</h2>
            {m.byIndustry.length === 0 ? <Empty>本季度没有受检企业。</Empty> : (
              <Paged rows={m.byIndustry} caption="按行业" head={['行业代码', '企业', '联合检查', '有重复检查的企业']}
                row={(d) => <tr key={d.industryCode}><td>{d.industryCode}</td><td>{d.businesses}</td><td>{d.jointVisits}</td><td>{d.businessesWithRepeats}</td></tr>} />
            )}
          </section>
          <Townships key={m.period} usccs={usccs} />
          <section aria-labelledby="visits">
            <h2 id="visits">检查（{m.visits.length}）</h2>
            {m.visits.length === 0 ? <Empty>本季度没有检查。</Empty> : (
              <Paged rows={m.visits} caption="检查" head={['企业', '方式', '部门', '事项', '任务', '理由']}
                row={(v, i) => <tr key={i}><td>{v.uscc}</td><td>{KIND[norm(v.kind)] ?? v.kind}</td><td>{v.departments.map(deptName).join('、')}</td><td>{v.itemCodes.join('、')}</td><td>{v.taskRefs.join('、')}</td><td>{v.why}</td></tr>} />
            )}
          </section>
          <section aria-labelledby="decisions">
            <h2 id="decisions">合并决定（{m.decisions.length}）</h2>
            {m.decisions.length === 0 ? <Empty>没有合并决定。</Empty> : (
              <Paged rows={m.decisions} caption="合并决定" head={['企业', '部门', '任务', '结果', '规则', '豁免', '理由']}
                row={(d, i) => <tr key={i}><td>{d.uscc}</td><td>{deptName(d.department)}</td><td>{d.taskId}</td><td>{d.outcome}</td><td>{d.rule}</td><td>{d.exemption ?? '—'}</td><td>{d.why}</td></tr>} />
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
