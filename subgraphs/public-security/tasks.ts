import { createCodeResolvers } from '../../shared/code-kit.js';
import { createAnnualPlanResolvers } from '../../shared/annual-plan.js';
import { departmentPlanOwner, type TaskDepartment } from '../../shared/task-service.js';
import { createTaskResolvers } from '../../shared/task-kit.js';
import { remoteRegister } from '../../shared/register.js';
import { PublicSecurityInspector, PublicSecurityTarget } from './entities.js';

/** This department's inspection tasks and draws (shared/task-kit.ts). */
const dep: TaskDepartment = {
  department: 'public-security',
  Target: PublicSecurityTarget,
  Inspector: PublicSecurityInspector,
  register: remoteRegister,
};

/** Tasks and draws, the inspection codes (检查码) of published draws (shared/code-kit.ts), and the annual plan (shared/annual-plan.ts). */
export const publicSecurityTaskResolvers = [
  ...createTaskResolvers('publicSecurity', dep),
  ...createCodeResolvers('publicSecurity', dep),
  ...createAnnualPlanResolvers('publicSecurity', departmentPlanOwner(dep.department)),
];
