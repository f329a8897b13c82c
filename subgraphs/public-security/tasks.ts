import { createTaskResolvers } from '../../shared/task-kit.js';
import { remoteRegisterDetails } from '../../shared/task-service.js';
import { PublicSecurityInspector, PublicSecurityTarget } from './entities.js';

/** This department's inspection tasks and draws (shared/task-kit.ts). */
export const publicSecurityTaskResolvers = createTaskResolvers('publicSecurity', {
  department: 'public-security',
  Target: PublicSecurityTarget,
  Inspector: PublicSecurityInspector,
  registerDetails: remoteRegisterDetails,
});
