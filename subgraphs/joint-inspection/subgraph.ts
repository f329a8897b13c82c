import type { SubgraphDefinition } from '../../shared/subgraph.js';
import { enterpriseReferenceResolver } from '../../shared/enterprise-reference.js';
import { createLoaders, type Loaders } from './loaders.js';
import { Enterprise, EnterpriseSupervisionResolver } from './resolvers.js';
import { PublicDrawResolver } from './draws.js';

/** The double-random office's service: it owns no department data, it gathers and merges. */
export const jointInspection: SubgraphDefinition<Loaders> = {
  name: 'joint-inspection',
  defaultPort: 4010, // as in subgraphs/catalog.ts
  resolvers: [EnterpriseSupervisionResolver, PublicDrawResolver],
  // Reached only through field resolvers on it, so type-graphql must be told to emit it.
  orphanedTypes: [Enterprise],
  referenceResolvers: enterpriseReferenceResolver,
  createLoaders,
};
