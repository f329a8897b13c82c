import type { EntityClass } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { badInput } from '../platform/errors.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import * as clock from '../platform/clock.js';
import { parseAsOf } from '../platform/versioned.js';
import { CONTRACT_TAGS_QUERY, CONTRACT_TARGET_LIST_QUERY, CONTRACT_TARGETS_QUERY, DepartmentTarget, DepartmentTargetTag } from './contract.js';
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
  }
  return [DepartmentContractResolver] as const;
}
