import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '../../shared/platform/subgraph.js';
import { JOINT_INSPECTION } from '../catalog.js';
import { enterpriseReferenceResolver } from '../../shared/platform/enterprise-reference.js';
import { entities } from './items/entities.js';
import { createLoaders, type Loaders } from './loaders.js';
import { InspectionItemResolver } from './items/resolvers.js';
import { Enterprise, EnterpriseSupervisionResolver } from './enterprise/supervision.js';
import { migrations } from './migrations/index.js';
import { seed } from './seed.js';
// Imported before plans/draws.js: the order of registration is the order of the Query fields in the schema.
import { InspectionCodeResolver, InspectionCodeScanFields } from './codes/resolvers.js';
import { PublicDrawResolver } from './plans/draws.js';
import { InspectionCodeQrResolver } from './codes/qr.js';
import { JointCodeResolver } from './codes/joint-codes.js';
import { FollowUpFields, InspectionRecordFields, VisitResolver } from './visits/resolvers.js';
import { visitEntities } from './visits/entities.js';
import { JointMergeFieldsResolver, JointMergeResolver } from './merge/resolvers.js';
import { mergeEntities } from './merge/entities.js';
import { InspectionHistoryFields, InspectionHistoryResolver } from './enterprise/inspection-history.js';
import { JointDrawFields, JointPlanResolver } from './plans/resolvers.js';
import { planEntities } from './plans/entities.js';
import { officeAnnualPlanResolvers } from './plans/annual-plans.js';
import { annualPlanEntities } from '../../shared/inspection/annual-plan.js';
import { codeEntities, DrawAdjustmentRow, DrawCommitmentRow, DrawnTargetRow, DrawResultRow } from '../../shared/inspection/task-entities.js';
import { TrailEntry } from '../../shared/platform/trail.js';
import { MyInspectionVisitsResolver } from './visits/my-visits.js';
import { ratingEntities, VisitRatingResolver } from './visits/ratings.js';
// The review queue before the plan's codes: the order of registration is the order of the Query fields.
import { ReviewQueueResolver } from './visits/review-queue.js';
import { JointInspectionCodesResolver } from './codes/plan-codes.js';
import { QuarterlyReportResolver } from './reports/resolvers.js';
import { CountyAnalyticsResolver } from './reports/analytics-resolvers.js';
import { reportEntities } from './reports/entities.js';
import { JointPlanProposalResolver } from './optimizer/resolvers.js';
import { optimizerEntities } from './optimizer/entities.js';

/**
 * The double-random office's service: it keeps the county's item list and departments' claims,
 * and gathers and merges what departments know (it owns no department data).
 */
export const jointInspection: SubgraphDefinition<Loaders> = {
  name: JOINT_INSPECTION.name,
  defaultPort: JOINT_INSPECTION.port,
  resolvers: [EnterpriseSupervisionResolver, InspectionItemResolver, PublicDrawResolver, JointMergeResolver, JointMergeFieldsResolver, InspectionHistoryResolver, InspectionHistoryFields, JointPlanResolver, JointDrawFields, InspectionCodeResolver, InspectionCodeScanFields, InspectionCodeQrResolver, JointCodeResolver, VisitResolver, FollowUpFields, InspectionRecordFields, ...officeAnnualPlanResolvers, MyInspectionVisitsResolver, VisitRatingResolver, ReviewQueueResolver, JointInspectionCodesResolver, QuarterlyReportResolver, CountyAnalyticsResolver, JointPlanProposalResolver],
  // Reached only through field resolvers on it, so type-graphql must be told to emit it.
  orphanedTypes: [Enterprise],
  referenceResolvers: enterpriseReferenceResolver,
  createLoaders,
  database: {
    // Joint plans keep their draws in the same append-only tables as the departments' tasks
    // (task id = plan id); inspection_task is not used here. The office's annual plan gates joint draws.
    entities: [...entities, ...mergeEntities, ...planEntities, DrawCommitmentRow, DrawResultRow, DrawnTargetRow, DrawAdjustmentRow, ...codeEntities, ...visitEntities, ...annualPlanEntities, TrailEntry, ...ratingEntities, ...reportEntities, ...optimizerEntities],
    migrations,
    migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
    seed,
  },
};
