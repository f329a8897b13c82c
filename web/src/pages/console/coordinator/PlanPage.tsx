/**
 * One joint plan from creation to inspection codes: who joined (department admins join here with
 * their own claimed, joinable items), the commitment (its hash to publish), the draw (businesses
 * and teams), publication, and the codes with their printable sheet.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import {
  CommitJointDrawDocument, CoordinatorPlanDocument, DrawJointPlanDocument, IssueJointCodesDocument, JoinJointPlanDocument,
  JoinableItemsDocument, PlanCodesDocument, PlanRatingsDocument, PublishJointDrawDocument, type Department, type CoordinatorPlanFragment,
} from '../../../api/generated/graphql.js';
import { currentUser } from '../../../lib/auth.js';
import { apiErrors, errorsByField, type ApiError } from '../../../lib/errors.js';
import { randomHex } from '../../../lib/random.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { Empty, ErrorList, FieldErrors, Loading } from '../../../ui.js';
import { PLAN_STATUS } from './PlansPage.js';
import { BASE, norm, deptName, toEnum } from './util.js';

const seedKey = (planId: string) => `yiye.seed.${planId}`;
const ROLE: Record<string, string> = { leader: '组长', member: '组员', expert: '专家' };

const randomSeed = () => randomHex(16);

function JoinForm({ plan, department }: { plan: CoordinatorPlanFragment; department: string }) {
  const [{ data, fetching, error }] = useQuery({ query: JoinableItemsDocument, variables: { department: toEnum<Department>(department) } });
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [done, setDone] = useState('');
  const [, join] = useMutation(JoinJointPlanDocument);
  const items = (data?.inspectionItems.nodes ?? []).filter((i) => i.joinable && i.targetIndustries.some((x) => plan.industryCodes.includes(x)));
  const { byField, other } = errorsByField(errors, ['itemCodes', 'planId']);
  const joined = plan.participations.find((p) => norm(p.department) === norm(department));
  return (
    <section aria-labelledby="join">
      <h2 id="join">以{deptName(department)}事项加入</h2>
      {joined ? <p>本部门已于 {joined.joinedAt} 加入（{joined.itemCodes.join('、')}）；再次提交将替换本部门的事项。</p> : null}
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="本部门可加入的事项" /> : null}
      {data && items.length === 0 ? <Empty>本部门没有适用于这些行业、已认领且可联合的事项。</Empty> : null}
      {items.length > 0 ? (
        <form onSubmit={async (e) => {
          e.preventDefault();
          setErrors([]);
          setDone('');
          const r = await join({ planId: plan.id, itemCodes: chosen });
          if (r.error) return setErrors(apiErrors(r.error));
          setDone(`已加入：${chosen.join('、')}`);
        }}>
          <fieldset aria-describedby="join-items-err">
            <legend>选择事项</legend>
            {items.map((i) => (
              <label key={i.code} className="check">
                <input type="checkbox" checked={chosen.includes(i.code)} onChange={(e) => setChosen(e.target.checked ? [...chosen, i.code] : chosen.filter((c) => c !== i.code))} />
                {i.code} {i.name}
              </label>
            ))}
          </fieldset>
          <FieldErrors id="join-items-err" messages={byField.itemCodes} />
          <ErrorList errors={other} />
          <p><button type="submit">加入计划</button></p>
          {done ? <p role="status">{done}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

function CommitForm({ plan }: { plan: CoordinatorPlanFragment }) {
  const [seed, setSeed] = useState(() => localStorage.getItem(seedKey(plan.id)) ?? randomSeed());
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [{ fetching }, commit] = useMutation(CommitJointDrawDocument);
  const { byField, other } = errorsByField(errors, ['seedHash', 'planId']);
  return (
    <section aria-labelledby="commit">
      <h2 id="commit">抽签承诺</h2>
      <p>提交种子的哈希（SHA-256，在本浏览器计算）；种子本身保存在本机，抽签时再公开。</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setErrors([]);
        localStorage.setItem(seedKey(plan.id), seed);
        const r = await commit({ planId: plan.id, seedHash: await sha256Hex(seed) });
        if (r.error) setErrors(apiErrors(r.error));
      }}>
        <label htmlFor="seed">抽签种子（请妥善保存）</label>
        <input id="seed" className="hash" size={40} value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby="seed-err" />
        <FieldErrors id="seed-err" messages={byField.seedHash} />
        <ErrorList errors={other} />
        <p><button type="submit" disabled={fetching}>提交承诺</button></p>
      </form>
    </section>
  );
}

function DrawForm({ plan }: { plan: CoordinatorPlanFragment }) {
  const [seed, setSeed] = useState(() => localStorage.getItem(seedKey(plan.id)) ?? '');
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [{ fetching }, draw] = useMutation(DrawJointPlanDocument);
  const { byField, other } = errorsByField(errors, ['seed', 'planId']);
  return (
    <section aria-labelledby="draw">
      <h2 id="draw">抽签</h2>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setErrors([]);
        const r = await draw({ planId: plan.id, seed });
        if (r.error) setErrors(apiErrors(r.error));
      }}>
        <label htmlFor="draw-seed">抽签种子（与承诺的种子哈希一致）</label>
        <input id="draw-seed" className="hash" size={40} value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby="draw-seed-err" />
        <FieldErrors id="draw-seed-err" messages={byField.seed} />
        <ErrorList errors={other} />
        <p><button type="submit" disabled={fetching}>抽签</button></p>
      </form>
    </section>
  );
}

function Codes({ plan }: { plan: CoordinatorPlanFragment }) {
  const [{ data, fetching: listing, error }, refetch] = useQuery({ query: PlanCodesDocument, variables: { planId: plan.id, after: null }, requestPolicy: 'cache-and-network' });
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [issued, setIssued] = useState<number | null>(null);
  const [{ fetching }, issue] = useMutation(IssueJointCodesDocument);
  const codes = data?.jointInspectionCodes;
  return (
    <section aria-labelledby="codes">
      <h2 id="codes">检查码</h2>
      <p>
        <button type="button" disabled={fetching} onClick={async () => {
          setErrors([]);
          const r = await issue({ planId: plan.id });
          if (r.error) return setErrors(apiErrors(r.error));
          setIssued(r.data!.issueJointInspectionCodes.length);
          refetch({ requestPolicy: 'network-only' });
        }}>签发检查码</button>{' '}
        <Link href={`${BASE}/plans/${encodeURIComponent(plan.id)}/codes`}>打印检查码（A4）</Link>
      </p>
      <ErrorList errors={[...errors, ...apiErrors(error)]} />
      {issued !== null ? <p role="status">已签发 {issued} 个检查码（重复签发返回同一批检查码）。</p> : null}
      {listing && !codes ? <Loading what="已签发的检查码" /> : null}
      {codes && codes.nodes.length === 0 ? <Empty>尚未签发检查码。</Empty> : null}
      {codes && codes.nodes.length > 0 ? (
        <table id="codes-table">
          <caption className="sr-only">已签发的检查码（共 {codes.totalCount} 个）</caption>
          <thead><tr><th scope="col">检查码编号</th><th scope="col">统一社会信用代码</th><th scope="col">检查人员</th><th scope="col">有效期</th><th scope="col">状态</th></tr></thead>
          <tbody>
            {codes.nodes.map((c) => (
              <tr key={c.codeId}><td>{c.codeId}</td><td>{c.uscc}</td><td>{c.certificateNumbers.join('、')}</td><td>{c.validFrom} 至 {c.validUntil}</td><td>{c.revokedAt ? `已作废：${c.revocationReason}` : '有效'}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** 检查评价: what the drawn businesses said of the visits (inspectionVisitRatings). */
function Ratings({ plan }: { plan: CoordinatorPlanFragment }) {
  const [{ data, fetching, error }] = useQuery({ query: PlanRatingsDocument, variables: { planId: plan.id }, requestPolicy: 'cache-and-network' });
  const r = data?.inspectionVisitRatings?.find((x) => x.taskId === plan.id);
  return (
    <section aria-labelledby="ratings">
      <h2 id="ratings">企业评价</h2>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !data ? <Loading what="企业评价" /> : null}
      {data && !r ? <Empty>尚无企业评价。</Empty> : null}
      {r ? (
        <>
          <dl className="facts" id="ratings-summary">
            <dt>评价数</dt><dd>{r.count}</dd>
            <dt>平均分</dt><dd>{r.averageScore ?? '—'}（满分 5 分）</dd>
            <dt>各分值</dt><dd>{r.scoreCounts.map((n, i) => `${i + 1} 分 ${n} 条`).join('，')}</dd>
            <dt>留言数</dt><dd>{r.commentCount}</dd>
          </dl>
          {r.latestComments.length > 0 ? (
            <table id="ratings-comments">
              <caption>最近的留言</caption>
              <thead><tr><th scope="col">统一社会信用代码</th><th scope="col">评分</th><th scope="col">留言</th><th scope="col">评价时间</th></tr></thead>
              <tbody>
                {r.latestComments.map((c) => (
                  <tr key={`${c.uscc}-${c.ratedAt}`}><td>{c.uscc}</td><td>{c.score}</td><td>{c.comment}</td><td>{c.ratedAt}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export function PlanPage({ planId }: { planId: string }) {
  const user = currentUser();
  const [{ data, fetching, error }] = useQuery({ query: CoordinatorPlanDocument, variables: { id: planId } });
  const [pubErrors, setPubErrors] = useState<ApiError[]>([]);
  const [, publish] = useMutation(PublishJointDrawDocument);
  const plan = data?.jointPlan;
  const coordinator = !!user?.roles.includes('coordinator');
  const dept = user?.roles.includes('department-admin') ? user.department : undefined;
  return (
    <>
      <h1>联合抽查计划 {planId}</h1>
      <ErrorList errors={apiErrors(error)} />
      {fetching && !plan ? <Loading what="计划" /> : null}
      {plan ? (
        <>
          <dl className="facts">
            <dt>名称</dt><dd>{plan.title}</dd>
            <dt>状态</dt><dd id="plan-status">{PLAN_STATUS[norm(plan.status)] ?? plan.status}</dd>
            <dt>季度</dt><dd>{plan.period}（{plan.windowStart} 至 {plan.windowEnd}）</dd>
            <dt>行业</dt><dd>{plan.industryCodes.join('、')}</dd>
            <dt>乡镇</dt><dd>{plan.regionCode ?? '全县'}</dd>
            <dt>发起部门</dt><dd>{deptName(plan.initiatingDepartment)}</dd>
            <dt>受邀部门</dt><dd>{plan.invitedDepartments.map(deptName).join('、')}</dd>
            <dt>抽查比例</dt><dd>A {plan.ratios.A}% · B {plan.ratios.B}% · C {plan.ratios.C}% · D {plan.ratios.D}%</dd>
            <dt>工作量上限</dt><dd>{plan.workloadCap}</dd>
          </dl>
          <section aria-labelledby="joined">
            <h2 id="joined">已加入的部门</h2>
            {plan.participations.length === 0 ? <Empty>尚无部门加入。</Empty> : (
              <table>
                <caption className="sr-only">已加入的部门</caption>
                <thead><tr><th scope="col">部门</th><th scope="col">事项</th><th scope="col">加入人</th><th scope="col">加入时间</th></tr></thead>
                <tbody>
                  {plan.participations.map((p) => (
                    <tr key={p.department}>
                      <td>{p.departmentName || deptName(p.department)}</td>
                      <td>{p.items.map((i) => `${i.code} ${i.name}`).join('；')}</td>
                      <td>{p.joinedBy}</td><td>{p.joinedAt}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {dept && norm(plan.status) === 'open' && [plan.initiatingDepartment, ...plan.invitedDepartments].map(norm).includes(norm(dept)) ? <JoinForm plan={plan} department={dept} /> : null}
          {plan.commitment ? (
            <section aria-labelledby="commitment">
              <h2 id="commitment">承诺（抽签前公布）</h2>
              <dl className="facts">
                <dt>承诺哈希</dt><dd className="hash" id="commitment-hash">{plan.commitment.commitmentHash}</dd>
                <dt>种子哈希</dt><dd className="hash">{plan.commitment.seedHash}</dd>
                <dt>名录池哈希</dt><dd className="hash">{plan.commitment.poolHash}</dd>
                <dt>名录池</dt><dd>{plan.commitment.poolSize} 户（排除 {plan.commitment.excludedCount} 户）</dd>
                <dt>算法</dt><dd>{plan.commitment.algorithm}</dd>
                <dt>承诺时间</dt><dd>{plan.commitment.committedAt}</dd>
              </dl>
              <p>请在抽签前将承诺哈希对外公布。</p>
            </section>
          ) : null}
          {coordinator && norm(plan.status) === 'open' ? <CommitForm plan={plan} /> : null}
          {coordinator && norm(plan.status) === 'committed' ? <DrawForm plan={plan} /> : null}
          {plan.draw ? (
            <section aria-labelledby="drawn">
              <h2 id="drawn">抽中的企业与检查组（{plan.draw.taskCount} 户）</h2>
              <p className="muted">种子 <span className="hash">{plan.draw.seed}</span>，抽签时间 {plan.draw.drawnAt}；{plan.draw.byClass.map((c) => `${c.riskClass}类 ${c.quota}/${c.poolSize}`).join('，')}</p>
              <table id="drawn-table">
                <caption className="sr-only">抽中的企业与检查组</caption>
                <thead><tr><th scope="col">企业</th><th scope="col">统一社会信用代码</th><th scope="col">信用分类</th><th scope="col">部门与事项</th><th scope="col">检查组</th></tr></thead>
                <tbody>
                  {plan.draw.tasks.nodes.map((t) => (
                    <tr key={t.uscc}>
                      <td>{t.enterprise.name}<br /><span className="muted">{t.enterprise.regionName}</span></td>
                      <td>{t.uscc}</td><td>{t.drawClass}</td>
                      <td>{t.departments.map(deptName).join('、')}：{t.itemCodes.join('、')}</td>
                      <td>{t.team.map((m) => `${m.certificateNumber}（${deptName(m.department)}${ROLE[norm(m.role)] ?? m.role}）`).join('；')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {coordinator && norm(plan.status) === 'drawn' ? (
                <p><button type="button" onClick={async () => {
                  setPubErrors([]);
                  const r = await publish({ planId: plan.id });
                  if (r.error) setPubErrors(apiErrors(r.error));
                }}>公布抽签结果</button></p>
              ) : null}
              <ErrorList errors={pubErrors} />
            </section>
          ) : null}
          {coordinator && norm(plan.status) === 'published' ? <Codes plan={plan} /> : null}
          {coordinator && norm(plan.status) === 'published' ? <Ratings plan={plan} /> : null}
        </>
      ) : null}
    </>
  );
}
