import { registerEnumType } from 'type-graphql';
import { DEPARTMENTS, OFFICE } from '../domain/departments.js';

/**
 * Enums that more than one subgraph uses, defined once (Federation requires an input enum to be
 * identical in every subgraph). GraphQL values are UPPER_SNAKE_CASE; the TypeScript values are the
 * internal strings kept in the databases and the code, so nothing below the API changes.
 */

/** A department's code as a GraphQL enum value: 'fire-rescue' -> 'FIRE_RESCUE'. */
export const enumValueOf = (code: string) => code.toUpperCase().replace(/-/g, '_');

/**
 * The departments (from their manifests, subgraphs/departments.ts) and the office. An object, not a
 * TypeScript enum, so that a new department needs no line here; fields typed by it hold the code.
 */
export const Department: Record<string, string> = Object.fromEntries([
  ...DEPARTMENTS.map((d) => [enumValueOf(d.code), d.code]),
  [enumValueOf(OFFICE.code), OFFICE.code],
]);
registerEnumType(Department, {
  name: 'Department',
  description: 'A department of the county (部门), or the double-random office that coordinates them.',
  valuesConfig: {
    ...Object.fromEntries(DEPARTMENTS.map((d) => [enumValueOf(d.code), { description: `${d.nameEn} (${d.nameZh}).` }])),
    [enumValueOf(OFFICE.code)]: { description: 'The double-random office (双随机办公室): coordinates, does not inspect.' },
  },
});

export enum CreditRiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(CreditRiskClass, {
  name: 'CreditRiskClass',
  description: 'Credit-risk class (信用风险分类) from the market-supervision register: A low … D high.',
  valuesConfig: {
    A: { description: 'Low risk (低风险).' },
    B: { description: 'Fairly low risk (较低风险).' },
    C: { description: 'Fairly high risk (较高风险).' },
    D: { description: 'High risk (高风险).' },
  },
});

export enum DrawClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(DrawClass, {
  name: 'DrawClass',
  description: 'The class a target was drawn in (抽取分类): its credit-risk class shifted by its tags; A low … D high.',
  valuesConfig: {
    A: { description: 'Drawn as low risk.' },
    B: { description: 'Drawn as fairly low risk.' },
    C: { description: 'Drawn as fairly high risk.' },
    D: { description: 'Drawn as high risk.' },
  },
});

export enum InspectionMethod {
  ON_SITE = 'on-site',
  DOCUMENT_REVIEW = 'document-review',
  NETWORK_MONITORING = 'network-monitoring',
  VIDEO_INSPECTION = 'video-inspection',
}
registerEnumType(InspectionMethod, {
  name: 'InspectionMethod',
  description: 'How an inspection item is checked (检查方式): on site, or off site (非现场监管) where that suffices.',
  valuesConfig: {
    ON_SITE: { description: 'On-site inspection (现场检查).' },
    DOCUMENT_REVIEW: { description: 'Document review (书面核查).' },
    NETWORK_MONITORING: { description: 'Network monitoring (网络监测).' },
    VIDEO_INSPECTION: { description: 'Video inspection (视频检查).' },
  },
});

export enum TaskStatus {
  PENDING_DRAW = 'pending-draw',
  COMMITTED = 'committed',
  DRAWN = 'drawn',
  PUBLISHED = 'published',
  IN_PROGRESS = 'in-progress',
  DONE = 'done',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'Where an inspection task (抽查任务) stands: pending draw → committed → drawn → published → in progress → done.',
  valuesConfig: {
    PENDING_DRAW: { description: 'Created; the draw is not yet committed (待抽取).' },
    COMMITTED: { description: 'The seed hash is committed; the draw may run (已承诺).' },
    DRAWN: { description: 'Targets and teams drawn, not yet published (已抽取).' },
    PUBLISHED: { description: 'The draw is published (已公示).' },
    IN_PROGRESS: { description: 'Inspections are under way (检查中).' },
    DONE: { description: 'All inspections done (已完成).' },
  },
});

export enum AnnualPlanStatus {
  DRAFT = 'draft',
  PUBLISHED = 'published',
  CLOSED = 'closed',
}
registerEnumType(AnnualPlanStatus, {
  name: 'AnnualPlanStatus',
  description: 'Where an annual plan (年度抽查计划) stands: draft → published → closed.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared, not public (草稿).' },
    PUBLISHED: { description: 'Published to the public (已公布).' },
    CLOSED: { description: 'Closed for the year (已关闭).' },
  },
});

export enum InspectorStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  RETIRED = 'retired',
}
registerEnumType(InspectorStatus, {
  name: 'InspectorStatus',
  description: 'Whether an inspector (执法检查人员) may be drawn.',
  valuesConfig: {
    ACTIVE: { description: 'In service; may be drawn (在岗).' },
    SUSPENDED: { description: 'Suspended; not drawn (暂停).' },
    RETIRED: { description: 'Left the service; not drawn (离岗).' },
  },
});

export enum EnterpriseStatus {
  OPERATING = 'operating',
  SUSPENDED = 'suspended',
  DEREGISTERED = 'deregistered',
}
registerEnumType(EnterpriseStatus, {
  name: 'EnterpriseStatus',
  description: 'Registration status of a business (经营状态) in the market-supervision register.',
  valuesConfig: {
    OPERATING: { description: 'Operating (存续).' },
    SUSPENDED: { description: 'Business suspended (停业).' },
    DEREGISTERED: { description: 'Deregistered (注销).' },
  },
});

export enum ReferralStatus {
  RECEIVED = 'received',
  ACCEPTED = 'accepted',
  CLOSED = 'closed',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral (移交线索) received by a department stands: received → accepted → closed.',
  valuesConfig: {
    RECEIVED: { description: 'Received, not yet accepted (已接收).' },
    ACCEPTED: { description: 'Accepted for handling (已受理).' },
    CLOSED: { description: 'Handled and closed (已办结).' },
  },
});

export enum InspectionCodeStatus {
  ACTIVE = 'active',
  REVOKED = 'revoked',
  UNKNOWN = 'unknown',
}
registerEnumType(InspectionCodeStatus, {
  name: 'InspectionCodeStatus',
  description: 'State of an inspection code (检查码) as its issuer knows it.',
  valuesConfig: {
    ACTIVE: { description: 'Issued and not revoked (有效).' },
    REVOKED: { description: 'Revoked, or void because the draw was adjusted (已作废).' },
    UNKNOWN: { description: 'The issuer has no such code (未知).' },
  },
});

export enum ConflictKind {
  RELATIVE = 'relative',
  SHAREHOLDING = 'shareholding',
  FORMER_EMPLOYER = 'former-employer',
  OTHER = 'other',
}
registerEnumType(ConflictKind, {
  name: 'ConflictKind',
  description: 'Why an inspector must not inspect a business (回避事由).',
  valuesConfig: {
    RELATIVE: { description: 'Close relative (近亲属关系).' },
    SHAREHOLDING: { description: 'Shareholding or investment (持股或投资关系).' },
    FORMER_EMPLOYER: { description: 'Former employer (曾任职).' },
    OTHER: { description: 'Another interest (其他利害关系).' },
  },
});

export enum TeamRole {
  LEADER = 'leader',
  MEMBER = 'member',
}
registerEnumType(TeamRole, {
  name: 'TeamRole',
  description: 'Role in an inspection team (检查组).',
  valuesConfig: {
    LEADER: { description: 'Team leader (组长).' },
    MEMBER: { description: 'Team member (组员).' },
  },
});

export enum TagSource {
  MANUAL = 'manual',
  HOTLINE_12345 = '12345-hotline',
  HOTLINE_12315 = '12315-hotline',
  INSPECTION_RESULT = 'inspection-result',
  SELF_INSPECTION = 'self-inspection',
  CREDIT_RECORD = 'credit-record',
  RISK_ASSESSMENT = 'risk-assessment',
  REFERRAL = 'referral',
  OTHER = 'other',
}
registerEnumType(TagSource, {
  name: 'TagSource',
  description: 'Where a tag (标注) on a target comes from.',
  valuesConfig: {
    MANUAL: { description: 'Entered by the department (人工标注).' },
    HOTLINE_12345: { description: 'The 12345 government service hotline (12345热线).' },
    HOTLINE_12315: { description: 'The 12315 consumer hotline (12315热线).' },
    INSPECTION_RESULT: { description: 'An inspection result (检查结果).' },
    SELF_INSPECTION: { description: "The business's self-inspection (企业自查)." },
    CREDIT_RECORD: { description: 'The credit record (信用记录).' },
    RISK_ASSESSMENT: { description: 'A risk assessment (风险评估).' },
    REFERRAL: { description: 'A referral from another department (部门移交).' },
    OTHER: { description: 'Another source, kept in older data (其他).' },
  },
});

/** The API value of a stored tag source: `referral:<department>` is REFERRAL; anything unknown OTHER. */
/** The stored value of an enum value read from another subgraph's answer (FIRE_RESCUE -> fire-rescue). */
export const storedValue = (enumValue: string) => enumValue.toLowerCase().replace(/_/g, '-');

export function tagSourceOf(stored: string): TagSource {
  if (stored.startsWith('referral')) return TagSource.REFERRAL;
  return (Object.values(TagSource) as string[]).includes(stored) ? (stored as TagSource) : TagSource.OTHER;
}

export enum ImportKind {
  REGISTER = 'register',
  CREDIT_CLASSES = 'credit-classes',
  TARGETS = 'targets',
  INSPECTORS = 'inspectors',
}
registerEnumType(ImportKind, {
  name: 'ImportKind',
  description: 'What a file import (导入) loaded.',
  valuesConfig: {
    REGISTER: { description: 'The business register (市场主体登记).' },
    CREDIT_CLASSES: { description: 'A credit-risk reclassification batch (信用风险分类).' },
    TARGETS: { description: "A department's target directory (检查对象名录)." },
    INSPECTORS: { description: "A department's inspector directory (执法检查人员名录)." },
  },
});
