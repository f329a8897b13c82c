import { createCodeResolvers } from '../../shared/code-kit.js';
import type { TaskDepartment } from '../../shared/task-service.js';
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

/** Tasks and draws, and the inspection codes (检查码) of published draws (shared/code-kit.ts). */
export const publicSecurityTaskResolvers = [...createTaskResolvers('publicSecurity', dep), ...createCodeResolvers('publicSecurity', dep)];
