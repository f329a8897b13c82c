/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query PublishedPlans($after: String) {\n  jointPlans(status: PUBLISHED, first: 20, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      id\n      title\n      period\n      windowStart\n      windowEnd\n      initiatingDepartment\n      publishedAt\n    }\n  }\n}\n\nfragment PublishedTask on InspectionTask {\n  id\n  department\n  title\n  period\n  windowStart\n  windowEnd\n  publishedAt\n}\n\nquery PublishedDepartmentTasks {\n  marketSupervisionTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  publicSecurityTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  fireRescueTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n}\n\nquery DrawExport($taskId: String!) {\n  jointDrawExport(taskId: $taskId)\n}\n\nquery PublishedResults($uscc: String, $after: String) {\n  publishedInspectionResults(uscc: $uscc, first: 10, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      recordId\n      version\n      taskId\n      taskTitle\n      departments\n      uscc\n      inspectedOn\n      method\n      itemResults {\n        itemCode\n        resultLabels\n      }\n      findings\n      disposalStatus\n      publishedAt\n    }\n  }\n}\n\nquery InspectionCodeScan($code: String!) {\n  inspectionCodeScan(code: $code) {\n    status\n    message\n    taskId\n    taskTitle\n    department\n    items {\n      code\n      name\n      legalBasis\n    }\n    uscc\n    validFrom\n    validUntil\n    revocationReason\n    inspectors {\n      certificateNumber\n      name\n      department\n    }\n  }\n}": typeof types.PublishedPlansDocument,
};
const documents: Documents = {
    "query PublishedPlans($after: String) {\n  jointPlans(status: PUBLISHED, first: 20, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      id\n      title\n      period\n      windowStart\n      windowEnd\n      initiatingDepartment\n      publishedAt\n    }\n  }\n}\n\nfragment PublishedTask on InspectionTask {\n  id\n  department\n  title\n  period\n  windowStart\n  windowEnd\n  publishedAt\n}\n\nquery PublishedDepartmentTasks {\n  marketSupervisionTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  publicSecurityTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  fireRescueTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n}\n\nquery DrawExport($taskId: String!) {\n  jointDrawExport(taskId: $taskId)\n}\n\nquery PublishedResults($uscc: String, $after: String) {\n  publishedInspectionResults(uscc: $uscc, first: 10, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      recordId\n      version\n      taskId\n      taskTitle\n      departments\n      uscc\n      inspectedOn\n      method\n      itemResults {\n        itemCode\n        resultLabels\n      }\n      findings\n      disposalStatus\n      publishedAt\n    }\n  }\n}\n\nquery InspectionCodeScan($code: String!) {\n  inspectionCodeScan(code: $code) {\n    status\n    message\n    taskId\n    taskTitle\n    department\n    items {\n      code\n      name\n      legalBasis\n    }\n    uscc\n    validFrom\n    validUntil\n    revocationReason\n    inspectors {\n      certificateNumber\n      name\n      department\n    }\n  }\n}": types.PublishedPlansDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublishedPlans($after: String) {\n  jointPlans(status: PUBLISHED, first: 20, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      id\n      title\n      period\n      windowStart\n      windowEnd\n      initiatingDepartment\n      publishedAt\n    }\n  }\n}\n\nfragment PublishedTask on InspectionTask {\n  id\n  department\n  title\n  period\n  windowStart\n  windowEnd\n  publishedAt\n}\n\nquery PublishedDepartmentTasks {\n  marketSupervisionTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  publicSecurityTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  fireRescueTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n}\n\nquery DrawExport($taskId: String!) {\n  jointDrawExport(taskId: $taskId)\n}\n\nquery PublishedResults($uscc: String, $after: String) {\n  publishedInspectionResults(uscc: $uscc, first: 10, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      recordId\n      version\n      taskId\n      taskTitle\n      departments\n      uscc\n      inspectedOn\n      method\n      itemResults {\n        itemCode\n        resultLabels\n      }\n      findings\n      disposalStatus\n      publishedAt\n    }\n  }\n}\n\nquery InspectionCodeScan($code: String!) {\n  inspectionCodeScan(code: $code) {\n    status\n    message\n    taskId\n    taskTitle\n    department\n    items {\n      code\n      name\n      legalBasis\n    }\n    uscc\n    validFrom\n    validUntil\n    revocationReason\n    inspectors {\n      certificateNumber\n      name\n      department\n    }\n  }\n}"): (typeof documents)["query PublishedPlans($after: String) {\n  jointPlans(status: PUBLISHED, first: 20, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      id\n      title\n      period\n      windowStart\n      windowEnd\n      initiatingDepartment\n      publishedAt\n    }\n  }\n}\n\nfragment PublishedTask on InspectionTask {\n  id\n  department\n  title\n  period\n  windowStart\n  windowEnd\n  publishedAt\n}\n\nquery PublishedDepartmentTasks {\n  marketSupervisionTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  publicSecurityTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n  fireRescueTasks(status: PUBLISHED, first: 20) {\n    totalCount\n    nodes {\n      ...PublishedTask\n    }\n  }\n}\n\nquery DrawExport($taskId: String!) {\n  jointDrawExport(taskId: $taskId)\n}\n\nquery PublishedResults($uscc: String, $after: String) {\n  publishedInspectionResults(uscc: $uscc, first: 10, after: $after) {\n    totalCount\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n    nodes {\n      recordId\n      version\n      taskId\n      taskTitle\n      departments\n      uscc\n      inspectedOn\n      method\n      itemResults {\n        itemCode\n        resultLabels\n      }\n      findings\n      disposalStatus\n      publishedAt\n    }\n  }\n}\n\nquery InspectionCodeScan($code: String!) {\n  inspectionCodeScan(code: $code) {\n    status\n    message\n    taskId\n    taskTitle\n    department\n    items {\n      code\n      name\n      legalBasis\n    }\n    uscc\n    validFrom\n    validUntil\n    revocationReason\n    inspectors {\n      certificateNumber\n      name\n      department\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;