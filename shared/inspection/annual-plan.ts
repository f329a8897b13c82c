import { AnnualPlanStatus as AnnualPlanStatusEnum, Department } from '../platform/enums.js';
import { DateTimeScalar } from '../platform/scalars.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Arg, Ctx, Directive, Field, Int, Mutation, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import type { Identity } from '../platform/auth.js';
import { decide } from '../platform/policy.js';
import { badInput, notFound, userError } from '../platform/errors.js';
import { requireStatement } from '../platform/versioned.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import * as clock from '../platform/clock.js';

/**
 * The annual plan (年度抽查计划) of a department, or of the double-random office for joint plans:
 * draft → published → (adjusted with a reason → re-published) → closed. One row per year and
 * owner in `annual_plan` (status, the version in force, the latest version, an optimistic lock);
 * its versions and their publications are append-only rows. Publication makes the plan readable
 * by anyone; an adjustment is a new draft version that takes effect only when it is published.
 * A task is created, committed, drawn, published and executed (inspection codes) only under the
 * plan in force for its year and only for the items of the version in force (requirePlanInForce).
 */

export const ANNUAL_PLAN_STATUSES = ['draft', 'published', 'closed'] as const;
export type AnnualPlanStatus = (typeof ANNUAL_PLAN_STATUSES)[number];

@Entity({ tableName: 'annual_plan' })
@Unique({ properties: ['department', 'year'] })
export class AnnualPlanRow {
  /** e.g. `FR-AP-2027`: owner short code, "AP", year. */
  @PrimaryKey({ type: 'string', length: 20 })
  id!: string;

  @Property({ type: 'string', length: 40 })
  department!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'string', length: 16 })
  status!: AnnualPlanStatus;

  /** The published version that tasks follow; null until the first publication. */
  @Property({ type: 'integer', nullable: true })
  versionInForce?: number | null;

  @Property({ type: 'integer' })
  latestVersion!: number;

  /** Optimistic lock: every change is `UPDATE … WHERE lock = ?`. */
  @Property({ type: 'integer' })
  lock: number = 1;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'string', length: 500, nullable: true })
  closeReason?: string | null;
}

@Entity({ tableName: 'annual_plan_version' })
@Unique({ properties: ['planId', 'number'] })
export class AnnualPlanVersionRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 20 })
  @Index()
  planId!: string;

  @Property({ type: 'integer' })
  number!: number;

  /** Codes of the county item list's inspection items that this version covers. */
  @Property({ type: 'json' })
  itemCodes!: string[];

  /** The reason of an adjustment; null for the first version. */
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  @Property({ type: 'string', length: 120 })
  createdBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = clock.now();
}

@Entity({ tableName: 'annual_plan_publication' })
@Unique({ properties: ['planId', 'versionNumber'] })
export class AnnualPlanPublicationRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 20 })
  planId!: string;

  @Property({ type: 'integer' })
  versionNumber!: number;

  @Property({ type: 'string', length: 120 })
  publishedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  publishedAt: Date = clock.now();
}

export const annualPlanEntities = [AnnualPlanRow, AnnualPlanVersionRow, AnnualPlanPublicationRow];

/** SQL for a migration: plan versions and publications can only be inserted (yiye_refuse_change of APPEND_ONLY_SQL). */
export const ANNUAL_PLAN_APPEND_ONLY_SQL = ['annual_plan_version', 'annual_plan_publication'].map(
  (t) => `create trigger ${t}_append_only before update or delete on "${t}" for each row execute function yiye_refuse_change();`,
);

/** Whose plan a subgraph keeps, who manages it, and which items it may cover. */
export interface PlanOwner {
  /** A department code, or the office's (shared/domain/departments.ts). */
  department: string;
  /** Letters of the plan id (`FR-AP-2027`). */
  short: string;
  /** The codes among `codes` this owner's plan may not cover (unknown, or another department's items). */
  foreignItems(ctx: SubgraphContext, codes: string[]): Promise<string[]>;
}

// ---------------------------------------------------------------------------------------------
// The plan in force

/**
 * The plan in force for the year of `period` (e.g. `2027-Q2`), which must cover every item of
 * `itemCodes` in its version in force. PRECONDITION_FAILED (on `field`, with `reason`
 * no-plan | not-published | closed | not-in-plan | adjustment-not-published) otherwise.
 */
export async function requirePlanInForce(
  em: EntityManager,
  department: string,
  period: string,
  itemCodes: readonly string[],
  field: string,
): Promise<{ plan: AnnualPlanRow; version: AnnualPlanVersionRow }> {
  const year = Number(period.slice(0, 4));
  const refuse = (reason: string, zh: string, en: string, extra: Record<string, unknown> = {}) =>
    userError('PRECONDITION_FAILED', `${zh} / ${en}`, { field, reason, year, ...extra });
  const plan = await em.findOne(AnnualPlanRow, { department, year });
  if (!plan) throw refuse('no-plan', `${year}年度抽查计划尚未制定，不能安排抽查`, `there is no annual plan for ${year}: nothing can be drawn or inspected`);
  if (plan.status === 'closed') throw refuse('closed', `${year}年度抽查计划已关闭，不能再抽取或检查`, `the ${year} annual plan is closed: no more draws or inspections`);
  if (plan.versionInForce == null) throw refuse('not-published', `${year}年度抽查计划尚未公布，不能安排抽查`, `the ${year} annual plan is not published yet`);
  const versions = await em.find(AnnualPlanVersionRow, { planId: plan.id, number: { $gte: plan.versionInForce } }, { orderBy: { number: 'asc' } });
  const inForce = versions.find((v) => v.number === plan.versionInForce)!;
  const missing = itemCodes.filter((c) => !inForce.itemCodes.includes(c));
  if (!missing.length) return { plan, version: inForce };
  const pending = missing.filter((c) => versions.some((v) => v.number > inForce.number && v.itemCodes.includes(c)));
  if (pending.length === missing.length) {
    throw refuse(
      'adjustment-not-published',
      `抽查事项${missing.join('、')}只在${year}年度抽查计划的调整中，调整尚未重新公布`,
      `item(s) ${missing.join(', ')} are only in an adjustment of the ${year} annual plan: the adjustment is not re-published yet`,
      { missing },
    );
  }
  throw refuse(
    'not-in-plan',
    `抽查事项${missing.join('、')}不在公布的${year}年度抽查计划（第${inForce.number}版）中`,
    `item(s) ${missing.join(', ')} are not in version ${inForce.number} of the published ${year} annual plan`,
    { missing },
  );
}

// ---------------------------------------------------------------------------------------------
// Changes

const mayRead = (identity: Identity, owner: PlanOwner) => decide(identity, 'unpublished:read', { department: owner.department }).allowed;

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', `年度应为2000至2100之间的整数，收到${year} / year must be a whole number from 2000 to 2100`);
}

async function checkItems(ctx: SubgraphContext, owner: PlanOwner, itemCodes: string[]): Promise<string[]> {
  const codes = [...new Set((itemCodes ?? []).map((c) => c.trim()).filter(Boolean))].sort();
  if (!codes.length) throw badInput('itemCodes', '年度抽查计划至少包含一个抽查事项 / an annual plan covers at least one inspection item');
  const foreign = await owner.foreignItems(ctx, codes);
  if (foreign.length) {
    throw badInput(
      'itemCodes',
      `抽查事项${foreign.join('、')}不存在或不在本部门已认领的事项清单中 / item(s) ${foreign.join(', ')} are unknown or not in this owner's claimed item list`,
      { missing: foreign },
    );
  }
  return codes;
}

async function loadPlan(em: EntityManager, owner: PlanOwner, year: number): Promise<AnnualPlanRow> {
  const plan = await em.findOne(AnnualPlanRow, { department: owner.department, year });
  if (!plan) throw notFound('year', `${year}年度抽查计划不存在 / there is no annual plan for ${year}`);
  return plan;
}

/** Changes the plan row only if nobody changed it first. */
async function update(tx: EntityManager, plan: AnnualPlanRow, sets: Partial<AnnualPlanRow>): Promise<void> {
  const all = { ...sets, lock: plan.lock + 1 };
  const n = await tx.nativeUpdate(AnnualPlanRow, { id: plan.id, lock: plan.lock }, all);
  if (n !== 1) throw userError('CONFLICT', `${plan.year}年度抽查计划刚被他人修改，请刷新后重试 / the ${plan.year} annual plan was changed by someone else just now; reload and try again`, { field: 'year' });
  Object.assign(plan, all);
}

function refuseClosed(plan: AnnualPlanRow): void {
  if (plan.status === 'closed') {
    throw userError('PRECONDITION_FAILED', `${plan.year}年度抽查计划已关闭，不能再修改 / the ${plan.year} annual plan is closed and cannot change`, { field: 'year', status: plan.status });
  }
}

export async function createAnnualPlan(ctx: SubgraphContext, owner: PlanOwner, year: number, title: string, itemCodes: string[]): Promise<AnnualPlanRow> {
  requireYear(year);
  const t = title?.trim() ?? '';
  if (!t || t.length > 200) throw badInput('title', '计划名称不能为空，最多200字 / the plan needs a title of at most 200 characters');
  const codes = await checkItems(ctx, owner, itemCodes);
  if (await ctx.em.findOne(AnnualPlanRow, { department: owner.department, year })) {
    throw userError('CONFLICT', `${year}年度抽查计划已经存在，如需变更请调整 / the ${year} annual plan exists already; change it with an adjustment`, { field: 'year' });
  }
  return ctx.em.transactional(async (tx) => {
    const plan = tx.create(AnnualPlanRow, {
      id: `${owner.short}-AP-${year}`,
      department: owner.department,
      year,
      title: t,
      status: 'draft',
      versionInForce: null,
      latestVersion: 1,
      lock: 1,
      createdBy: ctx.identity.subject,
      createdAt: clock.now(),
    });
    tx.create(AnnualPlanVersionRow, { planId: plan.id, number: 1, itemCodes: codes, note: null, createdBy: ctx.identity.subject, createdAt: clock.now() });
    await tx.flush();
    return plan;
  });
}

export async function publishAnnualPlan(ctx: SubgraphContext, owner: PlanOwner, year: number): Promise<AnnualPlanRow> {
  const plan = await loadPlan(ctx.em, owner, year);
  refuseClosed(plan);
  if (plan.versionInForce === plan.latestVersion) {
    throw userError(
      'PRECONDITION_FAILED',
      `${year}年度抽查计划第${plan.latestVersion}版已经公布，没有待公布的调整 / version ${plan.latestVersion} of the ${year} annual plan is already published; there is no adjustment to publish`,
      { field: 'year', status: plan.status },
    );
  }
  return ctx.em.transactional(async (tx) => {
    await update(tx, plan, { status: 'published', versionInForce: plan.latestVersion });
    tx.create(AnnualPlanPublicationRow, { planId: plan.id, versionNumber: plan.latestVersion, publishedBy: ctx.identity.subject, publishedAt: clock.now() });
    await tx.flush();
    return plan;
  });
}

export async function adjustAnnualPlan(ctx: SubgraphContext, owner: PlanOwner, year: number, itemCodes: string[], reason: string): Promise<AnnualPlanRow> {
  const why = requireStatement('reason', reason, '调整年度抽查计划的理由');
  const plan = await loadPlan(ctx.em, owner, year);
  refuseClosed(plan);
  if (plan.versionInForce == null) {
    throw userError('PRECONDITION_FAILED', `${year}年度抽查计划尚未公布，公布后才能调整 / the ${year} annual plan is not published yet: publish it before adjusting it`, {
      field: 'year',
      status: plan.status,
    });
  }
  const codes = await checkItems(ctx, owner, itemCodes);
  return ctx.em.transactional(async (tx) => {
    const number = plan.latestVersion + 1;
    await update(tx, plan, { latestVersion: number });
    tx.create(AnnualPlanVersionRow, { planId: plan.id, number, itemCodes: codes, note: why, createdBy: ctx.identity.subject, createdAt: clock.now() });
    await tx.flush();
    return plan;
  });
}

export async function closeAnnualPlan(ctx: SubgraphContext, owner: PlanOwner, year: number, reason: string): Promise<AnnualPlanRow> {
  const why = requireStatement('reason', reason, '关闭年度抽查计划的理由');
  const plan = await loadPlan(ctx.em, owner, year);
  if (plan.status === 'closed') {
    throw userError('PRECONDITION_FAILED', `${year}年度抽查计划已经关闭 / the ${year} annual plan is already closed`, { field: 'year', status: plan.status });
  }
  return ctx.em.transactional(async (tx) => {
    await update(tx, plan, { status: 'closed', closedAt: clock.now(), closeReason: why });
    return plan;
  });
}

// ---------------------------------------------------------------------------------------------
// GraphQL

@ObjectType('AnnualPlanVersion', { description: 'One version of an annual plan: the first, or an adjustment with its reason.' })
@Directive('@shareable')
export class AnnualPlanVersionView {
  @Field(() => Int, { description: 'Version number, from 1.' }) number!: number;
  @Field(() => [String], { description: 'Inspection item codes (抽查事项编码).' }) itemCodes!: string[];
  @Field(() => String, { nullable: true, description: 'The reason of the adjustment; null for the first version.' }) note?: string | null;
  @Field(() => DateTimeScalar, { description: 'When this version was drafted.' }) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was published; null while it is a draft.' }) publishedAt?: string | null;
}

@ObjectType('AnnualPlan', { description: '年度抽查计划: public once published; changes only through an adjustment that is re-published before use.' })
@Directive('@shareable')
export class AnnualPlanView {
  @Field(() => String, { description: 'e.g. FR-AP-2027' }) id!: string;
  @Field(() => Department, { description: 'The department (or the office) whose plan it is.' }) department!: string;
  @Field(() => Int, { description: 'Calendar year.' }) year!: number;
  @Field(() => String, { description: 'Title.' }) title!: string;
  @Field(() => AnnualPlanStatusEnum, { description: 'Where the plan stands.' }) status!: string;
  @Field(() => Int, { nullable: true, description: 'The published version tasks follow; null before the first publication.' }) versionInForce?: number | null;
  @Field(() => AnnualPlanVersionView, { description: 'The version asked for (the version in force by default).' }) version!: AnnualPlanVersionView;
  @Field(() => [AnnualPlanVersionView], { description: 'Every version, oldest first; drafts only for the owner.' }) versions!: AnnualPlanVersionView[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the plan was closed; null while open.' }) closedAt?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was closed.' }) closeReason?: string | null;
}

/** The plan as `identity` may see it, showing version `number` (the version in force when omitted). */
async function planView(em: EntityManager, owner: PlanOwner, identity: Identity, plan: AnnualPlanRow, number?: number | null): Promise<AnnualPlanView> {
  const [versions, publications] = await Promise.all([
    em.find(AnnualPlanVersionRow, { planId: plan.id }, { orderBy: { number: 'asc' } }),
    em.find(AnnualPlanPublicationRow, { planId: plan.id }),
  ]);
  const publishedAt = new Map(publications.map((p) => [p.versionNumber, new Date(p.publishedAt).toISOString()]));
  const insider = mayRead(identity, owner);
  const views = versions
    .map((v) => ({ number: v.number, itemCodes: [...v.itemCodes], note: v.note ?? null, createdAt: new Date(v.createdAt).toISOString(), publishedAt: publishedAt.get(v.number) ?? null }))
    .filter((v) => insider || v.publishedAt);
  const wanted = number ?? plan.versionInForce ?? plan.latestVersion;
  const version = views.find((v) => v.number === wanted);
  if (!version) throw notFound('version', `${plan.year}年度抽查计划没有第${wanted}版，或该版尚未公布 / the ${plan.year} annual plan has no version ${wanted}, or it is not published yet`);
  return {
    id: plan.id,
    department: plan.department,
    year: plan.year,
    title: plan.title,
    status: plan.status,
    versionInForce: plan.versionInForce ?? null,
    version,
    versions: views,
    closedAt: plan.closedAt ? new Date(plan.closedAt).toISOString() : null,
    closeReason: plan.closeReason ?? null,
  };
}

export function createAnnualPlanResolvers(prefix: string, owner: PlanOwner): ClassType[] {
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);
  /** What a manager sees after a change: the latest version, draft or not. */
  const changed = (ctx: SubgraphContext, plan: AnnualPlanRow) => planView(ctx.em, owner, ctx.identity, plan, plan.latestVersion);

  @Resolver()
  class AnnualPlanResolver {
    @Query(() => AnnualPlanView, {
      name: `${prefix}AnnualPlan`,
      nullable: true,
      description: `The annual plan (年度抽查计划) of ${owner.department} for a year: anyone once published; drafts for the owner only. Null when there is none (or no such version) for the caller.`,
    })
    async plan(
      @Arg('year', () => Int, { description: 'Calendar year of the plan, e.g. 2027.' }) year: number,
      @Arg('version', () => Int, { nullable: true, description: 'A version number; the version in force when omitted.' }) version: number | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<AnnualPlanView | null> {
      const plan = await ctx.em.findOne(AnnualPlanRow, { department: owner.department, year });
      if (!plan || (plan.versionInForce == null && !mayRead(ctx.identity, owner))) return null;
      try {
        return await planView(ctx.em, owner, ctx.identity, plan, version);
      } catch (e) {
        // No such version (or not one the caller may see): nothing has that key.
        if ((e as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
        throw e;
      }
    }

    @Mutation(() => AnnualPlanView, { name: `create${Prefix}AnnualPlan`, description: 'Drafts the annual plan of a year (version 1, not yet public).' })
    async create(
      @Arg('year', () => Int, { description: 'Calendar year of the plan, e.g. 2027.' }) year: number,
      @Arg('title', () => String, { description: 'Title, as published.' }) title: string,
      @Arg('itemCodes', () => [String], { description: 'Codes of inspection items (抽查事项编码).' }) itemCodes: string[],
      @Ctx() ctx: SubgraphContext,
    ): Promise<AnnualPlanView> {
      return changed(ctx, await createAnnualPlan(ctx, owner, year, title, itemCodes));
    }

    @Mutation(() => AnnualPlanView, { name: `publish${Prefix}AnnualPlan`, description: 'Publishes the latest version: it becomes the version in force, readable by anyone.' })
    async publish(@Arg('year', () => Int, { description: 'Calendar year of the plan, e.g. 2027.' }) year: number, @Ctx() ctx: SubgraphContext): Promise<AnnualPlanView> {
      return changed(ctx, await publishAnnualPlan(ctx, owner, year));
    }

    @Mutation(() => AnnualPlanView, {
      name: `adjust${Prefix}AnnualPlan`,
      description: 'Adds a new version with a reason; the version in force stays in force until the adjustment is published.',
    })
    async adjust(
      @Arg('year', () => Int, { description: 'Calendar year of the plan, e.g. 2027.' }) year: number,
      @Arg('itemCodes', () => [String], { description: 'Codes of inspection items (抽查事项编码).' }) itemCodes: string[],
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<AnnualPlanView> {
      return changed(ctx, await adjustAnnualPlan(ctx, owner, year, itemCodes, reason));
    }

    @Mutation(() => AnnualPlanView, { name: `close${Prefix}AnnualPlan`, description: 'Closes the plan with a reason: no more draws or inspection codes under it.' })
    async close(@Arg('year', () => Int, { description: 'Calendar year of the plan, e.g. 2027.' }) year: number, @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<AnnualPlanView> {
      return changed(ctx, await closeAnnualPlan(ctx, owner, year, reason));
    }
  }
  return [AnnualPlanResolver];
}
