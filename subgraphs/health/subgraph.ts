import { department } from './department.js';
import type { SubgraphDefinition } from '../../shared/platform/subgraph.js';
import { enterpriseReferenceResolver } from '../../shared/platform/enterprise-reference.js';
import { Enterprise } from './entities.js';
import { database } from './database.js';
import { createLoaders, type Loaders } from './loaders.js';
import { healthResolvers } from './resolvers.js';
import { healthTaskResolvers } from './tasks.js';

export const health: SubgraphDefinition<Loaders> = {
  name: department.code,
  defaultPort: department.port,
  resolvers: [...healthResolvers, ...healthTaskResolvers],
  // Reached only through field resolvers on it, so type-graphql must be told to emit it.
  orphanedTypes: [Enterprise],
  referenceResolvers: enterpriseReferenceResolver,
  createLoaders,
  database,
};
