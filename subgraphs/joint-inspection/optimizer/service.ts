import type { EntityManager } from '@mikro-orm/postgresql';
import { RISK_CLASSES, type RiskClass } from '../../../shared/domain/draw.js';
import { findDepartment, OFFICE } from '../../../shared/domain/departments.js';
import { INDUSTRIES, isKnownIndustry, REGIONS } from '../../../shared/domain/industries.js';
import { workingDaysBetween } from '../../../shared/domain/working-days.js';
import { byKey } from '../../../shared/platform/pagination.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { remoteRegister } from '../../../shared/department/register.js';
import { CONTRACT_INSPECTORS_QUERY, CONTRACT_TARGET_LIST_QUERY, type ContractInspector } from '../../../shared/department/contract.js';
import { serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { AnnualPlanRow, AnnualPlanVersionRow } from '../../../shared/inspection/annual-plan.js';
import { periodWindow } from '../../../shared/inspection/task-service.js';
import { nextId } from '../../../shared/inspection/draw-procedure.js';
import { uniqueOrConflict } from '../../../shared/platform/versioned.js';
import * as clock from '../../../shared/platform/clock.js';
import { askAllDepartments } from '../department-client.js';
import { itemsAt } from '../items/service.js';
import { CONCURRENT_PLAN, insertJointPlan, jointPlanInspections, validateJointPlan } from '../plans/service.js';
import type { JointPlanRow } from '../plans/entities.js';
import { DEFAULT_TARGETS, evaluate, greedyBaseline, type Evaluation, type ModelData, type ModelDemand, type ModelIndustry, type Targets } from './model.js';
import { propose, type Proposal } from './solve.js';
import { JointPlanProposalRow } from './entities.js';

/**
 * The plan optimizer's data and its two steps (docs/optimizer.md):
 * - `proposeJointPlans` gathers the model's inputs — the item list and claims and the office's
 *   annual plan in force (here), every department's target directory (`departmentTargetList`) and
 *   active inspectors (`departmentInspectorsForDraw`), the register's industry, township and class
 *   of those businesses (`registeredEnterprises`), the year's inspections so far for the yearly
 *   caps (`departmentInspections` and this service's joint draws) — only through the department
 *   contract, solves the model (solve.ts) and stores the proposal with its inputs;
 * - `acceptJointPlanProposal` creates the proposal's joint plans, open (draft) like any other, in
 *   one transaction through the same path as `createJointPlan` (plans/service.ts).
 */

/** Visits one inspector makes on a day of random inspections (a visit's inspector-days = team ÷ this). */
export const DEFAULT_VISITS_PER_DAY = 2;
/** Share of an inspector's working days that goes to random inspections (the rest: licensing, complaints, cases…). */
export const DEFAULT_INSPECTION_DAY_SHARE = 0.5;
export const MAX_TIME_LIMIT_SECONDS = 60;

export interface CapacityInput {
  department: string;
  activeInspectors?: number | null;
  visitsPerDay?: number | null;
  inspectionDayShare?: number | null;
}

export interface ProposeInput {
  period: string;
  regionCode?: string | null;
  industryCodes?: string[] | null;
  jointShareByCount?: number | null;
  jointShareByBusinesses?: number | null;
  plannedByClassShare?: number | null;
  visitsPerDay?: number | null;
  inspectionDayShare?: number | null;
  capacities?: CapacityInput[] | null;
  timeLimitSeconds?: number | null;
}

export interface StoredAnswer extends Omit<Proposal, 'lp'> {
  workingDays: number;
  departments: { department: string; activeInspectors: number; visitsPerDay: number; inspectionDayShare: number }[];
  /** Items left out of joint plans because the office's annual plan in force does not list them. */
  notInOfficePlan: string[];
  baselines: { alone: Evaluation; greedy: Evaluation };
}

const share = (field: string, value: number | null | undefined, fallback: number) => {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw badInput(field, `比例应在0到1之间（例如0.45），收到${v} / a share is between 0 and 1 (e.g. 0.45), got ${v}`);
  return v;
};

const perDay = (field: string, v: number) => {
  if (!Number.isFinite(v) || v <= 0 || v > 20) throw badInput(field, `每名检查人员每个工作日的检查次数应大于0且不超过20，收到${v} / visits a day must be above 0 and at most 20, got ${v}`);
  return v;
};

/** Checks the input; every refusal is BAD_USER_INPUT naming its field. */
export function checkProposeInput(input: ProposeInput) {
  const window = periodWindow(input.period);
  const regionCode = input.regionCode ?? null;
  if (regionCode !== null && !Object.hasOwn(REGIONS, regionCode)) {
    throw badInput('input.regionCode', `区划代码“${regionCode}”不是本县的乡镇 / "${regionCode}" is not a township of the county`);
  }
  const industryCodes = input.industryCodes == null ? null : [...new Set(input.industryCodes)];
  if (industryCodes && industryCodes.length === 0) throw badInput('input.industryCodes', '行业代码列表不能为空（不填则为全部行业） / give at least one industry code, or leave it out for every industry');
  const unknown = industryCodes?.find((c) => !isKnownIndustry(c));
  if (unknown !== undefined) throw badInput('input.industryCodes', `行业代码“${unknown}”不在国民经济行业分类目录（GB/T 4754-2017）中 / "${unknown}" is not a known GB/T 4754-2017 industry code`);
  const targets: Targets = {
    jointShareByCount: share('input.jointShareByCount', input.jointShareByCount, DEFAULT_TARGETS.jointShareByCount),
    jointShareByBusinesses: share('input.jointShareByBusinesses', input.jointShareByBusinesses, DEFAULT_TARGETS.jointShareByBusinesses),
    plannedByClass: share('input.plannedByClassShare', input.plannedByClassShare, DEFAULT_TARGETS.plannedByClass),
  };
  const visitsPerDay = perDay('input.visitsPerDay', input.visitsPerDay ?? DEFAULT_VISITS_PER_DAY);
  const inspectionDayShare = share('input.inspectionDayShare', input.inspectionDayShare, DEFAULT_INSPECTION_DAY_SHARE);
  const capacities = new Map<string, CapacityInput>();
  for (const c of input.capacities ?? []) {
    const dep = findDepartment(c.department);
    if (!dep || c.department === OFFICE.code) throw badInput('input.capacities', `部门“${c.department}”不是检查部门 / "${c.department}" is not an inspecting department`);
    if (capacities.has(c.department)) throw badInput('input.capacities', `部门${c.department}的能力填写了两次 / ${c.department} is given twice`);
    if (c.activeInspectors != null && (!Number.isInteger(c.activeInspectors) || c.activeInspectors < 0)) {
      throw badInput('input.capacities', `在岗检查人员数应为非负整数，收到${c.activeInspectors} / activeInspectors must be a whole number ≥ 0, got ${c.activeInspectors}`);
    }
    if (c.visitsPerDay != null) perDay('input.capacities', c.visitsPerDay);
    if (c.inspectionDayShare != null) share('input.capacities', c.inspectionDayShare, 0);
    capacities.set(c.department, c);
  }
  const timeLimitSeconds = input.timeLimitSeconds ?? 10;
  if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0 || timeLimitSeconds > MAX_TIME_LIMIT_SECONDS) {
    throw badInput('input.timeLimitSeconds', `求解时限应在0到${MAX_TIME_LIMIT_SECONDS}秒之间，收到${timeLimitSeconds} / the time limit is above 0 and at most ${MAX_TIME_LIMIT_SECONDS} s, got ${timeLimitSeconds}`);
  }
  return { period: input.period, window, regionCode, industryCodes, targets, visitsPerDay, inspectionDayShare, capacities, timeLimitSeconds };
}

type Checked = ReturnType<typeof checkProposeInput>;

/** The office's annual plan in force for the year: the items a joint plan may carry (requirePlanInForce's rule). */
async function officePlanItems(em: EntityManager, year: number): Promise<Set<string>> {
  const plan = await em.findOne(AnnualPlanRow, { department: OFFICE.code, year });
  if (!plan || plan.status === 'closed' || plan.versionInForce == null) return new Set();
  const version = await em.findOne(AnnualPlanVersionRow, { planId: plan.id, number: plan.versionInForce });
  return new Set(version?.itemCodes ?? []);
}

const INSPECTIONS_QUERY = 'query ($period: String!) { departmentInspections(period: $period) { department uscc taskId } }';
const TARGET_LIST_QUERY = `query { ${CONTRACT_TARGET_LIST_QUERY} }`;
const INSPECTORS_QUERY = `query ($period: String!, $usccs: [String!]!) { ${CONTRACT_INSPECTORS_QUERY}(period: $period, usccs: $usccs) { status } }`;

/** One contract question to every department; any that does not answer stops the proposal. */
async function askEveryDepartment<T>(ctx: SubgraphContext, query: string, variables: Record<string, unknown>): Promise<Map<string, T>> {
  const answers = await askAllDepartments<T>(ctx.identity, query, variables);
  const failed = answers.filter((a) => !a.ok);
  if (failed.length) {
    throw serviceFailure(failed, `${failed.map((a) => a.subgraph).join('、')}暂时无法应答，方案需要每个部门的数据`, 'a proposal needs every department, and some did not answer', { field: 'input.period' });
  }
  return new Map(answers.map((a) => [a.subgraph, (a as { data: T }).data]));
}

/** The model's inputs from the item list, the office's plan and every department (see the module comment). */
export async function gatherModelData(ctx: SubgraphContext, c: Checked): Promise<{ data: ModelData; workingDays: number; departments: StoredAnswer['departments']; notInOfficePlan: string[] }> {
  let workingDays: number;
  try {
    workingDays = workingDaysBetween(dayBefore(c.window.start), c.window.end);
  } catch {
    throw userError('PRECONDITION_FAILED', `${c.period.slice(0, 4)}年的节假日安排尚未录入，无法计算工作日 / the holiday calendar of ${c.period.slice(0, 4)} is missing: working days cannot be counted`, {
      field: 'input.period',
      reason: 'holiday-calendar-missing',
    });
  }
  const inPlan = await officePlanItems(ctx.em, Number(c.period.slice(0, 4)));
  const items = (await itemsAt(ctx.em, undefined, { status: 'published' })).filter((i) => i.claimed);
  const wanted = (code: string) => !c.industryCodes || c.industryCodes.includes(code);

  // Demands per industry and department: the highest ratio of its claimed items there.
  const demandOf = new Map<string, Map<string, ModelDemand & { cap: number }>>();
  const notInOfficePlan = new Set<string>();
  for (const item of items) {
    const joinable = item.joinable && inPlan.has(item.code);
    if (item.joinable && !inPlan.has(item.code)) notInOfficePlan.add(item.code);
    for (const industry of item.targetIndustries.filter(wanted)) {
      const byDep = demandOf.get(industry) ?? new Map();
      demandOf.set(industry, byDep);
      const d = byDep.get(item.department) ?? { department: item.department, ratios: { A: 0, B: 0, C: 0, D: 0 }, minInspectors: 1, joinable: true, itemCodes: [], cap: Infinity };
      for (const k of RISK_CLASSES) d.ratios[k] = Math.max(d.ratios[k], item.ratios[k]);
      d.minInspectors = Math.max(d.minInspectors, item.minInspectors);
      d.joinable &&= joinable;
      d.itemCodes.push(item.code);
      d.cap = Math.min(d.cap, item.yearlyCap);
      byDep.set(item.department, d);
    }
  }

  // Directories, the register, inspections of the year, inspectors: every department at once.
  const [lists, inspections, inspectors] = await Promise.all([
    askEveryDepartment<Record<string, string[]>>(ctx, TARGET_LIST_QUERY, {}),
    askEveryDepartment<{ departmentInspections: { department: string; uscc: string }[] }>(ctx, INSPECTIONS_QUERY, { period: c.period }),
    askEveryDepartment<{ departmentInspectorsForDraw: Pick<ContractInspector, 'status'>[] }>(ctx, INSPECTORS_QUERY, { period: c.period, usccs: [] }),
  ]);
  const holders = new Map<string, string[]>();
  for (const [department, list] of lists) for (const u of list[CONTRACT_TARGET_LIST_QUERY]) holders.set(u, [...(holders.get(u) ?? []), department]);
  const register = await remoteRegister(ctx, [...holders.keys()].sort(byKey));
  const done = new Map<string, number>();
  const count = (department: string, uscc: string) => done.set(`${department}|${uscc}`, (done.get(`${department}|${uscc}`) ?? 0) + 1);
  for (const a of inspections.values()) for (const r of a.departmentInspections) count(r.department, r.uscc);
  for (const p of await jointPlanInspections(ctx.em, c.period)) count(p.department, p.uscc);

  // Pools: businesses per industry by (departments holding them, departments at their cap), per class.
  const pools = new Map<string, Map<string, { departments: string[]; capped: string[]; counts: Record<RiskClass, number> }>>();
  for (const [uscc, deps] of holders) {
    const e = register.get(uscc);
    if (!e || e.status !== 'operating' || !demandOf.has(e.industryCode) || (c.regionCode && e.regionCode !== c.regionCode)) continue;
    const demands = demandOf.get(e.industryCode)!;
    const departments = deps.filter((d) => demands.has(d)).sort(byKey);
    if (!departments.length) continue;
    const capped = departments.filter((d) => (done.get(`${d}|${uscc}`) ?? 0) >= demands.get(d)!.cap);
    const key = `${departments.join(',')}|${capped.join(',')}`;
    const byKeyMap = pools.get(e.industryCode) ?? new Map();
    pools.set(e.industryCode, byKeyMap);
    const pool = byKeyMap.get(key) ?? { departments, capped, counts: { A: 0, B: 0, C: 0, D: 0 } };
    pool.counts[e.creditRiskClass as RiskClass]++;
    byKeyMap.set(key, pool);
  }

  const departments = [...lists.keys()].map((department) => {
    const given = c.capacities.get(department);
    const active = given?.activeInspectors ?? inspectors.get(department)!.departmentInspectorsForDraw.filter((i) => i.status === 'active').length;
    return { department, activeInspectors: active, visitsPerDay: given?.visitsPerDay ?? c.visitsPerDay, inspectionDayShare: given?.inspectionDayShare ?? c.inspectionDayShare };
  });
  const industries: ModelIndustry[] = [...demandOf.keys()]
    .filter((code) => pools.has(code))
    .sort(byKey)
    .map((code) => ({
      code,
      demands: [...demandOf.get(code)!.values()].map(({ cap: _cap, ...d }) => ({ ...d, itemCodes: [...d.itemCodes].sort(byKey) })),
      pools: [...pools.get(code)!.values()],
    }));
  return {
    data: {
      // Capacity in inspector-visits: active inspectors × working days × their share on random inspections × visits a day.
      departments: departments.map((d) => ({ code: d.department, capacity: d.activeInspectors * workingDays * d.inspectionDayShare * d.visitsPerDay, visitsPerDay: d.visitsPerDay })),
      industries,
      targets: c.targets,
    },
    workingDays,
    departments,
    notInOfficePlan: [...notInOfficePlan].sort(byKey),
  };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function proposeJointPlans(ctx: SubgraphContext, input: ProposeInput): Promise<JointPlanProposalRow> {
  const checked = checkProposeInput(input);
  const gathered = await gatherModelData(ctx, checked);
  const { lp: _lp, ...proposal } = await propose(gathered.data, { timeLimitSeconds: checked.timeLimitSeconds });
  const answer: StoredAnswer = {
    ...proposal,
    workingDays: gathered.workingDays,
    departments: gathered.departments,
    notInOfficePlan: gathered.notInOfficePlan,
    baselines: { alone: evaluate(gathered.data, []), greedy: evaluate(gathered.data, greedyBaseline(gathered.data)) },
  };
  const prefix = `OPT-${checked.period.replace('-', '')}-`;
  return uniqueOrConflict('input', '同时有他人生成方案，请重试 / someone made a proposal at the same moment; try again', () =>
    ctx.em.transactional(async (tx) => {
      const row = tx.create(JointPlanProposalRow, {
        id: await nextId(tx, JointPlanProposalRow, prefix),
        period: checked.period,
        regionCode: checked.regionCode,
        status: proposal.status === 'infeasible' ? 'infeasible' : 'proposed',
        inputs: gathered.data,
        answer,
        acceptedPlanIds: [],
        version: 1,
        createdBy: ctx.identity.subject,
        createdAt: clock.now(),
      });
      await tx.flush();
      return row;
    }),
  );
}

export async function loadProposal(em: EntityManager, id: string): Promise<JointPlanProposalRow> {
  const row = await em.findOne(JointPlanProposalRow, { id });
  if (!row) throw notFound('proposalId', `方案“${id}”不存在 / there is no proposal "${id}"`);
  return row;
}

const industryName = (code: string) => INDUSTRIES[code]?.nameZh ?? code;

/**
 * Creates the proposal's joint plans, open, through createJointPlan's own checks and insert, all
 * in one transaction with the proposal marked accepted (its version checked: a second accept is CONFLICT).
 */
export async function acceptProposal(ctx: SubgraphContext, id: string): Promise<{ proposal: JointPlanProposalRow; plans: JointPlanRow[] }> {
  const proposal = await loadProposal(ctx.em, id);
  if (proposal.status !== 'proposed') {
    throw userError(
      proposal.status === 'accepted' ? 'CONFLICT' : 'PRECONDITION_FAILED',
      proposal.status === 'accepted'
        ? `方案${id}已被采纳（${proposal.acceptedPlanIds.join('、')}） / proposal ${id} was already accepted (${proposal.acceptedPlanIds.join(', ')})`
        : `方案${id}无可行解，不能采纳 / proposal ${id} has no feasible plan to accept`,
      { field: 'proposalId', status: proposal.status },
    );
  }
  const answer = proposal.answer as StoredAnswer;
  const [year, q] = proposal.period.split('-');
  const valid = answer.plans.map((p) =>
    validateJointPlan({
      title: `${year}年第${'一二三四'[Number(q.slice(1)) - 1]}季度${industryName(p.industryCode)}联合抽查（${proposal.id}）`,
      industryCodes: [p.industryCode],
      period: proposal.period,
      initiatingDepartment: p.initiatingDepartment,
      invitedDepartments: p.departments.filter((d) => d !== p.initiatingDepartment),
      regionCode: proposal.regionCode ?? null,
    }),
  );
  return uniqueOrConflict('proposalId', CONCURRENT_PLAN, () =>
    ctx.em.transactional(async (tx) => {
      const updated = await tx.nativeUpdate(JointPlanProposalRow, { id, version: proposal.version, status: 'proposed' }, { version: proposal.version + 1, status: 'accepted' });
      if (updated !== 1) throw userError('CONFLICT', `方案${id}已被他人采纳 / proposal ${id} was accepted by someone else`, { field: 'proposalId' });
      const plans: JointPlanRow[] = [];
      for (const v of valid) plans.push(await insertJointPlan(tx, ctx.identity, v));
      const acceptedPlanIds = plans.map((p) => p.id);
      await tx.nativeUpdate(JointPlanProposalRow, { id }, { acceptedPlanIds, acceptedBy: ctx.identity.subject, acceptedAt: clock.now() });
      Object.assign(proposal, { status: 'accepted', version: proposal.version + 1, acceptedPlanIds, acceptedBy: ctx.identity.subject, acceptedAt: clock.now() });
      return { proposal, plans };
    }),
  );
}
