import { createTaskResolvers } from '../../shared/task-kit.js';
import { remoteRegisterDetails } from '../../shared/task-service.js';
import { FireRescueInspector, FireRescueTarget } from './entities.js';

/** This department's inspection tasks and draws (shared/task-kit.ts). */
export const fireRescueTaskResolvers = createTaskResolvers('fireRescue', {
  department: 'fire-rescue',
  Target: FireRescueTarget,
  Inspector: FireRescueInspector,
  registerDetails: remoteRegisterDetails,
});
