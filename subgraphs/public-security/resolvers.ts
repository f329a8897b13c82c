import { createDepartmentResolvers } from '../../shared/department-kit.js';
import { Enterprise, PublicSecurityInspector, PublicSecurityInspectorConnection, PublicSecurityTarget } from './entities.js';

export const publicSecurityResolvers = createDepartmentResolvers({
  department: 'public-security',
  prefix: 'publicSecurity',
  Inspector: PublicSecurityInspector,
  InspectorConnection: PublicSecurityInspectorConnection,
  Target: PublicSecurityTarget,
  Enterprise,
});
