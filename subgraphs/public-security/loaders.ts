import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentLoaders } from '../../shared/department/loaders.js';
import { PublicSecurityTarget } from './entities.js';

export const createLoaders = (em: EntityManager) => departmentLoaders(em, PublicSecurityTarget);

export type Loaders = ReturnType<typeof createLoaders>;
