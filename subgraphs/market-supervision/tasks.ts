import { createCodeResolvers } from '../../shared/code-kit.js';
import type { TaskDepartment } from '../../shared/task-service.js';
import { createTaskResolvers } from '../../shared/task-kit.js';
import { MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import { Enterprise } from './entities.js';
import type { RegisterDetailsLookup } from '../../shared/task-service.js';

const localRegisterDetails: RegisterDetailsLookup = async (ctx, usccs) => {
  const rows = await ctx.em.find(Enterprise, { uscc: { $in: usccs } });
  return new Map(rows.map((e) => [e.uscc, e]));
};

/** This department's inspection tasks and draws (shared/task-kit.ts). */
const dep: TaskDepartment = {
  department: 'market-supervision',
  Target: MarketSupervisionTarget,
  Inspector: MarketSupervisionInspector,
  registerDetails: localRegisterDetails,
};

/** Tasks and draws, and the inspection codes (检查码) of published draws (shared/code-kit.ts). */
export const marketSupervisionTaskResolvers = [...createTaskResolvers('marketSupervision', dep), ...createCodeResolvers('marketSupervision', dep)];
