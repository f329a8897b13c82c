/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A department of the county (部门), or the double-random office that coordinates them. */
export type Department =
  /** The double-random office (双随机办公室): coordinates, does not inspect. */
  | 'DOUBLE_RANDOM_OFFICE'
  /** Fire and Rescue Brigade (消防救援大队). */
  | 'FIRE_RESCUE'
  /** Market Supervision Administration (市场监督管理局). */
  | 'MARKET_SUPERVISION'
  /** Public Security Bureau (公安局). */
  | 'PUBLIC_SECURITY';

/** Disposal of what the inspection found (处置情况). */
export type DisposalStatus =
  /** Disposed of, on disposalDate (已处置). */
  | 'DONE'
  /** Nothing to dispose of (无需处置). */
  | 'NONE'
  /** Disposal under way (处置中). */
  | 'PENDING';

/** What a scanned inspection code (检查码) says. */
export type InspectionCodeScanStatus =
  /** Its validity window has ended (已过期). */
  | 'EXPIRED'
  /** The signature does not match: forged or altered (签名无效). */
  | 'FORGED'
  /** Its validity window has not begun (未生效). */
  | 'NOT_YET_VALID'
  /** Revoked by its issuer (已作废). */
  | 'REVOKED'
  /** Genuinely signed but not on record (未登记). */
  | 'UNKNOWN'
  /** Genuine, on record and in its window: the team may inspect (有效). */
  | 'VALID';

/** How an inspection item is checked (检查方式): on site, or off site (非现场监管) where that suffices. */
export type InspectionMethod =
  /** Document review (书面核查). */
  | 'DOCUMENT_REVIEW'
  /** Network monitoring (网络监测). */
  | 'NETWORK_MONITORING'
  /** On-site inspection (现场检查). */
  | 'ON_SITE'
  /** Video inspection (视频检查). */
  | 'VIDEO_INSPECTION';

/** 检查记录表 of one drawn business of a published task: a joint plan (JP-…) or a department task (PS-…, FR-…, MS-…). */
export type InspectionRecordInput = {
  /** The day of disposal; required when DONE. */
  disposalDate?: string | null | undefined;
  /** Disposal of the findings (处置情况); NONE when omitted. */
  disposalStatus?: DisposalStatus | null | undefined;
  /** Off-site checks: what documents, monitoring data or video were examined. */
  evidence?: string | null | undefined;
  /** Names of experts who took part (专家), if any. */
  experts?: Array<string>;
  /** What was found (检查情况), in words. */
  findings: string;
  /** Measures ordered or taken (后续措施), if any. */
  followUpMeasures?: string | null | undefined;
  /** The day of the inspection (检查日期). */
  inspectedOn: string;
  /** One entry per item of the task. */
  itemResults: Array<ItemResultInput>;
  /** Certificate number of the team leader. */
  leader: string;
  /** How it was checked; default: the off-site method when every item of the task uses it (非现场 preferred), else ON_SITE. */
  method?: InspectionMethod | null | undefined;
  /** Idempotency key chosen by the field device, the same on every retry of one record (8–100 characters). */
  submissionKey: string;
  /** The joint plan (JP-…) or department task. */
  taskId: string;
  /** Certificate numbers of the inspectors present (drawn team members). */
  team: Array<string>;
  /** Unified social credit code (统一社会信用代码) of the drawn business. */
  uscc: string;
};

/** Where one version of an inspection record (检查记录) stands. */
export type InspectionRecordStatus =
  /** Submitted, awaiting review (待审核). */
  | 'AWAITING_REVIEW'
  /** Reviewed and public (已公示). */
  | 'PUBLISHED'
  /** Returned by the reviewer with a reason (已退回). */
  | 'RETURNED'
  /** Replaced by a later version (已被更正). */
  | 'SUPERSEDED';

/** Where the record of one visit stands (检查记录状态). */
export type InspectionVisitStatus =
  /** 待审核: the latest version awaits review. */
  | 'AWAITING_REVIEW'
  /** 未录入: no record yet. */
  | 'NOT_ENTERED'
  /** 已公示: a version is published. */
  | 'PUBLISHED'
  /** 已退回: the latest version was returned; submit it again. */
  | 'RETURNED';

/** The result of one item of the task. */
export type ItemResultInput = {
  /** Item code, e.g. PS-PO-001. */
  itemCode: string;
  /** Result codes (multi-select): 1 A B C D 3 4 G 5 E F 6 7 8 9 10 11 12, see resultCodes. */
  resultCodes: Array<string>;
};

export type MyInspectionVisitsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MyInspectionVisitsQuery = { myInspectionVisits: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ taskId: string, taskTitle: string, department: string, windowStart: string, windowEnd: string, uscc: string, team: Array<string>, status: InspectionVisitStatus, recordId: string | null, scannedAt: string | null }> } };

export type ResultCodesQueryVariables = Exact<{ [key: string]: never; }>;


export type ResultCodesQuery = { resultCodes: Array<string> };

export type RecordInspectionScanMutationVariables = Exact<{
  code: string;
}>;


export type RecordInspectionScanMutation = { recordInspectionScan: { scanId: string, taskId: string, uscc: string, certificateNumber: string, scannedAt: string, code: { status: InspectionCodeScanStatus, message: string, taskId: string | null, taskTitle: string | null, department: Department | null, uscc: string | null, certificateNumbers: Array<string>, validFrom: string | null, validUntil: string | null, items: Array<{ code: string, name: string, legalBasis: string }> } } };

export type SubmitInspectionRecordMutationVariables = Exact<{
  record: InspectionRecordInput;
}>;


export type SubmitInspectionRecordMutation = { submitInspectionRecord: { id: string, version: number, status: InspectionRecordStatus, taskId: string, uscc: string, method: InspectionMethod, inspectedOn: string } };

export type PublishedPlansQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PublishedPlansQuery = { jointPlans: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, title: string, period: string, windowStart: string, windowEnd: string, initiatingDepartment: Department, publishedAt: string | null }> } };

export type PublishedTaskFragment = { id: string, department: Department, title: string, period: string, windowStart: string, windowEnd: string, publishedAt: string | null };

export type PublishedDepartmentTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type PublishedDepartmentTasksQuery = { marketSupervisionTasks: { totalCount: number, nodes: Array<{ id: string, department: Department, title: string, period: string, windowStart: string, windowEnd: string, publishedAt: string | null }> }, publicSecurityTasks: { totalCount: number, nodes: Array<{ id: string, department: Department, title: string, period: string, windowStart: string, windowEnd: string, publishedAt: string | null }> }, fireRescueTasks: { totalCount: number, nodes: Array<{ id: string, department: Department, title: string, period: string, windowStart: string, windowEnd: string, publishedAt: string | null }> } };

export type DrawExportQueryVariables = Exact<{
  taskId: string;
}>;


export type DrawExportQuery = { jointDrawExport: string | null };

export type PublishedResultsQueryVariables = Exact<{
  uscc?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type PublishedResultsQuery = { publishedInspectionResults: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ recordId: string, version: number, taskId: string, taskTitle: string, departments: Array<Department>, uscc: string, inspectedOn: string, method: InspectionMethod, findings: string, disposalStatus: DisposalStatus, publishedAt: string, itemResults: Array<{ itemCode: string, resultLabels: Array<string> }> }> } };

export type InspectionCodeScanQueryVariables = Exact<{
  code: string;
}>;


export type InspectionCodeScanQuery = { inspectionCodeScan: { status: InspectionCodeScanStatus, message: string, taskId: string | null, taskTitle: string | null, department: Department | null, uscc: string | null, validFrom: string | null, validUntil: string | null, revocationReason: string | null, items: Array<{ code: string, name: string, legalBasis: string }>, inspectors: Array<{ certificateNumber: string, name: string | null, department: Department | null }> } };

export type RateInspectionVisitMutationVariables = Exact<{
  code: string;
  score: number;
  comment?: string | null | undefined;
}>;


export type RateInspectionVisitMutation = { rateInspectionVisit: { taskId: string, uscc: string, score: number, comment: string | null, ratedAt: string } };

export const PublishedTaskFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublishedTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InspectionTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]} as unknown as DocumentNode<PublishedTaskFragment, unknown>;
export const MyInspectionVisitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyInspectionVisits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myInspectionVisits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"taskTitle"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"team"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"scannedAt"}}]}}]}}]}}]} as unknown as DocumentNode<MyInspectionVisitsQuery, MyInspectionVisitsQueryVariables>;
export const ResultCodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResultCodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resultCodes"}}]}}]} as unknown as DocumentNode<ResultCodesQuery, ResultCodesQueryVariables>;
export const RecordInspectionScanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordInspectionScan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordInspectionScan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanId"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"scannedAt"}},{"kind":"Field","name":{"kind":"Name","value":"code"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"taskTitle"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumbers"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RecordInspectionScanMutation, RecordInspectionScanMutationVariables>;
export const SubmitInspectionRecordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitInspectionRecord"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"record"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InspectionRecordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitInspectionRecord"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"record"},"value":{"kind":"Variable","name":{"kind":"Name","value":"record"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"inspectedOn"}}]}}]}}]} as unknown as DocumentNode<SubmitInspectionRecordMutation, SubmitInspectionRecordMutationVariables>;
export const PublishedPlansDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublishedPlans"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointPlans"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PUBLISHED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"initiatingDepartment"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}}]}}]} as unknown as DocumentNode<PublishedPlansQuery, PublishedPlansQueryVariables>;
export const PublishedDepartmentTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublishedDepartmentTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketSupervisionTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PUBLISHED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublishedTask"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"publicSecurityTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PUBLISHED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublishedTask"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"fireRescueTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PUBLISHED"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublishedTask"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublishedTask"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InspectionTask"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"windowStart"}},{"kind":"Field","name":{"kind":"Name","value":"windowEnd"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]} as unknown as DocumentNode<PublishedDepartmentTasksQuery, PublishedDepartmentTasksQueryVariables>;
export const DrawExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DrawExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jointDrawExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}}}]}]}}]} as unknown as DocumentNode<DrawExportQuery, DrawExportQueryVariables>;
export const PublishedResultsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublishedResults"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uscc"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishedInspectionResults"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uscc"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uscc"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"taskTitle"}},{"kind":"Field","name":{"kind":"Name","value":"departments"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"inspectedOn"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"itemResults"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCode"}},{"kind":"Field","name":{"kind":"Name","value":"resultLabels"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"}},{"kind":"Field","name":{"kind":"Name","value":"disposalStatus"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}}]}}]} as unknown as DocumentNode<PublishedResultsQuery, PublishedResultsQueryVariables>;
export const InspectionCodeScanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InspectionCodeScan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectionCodeScan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"taskTitle"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}}]}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"revocationReason"}},{"kind":"Field","name":{"kind":"Name","value":"inspectors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"department"}}]}}]}}]}}]} as unknown as DocumentNode<InspectionCodeScanQuery, InspectionCodeScanQueryVariables>;
export const RateInspectionVisitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RateInspectionVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"score"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateInspectionVisit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"score"},"value":{"kind":"Variable","name":{"kind":"Name","value":"score"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"ratedAt"}}]}}]}}]} as unknown as DocumentNode<RateInspectionVisitMutation, RateInspectionVisitMutationVariables>;