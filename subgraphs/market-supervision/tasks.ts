import { createTaskResolvers } from '../../shared/task-kit.js';
import { MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import { Enterprise } from './entities.js';
import type { RegisterDetailsLookup } from '../../shared/task-service.js';

const localRegisterDetails: RegisterDetailsLookup = async (ctx, usccs) => {
  const rows = await ctx.em.find(Enterprise, { uscc: { $in: usccs } });
  return new Map(rows.map((e) => [e.uscc, e]));
};

/** This department's inspection tasks and draws (shared/task-kit.ts). */
export const marketSupervisionTaskResolvers = createTaskResolvers('marketSupervision', {
  department: 'market-supervision',
  Target: MarketSupervisionTarget,
  Inspector: MarketSupervisionInspector,
  registerDetails: localRegisterDetails,
});
