import type { EntityClass } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { badInput } from '../platform/errors.js';
import { textArray } from '../platform/orm.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import * as clock from '../platform/clock.js';
import { parseAsOf } from '../platform/versioned.js';
import {
  CONTRACT_QUARTER_FIGURES_QUERY,
  CONTRACT_TASK_KEYS_QUERY,
  CONTRACT_TAGS_QUERY,
  CONTRACT_TARGET_LIST_QUERY,
  CONTRACT_TARGETS_QUERY,
  DepartmentQuarterFigures,
  DepartmentTarget,
  DepartmentTargetTag,
  DepartmentTaskKey,
} from './contract.js';
import { formatQuarter, parseQuarter, quarterBounds } from '../domain/quarters.js';
import { activeTags, currentTargets } from './directory.js';
import type { SupervisedTargetBase } from './entities.js';

/**
 * The department contract's target queries (contract.ts): what the joint-inspection service asks
 * every department about its target directory to build a joint pool. Same names in every
 * department subgraph (@shareable), service role only, never offered through the gateway (@inaccessible).
 */
export function createContractResolvers(opts: { department: string; Target: EntityClass<SupervisedTargetBase> }) {
  const { department, Target } = opts;

  @Resolver()
  class DepartmentContractResolver {
    @Query(() => [DepartmentTarget], {
      name: CONTRACT_TARGETS_QUERY,
      description: 'Department contract: which of these businesses are in this department\'s target directory (now).',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentTargets(
      @Arg('usccs', () => [String]) usccs: string[],
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentTarget[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      const rows = await ctx.em.find(Target, { uscc: { $in: usccs }, validTo: null }, { orderBy: { uscc: 'asc' } });
      return rows.map((r) => ({ department, uscc: r.uscc, supervisedSince: String(r.supervisedSince) }));
    }

    @Query(() => [String], {
      name: CONTRACT_TARGET_LIST_QUERY,
      description: "Department contract: the USCC of every business in this department's target directory now, in code-point order (the pool of a joint draw).",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentTargetList(@Ctx() ctx: SubgraphContext): Promise<string[]> {
      // Plain rows, one statement: a department may supervise tens of thousands of businesses.
      return (await currentTargets(ctx.em, Target)).map((t) => t.uscc);
    }

    @Query(() => [DepartmentTargetTag], {
      name: CONTRACT_TAGS_QUERY,
      description: 'Department contract: the tags (标注) of these businesses that apply at asOf (rectification, complaint-12m…), one statement.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentActiveTags(
      @Arg('usccs', () => [String]) usccs: string[],
      @Arg('asOf', () => String, { description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentTargetTag[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      const tags = await activeTags(ctx.em, usccs, parseAsOf('asOf', asOf) ?? clock.now());
      return [...tags.values()].flat().map((t) => ({ department, uscc: t.uscc, key: t.key, value: t.value }));
    }

    @Query(() => [DepartmentQuarterFigures], {
      name: CONTRACT_QUARTER_FIGURES_QUERY,
      description: "Department contract: the quarter's tasks, draws and referrals, aggregated here (GROUPING SETS by brigade, industry, township): rows of figures, never rows of businesses.",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentQuarterFigures(
      @Arg('period', () => String, { description: 'Quarter, written 2026-Q4.' }) period: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentQuarterFigures[]> {
      return quarterFigures(ctx, department, period);
    }

    @Query(() => [DepartmentTaskKey], {
      name: CONTRACT_TASK_KEYS_QUERY,
      description: "Department contract: the brigades, industries and township these tasks count under in the quarterly report (the keys departmentQuarterFigures uses), one statement.",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentTaskKeys(@Arg('taskIds', () => [String]) taskIds: string[], @Ctx() ctx: SubgraphContext): Promise<DepartmentTaskKey[]> {
      if (taskIds.length > 10_000) throw badInput('taskIds', 'at most 10,000 tasks per call');
      return taskKeys(ctx, taskIds);
    }
  }
  return [DepartmentContractResolver] as const;
}

const DIMENSIONS = ['department', 'brigade', 'industry', 'township'] as const;

/**
 * Two statements, both aggregates. The quarter's tasks give, per task, one key of each dimension
 * it counts under (the department; its township; the brigade of each item; each industry an item
 * targets), each (task, key) once, so a task with two items of one brigade, or a business drawn
 * for two industries, counts once per row. Current draws (a draw whose commitment an adjustment
 * set aside does not count) give the (task, business) pairs.
 *
 * The work is the businesses: a distinct count per key over pairs joined to their keys (about
 * five per task). Most businesses are drawn by one task of the department in a quarter, so the
 * statement first finds, per business, its first and last task: a business of one task adds one
 * to each of that task's keys and one drawn inspection to the task, counted per task, never per
 * key; only the businesses of two tasks or more are joined to their keys and counted after a
 * DISTINCT. Keys are numbered (`key_id`) so those rows stay narrow. (Earlier forms: GROUPING SETS
 * over the exploded rows with `count(distinct task_id || ':' || uscc)`, 3–4× slower; then
 * `count(distinct uscc)` per (dimension, key) over every pair, 2.5× a plain GROUP BY on a million
 * draws; bench/report.bench.ts.) Referrals have no brigade, industry or township here: they count
 * on the department row only.
 */
export async function quarterFigures(ctx: SubgraphContext, department: string, period: string): Promise<DepartmentQuarterFigures[]> {
  const q = parseQuarter(period);
  const { start, end } = quarterBounds(q);
  const conn = ctx.em.getConnection();
  const rows = (await conn.execute(
    `with superseded as (select superseded_draw_id as id from draw_adjustment where superseded_draw_id is not null),
     tasks as (
       select t.id, coalesce(t.region_code, 'county') as township, t.items,
              (t.ratios->>'A' <> t.ratios->>'B' or t.ratios->>'B' <> t.ratios->>'C' or t.ratios->>'C' <> t.ratios->>'D') as stratified
         from inspection_task t where t.period = ?),
     task_keys as (
       select distinct task_id, dimension, key from (
         select id as task_id, 'department' as dimension, '' as key from tasks
         union all select id, 'township', township from tasks
         union all select t.id, 'brigade', coalesce(i.item->>'brigade', '') from tasks t cross join lateral jsonb_array_elements(t.items::jsonb) as i(item)
         union all select t.id, 'industry', coalesce(ind.code, '') from tasks t cross join lateral jsonb_array_elements(t.items::jsonb) as i(item)
                     left join lateral jsonb_array_elements_text(i.item->'targetIndustries') as ind(code) on true) k),
     keys as (select task_id, dimension, key, dense_rank() over (order by dimension, key)::int as key_id from task_keys),
     drawn as not materialized (
       select dt.task_id, dt.uscc from drawn_target dt join tasks t on t.id = dt.task_id
        where dt.draw_id not in (select id from superseded)),
     by_business as materialized (select uscc, min(task_id) as first_task, max(task_id) as last_task from drawn group by uscc),
     single as (select first_task as task_id, count(*)::int as n from by_business where first_task = last_task group by first_task),
     multi_pairs as materialized (
       select distinct d.task_id, d.uscc from drawn d join by_business b on b.uscc = d.uscc and b.first_task <> b.last_task),
     per_task as (
       select task_id, sum(n)::int as n from (
         select task_id, n from single union all select task_id, count(*)::int from multi_pairs group by task_id) x
        group by task_id),
     counts as (
       select k.key_id, k.dimension, k.key, count(*)::int as tasks, count(p.task_id)::int as tasks_drawn,
              count(p.task_id) filter (where t.stratified)::int as tasks_drawn_by_credit_class,
              coalesce(sum(p.n), 0)::int as inspections_drawn
         from keys k join tasks t on t.id = k.task_id left join per_task p on p.task_id = k.task_id
        group by k.key_id, k.dimension, k.key),
     businesses as (
       select key_id, sum(n)::int as businesses_drawn from (
         select k.key_id, s.n from keys k join single s on s.task_id = k.task_id
         union all
         select key_id, count(*)::int from (select distinct k.key_id, m.uscc from keys k join multi_pairs m on m.task_id = k.task_id) d group by key_id) x
        group by key_id)
     select c.dimension, c.key, c.tasks, c.tasks_drawn, c.tasks_drawn_by_credit_class, c.inspections_drawn, coalesce(b.businesses_drawn, 0) as businesses_drawn
       from counts c left join businesses b on b.key_id = c.key_id`,
    [formatQuarter(q)],
    'all',
    ctx.em.getTransactionContext(),
  )) as {
    dimension: (typeof DIMENSIONS)[number]; key: string;
    tasks: number; tasks_drawn: number; tasks_drawn_by_credit_class: number; businesses_drawn: number; inspections_drawn: number;
  }[];
  const [referrals] = (await conn.execute(
    `select count(*)::int as received, count(*) filter (where status = 'closed')::int as closed
       from incoming_referral
      where received_at >= (?::date)::timestamp at time zone 'Asia/Shanghai'
        and received_at < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'`,
    [start, end],
    'all',
    ctx.em.getTransactionContext(),
  )) as { received: number; closed: number }[];
  const zero = { tasks: 0, tasksDrawn: 0, tasksDrawnByCreditClass: 0, businessesDrawn: 0, inspectionsDrawn: 0, referralsReceived: 0, referralsClosed: 0 };
  const out: DepartmentQuarterFigures[] = [];
  for (const r of rows) {
    out.push({
      ...zero,
      department,
      dimension: r.dimension,
      key: r.dimension === 'department' ? department : r.key,
      tasks: r.tasks,
      tasksDrawn: r.tasks_drawn,
      tasksDrawnByCreditClass: r.tasks_drawn_by_credit_class,
      businessesDrawn: r.businesses_drawn,
      inspectionsDrawn: r.inspections_drawn,
    });
  }
  // No task at all: no key, so no department row; it still carries the referrals.
  let total = out.find((r) => r.dimension === 'department');
  if (!total) out.push((total = { ...zero, department, dimension: 'department', key: department }));
  total.referralsReceived = referrals?.received ?? 0;
  total.referralsClosed = referrals?.closed ?? 0;
  return out
    .filter((r) => r.dimension === 'department' || r.tasks > 0)
    .sort((a, b) => DIMENSIONS.indexOf(a.dimension as (typeof DIMENSIONS)[number]) - DIMENSIONS.indexOf(b.dimension as (typeof DIMENSIONS)[number]) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The same keys as quarterFigures' (township, brigade of each item, industry each item targets), for given tasks. */
async function taskKeys(ctx: SubgraphContext, taskIds: string[]): Promise<DepartmentTaskKey[]> {
  if (!taskIds.length) return [];
  const ids = textArray(taskIds);
  const rows = (await ctx.em.getConnection().execute(
    `select distinct task_id as "taskId", dimension, key from (
       select t.id as task_id, 'township' as dimension, coalesce(t.region_code, 'county') as key from inspection_task t where t.id = any(?::text[])
       union all
       select t.id, 'brigade', i.item->>'brigade' from inspection_task t cross join lateral jsonb_array_elements(t.items::jsonb) as i(item)
        where t.id = any(?::text[]) and coalesce(i.item->>'brigade', '') <> ''
       union all
       select t.id, 'industry', ind.code from inspection_task t cross join lateral jsonb_array_elements(t.items::jsonb) as i(item)
              cross join lateral jsonb_array_elements_text(i.item->'targetIndustries') as ind(code)
        where t.id = any(?::text[])) k
     order by 1, 2, 3`,
    [ids, ids, ids],
    'all',
    ctx.em.getTransactionContext(),
  )) as DepartmentTaskKey[];
  return rows;
}
