import { Department } from '../platform/enums.js';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * The "department contract": what every department subgraph answers to the joint-inspection
 * service, with the same shape everywhere so that a new department gets it for free. Contract
 * fields are @inaccessible: composed into the supergraph but never offered to clients through
 * the gateway; only services call them, directly and with the service role.
 */
@ObjectType('DepartmentTarget', { description: "One business in one department's target directory." })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentTarget {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  uscc!: string;

  @Field(() => String, { description: 'Date the business entered the directory (YYYY-MM-DD).' })
  supervisedSince!: string;
}

/** Name of the contract query, identical in every department subgraph. */
export const CONTRACT_TARGETS_QUERY = 'departmentTargets';

/** Name of the contract query listing every current target's USCC, identical in every department subgraph. */
export const CONTRACT_TARGET_LIST_QUERY = 'departmentTargetList';

/** Name of the contract query answering the tags (标注) that apply to some targets at a time. */
export const CONTRACT_TAGS_QUERY = 'departmentActiveTags';

/** Name of the contract query answering the inspectors a joint draw may pick from. */
export const CONTRACT_INSPECTORS_QUERY = 'departmentInspectorsForDraw';

@ObjectType('DepartmentTargetTag', { description: 'A tag (标注) that applies to one business in one department at the time asked about.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentTargetTag {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  uscc!: string;

  @Field(() => String)
  key!: string;

  @Field(() => String, { nullable: true })
  value?: string | null;
}

@ObjectType('InspectorForDraw', {
  description:
    "One inspector of one department as a joint draw needs it: no name, and only the conflicts of interest and rotation among the businesses asked about.",
})
@Directive('@shareable')
@Directive('@inaccessible')
export class ContractInspector {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  certificateNumber!: string;

  @Field(() => [String])
  expertise!: string[];

  @Field(() => String, { description: 'active, suspended or retired.' })
  status!: 'active' | 'suspended' | 'retired';

  @Field(() => [String], { description: 'USCCs (among those asked about) this inspector must recuse from (回避).' })
  conflicts!: string[];

  @Field(() => [String], { description: "USCCs (among those asked about) whose latest inspection by this department had this inspector on the team." })
  lastInspected!: string[];

  @Field(() => Int, { description: "Teams of this department's current draws in the period that this inspector is on." })
  currentLoad!: number;
}

/** Name of the contract query answering inspectors' names for 亮证执法 (the scan shows who is at the door). */
export const CONTRACT_INSPECTOR_NAMES_QUERY = 'departmentInspectorNames';

@ObjectType('InspectorShown', { description: '亮证执法: an inspector as the business at the door sees them: name and certificate number, nothing more.' })
@Directive('@shareable')
export class InspectorShown {
  @Field(() => String, { description: 'Enforcement certificate number (执法证号).' })
  certificateNumber!: string;

  @Field(() => String, { nullable: true, description: 'Null when the department did not answer or the certificate is no longer in its directory.' })
  name?: string | null;

  @Field(() => Department, { nullable: true, description: "The inspector's department; null when it did not answer." })
  department?: string | null;
}

/** Department contract: the answer of `departmentInspectorNames` (department as stored, not the API enum). */
@ObjectType('ContractInspectorName', { description: 'Department contract: an inspector\'s name for the public scan.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class ContractInspectorName {
  @Field(() => String) certificateNumber!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
}

/** Name of the contract query answering one drawn business of a published task, for its visit and record. */
export const CONTRACT_VISIT_TASK_QUERY = 'departmentTaskForVisit';

@ObjectType('VisitItem', { description: 'An item of a task as its record needs it.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class VisitItem {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) legalBasis!: string;
  @Field(() => String) method!: string;
  @Field(() => String) department!: string;
}

@ObjectType('DepartmentVisitTask', { description: "Department contract: one drawn business of a department's published task (its current draw)." })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentVisitTask {
  @Field(() => String) taskId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) department!: string;
  @Field(() => String) status!: string;
  @Field(() => String) windowStart!: string;
  @Field(() => String) windowEnd!: string;
  @Field(() => String) uscc!: string;
  @Field(() => [String], { description: 'Certificate numbers, leader first.' }) team!: string[];
  @Field(() => [VisitItem]) items!: VisitItem[];
  @Field(() => String, { nullable: true, description: "Why the department's annual plan does not cover the task now (null when it does)." })
  planProblem?: string | null;
}

/** Name of the contract query answering a quarter's figures of one department, aggregated in its database. */
export const CONTRACT_QUARTER_FIGURES_QUERY = 'departmentQuarterFigures';

@ObjectType('DepartmentQuarterFigures', {
  description:
    "Department contract: one row of a department's figures for a quarter (季度报告), aggregated in its own database: the whole department (dimension `department`), or one brigade, one industry a task targets, or one township a task is drawn in.",
})
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentQuarterFigures {
  @Field(() => String) department!: string;
  @Field(() => String, { description: 'department, brigade, industry or township.' }) dimension!: string;
  @Field(() => String, { description: "The brigade, industry code or township code; the department's code for dimension department. Empty brigade: items of no brigade; township `county`: tasks drawn county-wide." })
  key!: string;
  @Field(() => Int, { description: 'Inspection tasks of the quarter.' }) tasks!: number;
  @Field(() => Int, { description: 'Of those, with a current draw.' }) tasksDrawn!: number;
  @Field(() => Int, { description: 'Of the drawn tasks, drawn with ratios that differ between credit-risk classes.' }) tasksDrawnByCreditClass!: number;
  @Field(() => Int, { description: 'Businesses drawn (each once).' }) businessesDrawn!: number;
  @Field(() => Int, { description: 'Drawn inspections: (task, business) pairs of the current draws.' }) inspectionsDrawn!: number;
  @Field(() => Int, { description: 'Referrals received in the quarter (dimension department only; 0 elsewhere).' }) referralsReceived!: number;
  @Field(() => Int, { description: 'Of those, closed by now.' }) referralsClosed!: number;
}

/** Name of the contract query answering the report's keys of some tasks of a department. */
export const CONTRACT_TASK_KEYS_QUERY = 'departmentTaskKeys';

@ObjectType('DepartmentTaskKey', {
  description:
    "Department contract: one key a task counts under in the quarterly report's breakdowns (a brigade of its items, an industry they target, the township it is drawn in), so that the joint service can break its records down without reading the department's tasks.",
})
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentTaskKey {
  @Field(() => String) taskId!: string;
  @Field(() => String, { description: 'brigade, industry or township.' }) dimension!: string;
  @Field(() => String, { description: 'The brigade, industry code or township code (`county`: drawn county-wide). Items of no brigade give no brigade key.' })
  key!: string;
}
