import { createDepartmentResolvers } from '../../shared/department-kit.js';
import { Enterprise, FireRescueInspector, FireRescueInspectorConnection, FireRescueTarget } from './entities.js';

export const fireRescueResolvers = createDepartmentResolvers({
  department: 'fire-rescue',
  prefix: 'fireRescue',
  Inspector: FireRescueInspector,
  InspectorConnection: FireRescueInspectorConnection,
  Target: FireRescueTarget,
  Enterprise,
});
