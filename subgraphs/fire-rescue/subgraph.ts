import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '../../shared/subgraph.js';
import { taskEntities } from '../../shared/task-entities.js';
import { enterpriseReferenceResolver } from '../../shared/enterprise-reference.js';
import { entities, Enterprise } from './entities.js';
import { createLoaders, type Loaders } from './loaders.js';
import { fireRescueResolvers } from './resolvers.js';
import { migrations } from './migrations/index.js';
import { fireRescueTaskResolvers } from './tasks.js';
import { seed } from './seed.js';
import { DIRECTORY_ENTITIES } from '../../shared/directory.js';

export const fireRescue: SubgraphDefinition<Loaders> = {
  name: 'fire-rescue',
  defaultPort: 4003, // as in subgraphs/catalog.ts
  resolvers: [...fireRescueResolvers, ...fireRescueTaskResolvers],
  // Reached only through field resolvers on it, so type-graphql must be told to emit it.
  orphanedTypes: [Enterprise],
  referenceResolvers: enterpriseReferenceResolver,
  createLoaders,
  database: {
    // The department's own tables and the directory tables every department has (tags, conflicts).
    entities: [...entities, ...DIRECTORY_ENTITIES, ...taskEntities],
    migrations,
    migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
    seed,
  },
};
