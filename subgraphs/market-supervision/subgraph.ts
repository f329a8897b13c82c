import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '../../shared/subgraph.js';
import { taskEntities } from '../../shared/task-entities.js';
import { entities, Enterprise } from './entities.js';
import { createLoaders, type Loaders } from './loaders.js';
import { EnterpriseResolver, marketSupervisionResolvers } from './resolvers.js';
import { migrations } from './migrations/index.js';
import { marketSupervisionTaskResolvers } from './tasks.js';
import { seed } from './seed.js';

export const marketSupervision: SubgraphDefinition<Loaders> = {
  name: 'market-supervision',
  defaultPort: 4001, // as in subgraphs/catalog.ts
  resolvers: [EnterpriseResolver, ...marketSupervisionResolvers, ...marketSupervisionTaskResolvers],
  referenceResolvers: {
    Enterprise: {
      __resolveReference: (ref: { uscc: string }, ctx): Promise<Enterprise | null> => ctx.loaders.enterprise.load(ref.uscc),
    },
  },
  createLoaders,
  database: {
    entities: [...entities, ...taskEntities],
    migrations,
    migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
    seed,
  },
};
