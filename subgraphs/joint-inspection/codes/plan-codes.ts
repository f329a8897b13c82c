import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { codeView, InspectionCodeView, revocationsOf } from '../../../shared/inspection/code-kit.js';
import { checkPageSize, Connection, PageArgs, type Page } from '../../../shared/platform/pagination.js';
import { authorize } from '../../../shared/platform/policy.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { InspectionCodeRow } from '../../../shared/inspection/task-entities.js';
import { pageOf } from '../paging.js';
import { JointPlanRow } from '../plans/entities.js';
import { planDepartments } from '../plans/service.js';

/** The inspection codes issued for a joint plan, for the office's console (a print sheet lists them without issuing again). */

const InspectionCodeConnection = Connection(InspectionCodeView, 'InspectionCodeConnection');

@Resolver()
export class JointInspectionCodesResolver {
  @Query(() => InspectionCodeConnection, {
    nullable: true,
    description:
      "检查码: the inspection codes issued for a joint plan's tasks, in force or revoked (revokedAt, revocationReason), in order of issue; " +
      'issuing stays issueJointInspectionCodes. Signed-in office staff and the departments on the plan; null when there is no such plan.',
  })
  async jointInspectionCodes(
    @Arg('planId', () => String, { description: 'The joint plan, e.g. JP-2026Q2-0001.' }) planId: string,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionCodeView> | null> {
    authorize(ctx, 'joint-code:read', { field: 'jointInspectionCodes' });
    checkPageSize(first);
    const plan = await ctx.em.findOne(JointPlanRow, { id: planId.trim() });
    if (!plan) return null;
    authorize(ctx, 'joint-code:read', { departments: planDepartments(plan), field: 'jointInspectionCodes' });
    const rows = await ctx.em.find(InspectionCodeRow, { taskId: plan.id }, { orderBy: { drawId: 'asc', issuedAt: 'asc', id: 'asc' } });
    const page = pageOf(rows, first, after);
    const revoked = await revocationsOf(ctx, page.nodes.map((r) => r.id));
    return { ...page, nodes: page.nodes.map((r) => codeView(r, revoked.get(r.id))) };
  }
}
