import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentLoaders } from '../../shared/department/loaders.js';
import { FireRescueTarget } from './entities.js';

export const createLoaders = (em: EntityManager) => departmentLoaders(em, FireRescueTarget);

export type Loaders = ReturnType<typeof createLoaders>;
