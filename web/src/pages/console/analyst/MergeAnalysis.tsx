/**
 * A quarter's merge (jointMerge): visits per business, and repeat hot spots (businesses whose
 * repeated inspections the merge removed or exempted) by industry and by township. The township
 * of each hot-spot business is read from the register, one business at a time.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useClient, useQuery } from 'urql';
import { AnalystEnterpriseBriefDocument, AnalystMergeDocument, type Department } from '../../../api/generated/graphql.js';
import { apiErrors, errorsByField } from '../../../lib/errors.js';
import { departmentName } from '../../../lib/labels.js';
import { DEPARTMENTS } from '../../../../../shared/domain/departments.js';
import { INDUSTRIES, REGIONS } from '../../../../../shared/domain/industries.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { downloadCsv } from './csv.js';
import { groupRepeats, visitsPerBusiness } from './merge-figures.js';

const PAGE = 20;

interface Brief { industryCode: string; regionCode: string; name: string }

export function MergeAnalysis() {
  const [form, setForm] = useState({ period: '', department: '' });
  const [applied, setApplied] = useState({ period: '', department: '' });
  const [page, setPage] = useState(0);
  const [{ data, fetching, error }] = useQuery({
    query: AnalystMergeDocument,
    variables: { period: applied.period, department: applied.department ? (applied.department.toUpperCase().replace(/-/g, '_') as Department) : null },
    pause: !applied.period,
  });
  const { byField, other } = errorsByField(apiErrors(error), ['period', 'department']);
  const merge = data?.jointMerge;

  const perBusiness = useMemo(() => visitsPerBusiness(merge?.visits ?? [], merge?.decisions ?? []), [merge]);
  const hot = perBusiness.filter((b) => b.repeats > 0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ period: form.period.trim(), department: form.department });
    setPage(0);
  };

  return (
    <section aria-labelledby="merge-heading">
      <h2 id="merge-heading">检查次数与重复热点</h2>
      <form onSubmit={submit} className="filters" aria-label="选择季度">
        <p>
          <label htmlFor="merge-period">季度</label>
          <input id="merge-period" value={form.period} placeholder="如 2026-Q4" onChange={(e) => setForm({ ...form, period: e.target.value })}
            aria-invalid={byField.period ? true : undefined} aria-describedby={byField.period ? 'period-error' : undefined} />
          <FieldErrors id="period-error" messages={byField.period} />
        </p>
        <p>
          <label htmlFor="merge-department">部门</label>
          <select id="merge-department" value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })}
            aria-invalid={byField.department ? true : undefined} aria-describedby={byField.department ? 'department-error' : undefined}>
            <option value="">全部部门</option>
            {DEPARTMENTS.map((d) => <option key={d.code} value={d.code}>{d.nameZh}</option>)}
          </select>
          <FieldErrors id="department-error" messages={byField.department} />
        </p>
        <p><button type="submit">查看</button></p>
      </form>
      <ErrorList errors={other} />
      {!applied.period ? <p className="muted">输入季度（如 2026-Q4），查看该季度合并后每户企业的检查次数和重复检查热点。</p> : null}
      {applied.period && fetching && !merge ? <Loading what="合并结果" /> : null}
      {merge ? (
        <>
          {!merge.complete ? <p role="alert" className="error">有部门未响应，以下数字可能不全。</p> : null}
          <p>
            {merge.period}：合并前 {merge.figures.visitsBefore} 次，合并后 {merge.figures.visitsAfter} 次（联合 {merge.figures.jointVisits} 次），减少 {merge.figures.visitsAvoided} 次；
            去除重复 {merge.figures.removedRepeats} 次；检查企业 {merge.figures.businessesInspected} 户。{merge.finalized ? '已定稿。' : '未定稿。'}
          </p>
          <h3 id="per-business-heading">每户企业的检查次数</h3>
          {perBusiness.length === 0 ? <Empty>该季度没有检查。</Empty> : (
            <>
              <table id="visits-per-business" aria-labelledby="per-business-heading">
                <thead><tr><th scope="col">统一社会信用代码</th><th scope="col">上门次数</th><th scope="col">其中联合</th><th scope="col">部门</th><th scope="col">合并掉的重复</th></tr></thead>
                <tbody>
                  {perBusiness.slice(page * PAGE, (page + 1) * PAGE).map((b) => (
                    <tr key={b.uscc}><th scope="row">{b.uscc}</th><td>{b.visits}</td><td>{b.joint}</td><td>{b.departments.map(departmentName).join('、')}</td><td>{b.repeats}</td></tr>
                  ))}
                </tbody>
              </table>
              <nav aria-label="检查次数分页" className="pager">
                <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>上一页</button>
                <span>第 {page + 1} / {Math.ceil(perBusiness.length / PAGE)} 页</span>
                <button type="button" disabled={(page + 1) * PAGE >= perBusiness.length} onClick={() => setPage(page + 1)}>下一页</button>
              </nav>
              <p>
                <button type="button" onClick={() => downloadCsv(`visits-per-business-${merge.period}.csv`, ['统一社会信用代码', '上门次数', '其中联合', '部门', '合并掉的重复'],
                  perBusiness.map((b) => [b.uscc, b.visits, b.joint, b.departments.map(departmentName).join(' '), b.repeats]))}>导出检查次数（CSV）</button>
              </p>
            </>
          )}
          <HotSpots hot={hot} period={merge.period} byIndustry={merge.byIndustry} />
        </>
      ) : null}
    </section>
  );
}

function HotSpots({ hot, period, byIndustry }: { hot: { uscc: string; repeats: number }[]; period: string; byIndustry: { industryCode: string; businesses: number; businessesWithRepeats: number }[] }) {
  const client = useClient();
  const [briefs, setBriefs] = useState<Record<string, Brief | null>>({});
  const key = hot.map((h) => h.uscc).join(',');
  useEffect(() => {
    let live = true;
    (async () => {
      const out: Record<string, Brief | null> = {};
      for (const h of hot) {
        const r = await client.query(AnalystEnterpriseBriefDocument, { uscc: h.uscc }).toPromise();
        out[h.uscc] = r.data?.enterprise ?? null;
        if (!live) return;
      }
      setBriefs(out);
    })();
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, client]);
  const loaded = hot.every((h) => h.uscc in briefs);
  const industryName = (c: string) => INDUSTRIES[c]?.nameZh ?? c;
  const byTownship = loaded ? groupRepeats(hot, (u) => briefs[u]?.regionCode ?? null) : [];
  const industries = byIndustry.filter((i) => i.businessesWithRepeats > 0).sort((a, b) => b.businessesWithRepeats - a.businessesWithRepeats);

  return (
    <>
      <h3 id="hot-industry-heading">重复检查热点：按行业</h3>
      {industries.length === 0 ? <Empty>该季度没有重复检查。</Empty> : (
        <>
          <table id="hot-by-industry" aria-labelledby="hot-industry-heading">
            <thead><tr><th scope="col">行业</th><th scope="col">检查企业数</th><th scope="col">有重复检查的企业数</th></tr></thead>
            <tbody>{industries.map((i) => <tr key={i.industryCode}><th scope="row">{i.industryCode} {industryName(i.industryCode)}</th><td>{i.businesses}</td><td>{i.businessesWithRepeats}</td></tr>)}</tbody>
          </table>
          <p><button type="button" onClick={() => downloadCsv(`repeat-hot-spots-by-industry-${period}.csv`, ['行业代码', '行业', '检查企业数', '有重复检查的企业数'],
            industries.map((i) => [i.industryCode, industryName(i.industryCode), i.businesses, i.businessesWithRepeats]))}>导出行业热点（CSV）</button></p>
        </>
      )}
      <h3 id="hot-township-heading">重复检查热点：按乡镇</h3>
      {hot.length === 0 ? <Empty>该季度没有重复检查。</Empty> : !loaded ? <Loading what="企业所在乡镇" /> : (
        <>
          <table id="hot-by-township" aria-labelledby="hot-township-heading">
            <thead><tr><th scope="col">乡镇</th><th scope="col">有重复检查的企业数</th><th scope="col">合并掉的重复次数</th></tr></thead>
            <tbody>{byTownship.map(([code, g]) => <tr key={code}><th scope="row">{REGIONS[code] ?? code}（{code}）</th><td>{g.businesses}</td><td>{g.repeats}</td></tr>)}</tbody>
          </table>
          <p><button type="button" onClick={() => downloadCsv(`repeat-hot-spots-by-township-${period}.csv`, ['乡镇代码', '乡镇', '有重复检查的企业数', '合并掉的重复次数'],
            byTownship.map(([code, g]) => [code, REGIONS[code] ?? '', g.businesses, g.repeats]))}>导出乡镇热点（CSV）</button></p>
        </>
      )}
    </>
  );
}
