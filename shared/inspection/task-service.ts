import { storedValue } from '../platform/enums.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClassType } from 'type-graphql';
import { assertRatios, RISK_CLASSES, type DrawExport, type InspectorCandidate, type PoolEntry, type Ratios, type RiskClass } from '../domain/draw.js';
import {
  advance,
  commitDraw as commitPool,
  currentDrawnTargets,
  drawCommitment,
  drawnWorkload,
  exportRecordedDraw,
  latestCommitment,
  latestDraw,
  nextId,
  publishDrawn,
  requireWorkloadCap,
  verifyRecordedDraw,
  yearPeriods,
  type DrawSource,
  type DrawSubject,
  type FrozenPool,
} from './draw-procedure.js';
import { activeTags, currentTargets, inspectorsForDraw } from '../department/directory.js';
import { textArray } from '../platform/orm.js';
import { EXEMPTING_TAGS, exemptionsDuring, type TagSpan } from '../domain/exemptions.js';
import type { InspectorBase, SupervisedTargetBase } from '../department/entities.js';
import { findDepartment } from '../domain/departments.js';
import { requirePlanInForce, type PlanOwner } from './annual-plan.js';
import { badInput, notFound, userError } from '../platform/errors.js';
import type { Identity } from '../platform/auth.js';
import { decide } from '../platform/policy.js';
import { callSubgraph, serviceFailure } from '../platform/service-client.js';
import { byKey } from '../platform/pagination.js';
import { drawTags, type RegisterLookup } from '../department/register.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import { DrawAdjustmentRow, DrawCommitmentRow, DrawResultRow, InspectionTaskRow, type ItemSnapshot } from './task-entities.js';
import * as clock from '../platform/clock.js';

/**
 * The life of a department's inspection task: create from claimed items → commit (freeze the
 * pool, publish the seed hash) → draw (reveal the seed; targets, then inspector teams) →
 * publish; an adjustment with a reason reopens it, and everything before stays readable.
 * The steps are the draw procedure (draw-procedure.ts) with the department's own directory as
 * the pool source; this file adds what only a department task has: creating it from claimed
 * items, its pool and inspectors, adjustments, and the contract behind the joint merge.
 */

const ITEMS_QUERY = `query ($department: String!, $codes: [String!]) { claimedInspectionItems(department: $department, codes: $codes) {
  code name legalBasis department brigade targetIndustries licenceTypes method ratios { A B C D } yearlyCap requiredExpertise minInspectors joinable } }`;

export async function claimedItems(ctx: SubgraphContext, department: string, codes: string[]): Promise<ItemSnapshot[]> {
  const answer = await callSubgraph<{ claimedInspectionItems: ItemSnapshot[] }>('joint-inspection', ctx.identity, ITEMS_QUERY, { department, codes });
  if (!answer.ok) throw serviceFailure(answer, '暂时无法读取抽查事项清单', 'the inspection item list is not answering');
  // department and method arrive as GraphQL enum values (FIRE_RESCUE, ON_SITE); kept internally as fire-rescue, on-site.
  return answer.data.claimedInspectionItems.map((i) => ({ ...i, department: storedValue(i.department), method: storedValue(i.method) }));
}

export interface TaskDepartment {
  department: string;
  Target: ClassType<SupervisedTargetBase>;
  Inspector: ClassType<InspectorBase>;
  /** How this department asks the register (shared/department/register.ts): its own table, or the contract. */
  register: RegisterLookup;
}

/** A department's annual plan (shared/inspection/annual-plan.ts): its admins manage it; it covers the department's claimed items. */
export function departmentPlanOwner(department: string): PlanOwner {
  const d = findDepartment(department)!;
  return {
    department,
    short: d.short,
    foreignItems: async (ctx, codes) => {
      const claimed = new Set((await claimedItems(ctx, department, codes)).map((i) => i.code));
      return codes.filter((c) => !claimed.has(c));
    },
  };
}

/** A task's step is allowed only under the published annual plan of its year that covers its items. */
export const requireTaskInPlan = (em: EntityManager, task: InspectionTaskRow, field = 'taskId') =>
  requirePlanInForce(em, task.department, task.period, task.items.map((i) => i.code), field);

/** Before publication a task (and what it drew) is confidential: the department and the office only. */
export function maySeeUnpublished(identity: Identity, department: string): boolean {
  return decide(identity, 'unpublished:read', { department }).allowed;
}

const PERIOD = /^(\d{4})-Q([1-4])$/;

export function periodWindow(period: string): { start: string; end: string } {
  const m = PERIOD.exec(period);
  if (!m) throw badInput('input.period', `期间“${period}”格式应为“2026-Q2” / the period "${period}" must look like 2026-Q2`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = new Date(Date.UTC(year, (q - 1) * 3, 1));
  const end = new Date(Date.UTC(year, q * 3, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** Per class, the highest ratio among the items: every item's minimum is met (documented rule). */
export function combinedRatios(items: ItemSnapshot[]): Ratios {
  const r = { A: 0, B: 0, C: 0, D: 0 } as Ratios;
  for (const item of items) for (const c of RISK_CLASSES) r[c] = Math.max(r[c], item.ratios[c]);
  return r;
}

export interface CreateTaskInput {
  title: string;
  itemCodes: string[];
  period: string;
  regionCode?: string | null;
  ratios?: Ratios | null;
  workloadCap?: number | null;
}

export async function createTask(ctx: SubgraphContext, dep: TaskDepartment, input: CreateTaskInput): Promise<InspectionTaskRow> {
  if (!input.title?.trim()) throw badInput('input.title', '任务名称不能为空 / the task needs a title');
  if (!input.itemCodes?.length) throw badInput('input.itemCodes', '至少选择一个抽查事项 / choose at least one inspection item');
  const window = periodWindow(input.period);
  const items = await claimedItems(ctx, dep.department, input.itemCodes);
  const missing = input.itemCodes.filter((c) => !items.some((i) => i.code === c));
  if (missing.length) {
    throw badInput(
      'input.itemCodes',
      `抽查事项${missing.join('、')}不在本部门已认领的事项清单中 / item(s) ${missing.join(', ')} are not in this department's claimed item list`,
      { missing },
    );
  }
  await requirePlanInForce(ctx.em, dep.department, input.period, input.itemCodes, 'input.itemCodes');
  const ratios = input.ratios ?? combinedRatios(items);
  try {
    assertRatios(ratios);
  } catch (e) {
    throw badInput('input.ratios', (e as Error).message);
  }
  const workloadCap = requireWorkloadCap(input.workloadCap);
  const short = findDepartment(dep.department)!.short;
  const prefix = `${short}-${input.period.replace('-', '')}-`;
  return ctx.em.transactional(async (tx) => {
    const task = tx.create(InspectionTaskRow, {
      id: await nextId(tx, InspectionTaskRow, prefix),
      department: dep.department,
      title: input.title.trim(),
      items,
      period: input.period,
      windowStart: window.start,
      windowEnd: window.end,
      regionCode: input.regionCode ?? null,
      ratios,
      workloadCap,
      status: 'pending-draw',
      version: 1,
      createdBy: ctx.identity.subject,
      createdAt: clock.now(),
    });
    await tx.flush();
    return task;
  });
}

export async function loadTask(em: EntityManager, id: string, field = 'taskId'): Promise<InspectionTaskRow> {
  const task = await em.findOne(InspectionTaskRow, { id });
  if (!task) throw notFound(field, `抽查任务“${id}”不存在 / there is no inspection task "${id}"`);
  return task;
}

/**
 * The department's current inspectors as candidates of a draw for these businesses: their load
 * in the period (teams of current draws), the businesses among `usccs` whose latest team they were
 * on (rotation) and their conflicts of interest among `usccs` (recusal). A fixed number of
 * statements, whatever the number of inspectors or businesses.
 */
export async function inspectorCandidates(em: EntityManager, dep: Pick<TaskDepartment, 'department' | 'Inspector'>, period: string, usccs: readonly string[]): Promise<InspectorCandidate[]> {
  const wanted = new Set(usccs);
  const inspectors = await inspectorsForDraw(em, dep.Inspector);
  const { load, lastTeam } = await drawnWorkload(em, period, usccs);
  return inspectors.map((i) => ({
    certificateNumber: i.certificateNumber,
    name: i.name,
    department: dep.department,
    expertise: i.expertise,
    status: i.status,
    conflicts: i.conflicts.filter((u) => wanted.has(u)),
    lastInspected: [...lastTeam].filter(([, team]) => team.includes(i.certificateNumber)).map(([uscc]) => uscc),
    currentLoad: load.get(i.certificateNumber) ?? 0,
  }));
}

/**
 * The pool of a task: the department's current targets, narrowed by the register (operating,
 * in the items' industries and the task's region), minus businesses in rectification and those
 * already inspected up to the items' yearly cap (each exclusion recorded with its reason). The cap
 * counts this year's current draws of the department and, as if drawn, the pools of its other
 * tasks of the year that are committed but not yet drawn: two tasks committed one after the other
 * cannot both give the same business its last allowed inspection. Draw
 * tags: the department's tags at the window's start and the register's risk tags of today.
 */
export async function buildPool(ctx: SubgraphContext, dep: TaskDepartment, task: InspectionTaskRow): Promise<FrozenPool> {
  const asOf = new Date(`${task.windowStart}T00:00:00Z`);
  const industries = new Set(task.items.flatMap((i) => i.targetIndustries));
  const brigades = new Set(task.items.map((i) => i.brigade).filter((b): b is string => !!b));
  const targets = (await currentTargets(ctx.em, dep.Target)).filter((t) => brigades.size === 0 || !t.brigade || brigades.has(t.brigade));
  const register = await dep.register(ctx, targets.map((t) => t.uscc));
  const inScope = targets.filter((t) => {
    const e = register.get(t.uscc);
    return e && e.status === 'operating' && (industries.size === 0 || industries.has(e.industryCode)) && (!task.regionCode || e.regionCode === task.regionCode);
  });
  const usccs = inScope.map((t) => t.uscc);
  const tags = await activeTags(ctx.em, usccs, asOf);
  const inspectedThisYear = new Map<string, number>();
  for (const r of await currentDrawnTargets(ctx.em, { usccs, periods: yearPeriods(task.period) })) {
    inspectedThisYear.set(r.uscc, (inspectedThisYear.get(r.uscc) ?? 0) + 1);
  }
  const pendingOf = await committedNotDrawn(ctx.em, task, yearPeriods(task.period));
  const cap = Math.min(...task.items.map((i) => i.yearlyCap));
  const pool: PoolEntry[] = [];
  const exclusions: FrozenPool['exclusions'] = [];
  for (const uscc of usccs.sort()) {
    const tagKeys = (tags.get(uscc) ?? []).map((t) => t.key);
    const drawn = inspectedThisYear.get(uscc) ?? 0;
    const pending = pendingOf.get(uscc) ?? [];
    if (tagKeys.includes('rectification')) {
      exclusions.push({ uscc, reason: 'rectification', detail: '整改期内，暂不抽查 / in rectification: not drawn until it ends' });
    } else if (drawn + pending.length >= cap) {
      exclusions.push({
        uscc,
        reason: 'yearly-cap',
        detail: pending.length
          ? `本年度已被本部门抽中${drawn}次，另在已承诺待抽取的任务${pending.join('、')}中，达到上限${cap}次 / drawn ${drawn} time(s) this year by this department and in the pool of committed task(s) ${pending.join(', ')} not yet drawn: the yearly cap is ${cap}`
          : `本年度已被本部门抽中${drawn}次，达到上限${cap}次 / already drawn ${drawn} time(s) this year by this department, the yearly cap is ${cap}`,
      });
    } else {
      const facts = register.get(uscc)!;
      pool.push({ uscc, riskClass: facts.creditRiskClass as RiskClass, tags: drawTags(tagKeys, facts) });
    }
  }
  return { pool, exclusions };
}

/** Per business, the department's other tasks of the year committed but not yet drawn whose pool holds it. */
async function committedNotDrawn(em: EntityManager, task: InspectionTaskRow, periods: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const others = await em.find(InspectionTaskRow, { department: task.department, period: { $in: periods }, status: 'committed', id: { $ne: task.id } }, { fields: ['id'] });
  if (others.length === 0) return out;
  const latest = new Map<string, DrawCommitmentRow>();
  for (const c of await em.find(DrawCommitmentRow, { taskId: { $in: others.map((t) => t.id) } }, { orderBy: { id: 'asc' } })) latest.set(c.taskId, c);
  for (const c of [...latest.values()].sort((a, b) => byKey(a.taskId, b.taskId))) {
    for (const e of c.pool) out.set(e.uscc, [...(out.get(e.uscc) ?? []), c.taskId]);
  }
  return out;
}

/** A department's tasks in the draw procedure (draw-procedure.ts): the pool is the department's own directory. */
export const TASK: DrawSubject = { entity: InspectionTaskRow, field: 'taskId', zh: '任务', en: 'task' };

function taskSource(dep: TaskDepartment): DrawSource<InspectionTaskRow> {
  return {
    ...TASK,
    load: (em, id) => loadTask(em, id),
    openStatus: 'pending-draw',
    pool: async (ctx, task) => {
      await requireTaskInPlan(ctx.em, task);
      return { ...(await buildPool(ctx, dep, task)), ratios: task.ratios };
    },
    redrawHint: { zh: '，如需重抽请先登记调整理由', en: '; re-drawing needs a recorded adjustment' },
    beforeDraw: async (ctx, task) => {
      await requireTaskInPlan(ctx.em, task);
    },
    teamDraw: async (ctx, task, drawn) => {
      const requiredExpertise = [...new Set(task.items.flatMap((i) => i.requiredExpertise))].sort();
      const minTeamSize = Math.max(2, ...task.items.map((i) => i.minInspectors));
      const itemCodes = task.items.map((i) => i.code);
      return {
        targets: drawn.map((uscc) => ({ uscc, departments: [dep.department], requiredExpertise, minTeamSize })),
        inspectors: await inspectorCandidates(ctx.em, dep, task.period, drawn),
        itemCodesOf: () => itemCodes,
      };
    },
    beforePublish: async (ctx, task) => {
      if (task.status === 'drawn') await requireTaskInPlan(ctx.em, task);
    },
  };
}

export const commitDraw = (ctx: SubgraphContext, dep: TaskDepartment, taskId: string, seedHash: string) => commitPool(ctx, taskSource(dep), taskId, seedHash);
export const drawTask = (ctx: SubgraphContext, dep: TaskDepartment, taskId: string, seed: string) => drawCommitment(ctx, taskSource(dep), taskId, seed);
export const publishDraw = (ctx: SubgraphContext, dep: TaskDepartment, taskId: string) => publishDrawn(ctx, taskSource(dep), taskId);

export async function adjustDraw(ctx: SubgraphContext, dep: TaskDepartment, taskId: string, reason: string): Promise<InspectionTaskRow> {
  const task = await loadTask(ctx.em, taskId);
  if (!reason?.trim() || reason.trim().length < 4) {
    throw badInput('reason', '重新抽取必须登记调整理由（至少4个字） / a re-draw needs a recorded reason (at least 4 characters)');
  }
  const committed = await latestCommitment(ctx.em, task.id);
  if (!committed) throw userError('CONFLICT', `任务${task.id}尚无抽取记录，无需调整 / task ${task.id} has nothing to adjust`, { field: 'taskId' });
  const draw = await latestDraw(ctx.em, committed.id);
  return ctx.em.transactional(async (tx) => {
    await advance(tx, TASK, task, ['committed', 'drawn', 'published'], 'pending-draw', { publishedAt: null });
    tx.create(DrawAdjustmentRow, {
      taskId: task.id,
      supersededCommitmentId: committed.id,
      supersededDrawId: draw?.id ?? null,
      reason: reason.trim(),
      adjustedBy: ctx.identity.subject,
      adjustedAt: clock.now(),
    });
    await tx.flush();
    return task;
  });
}

/** Recomputes the stored draw from its stored inputs: the platform's own check. */
export async function verifyStoredDraw(em: EntityManager, taskId: string): Promise<{ match: boolean; problems: string[] }> {
  const task = await loadTask(em, taskId);
  return verifyRecordedDraw(em, task.id);
}

export async function exportDraw(em: EntityManager, taskId: string): Promise<DrawExport> {
  const task = await loadTask(em, taskId);
  return exportRecordedDraw(em, task.id);
}

/**
 * The department contract behind the joint merge: every current drawn inspection of the year of
 * `period` (a constant number of statements, whatever the count), with when it was drawn, the
 * items' lowest yearly cap and the exemptions the business's tags gave during the task's period
 * (shared/domain/exemptions.ts): a tag revoked later does not change a past quarter.
 */
export async function departmentInspections(ctx: SubgraphContext, where: { period?: string; usccs?: string[] }) {
  const filter = where.period
    ? { periods: yearPeriods(where.period) }
    : { usccs: where.usccs ?? [] };
  const rows = await currentDrawnTargets(ctx.em, filter);
  if (rows.length === 0) return [];
  const tasks = new Map(
    (await ctx.em.find(InspectionTaskRow, { id: { $in: [...new Set(rows.map((r) => r.taskId))] } })).map((t) => [t.id, t]),
  );
  const drawnAt = new Map(
    (await ctx.em.find(DrawResultRow, { id: { $in: [...new Set(rows.map((r) => r.drawId))] } }, { fields: ['id', 'drawnAt'] })).map((d) => [d.id, d.drawnAt]),
  );
  const tags = await exemptingTags(ctx.em, [...new Set(rows.map((r) => r.uscc))]);
  return rows.map((r) => {
    const task = tasks.get(r.taskId)!;
    const { A, B, C, D } = task.ratios;
    return {
      department: task.department,
      uscc: r.uscc,
      taskId: r.taskId,
      period: task.period,
      itemCodes: r.itemCodes,
      status: 'planned' as const,
      date: String(task.windowStart),
      plannedAt: new Date(drawnAt.get(r.drawId)!).toISOString(),
      yearlyCap: Math.min(...task.items.map((i) => i.yearlyCap)),
      exemptions: exemptionsDuring(tags.get(r.uscc) ?? [], String(task.windowStart), String(task.windowEnd)),
      joinable: task.items.every((i) => i.joinable),
      // Planned by credit-risk class: the task's ratios differ between classes.
      stratified: !(A === B && B === C && C === D),
    };
  });
}

/** Every tag, current or past, that can exempt a check, of these businesses: one statement, one array parameter however many. */
async function exemptingTags(em: EntityManager, usccs: string[]): Promise<Map<string, TagSpan[]>> {
  const out = new Map<string, TagSpan[]>();
  if (usccs.length === 0) return out;
  const rows = (await em.getConnection().execute(
    `select uscc, key, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_until, 'YYYY-MM-DD') as valid_until, created_at, revoked_at
       from target_tag where uscc = any(?::text[]) and key = any(?::text[]) order by id`,
    [textArray(usccs), textArray(Object.keys(EXEMPTING_TAGS))],
    'all',
    em.getTransactionContext(),
  )) as { uscc: string; key: string; valid_from: string; valid_until: string | null; created_at: Date | string; revoked_at: Date | string | null }[];
  for (const t of rows) {
    const span: TagSpan = { key: t.key, validFrom: t.valid_from, validUntil: t.valid_until, createdAt: new Date(t.created_at), revokedAt: t.revoked_at ? new Date(t.revoked_at) : null };
    out.set(t.uscc, [...(out.get(t.uscc) ?? []), span]);
  }
  return out;
}
