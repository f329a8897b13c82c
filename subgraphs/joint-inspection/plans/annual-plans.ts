import { createAnnualPlanResolvers, type PlanOwner } from '../../../shared/inspection/annual-plan.js';
import { OFFICE } from '../../../shared/domain/departments.js';
import { itemsAt } from '../items/service.js';

/**
 * The double-random office's annual plan (shared/inspection/annual-plan.ts): its coordinators manage it; it
 * may cover any published item of the county list, and a joint plan is committed and drawn only
 * when it covers every participating department's items (plan-service.ts).
 */
export const officePlanOwner: PlanOwner = {
  department: OFFICE.code,
  short: 'DR',
  foreignItems: async (ctx, codes) => {
    const known = new Set((await itemsAt(ctx.em, undefined, { code: { $in: codes }, status: 'published' })).map((i) => i.code));
    return codes.filter((c) => !known.has(c));
  },
};

export const officeAnnualPlanResolvers = createAnnualPlanResolvers('joint', officePlanOwner);
