import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '../../shared/subgraph.js';
import { enterpriseReferenceResolver } from '../../shared/enterprise-reference.js';
import { entities } from './entities.js';
import { createLoaders, type Loaders } from './loaders.js';
import { Enterprise, EnterpriseSupervisionResolver, InspectionItemResolver } from './resolvers.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
import { PublicDrawResolver } from './draws.js';
import { InspectionCodeResolver, InspectionCodeScanFields } from './codes.js';
import { InspectionCodeQrResolver } from './code-qr.js';
import { JointCodeResolver } from './joint-codes.js';
import { FollowUpFields, InspectionRecordFields, VisitResolver } from './visits.js';
import { visitEntities } from './visit-entities.js';
import { JointMergeFieldsResolver, JointMergeResolver } from './merge-service.js';
import { mergeEntities } from './merge-entities.js';
import { InspectionHistoryFields, InspectionHistoryResolver } from './inspection-history.js';
import { JointDrawFields, JointPlanResolver } from './plans.js';
import { planEntities } from './plan-entities.js';
import { officeAnnualPlanResolvers } from './annual-plans.js';
import { annualPlanEntities } from '../../shared/annual-plan.js';
import { codeEntities, DrawAdjustmentRow, DrawCommitmentRow, DrawnTargetRow, DrawResultRow } from '../../shared/task-entities.js';
import { TrailEntry } from '../../shared/trail.js';
import { MyInspectionVisitsResolver } from './my-visits.js';
import { ratingEntities, VisitRatingResolver } from './ratings.js';
import { OfficeListsResolver } from './office-lists.js';

/**
 * The double-random office's service: it keeps the county's item list and departments' claims,
 * and gathers and merges what departments know (it owns no department data).
 */
export const jointInspection: SubgraphDefinition<Loaders> = {
  name: 'joint-inspection',
  defaultPort: 4010, // as in subgraphs/catalog.ts
  resolvers: [EnterpriseSupervisionResolver, InspectionItemResolver, PublicDrawResolver, JointMergeResolver, JointMergeFieldsResolver, InspectionHistoryResolver, InspectionHistoryFields, JointPlanResolver, JointDrawFields, InspectionCodeResolver, InspectionCodeScanFields, InspectionCodeQrResolver, JointCodeResolver, VisitResolver, FollowUpFields, InspectionRecordFields, ...officeAnnualPlanResolvers, MyInspectionVisitsResolver, VisitRatingResolver, OfficeListsResolver],
  // Reached only through field resolvers on it, so type-graphql must be told to emit it.
  orphanedTypes: [Enterprise],
  referenceResolvers: enterpriseReferenceResolver,
  createLoaders,
  database: {
    // Joint plans keep their draws in the same append-only tables as the departments' tasks
    // (task id = plan id); inspection_task is not used here. The office's annual plan gates joint draws.
    entities: [...entities, ...mergeEntities, ...planEntities, DrawCommitmentRow, DrawResultRow, DrawnTargetRow, DrawAdjustmentRow, ...codeEntities, ...visitEntities, ...annualPlanEntities, TrailEntry, ...ratingEntities],
    migrations,
    migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
    seed,
  },
};
