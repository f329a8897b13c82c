import type { EntityManager } from '@mikro-orm/postgresql';
import { departmentLoaders } from '../../shared/department/loaders.js';
import { HealthTarget } from './entities.js';

export const createLoaders = (em: EntityManager) => departmentLoaders(em, HealthTarget);

export type Loaders = ReturnType<typeof createLoaders>;
