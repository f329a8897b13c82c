import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { InspectionCodeView, issueCodesForDraw, revocationsOf, revokeCode } from '../../../shared/inspection/code-kit.js';
import { requirePlanInForce } from '../../../shared/inspection/annual-plan.js';
import { OFFICE } from '../../../shared/domain/departments.js';
import { badInput, userError } from '../../../shared/platform/errors.js';
import { requireStatement } from '../../../shared/platform/versioned.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { InspectionCodeRow } from '../../../shared/inspection/task-entities.js';
import { loadPlan, participations } from '../plans/service.js';
import { publishedDraw } from '../plans/joint-tasks.js';

/** At most this many codes in one revocation. */
const MAX_REVOKED = 100;

/**
 * Inspection codes of joint tasks (plans/joint-tasks.ts): issued and kept here, by the office, like a
 * department's codes for its own tasks (shared/inspection/code-kit.ts).
 */

@Resolver()
export class JointCodeResolver {
  @Mutation(() => [InspectionCodeView], {
    description: 'Inspection codes (检查码) of every joint task of a published joint plan (office coordinators); re-issuing returns the same codes.',
  })
  async issueJointInspectionCodes(@Arg('planId', () => String, { description: 'A published joint plan, e.g. JP-2026Q2-0001.' }) planId: string, @Ctx() ctx: SubgraphContext): Promise<InspectionCodeView[]> {
    const plan = await loadPlan(ctx.em, planId);
    const drawId = await publishedDraw(ctx.em, plan, 'planId');
    await requirePlanInForce(ctx.em, OFFICE.code, plan.period, (await participations(ctx.em, plan)).flatMap((p) => p.itemCodes), 'planId');
    return issueCodesForDraw(ctx, plan, drawId);
  }

  @Mutation(() => [InspectionCodeView], {
    description:
      'Revokes inspection codes of joint tasks (office coordinators), with one recorded reason. All or nothing: ' +
      'an unknown code (NOT_FOUND) or one already revoked (CONFLICT) revokes none; extensions.codeId names it.',
  })
  async revokeJointInspectionCodes(
    @Arg('codes', () => [String], { description: 'Code ids (codeId) of the codes to revoke, 1 to 100, no repeats.' }) codes: string[],
    @Arg('reason', () => String, { description: 'Why the codes are revoked (shown on a scan).' }) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionCodeView[]> {
    if (codes.length < 1 || codes.length > MAX_REVOKED) {
      throw badInput('codes', `一次作废1到${MAX_REVOKED}个检查码，收到${codes.length}个 / revoke 1 to ${MAX_REVOKED} codes at a time, got ${codes.length}`);
    }
    const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
    if (repeated !== undefined) throw badInput('codes', `检查码${repeated}重复 / code ${repeated} is listed twice`, { codeId: repeated });
    requireStatement('reason', reason, '作废检查码的理由');
    const rows = new Map((await ctx.em.find(InspectionCodeRow, { id: { $in: codes } })).map((r) => [r.id, r]));
    const missing = codes.find((c) => !rows.has(c));
    if (missing !== undefined) {
      throw userError('NOT_FOUND', `检查码“${missing}”不存在，未作废任何检查码 / there is no inspection code "${missing}"; no code was revoked`, { field: 'codes', codeId: missing });
    }
    const revoked = await revocationsOf(ctx, codes);
    const already = codes.find((c) => revoked.has(c));
    if (already !== undefined) {
      throw userError('CONFLICT', `检查码${already}已作废，未作废任何检查码 / inspection code ${already} is already revoked; no code was revoked`, { field: 'codes', codeId: already });
    }
    // The mutation's transaction (withTrail) holds every revocation: an error rolls all of them back.
    const out: InspectionCodeView[] = [];
    for (const codeId of codes) out.push(await revokeCode(ctx, codeId, reason));
    return out;
  }
}
