import { department } from './department.js';
import type { SubgraphDefinition } from '../../shared/platform/subgraph.js';
import type { Enterprise } from './entities.js';
import { createLoaders, type Loaders } from './loaders.js';
import { EnterpriseResolver, marketSupervisionResolvers } from './resolvers.js';
import { CreditRiskClassHistoryResolver, RegisterExchangeResolver } from './exchange-resolvers.js';
import { database } from './database.js';
import { marketSupervisionTaskResolvers } from './tasks.js';
import { CreditFeedbackResolver } from './credit-feedback.js';
import { RegisterNamesResolver } from './register-names.js';

export const marketSupervision: SubgraphDefinition<Loaders> = {
  name: department.code,
  defaultPort: department.port,
  resolvers: [EnterpriseResolver, RegisterNamesResolver, CreditFeedbackResolver, CreditRiskClassHistoryResolver, RegisterExchangeResolver, ...marketSupervisionResolvers, ...marketSupervisionTaskResolvers],
  referenceResolvers: {
    Enterprise: {
      __resolveReference: (ref: { uscc: string }, ctx): Promise<Enterprise | null> => ctx.loaders.enterprise.load(ref.uscc),
    },
  },
  createLoaders,
  database,
};
