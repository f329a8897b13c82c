import { createCodeResolvers } from '../../shared/code-kit.js';
import { createAnnualPlanResolvers } from '../../shared/annual-plan.js';
import { departmentPlanOwner, type TaskDepartment } from '../../shared/task-service.js';
import { createTaskResolvers } from '../../shared/task-kit.js';
import { remoteRegister } from '../../shared/register.js';
import { FireRescueInspector, FireRescueTarget } from './entities.js';

/** This department's inspection tasks and draws (shared/task-kit.ts). */
const dep: TaskDepartment = {
  department: 'fire-rescue',
  Target: FireRescueTarget,
  Inspector: FireRescueInspector,
  register: remoteRegister,
};

/** Tasks and draws, the inspection codes (检查码) of published draws (shared/code-kit.ts), and the annual plan (shared/annual-plan.ts). */
export const fireRescueTaskResolvers = [
  ...createTaskResolvers('fireRescue', dep),
  ...createCodeResolvers('fireRescue', dep),
  ...createAnnualPlanResolvers('fireRescue', departmentPlanOwner(dep.department)),
];
