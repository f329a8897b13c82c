import type { EntityClass, EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildDrawExport,
  drawClass,
  drawCommitted,
  DrawInputError,
  drawInspectors,
  DrawShortfallError,
  makeCommitment,
  type DrawExport,
  type DrawTargetsResult,
  type InspectionTargetSpec,
  type InspectorAssignment,
  type InspectorCandidate,
  type PoolEntry,
  type Ratios,
} from '../domain/draw.js';
import { uniqueOrConflict } from '../platform/versioned.js';
import { badInput, userError } from '../platform/errors.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import * as clock from '../platform/clock.js';
import { DrawAdjustmentRow, DrawCommitmentRow, DrawnTargetRow, DrawResultRow } from './task-entities.js';

/**
 * The draw procedure (抽取程序), one for a department's task and for a joint plan:
 *
 *   open → commit (freeze the pool, publish the seed hash) → committed
 *        → draw (reveal the seed; targets, then inspector teams) → drawn → publish → published
 *
 * Each step is one transaction and checks the subject's version, so two coordinators acting at
 * once get one success and one CONFLICT. The algorithm is shared/domain/draw.ts (yiye-draw/1,
 * docs/draw.md), unchanged; what differs between a task and a joint plan is only where the pool
 * and the inspectors come from, which a DrawSource says: a department's own directory
 * (shared/inspection/task-service.ts) or the merged pool of a joint plan's departments
 * (subgraphs/joint-inspection/plans/service.ts). Both keep their records in the same tables
 * (draw_commitment, draw_result, drawn_target), keyed by the task or plan id.
 */

/** What goes through the procedure: a department task (InspectionTaskRow) or a joint plan (JointPlanRow). */
export interface DrawSubjectRow {
  id: string;
  status: string;
  version: number;
  period: string;
  workloadCap: number;
  publishedAt?: Date | null;
}

/** How the procedure stores and names a subject. */
export interface DrawSubject {
  entity: EntityClass<DrawSubjectRow>;
  /** The argument that names it, in error extensions: taskId or planId. */
  field: string;
  /** The words for it in messages: 任务 / task, 联合抽查计划 / joint plan (followed by its id). */
  zh: string;
  en: string;
}

const nameZh = (s: DrawSubject, id: string) => `${s.zh}${id}`;
const nameEn = (s: DrawSubject, id: string) => `${s.en} ${id}`;

/** Moves a subject from one status to another (or just bumps its version) only if nobody changed it first. */
export async function advance<Row extends DrawSubjectRow>(
  tx: EntityManager,
  subject: DrawSubject,
  row: Row,
  from: Row['status'][],
  to: Row['status'],
  extra: Pick<DrawSubjectRow, 'publishedAt'> = {},
): Promise<void> {
  const zh = nameZh(subject, row.id);
  const en = nameEn(subject, row.id);
  if (!from.includes(row.status)) {
    throw userError('CONFLICT', `${zh}当前状态为“${row.status}”，不能执行此操作（需要：${from.join('、')}） / ${en} is ${row.status}; this needs ${from.join(' or ')}`, {
      field: subject.field,
      status: row.status,
    });
  }
  const sets = { status: to, version: row.version + 1, ...extra };
  const n = await tx.nativeUpdate(subject.entity, { id: row.id, version: row.version }, sets);
  if (n !== 1) {
    throw userError('CONFLICT', `${zh}刚被他人修改，请刷新后重试 / ${en} was changed by someone else just now; reload and try again`, { field: subject.field });
  }
  Object.assign(row, sets);
}

/**
 * The next id with this prefix (e.g. `PS-2026Q2-` → `PS-2026Q2-0003`), counted inside the
 * creating transaction; the primary key turns a concurrent duplicate into an error.
 */
export async function nextId<Row extends { id: string }>(tx: EntityManager, entity: EntityName<Row>, prefix: string): Promise<string> {
  const count = await tx.count(entity, { id: { $like: `${prefix}%` } } as FilterQuery<Row>);
  return `${prefix}${String(count + 1).padStart(4, '0')}`;
}

/** How many businesses one inspector may be drawn for in the period (default 20). */
export function requireWorkloadCap(value: number | null | undefined): number {
  const workloadCap = value ?? 20;
  if (!Number.isInteger(workloadCap) || workloadCap < 1) {
    throw badInput('input.workloadCap', `每名检查人员本期任务上限应为正整数，收到${workloadCap} / workloadCap must be a positive integer`);
  }
  return workloadCap;
}

/** The four quarters of the year of `period` (2026-Q2 → 2026-Q1 … 2026-Q4). */
export const yearPeriods = (period: string) => ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${period.slice(0, 4)}-${q}`);

export const drawClassOf = (e: PoolEntry) => drawClass(e.riskClass, e.tags ?? []);

// ---------------------------------------------------------------------------------------------
// The draw records.

export async function latestCommitment(em: EntityManager, taskId: string): Promise<DrawCommitmentRow | null> {
  return em.findOne(DrawCommitmentRow, { taskId }, { orderBy: { id: 'desc' } });
}

export async function latestDraw(em: EntityManager, commitmentId: number): Promise<DrawResultRow | null> {
  return em.findOne(DrawResultRow, { commitmentId });
}

export async function supersededDrawIds(em: EntityManager): Promise<Set<number>> {
  const rows = await em.find(DrawAdjustmentRow, { supersededDrawId: { $ne: null } }, { fields: ['supersededDrawId'] });
  return new Set(rows.map((r) => r.supersededDrawId!));
}

/**
 * Current (not superseded) drawn targets for the given businesses, or for a period. A caller
 * that asks several times in one request passes `superseded` once.
 */
export async function currentDrawnTargets(
  em: EntityManager,
  where: { usccs?: string[]; periods?: string[] },
  superseded?: Set<number>,
): Promise<DrawnTargetRow[]> {
  superseded ??= await supersededDrawIds(em);
  const filter: Record<string, unknown> = {};
  if (where.usccs) filter.uscc = { $in: where.usccs };
  if (where.periods) filter.period = { $in: where.periods };
  const rows = await em.find(DrawnTargetRow, filter, { orderBy: { id: 'asc' } });
  return rows.filter((r) => !superseded!.has(r.drawId));
}

/**
 * What the current draws kept here say about inspectors: each one's load in the period (teams
 * it is on) and, per business among `usccs`, its latest team (for rotation). Three statements.
 */
export async function drawnWorkload(em: EntityManager, period: string, usccs: readonly string[]): Promise<{ load: Map<string, number>; lastTeam: Map<string, string[]> }> {
  const superseded = await supersededDrawIds(em);
  const load = new Map<string, number>();
  for (const r of await currentDrawnTargets(em, { periods: [period] }, superseded)) for (const c of r.team) load.set(c, (load.get(c) ?? 0) + 1);
  const lastTeam = new Map<string, string[]>();
  if (usccs.length) for (const r of await currentDrawnTargets(em, { usccs: [...new Set(usccs)] }, superseded)) lastTeam.set(r.uscc, r.team);
  return { load, lastTeam };
}

/**
 * The check behind verifyStoredDraw and a joint plan's verification, on the draw records of any
 * task id: the latest commitment and its draw, recomputed.
 */
export async function verifyRecordedDraw(em: EntityManager, taskId: string): Promise<{ match: boolean; problems: string[] }> {
  const committed = await latestCommitment(em, taskId);
  const draw = committed && (await latestDraw(em, committed.id));
  if (!committed || !draw) return { match: false, problems: [`任务${taskId}尚未抽取 / task ${taskId} has not been drawn`] };
  const problems: string[] = [];
  try {
    const again = drawCommitted({ commitment: committed.commitment, seed: draw.seed, pool: committed.pool });
    const stored = draw.result.drawn;
    const missing = again.drawn.filter((u) => !stored.includes(u));
    const extra = stored.filter((u) => !again.drawn.includes(u));
    if (missing.length) problems.push(`应抽中但记录中没有：${missing.join(', ')} / should have been drawn but are not recorded: ${missing.join(', ')}`);
    if (extra.length) problems.push(`记录中有但不应抽中：${extra.join(', ')} / recorded but not drawn by the algorithm: ${extra.join(', ')}`);
    if (!missing.length && !extra.length && again.drawn.join() !== stored.join()) problems.push('抽中顺序与算法不一致 / the recorded order differs from the algorithm');
  } catch (e) {
    problems.push((e as Error).message);
  }
  return { match: problems.length === 0, problems };
}

/** The draw export of the latest commitment and draw of any task id (a department task or a joint plan). */
export async function exportRecordedDraw(em: EntityManager, taskId: string): Promise<DrawExport> {
  const committed = await latestCommitment(em, taskId);
  const draw = committed && (await latestDraw(em, committed.id));
  if (!committed || !draw) throw userError('CONFLICT', `任务${taskId}尚未抽取，没有可导出的结果 / task ${taskId} has not been drawn yet`, { field: 'taskId' });
  return buildDrawExport({ commitment: committed.commitment, seed: draw.seed, pool: committed.pool, result: draw.result, inspectorDraw: draw.teams });
}

// ---------------------------------------------------------------------------------------------
// The procedure.

/** A committed pool and what was left out of it, and why. */
export interface FrozenPool {
  pool: PoolEntry[];
  exclusions: { uscc: string; reason: string; detail: string }[];
}

/** The inputs of the team draw for the drawn businesses. */
export interface TeamDraw {
  targets: InspectionTargetSpec[];
  inspectors: InspectorCandidate[];
  /** The item codes recorded for a drawn business (drawn_target.item_codes). */
  itemCodesOf: (uscc: string) => string[];
  /** The teams as stored in draw_result.teams (a joint plan adds each member's department). */
  stored?: (teams: InspectorAssignment[]) => InspectorAssignment[];
}

/** Where a subject's pool and inspectors come from, and the checks its steps need. */
export interface DrawSource<Row extends DrawSubjectRow> extends DrawSubject {
  load(em: EntityManager, id: string): Promise<Row>;
  /** The status a subject is in before its commitment: pending-draw (a task), open (a joint plan). */
  openStatus: Row['status'];
  /** Checked before the seed hash (a joint plan refuses a second commitment outright). */
  beforeCommit?(row: Row): void;
  /** The pool to freeze and the ratios to commit, after the checks this source needs (annual plan, participants). */
  pool(ctx: SubgraphContext, row: Row): Promise<FrozenPool & { ratios: Ratios }>;
  /** Added to "was already drawn" (a task can be re-drawn after a recorded adjustment). */
  redrawHint?: { zh: string; en: string };
  /** Checked before the seed is revealed (the annual plan in force). */
  beforeDraw?(ctx: SubgraphContext, row: Row): Promise<void>;
  /** The inspectors and the drawn businesses' needs. */
  teamDraw(ctx: SubgraphContext, row: Row, drawn: string[]): Promise<TeamDraw>;
  /** Checked before publishing. */
  beforePublish?(ctx: SubgraphContext, row: Row): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Freezes the pool and publishes the seed hash: open → committed. */
export async function commitDraw<Row extends DrawSubjectRow>(ctx: SubgraphContext, source: DrawSource<Row>, id: string, seedHash: string): Promise<Row> {
  const row = await source.load(ctx.em, id);
  source.beforeCommit?.(row);
  if (!SHA256_HEX.test(seedHash)) {
    throw badInput('seedHash', '种子哈希应为64位小写十六进制SHA-256值 / seedHash must be a SHA-256 in 64 lower-case hex digits');
  }
  const { pool, exclusions, ratios } = await source.pool(ctx, row);
  const commitment = makeCommitment({ taskId: row.id, pool, ratios, seedHash, committedAt: clock.now() });
  return ctx.em.transactional(async (tx) => {
    await advance(tx, source, row, [source.openStatus], 'committed');
    tx.create(DrawCommitmentRow, { taskId: row.id, commitment, pool, exclusions, committedBy: ctx.identity.subject });
    await tx.flush();
    return row;
  });
}

/** Reveals the seed: the targets from the committed pool, then a team for each: committed → drawn. */
export async function drawCommitment<Row extends DrawSubjectRow>(ctx: SubgraphContext, source: DrawSource<Row>, id: string, seed: string): Promise<Row> {
  const row = await source.load(ctx.em, id);
  const zh = nameZh(source, row.id);
  const en = nameEn(source, row.id);
  if (row.status !== 'committed') {
    throw userError(
      'CONFLICT',
      row.status === source.openStatus
        ? `${zh}尚未公布抽取承诺，请先提交承诺 / ${en} has no commitment yet: commit before drawing`
        : `${zh}已经抽取过（状态：${row.status}）${source.redrawHint?.zh ?? ''} / ${en} was already drawn (${row.status})${source.redrawHint?.en ?? ''}`,
      { field: source.field, status: row.status },
    );
  }
  await source.beforeDraw?.(ctx, row);
  const committed = (await latestCommitment(ctx.em, row.id))!;
  let result: DrawTargetsResult;
  try {
    result = drawCommitted({ commitment: committed.commitment, seed, pool: committed.pool });
  } catch (e) {
    if (e instanceof DrawInputError) throw badInput('seed', e.message);
    throw e;
  }

  const plan = await source.teamDraw(ctx, row, result.drawn);
  let teams: InspectorAssignment[];
  try {
    teams = drawInspectors({ seed, taskId: row.id, targets: plan.targets, inspectors: plan.inspectors, workloadCap: row.workloadCap });
  } catch (e) {
    if (e instanceof DrawShortfallError) throw userError('PRECONDITION_FAILED', e.message, { field: source.field, shortfalls: e.shortfalls });
    // e.g. one certificate number in two departments' directories: the draw cannot tell them apart.
    if (e instanceof DrawInputError) throw userError('PRECONDITION_FAILED', e.message, { field: source.field });
    throw e;
  }
  const teamOf = new Map(teams.map((t) => [t.uscc, t.team.map((m) => m.certificateNumber)]));
  // The unique commitment of draw_result: someone else drew this commitment a moment ago.
  return uniqueOrConflict(source.field, `${zh}刚被他人抽取 / ${en} was drawn by someone else just now`, () =>
    ctx.em.transactional(async (tx) => {
      await advance(tx, source, row, ['committed'], 'drawn');
      const draw = tx.create(DrawResultRow, {
        taskId: row.id,
        commitmentId: committed.id,
        seed,
        result,
        teams: plan.stored ? plan.stored(teams) : teams,
        drawnBy: ctx.identity.subject,
        drawnAt: clock.now(),
      });
      await tx.flush();
      for (const uscc of result.drawn) {
        tx.create(DrawnTargetRow, { drawId: draw.id, taskId: row.id, uscc, period: row.period, itemCodes: plan.itemCodesOf(uscc), team: teamOf.get(uscc) ?? [] });
      }
      await tx.flush();
      return row;
    }),
  );
}

/** Makes the draw public: drawn → published. */
export async function publishDrawn<Row extends DrawSubjectRow>(ctx: SubgraphContext, source: DrawSource<Row>, id: string): Promise<Row> {
  const row = await source.load(ctx.em, id);
  await source.beforePublish?.(ctx, row);
  return ctx.em.transactional(async (tx) => {
    await advance(tx, source, row, ['drawn'], 'published', { publishedAt: clock.now() });
    return row;
  });
}
