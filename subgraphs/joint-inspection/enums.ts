import { registerEnumType } from 'type-graphql';

/**
 * Enums only the office's service (joint-inspection) answers. GraphQL values are UPPER_SNAKE_CASE;
 * the TypeScript values are the internal strings kept in its database, so nothing below the API
 * changes. Enums more than one subgraph uses are in shared/platform/enums.ts.
 */

export enum JointPlanStatus {
  OPEN = 'open',
  COMMITTED = 'committed',
  DRAWN = 'drawn',
  PUBLISHED = 'published',
}
registerEnumType(JointPlanStatus, {
  name: 'JointPlanStatus',
  description: 'Where a joint plan (联合抽查计划) stands: open → committed → drawn → published.',
  valuesConfig: {
    OPEN: { description: 'Departments may join (征集中).' },
    COMMITTED: { description: 'Pool and seed hash committed; the draw may run (已承诺).' },
    DRAWN: { description: 'Businesses and teams drawn, not yet public (已抽取).' },
    PUBLISHED: { description: 'The draw and its joint tasks are public (已公示).' },
  },
});

export enum VisitKind {
  JOINT = 'joint',
  SINGLE = 'single',
}
registerEnumType(VisitKind, {
  name: 'VisitKind',
  description: 'Whether a visit in a merge carries several departments (联合) or one.',
  valuesConfig: {
    JOINT: { description: 'Several departments in one visit (联合检查).' },
    SINGLE: { description: 'One department alone (单部门检查).' },
  },
});

export enum MergeRule {
  ALREADY_PLANNED = 'already-planned',
  ALREADY_INSPECTED = 'already-inspected',
  YEARLY_CAP = 'yearly-cap',
}
registerEnumType(MergeRule, {
  name: 'MergeRule',
  description: 'The rule that makes an inspection a repeat in the merge (重复检查).',
  valuesConfig: {
    ALREADY_PLANNED: { description: 'The department already plans this business in the period.' },
    ALREADY_INSPECTED: { description: 'The department already inspected this business in the period.' },
    YEARLY_CAP: { description: "The item's yearly cap of inspections of one business is reached." },
  },
});

export enum MergeOutcome {
  REMOVED = 'removed',
  EXEMPT = 'exempt',
}
registerEnumType(MergeOutcome, {
  name: 'MergeOutcome',
  description: 'What the merge did with a repeat inspection.',
  valuesConfig: {
    REMOVED: { description: 'Removed as a repeat (已去重).' },
    EXEMPT: { description: 'Kept: complaint-, referral- or licence-driven inspections are exempt (豁免).' },
  },
});

export enum FollowUpKind {
  CORRECTION_ORDER = 'correction-order',
  REFERRAL = 'referral',
  CRIMINAL_REFERRAL = 'criminal-referral',
  CREDIT_FEEDBACK = 'credit-feedback',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'What follows a published record (后续处置).',
  valuesConfig: {
    CORRECTION_ORDER: { description: 'An order to correct by a deadline (责令改正), re-checked afterwards.' },
    REFERRAL: { description: 'A finding handed to the competent department (移交).' },
    CRIMINAL_REFERRAL: { description: 'A suspected crime referred to the prosecuting authority (移送司法).' },
    CREDIT_FEEDBACK: { description: 'The result fed back to the credit register (信用记录).' },
  },
});

export enum FollowUpStatus {
  OPEN = 'open',
  CORRECTED = 'corrected',
  NOT_CORRECTED = 'not-corrected',
  DELIVERED = 'delivered',
  SENT = 'sent',
  RECORDED = 'recorded',
}
registerEnumType(FollowUpStatus, {
  name: 'FollowUpStatus',
  description: 'Where a follow-up stands.',
  valuesConfig: {
    OPEN: { description: 'An order to correct awaiting its re-check (待复查).' },
    CORRECTED: { description: 'Re-checked: corrected (已整改).' },
    NOT_CORRECTED: { description: 'Re-checked: not corrected (未整改).' },
    DELIVERED: { description: 'A referral delivered to the receiving department (已移交).' },
    SENT: { description: 'A criminal referral sent (已移送).' },
    RECORDED: { description: 'Credit feedback recorded in the register (已记录).' },
  },
});

export enum InspectionRecordStatus {
  AWAITING_REVIEW = 'awaiting-review',
  RETURNED = 'returned',
  PUBLISHED = 'published',
  SUPERSEDED = 'superseded',
}
registerEnumType(InspectionRecordStatus, {
  name: 'InspectionRecordStatus',
  description: 'Where one version of an inspection record (检查记录) stands.',
  valuesConfig: {
    AWAITING_REVIEW: { description: 'Submitted, awaiting review (待审核).' },
    RETURNED: { description: 'Returned by the reviewer with a reason (已退回).' },
    PUBLISHED: { description: 'Reviewed and public (已公示).' },
    SUPERSEDED: { description: 'Replaced by a later version (已被更正).' },
  },
});

export enum InspectionResultStatus {
  NOT_ENTERED = 'not-entered',
  AWAITING_REVIEW = 'awaiting-review',
  RETURNED = 'returned',
  PUBLISHED = 'published',
}
registerEnumType(InspectionResultStatus, {
  name: 'InspectionResultStatus',
  description: 'Where the result of one drawn business stands (its latest record, or none).',
  valuesConfig: {
    NOT_ENTERED: { description: 'No record entered yet (未录入).' },
    AWAITING_REVIEW: { description: 'A record awaits review (待审核).' },
    RETURNED: { description: 'The record was returned (已退回).' },
    PUBLISHED: { description: 'A result is published (已公示).' },
  },
});

export enum DisposalStatus {
  NONE = 'none',
  PENDING = 'pending',
  DONE = 'done',
}
registerEnumType(DisposalStatus, {
  name: 'DisposalStatus',
  description: 'Disposal of what the inspection found (处置情况).',
  valuesConfig: {
    NONE: { description: 'Nothing to dispose of (无需处置).' },
    PENDING: { description: 'Disposal under way (处置中).' },
    DONE: { description: 'Disposed of, on disposalDate (已处置).' },
  },
});

export enum ReviewDecision {
  PUBLISH = 'publish',
  RETURN = 'return',
}
registerEnumType(ReviewDecision, {
  name: 'ReviewDecision',
  description: 'The review of a record (审核).',
  valuesConfig: {
    PUBLISH: { description: 'Publish the result (公示).' },
    RETURN: { description: 'Return it to the team, with a reason (退回).' },
  },
});

export enum InspectionCodeScanStatus {
  VALID = 'valid',
  EXPIRED = 'expired',
  NOT_YET_VALID = 'not-yet-valid',
  REVOKED = 'revoked',
  FORGED = 'forged',
  UNKNOWN = 'unknown',
}
registerEnumType(InspectionCodeScanStatus, {
  name: 'InspectionCodeScanStatus',
  description: 'What a scanned inspection code (检查码) says.',
  valuesConfig: {
    VALID: { description: 'Genuine, on record and in its window: the team may inspect (有效).' },
    EXPIRED: { description: 'Its validity window has ended (已过期).' },
    NOT_YET_VALID: { description: 'Its validity window has not begun (未生效).' },
    REVOKED: { description: 'Revoked by its issuer (已作废).' },
    FORGED: { description: 'The signature does not match: forged or altered (签名无效).' },
    UNKNOWN: { description: 'Genuinely signed but not on record (未登记).' },
  },
});

export enum PlannedInspectionStatus {
  PLANNED = 'planned',
  DONE = 'done',
}
registerEnumType(PlannedInspectionStatus, {
  name: 'PlannedInspectionStatus',
  description: 'Whether a drawn inspection of a business is still to come or done.',
  valuesConfig: {
    PLANNED: { description: 'Drawn, not yet inspected (计划中).' },
    DONE: { description: 'Inspected: a result is published (已检查).' },
  },
});

export enum InspectionItemStatus {
  PUBLISHED = 'published',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(InspectionItemStatus, {
  name: 'InspectionItemStatus',
  description: 'Whether an inspection item is on the county list (随机抽查事项清单).',
  valuesConfig: {
    PUBLISHED: { description: 'On the list (已发布).' },
    WITHDRAWN: { description: 'Taken off the list (已撤销).' },
  },
});

export enum JointPlanProposalStatus {
  PROPOSED = 'proposed',
  INFEASIBLE = 'infeasible',
  ACCEPTED = 'accepted',
}
registerEnumType(JointPlanProposalStatus, {
  name: 'JointPlanProposalStatus',
  description: "Where a plan optimizer's proposal stands.",
  valuesConfig: {
    PROPOSED: { description: 'Solved; a coordinator may accept it (待采纳).' },
    INFEASIBLE: { description: 'No plan meets every target within the capacities; the shortfalls say why (无可行方案).' },
    ACCEPTED: { description: 'Its joint plans were created (已采纳).' },
  },
});

export enum ProposalSolveStatus {
  OPTIMAL = 'optimal',
  TIME_LIMIT = 'time-limit',
  INFEASIBLE = 'infeasible',
}
registerEnumType(ProposalSolveStatus, {
  name: 'ProposalSolveStatus',
  description: 'How the solver (HiGHS) ended.',
  valuesConfig: {
    OPTIMAL: { description: 'Proved optimal within the gap asked (mipGap).' },
    TIME_LIMIT: { description: 'Stopped at the time limit with the best plan found (see mipGap).' },
    INFEASIBLE: { description: 'Proved that no plan exists.' },
  },
});
