import { createCodeResolvers } from '../../shared/inspection/code-kit.js';
import { createAnnualPlanResolvers } from '../../shared/inspection/annual-plan.js';
import { departmentPlanOwner, type TaskDepartment } from '../../shared/inspection/task-service.js';
import { createTaskResolvers } from '../../shared/inspection/task-kit.js';
import { remoteRegister } from '../../shared/department/register.js';
import { HealthInspector, HealthTarget } from './entities.js';

/** This department's inspection tasks and draws (shared/inspection/task-kit.ts). */
const dep: TaskDepartment = {
  department: 'health',
  Target: HealthTarget,
  Inspector: HealthInspector,
  register: remoteRegister,
};

/** Tasks and draws, the inspection codes (检查码) of published draws (shared/inspection/code-kit.ts), and the annual plan (shared/inspection/annual-plan.ts). */
export const healthTaskResolvers = [
  ...createTaskResolvers('health', dep),
  ...createCodeResolvers('health', dep),
  ...createAnnualPlanResolvers('health', departmentPlanOwner(dep.department)),
];
