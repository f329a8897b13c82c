import { createCodeResolvers } from '../../shared/inspection/code-kit.js';
import { createAnnualPlanResolvers } from '../../shared/inspection/annual-plan.js';
import { departmentPlanOwner, type TaskDepartment } from '../../shared/inspection/task-service.js';
import { createTaskResolvers } from '../../shared/inspection/task-kit.js';
import { MarketSupervisionInspector, MarketSupervisionTarget } from './entities.js';
import { localRegister } from './resolvers.js';

/** This department's inspection tasks and draws (shared/inspection/task-kit.ts). */
const dep: TaskDepartment = {
  department: 'market-supervision',
  Target: MarketSupervisionTarget,
  Inspector: MarketSupervisionInspector,
  register: localRegister,
};

/** Tasks and draws, the inspection codes (检查码) of published draws (shared/inspection/code-kit.ts), and the annual plan (shared/inspection/annual-plan.ts). */
export const marketSupervisionTaskResolvers = [
  ...createTaskResolvers('marketSupervision', dep),
  ...createCodeResolvers('marketSupervision', dep),
  ...createAnnualPlanResolvers('marketSupervision', departmentPlanOwner(dep.department)),
];
