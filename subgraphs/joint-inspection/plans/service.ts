import type { EntityManager } from '@mikro-orm/postgresql';
import type { InspectorAssignment, InspectorCandidate, PoolEntry, RiskClass } from '../../../shared/domain/draw.js';
import type { Identity } from '../../../shared/platform/auth.js';
import { authorize, decide } from '../../../shared/platform/policy.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { findDepartment, OFFICE } from '../../../shared/domain/departments.js';
import { isKnownIndustry, REGIONS } from '../../../shared/domain/industries.js';
import { byKey } from '../../../shared/platform/pagination.js';
import { drawTags, remoteRegister, REGISTER_BATCH } from '../../../shared/department/register.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import {
  CONTRACT_INSPECTORS_QUERY,
  CONTRACT_TAGS_QUERY,
  CONTRACT_TARGET_LIST_QUERY,
  type ContractInspector,
  type DepartmentTargetTag,
} from '../../../shared/department/contract.js';
import { DrawCommitmentRow, DrawResultRow, type ItemSnapshot } from '../../../shared/inspection/task-entities.js';
import { requirePlanInForce } from '../../../shared/inspection/annual-plan.js';
import { combinedRatios, periodWindow } from '../../../shared/inspection/task-service.js';
import {
  advance,
  commitDraw,
  currentDrawnTargets,
  drawCommitment,
  drawnWorkload,
  nextId,
  publishDrawn,
  requireWorkloadCap,
  yearPeriods,
  type DrawSource,
  type DrawSubject,
  type FrozenPool,
} from '../../../shared/inspection/draw-procedure.js';
import { uniqueOrConflict } from '../../../shared/platform/versioned.js';
import type { PlannedInspection } from '../merge/rules.js';
import { JointPlanParticipationRow, JointPlanRow } from './entities.js';
import { itemsAt } from '../items/service.js';
import * as clock from '../../../shared/platform/clock.js';

/**
 * Joint plans (一业一查): the office opens a plan for an industry set and a quarter, departments
 * join with their claimed items, and ONE draw on the merged pool gives each drawn business ONE
 * joint task carrying every participating department's items, visited by a mixed team.
 *
 * The draw is the department draw unchanged: the same procedure (shared/inspection/draw-procedure.ts,
 * with `jointSource` below as its pool source) and algorithm (shared/domain/draw.ts, yiye-draw/1),
 * the same commitment, keys and export, so `npm run verify-draw` checks a joint plan's export as
 * it checks a department task's. Only the inputs differ:
 * - pool: the union of every participating department's current targets (department contract
 *   `departmentTargetList`), narrowed by the register (`registeredEnterprises`, batches of 10,000)
 *   to operating businesses of the plan's industries and township; minus businesses with a
 *   `rectification` tag in any participating department (`departmentActiveTags`), and minus those
 *   that any participating department has already drawn up to its items' yearly cap this year
 *   (`departmentInspections` plus this service's own joint draws). Draw-class tags are the union
 *   of the departments' tags (a complaint to any of them raises the class) and the register's
 *   risk tags of today (联合惩戒, `registeredEnterprises.riskTags`, e.g. finding-12m);
 * - ratios: per class the highest ratio of all participating items, so every department's
 *   published minimum is met;
 * - teams: every department's inspectors (`departmentInspectorsForDraw`, no names), with
 *   `departments: [initiating, ...others]` for every business, so each team has at least one
 *   inspector of each department and the leader comes from the initiating department.
 * A department that does not answer stops the step (SERVICE_UNAVAILABLE): a pool or a team
 * without one department's data would be wrong, not merely incomplete.
 */

export const JOINT_PLAN_PREFIX = 'JP';
export const isJointPlanId = (id: string) => id.startsWith(`${JOINT_PLAN_PREFIX}-`);

/** Departments of a plan in draw order: the initiating one first, then the invited ones as listed. */
export const planDepartments = (plan: Pick<JointPlanRow, 'initiatingDepartment' | 'invitedDepartments'>) => [
  plan.initiatingDepartment,
  ...plan.invitedDepartments,
];

/** Participations in draw order (initiating department first). */
export function inDrawOrder(plan: Pick<JointPlanRow, 'initiatingDepartment' | 'invitedDepartments'>, parts: JointPlanParticipationRow[]): JointPlanParticipationRow[] {
  const order = planDepartments(plan);
  return [...parts].sort((a, b) => order.indexOf(a.department) - order.indexOf(b.department));
}

/**
 * Who may see a plan before it is published: the office, analysts, and the departments it
 * names (initiating or invited). For everyone else an unpublished plan does not exist.
 */
export function maySeePlan(identity: Identity, plan: Pick<JointPlanRow, 'status' | 'initiatingDepartment' | 'invitedDepartments'>): boolean {
  if (plan.status === 'published') return true;
  return decide(identity, 'plan:read', { departments: planDepartments(plan) }).allowed;
}

export const planNotFound = (id: string, field = 'planId') =>
  notFound(field, `联合抽查计划“${id}”不存在或尚未公示 / there is no published joint plan "${id}"`);

export async function loadPlan(em: EntityManager, id: string, field = 'planId'): Promise<JointPlanRow> {
  const plan = await em.findOne(JointPlanRow, { id });
  if (!plan) throw notFound(field, `联合抽查计划“${id}”不存在 / there is no joint plan "${id}"`);
  return plan;
}

/** Joint plans in the draw procedure (shared/inspection/draw-procedure.ts): open → committed → drawn → published. */
export const JOINT_PLAN: DrawSubject = { entity: JointPlanRow, field: 'planId', zh: '联合抽查计划', en: 'joint plan' };

// ---------------------------------------------------------------------------------------------
// Create and join.

export interface CreateJointPlanInput {
  title: string;
  industryCodes: string[];
  period: string;
  initiatingDepartment: string;
  invitedDepartments: string[];
  regionCode?: string | null;
  workloadCap?: number | null;
}

function requireDepartment(field: string, code: string): string {
  if (!findDepartment(code)) throw badInput(field, `部门“${code}”不存在 / unknown department "${code}"`);
  return code;
}

/** A checked plan, ready to insert (createJointPlan, and a coordinator accepting an optimizer proposal). */
export interface ValidJointPlan {
  title: string;
  industryCodes: string[];
  period: string;
  window: { start: string; end: string };
  regionCode: string | null;
  initiatingDepartment: string;
  invitedDepartments: string[];
  workloadCap: number;
}

export function validateJointPlan(input: CreateJointPlanInput): ValidJointPlan {
  const title = input.title?.trim() ?? '';
  if (!title || title.length > 200) throw badInput('input.title', '计划名称不能为空，最多200字 / the plan needs a title of at most 200 characters');
  const industryCodes = [...new Set(input.industryCodes ?? [])];
  if (industryCodes.length === 0) throw badInput('input.industryCodes', '至少填写一个行业代码 / give at least one industry code');
  const unknown = industryCodes.find((c) => !isKnownIndustry(c));
  if (unknown !== undefined) {
    throw badInput('input.industryCodes', `行业代码“${unknown}”不在国民经济行业分类目录（GB/T 4754-2017）中 / "${unknown}" is not a known GB/T 4754-2017 industry code`);
  }
  const window = periodWindow(input.period);
  const initiating = requireDepartment('input.initiatingDepartment', input.initiatingDepartment);
  const invited = [...new Set(input.invitedDepartments ?? [])].map((d) => requireDepartment('input.invitedDepartments', d));
  if (invited.length === 0) throw badInput('input.invitedDepartments', '联合抽查至少邀请一个其他部门 / a joint plan invites at least one other department');
  if (invited.includes(initiating)) {
    throw badInput('input.invitedDepartments', `发起部门${initiating}不能同时是受邀部门 / the initiating department ${initiating} cannot also be invited`);
  }
  const regionCode = input.regionCode ?? null;
  if (regionCode !== null && !Object.hasOwn(REGIONS, regionCode)) {
    throw badInput('input.regionCode', `区划代码“${regionCode}”不是本县的乡镇 / "${regionCode}" is not a township of the county`);
  }
  const workloadCap = requireWorkloadCap(input.workloadCap);
  return { title, industryCodes, period: input.period, window, regionCode, initiatingDepartment: initiating, invitedDepartments: invited, workloadCap };
}

/** Inserts a checked plan in the caller's transaction: the next number of its period, status open. */
export async function insertJointPlan(tx: EntityManager, identity: Identity, plan: ValidJointPlan): Promise<JointPlanRow> {
  const prefix = `${JOINT_PLAN_PREFIX}-${plan.period.replace('-', '')}-`;
  const row = tx.create(JointPlanRow, {
    id: await nextId(tx, JointPlanRow, prefix),
    title: plan.title,
    industryCodes: plan.industryCodes,
    period: plan.period,
    windowStart: plan.window.start,
    windowEnd: plan.window.end,
    regionCode: plan.regionCode,
    initiatingDepartment: plan.initiatingDepartment,
    invitedDepartments: plan.invitedDepartments,
    workloadCap: plan.workloadCap,
    status: 'open',
    version: 1,
    createdBy: identity.subject,
    createdAt: clock.now(),
  });
  await tx.flush();
  return row;
}

/** The primary key turns a concurrent duplicate number into CONFLICT. */
export const CONCURRENT_PLAN = '同时有他人新建联合抽查计划，请重试 / someone created a joint plan at the same moment; try again';

export async function createJointPlan(ctx: SubgraphContext, input: CreateJointPlanInput): Promise<JointPlanRow> {
  const plan = validateJointPlan(input);
  return uniqueOrConflict('input', CONCURRENT_PLAN, () => ctx.em.transactional((tx) => insertJointPlan(tx, ctx.identity, plan)));
}

const snapshot = (i: Awaited<ReturnType<typeof itemsAt>>[number]): ItemSnapshot => ({
  code: i.code,
  name: i.name,
  legalBasis: i.legalBasis,
  department: i.department,
  brigade: i.brigade ?? null,
  targetIndustries: [...i.targetIndustries],
  licenceTypes: [...i.licenceTypes],
  method: i.method,
  ratios: { A: i.ratioA, B: i.ratioB, C: i.ratioC, D: i.ratioD },
  yearlyCap: i.yearlyCap,
  requiredExpertise: [...i.requiredExpertise],
  minInspectors: i.minInspectors,
  joinable: i.joinable,
});

/**
 * A department admin of an initiating or invited department joins with its own claimed, published,
 * joinable items that cover at least one of the plan's industries (the same list
 * `claimedInspectionItems` answers, read here directly since the list lives in this service).
 */
export async function joinJointPlan(ctx: SubgraphContext, planId: string, itemCodes: string[]): Promise<JointPlanRow> {
  const department = ctx.identity.department!;
  const plan = await loadPlan(ctx.em, planId);
  authorize(ctx, 'plan:join', { departments: planDepartments(plan), field: 'planId' });
  if (plan.status !== 'open') {
    throw userError('CONFLICT', `联合抽查计划${plan.id}已提交抽取承诺，不能再加入 / joint plan ${plan.id} is ${plan.status}: joining is closed`, { field: 'planId', status: plan.status });
  }
  const codes = [...new Set((itemCodes ?? []).map((c) => c.trim()))];
  if (codes.length === 0) throw badInput('itemCodes', '至少选择一个本部门的抽查事项 / choose at least one of your department\'s items');

  const found = new Map((await itemsAt(ctx.em, undefined, { code: { $in: codes } })).map((i) => [i.code, i]));
  const industries = new Set(plan.industryCodes);
  const problems: { code: string; reason: string; zh: string; en: string }[] = [];
  for (const code of codes) {
    const i = found.get(code);
    const problem = (reason: string, zh: string, en: string) => problems.push({ code, reason, zh, en });
    if (!i) problem('unknown', `事项“${code}”不在抽查事项清单中`, `"${code}" is not in the item list`);
    else if (i.department !== department) problem('other-department', `事项“${code}”属于${i.department}，不是本部门的事项`, `"${code}" belongs to ${i.department}, not to ${department}`);
    else if (i.status !== 'published') problem('withdrawn', `事项“${code}”已撤销`, `"${code}" is withdrawn`);
    else if (!i.claimed) problem('not-claimed', `事项“${code}”尚未被本部门认领`, `"${code}" is not claimed by ${department}`);
    else if (!i.joinable) problem('not-joinable', `事项“${code}”不可纳入联合抽查`, `"${code}" may not be joined into joint inspections`);
    else if (!i.targetIndustries.some((c) => industries.has(c))) {
      problem('industry', `事项“${code}”不涉及本计划的行业（${plan.industryCodes.join('、')}）`, `"${code}" covers none of the plan's industries (${plan.industryCodes.join(', ')})`);
    }
  }
  if (problems.length) {
    throw badInput('itemCodes', `${problems.map((p) => p.zh).join('；')} / ${problems.map((p) => p.en).join('; ')}`, {
      problems: problems.map(({ code, reason }) => ({ code, reason })),
    });
  }
  const items = codes.map((c) => snapshot(found.get(c)!)).sort((a, b) => byKey(a.code, b.code));

  const joined = `本部门已加入联合抽查计划${plan.id} / ${department} has already joined joint plan ${plan.id}`;
  if (await ctx.em.findOne(JointPlanParticipationRow, { plan: plan.id, department })) throw userError('CONFLICT', joined, { field: 'planId' });
  return uniqueOrConflict('planId', joined, () =>
    ctx.em.transactional(async (tx) => {
      // The version bump orders joining against a commitment: a commitment built on the old list fails.
      await advance(tx, JOINT_PLAN, plan, ['open'], 'open');
      tx.create(JointPlanParticipationRow, {
        plan: tx.getReference(JointPlanRow, plan.id),
        department,
        itemCodes: items.map((i) => i.code),
        items,
        joinedAt: clock.now(),
        joinedBy: ctx.identity.subject,
      });
      await tx.flush();
      return plan;
    }),
  );
}

export async function participations(em: EntityManager, plan: JointPlanRow): Promise<JointPlanParticipationRow[]> {
  return inDrawOrder(plan, await em.find(JointPlanParticipationRow, { plan: plan.id }, { orderBy: { id: 'asc' } }));
}

// ---------------------------------------------------------------------------------------------
// Asking the participating departments.

/** One contract call per department, in parallel; any department that does not answer stops the step. */
async function askEach<T>(ctx: SubgraphContext, departments: string[], query: string, variables: (d: string) => Record<string, unknown>): Promise<Map<string, T>> {
  const answers = await Promise.all(departments.map((d) => callSubgraph<T>(d, ctx.identity, query, variables(d))));
  const failed = answers.filter((a) => !a.ok);
  if (failed.length) {
    throw serviceFailure(
      failed,
      `${failed.map((a) => a.subgraph).join('、')}暂时无法应答，联合抽取需要每个参与部门的数据`,
      'a joint draw needs every participating department, and some did not answer',
      { field: 'planId' },
    );
  }
  return new Map(answers.map((a) => [a.subgraph, (a as { data: T }).data]));
}

const TARGET_LIST_QUERY = `query { ${CONTRACT_TARGET_LIST_QUERY} }`;
const TAGS_QUERY = `query ($usccs: [String!]!, $asOf: String!) { ${CONTRACT_TAGS_QUERY}(usccs: $usccs, asOf: $asOf) { department uscc key value } }`;
const INSPECTIONS_QUERY = 'query ($period: String!) { departmentInspections(period: $period) { department uscc taskId } }';
const INSPECTORS_QUERY = `query ($period: String!, $usccs: [String!]!) { ${CONTRACT_INSPECTORS_QUERY}(period: $period, usccs: $usccs) {
  department certificateNumber expertise status conflicts lastInspected currentLoad } }`;

const lowestCap = (items: ItemSnapshot[]) => Math.min(...items.map((i) => i.yearlyCap));

/** The frozen pool of a joint plan and what was left out, and why (see the module comment). */
export async function buildJointPool(ctx: SubgraphContext, plan: JointPlanRow, parts: JointPlanParticipationRow[]): Promise<FrozenPool> {
  const departments = parts.map((p) => p.department);
  const lists = await askEach<Record<string, string[]>>(ctx, departments, TARGET_LIST_QUERY, () => ({}));
  const union = [...new Set([...lists.values()].flatMap((l) => l[CONTRACT_TARGET_LIST_QUERY]))].sort(byKey);

  const register = await remoteRegister(ctx, union);
  const industries = new Set(plan.industryCodes);
  const usccs = union.filter((u) => {
    const e = register.get(u);
    return e && e.status === 'operating' && industries.has(e.industryCode) && (!plan.regionCode || e.regionCode === plan.regionCode);
  });

  // Tags at the start of the window, as a department task reads them; each department for its own targets.
  const asOf = `${plan.windowStart}T00:00:00Z`;
  const tags = new Map<string, DepartmentTargetTag[]>(usccs.map((u) => [u, []]));
  for (let i = 0; i < usccs.length; i += REGISTER_BATCH) {
    const batch = usccs.slice(i, i + REGISTER_BATCH);
    const answers = await askEach<Record<string, DepartmentTargetTag[]>>(ctx, departments, TAGS_QUERY, () => ({ usccs: batch, asOf }));
    for (const a of answers.values()) for (const t of a[CONTRACT_TAGS_QUERY]) tags.get(t.uscc)?.push(t);
  }

  // Inspections this year, per department and business: the departments' own draws, and ours.
  const done = new Map<string, number>();
  const count = (department: string, uscc: string) => done.set(`${department}|${uscc}`, (done.get(`${department}|${uscc}`) ?? 0) + 1);
  const wanted = new Set(usccs);
  const theirs = await askEach<{ departmentInspections: { department: string; uscc: string }[] }>(ctx, departments, INSPECTIONS_QUERY, () => ({ period: plan.period }));
  for (const a of theirs.values()) for (const r of a.departmentInspections) if (wanted.has(r.uscc)) count(r.department, r.uscc);
  for (const p of await jointPlanInspections(ctx.em, plan.period)) if (wanted.has(p.uscc)) count(p.department, p.uscc);
  const caps = parts.map((p) => ({ department: p.department, cap: lowestCap(p.items) }));

  const pool: PoolEntry[] = [];
  const exclusions: FrozenPool['exclusions'] = [];
  for (const uscc of usccs) {
    const own = tags.get(uscc)!;
    const rectifying = [...new Set(own.filter((t) => t.key === 'rectification').map((t) => t.department))];
    const capped = caps.filter((c) => (done.get(`${c.department}|${uscc}`) ?? 0) >= c.cap);
    if (rectifying.length) {
      exclusions.push({
        uscc,
        reason: 'rectification',
        detail: `${rectifying.join('、')}责令整改期内，暂不抽查 / in rectification ordered by ${rectifying.join(', ')}: not drawn until it ends`,
      });
    } else if (capped.length) {
      exclusions.push({
        uscc,
        reason: 'yearly-cap',
        detail: `${capped.map((c) => `${c.department}本年度已抽中${done.get(`${c.department}|${uscc}`)}次（上限${c.cap}次）`).join('；')} / already drawn up to the yearly cap this year by ${capped.map((c) => `${c.department} (cap ${c.cap})`).join(', ')}`,
      });
    } else {
      const facts = register.get(uscc)!;
      pool.push({ uscc, riskClass: facts.creditRiskClass as RiskClass, tags: drawTags(own.map((t) => t.key), facts) });
    }
  }
  return { pool, exclusions };
}

// ---------------------------------------------------------------------------------------------
// Commit, draw, publish.

/** A joint draw only under the office's published annual plan of its year, covering every participating department's items. */
const requireOfficePlan = (em: EntityManager, plan: JointPlanRow, parts: JointPlanParticipationRow[]) =>
  requirePlanInForce(em, OFFICE.code, plan.period, parts.flatMap((p) => p.itemCodes), 'planId');

/** A team member with the department it comes from (stored in draw_result.teams; extra to yiye-draw/1's type). */
export type JointAssignment = InspectorAssignment & {
  team: { certificateNumber: string; role: 'leader' | 'member'; department: string }[];
  /** The departments and items that apply to this business's industry. */
  departments?: string[];
  itemCodes?: string[];
};

/** The draw procedure's source for a joint plan: the merged pool and every participating department's inspectors. */
const jointSource: DrawSource<JointPlanRow> = {
  ...JOINT_PLAN,
  load: (em, id) => loadPlan(em, id),
  openStatus: 'open',
  beforeCommit: (plan) => {
    if (plan.status !== 'open') {
      throw userError('CONFLICT', `联合抽查计划${plan.id}已提交过抽取承诺（状态：${plan.status}） / joint plan ${plan.id} is already ${plan.status}`, { field: 'planId', status: plan.status });
    }
  },
  pool: async (ctx, plan) => {
    const parts = await participations(ctx.em, plan);
    if (!parts.some((p) => p.department === plan.initiatingDepartment) || parts.length < 2) {
      throw userError(
        'PRECONDITION_FAILED',
        `联合抽查需要发起部门${plan.initiatingDepartment}和至少一个受邀部门加入，目前已加入：${parts.map((p) => p.department).join('、') || '无'} / a joint draw needs the initiating department ${plan.initiatingDepartment} and at least one invited department to have joined; joined so far: ${parts.map((p) => p.department).join(', ') || 'none'}`,
        { field: 'planId', joined: parts.map((p) => p.department) },
      );
    }
    await requireOfficePlan(ctx.em, plan, parts);
    return { ...(await buildJointPool(ctx, plan, parts)), ratios: combinedRatios(parts.flatMap((p) => p.items)) };
  },
  teamDraw: async (ctx, plan, drawn) => {
    const parts = await participations(ctx.em, plan);
    await requireOfficePlan(ctx.em, plan, parts);
    const departments = parts.map((p) => p.department);
    // Every department's inspectors with their load from its own draws; plus the load and the last
    // teams of the joint draws kept here, so that nobody is counted twice or missed.
    const answers = await askEach<{ departmentInspectorsForDraw: ContractInspector[] }>(ctx, departments, INSPECTORS_QUERY, () => ({
      period: plan.period,
      usccs: drawn,
    }));
    const joint = await drawnWorkload(ctx.em, plan.period, drawn);
    const inspectors: InspectorCandidate[] = departments.flatMap((d) =>
      answers.get(d)!.departmentInspectorsForDraw.map((i) => ({
        certificateNumber: i.certificateNumber,
        name: '', // names stay in the department; the draw does not use them
        department: d,
        expertise: i.expertise,
        status: i.status,
        conflicts: i.conflicts,
        lastInspected: [...new Set([...i.lastInspected, ...[...joint.lastTeam].filter(([, team]) => team.includes(i.certificateNumber)).map(([u]) => u)])],
        currentLoad: i.currentLoad + (joint.load.get(i.certificateNumber) ?? 0),
      })),
    );
    const departmentOf = new Map(inspectors.map((c) => [c.certificateNumber, c.department]));
    // Each business gets the items that apply to its industry (a food-safety item listed for
    // restaurants does not go to a homestay), and so only the departments that have one.
    const industryOf = await remoteRegister(ctx, drawn);
    const applicable = new Map(
      drawn.map((uscc) => {
        const industry = industryOf.get(uscc)?.industryCode;
        const fitting = parts
          .map((p) => ({ department: p.department, items: p.items.filter((i) => !industry || i.targetIndustries.length === 0 || i.targetIndustries.includes(industry)) }))
          .filter((p) => p.items.length > 0);
        return [uscc, fitting.length ? fitting : parts.map((p) => ({ department: p.department, items: p.items }))] as const;
      }),
    );
    const itemCodesOf = (uscc: string) => applicable.get(uscc)!.flatMap((f) => f.items.map((i) => i.code));
    return {
      targets: drawn.map((uscc) => {
        const fit = applicable.get(uscc)!;
        const items = fit.flatMap((f) => f.items);
        return {
          uscc,
          departments: fit.map((f) => f.department),
          requiredExpertise: [...new Set(items.flatMap((i) => i.requiredExpertise))].sort(byKey),
          minTeamSize: Math.max(2, ...items.map((i) => i.minInspectors)),
        };
      }),
      inspectors,
      itemCodesOf,
      stored: (teams): JointAssignment[] =>
        teams.map((t) => ({
          ...t,
          departments: applicable.get(t.uscc)!.map((f) => f.department),
          itemCodes: itemCodesOf(t.uscc),
          team: t.team.map((m) => ({ ...m, department: departmentOf.get(m.certificateNumber)! })),
        })),
    };
  },
};

export const commitJointDraw = (ctx: SubgraphContext, planId: string, seedHash: string) => commitDraw(ctx, jointSource, planId, seedHash);
export const drawJointPlan = (ctx: SubgraphContext, planId: string, seed: string) => drawCommitment(ctx, jointSource, planId, seed);
export const publishJointDraw = (ctx: SubgraphContext, planId: string) => publishDrawn(ctx, jointSource, planId);

// ---------------------------------------------------------------------------------------------
// For the joint merge.

/**
 * The joint plans' drawn businesses as inputs of the joint merge (merge.ts), in the same shape
 * and scope as the department contract `departmentInspections`: every current joint draw (drawn
 * or published) in the year of `period`, one PlannedInspection per participating department per
 * drawn business, with `taskId` = the plan id, `date` = the first day of the plan's window,
 * `plannedAt` = the time of the draw, `yearlyCap` = the lowest cap of that department's items in
 * the plan, `joinable` true (only joinable items can join), `stratified` when the committed
 * ratios differ by credit-risk class, and no exemptions of its own (exemptions come from the
 * department's tags, which its own inspections of the business carry; the merge applies them to
 * every inspection of that department and business in the period). Five statements, whatever
 * the count; no remote calls.
 * The merge then sees a joint task as several departments planning the same business in the
 * same window, which is exactly one joint visit.
 */
export async function jointPlanInspections(em: EntityManager, period: string): Promise<PlannedInspection[]> {
  const rows = (await currentDrawnTargets(em, { periods: yearPeriods(period) })).filter((r) => isJointPlanId(r.taskId));
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.taskId))];
  const plans = new Map((await em.find(JointPlanRow, { id: { $in: ids } })).map((p) => [p.id, p]));
  const partsOf = new Map<string, JointPlanParticipationRow[]>();
  for (const p of await em.find(JointPlanParticipationRow, { plan: { $in: ids } }, { orderBy: { id: 'asc' } })) {
    partsOf.set(p.plan.id, [...(partsOf.get(p.plan.id) ?? []), p]);
  }
  const draws = new Map(
    (await em.find(DrawResultRow, { id: { $in: [...new Set(rows.map((r) => r.drawId))] } }, { fields: ['id', 'drawnAt', 'commitmentId'] })).map((d) => [d.id, d]),
  );
  const commitments = new Map(
    (await em.find(DrawCommitmentRow, { id: { $in: [...new Set([...draws.values()].map((d) => d.commitmentId))] } }, { fields: ['id', 'commitment'] })).map((c) => [
      c.id,
      c.commitment,
    ]),
  );
  const out: PlannedInspection[] = [];
  for (const r of rows) {
    const plan = plans.get(r.taskId);
    const draw = draws.get(r.drawId);
    if (!plan || !draw) continue;
    const ratios = commitments.get(draw.commitmentId)?.ratios;
    const stratified = !!ratios && !(ratios.A === ratios.B && ratios.B === ratios.C && ratios.C === ratios.D);
    for (const p of inDrawOrder(plan, partsOf.get(plan.id) ?? [])) {
      // Only the departments with an item that applies to this business (stored per business).
      const codes = p.itemCodes.filter((c) => r.itemCodes.includes(c));
      if (codes.length === 0) continue;
      out.push({
        department: p.department,
        uscc: r.uscc,
        taskId: plan.id,
        itemCodes: codes,
        period: plan.period,
        status: 'planned',
        date: String(plan.windowStart),
        plannedAt: new Date(draw.drawnAt).toISOString(),
        yearlyCap: lowestCap(p.items),
        exemptions: [],
        joinable: true,
        stratified,
      });
    }
  }
  return out;
}
