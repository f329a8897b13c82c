import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, Float, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { authorize } from '../../../shared/platform/policy.js';
import { DEPARTMENT_CODES } from '../../../shared/domain/departments.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { chinaToday } from '../../../shared/platform/inspection-code.js';
import { byKey, checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { DrawnTargetRow } from '../../../shared/inspection/task-entities.js';
import { periodWindow } from '../../../shared/inspection/task-service.js';
import { latestCommitment, latestDraw } from '../../../shared/inspection/draw-procedure.js';
import { callSubgraph, serviceFailure } from '../../../shared/platform/service-client.js';
import { RESULT_CODES } from '../../../shared/domain/result-codes.js';
import { Department, InspectionMethod, ReferralStatus } from '../../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../../shared/platform/scalars.js';
import { DisposalStatus, FollowUpKind, FollowUpStatus, InspectionRecordStatus, InspectionResultStatus, ReviewDecision } from '../enums.js';
import { InspectionCodeScan } from '../codes/service.js';
import { orderCorrection, OPEN_FOLLOW_UP, recordRecheck, referFinding, referToProsecution } from './follow-up.js';
import { JointPlanRow } from '../plans/entities.js';
import { planDepartments } from '../plans/service.js';
import { pageOf } from '../paging.js';
import { checkNameSearch, namesMatching, namesOf } from '../register-names.js';
import { FollowUpRow, InspectionRecordRow, OFF_SITE_METHODS, type ItemResult } from './entities.js';
import {
  addWorkingDays,
  loadRecord,
  maySeeRecords,
  PUBLICATION_DUE_WORKING_DAYS,
  recordScan,
  notEntered,
  recordHistory,
  recordStandings,
  standingKey,
  type RecordHistory,
  reviewRecord,
  submitRecord,
  workingDaysBetween,
} from './service.js';

// ---------------------------------------------------------------------------------------------
// Types.

@ObjectType('VisitScan', { description: '扫码入企: an inspector of the team scanned the code at the business; the visit has started.' })
class VisitScanView {
  @Field(() => String, { description: 'Id of the recorded scan; name it as scanId when submitting the record.' }) scanId!: string;
  @Field(() => String, { description: 'The joint plan (JP-…) or department task of the code.' }) taskId!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'Certificate number (执法证号) of the inspector who scanned.' }) certificateNumber!: string;
  @Field(() => DateTimeScalar, { description: 'When the code was scanned.' }) scannedAt!: string;
  @Field(() => InspectionCodeScan, { description: 'The check of the scanned code, as the business sees it.' }) code!: InspectionCodeScan;
}

@InputType('ItemResultInput', { description: 'The result of one item of the task.' })
class ItemResultInput {
  @Field(() => String, { description: 'Item code, e.g. PS-PO-001.' }) itemCode!: string;
  @Field(() => [String], { description: 'Result codes (multi-select): 1 A B C D 3 4 G 5 E F 6 7 8 9 10 11 12, see resultCodes.' }) resultCodes!: string[];
}

@InputType('InspectionRecordInput', { description: '检查记录表 of one drawn business of a published task: a joint plan (JP-…) or a department task (PS-…, FR-…, MS-…).' })
class InspectionRecordInput {
  @Field(() => String, { description: 'Idempotency key chosen by the field device, the same on every retry of one record (8–100 characters).' })
  submissionKey!: string;
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the drawn business.' }) uscc!: string;
  @Field(() => InspectionMethod, {
    nullable: true,
    description: 'How it was checked; default: the off-site method when every item of the task uses it (非现场 preferred), else ON_SITE.',
  })
  method?: string | null;
  @Field(() => DateScalar, { description: 'The day of the inspection (检查日期).' }) inspectedOn!: string;
  @Field(() => String, { description: 'Certificate number of the team leader.' }) leader!: string;
  @Field(() => [String], { description: 'Certificate numbers of the inspectors present (drawn team members).' }) team!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Names of experts who took part (专家), if any.' }) experts!: string[];
  @Field(() => [ItemResultInput], { description: 'One entry per item of the task.' }) itemResults!: ItemResultInput[];
  @Field(() => String, { description: 'What was found (检查情况), in words.' }) findings!: string;
  @Field(() => String, { nullable: true, description: 'Off-site checks: what documents, monitoring data or video were examined.' }) evidence?: string | null;
  @Field(() => String, { nullable: true, description: 'Measures ordered or taken (后续措施), if any.' }) followUpMeasures?: string | null;
  // No defaultValue: a schema built from SDL would keep the enum's name (NONE) as the internal default.
  @Field(() => DisposalStatus, { nullable: true, description: 'Disposal of the findings (处置情况); NONE when omitted.' }) disposalStatus?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day of disposal; required when DONE.' }) disposalDate?: string | null;
}

@ObjectType('ItemResult', { description: 'The result of one item of an inspection.' })
class ItemResultView {
  @Field(() => String, { description: 'Item code, e.g. PS-PO-001.' }) itemCode!: string;
  @Field(() => Department, { description: "The item's department." }) department!: string;
  @Field(() => [String], { description: 'Result codes (multi-select), see resultCodes.' }) resultCodes!: string[];
  @Field(() => [String], { description: 'The meaning of each code (中文 / English).' }) resultLabels!: string[];
}

@ObjectType('FollowUp', { description: 'A follow-up of a published record and its status.' })
export class FollowUpView {
  @Field(() => String, { description: 'Follow-up id.' }) id!: string;
  @Field(() => String, { description: 'The record version it follows.' }) recordId!: string;
  @Field(() => FollowUpKind, { description: 'What kind of follow-up.' }) kind!: string;
  @Field(() => FollowUpStatus, { description: 'Where it stands.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Who receives it: a department code (referral) or the prosecuting authority by name; null otherwise.' })
  recipient?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Deadline of an order to correct.' }) deadline?: string | null;
  @Field(() => String, { description: 'The measures ordered or the finding handed over.' }) detail!: string;
  @Field(() => String, { nullable: true, description: 'The outcome (re-check note), once closed.' }) outcome?: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was made.' }) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed; null while open.' }) closedAt?: string | null;
}

const REFERRAL_STATUS = 'query ($ids: [String!]!) { departmentReferralStatus(referralIds: $ids) { referralId status } }';

@Resolver(() => FollowUpView)
export class FollowUpFields {
  @FieldResolver(() => ReferralStatus, {
    nullable: true,
    description: 'A referral: where the receiving department stands now, asked of it; null for other kinds or when it does not answer.',
  })
  async recipientStatus(@Root() f: FollowUpView, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    if (f.kind !== 'referral' || !f.recipient) return null;
    const answer = await callSubgraph<{ departmentReferralStatus: { referralId: string; status: string }[] }>(f.recipient, ctx.identity, REFERRAL_STATUS, { ids: [f.id] });
    return answer.ok ? (answer.data.departmentReferralStatus[0]?.status ?? null) : null;
  }
}

@ObjectType('RecordReview', { description: 'The review (审核) of a record version.' })
class RecordReviewView {
  @Field(() => ReviewDecision, { description: 'Published or returned.' }) decision!: string;
  @Field(() => String, { nullable: true, description: 'Why it was returned.' }) reason?: string | null;
  @Field(() => String, { description: 'Who reviewed it (token subject).' }) reviewedBy!: string;
  @Field(() => DateTimeScalar, { description: 'When it was reviewed.' }) reviewedAt!: string;
}

@ObjectType('InspectionRecord', { description: '检查记录表: one version of the record of a joint task (office and participating departments).' })
export class InspectionRecordView {
  @Field(() => String, { description: 'Record version id.' }) id!: string;
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => String, { description: "The task's title." }) taskTitle!: string;
  @Field(() => Department, { description: "The task's department (a joint plan's initiating one)." }) department!: string;
  @Field(() => [Department], { description: 'Departments whose items were checked.' }) departments!: string[];
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => Int, { description: 'Version number, 1 for the first record of this business under the task.' }) version!: number;
  @Field(() => String, { nullable: true, description: 'The version this one replaces.' }) supersedes?: string | null;
  @Field(() => String, { nullable: true, description: 'Why a published version was corrected.' }) correctionReason?: string | null;
  @Field(() => InspectionRecordStatus, { description: 'Where this version stands.' }) status!: string;
  @Field(() => InspectionMethod, { description: 'How it was checked.' }) method!: string;
  @Field(() => Boolean, { description: '非现场: checked without a visit.' }) offSite!: boolean;
  @Field(() => String, { nullable: true, description: 'The scan (扫码入企) that started the visit; null off site.' }) scanId?: string | null;
  @Field(() => DateScalar, { description: 'The day of the inspection.' }) inspectedOn!: string;
  @Field(() => String, { description: 'Certificate number of the team leader.' }) leader!: string;
  @Field(() => [String], { description: 'Certificate numbers of the inspectors present.' }) team!: string[];
  @Field(() => [String], { description: 'Experts who took part.' }) experts!: string[];
  @Field(() => [ItemResultView], { description: 'One result per item of the task.' }) itemResults!: ItemResultView[];
  @Field(() => String, { description: 'What was found (检查情况).' }) findings!: string;
  @Field(() => String, { nullable: true, description: 'Off-site checks: what was examined.' }) evidence?: string | null;
  @Field(() => String, { nullable: true, description: 'Measures ordered or taken (后续措施).' }) followUpMeasures?: string | null;
  @Field(() => DisposalStatus, { description: 'Disposal of the findings (处置情况).' }) disposalStatus!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day of disposal, when DONE.' }) disposalDate?: string | null;
  @Field(() => String, { description: 'Who entered it (token subject).' }) enteredBy!: string;
  @Field(() => String, { description: 'Certificate number of the inspector who entered it.' }) enteredByCertificate!: string;
  @Field(() => DateTimeScalar, { description: 'When it was entered.' }) enteredAt!: string;
  @Field(() => RecordReviewView, { nullable: true, description: 'The review; null while awaiting it.' }) review?: RecordReviewView | null;
  @Field(() => DateScalar, {
    description: `Results are due for publication ${PUBLICATION_DUE_WORKING_DAYS} working days after the inspection (public holidays and make-up working days counted; PRECONDITION_FAILED when the holiday calendar lacks a year it needs).`,
  })
  publicationDueBy?: string;
  @Field(() => [FollowUpView], { description: 'Its follow-ups, oldest first.' }) followUps!: FollowUpView[];
}

/** The due date is counted only when asked for: a record whose deadline falls in a year the holiday calendar lacks still reads. */
@Resolver(() => InspectionRecordView)
export class InspectionRecordFields {
  @FieldResolver(() => DateScalar, { description: 'Publication deadline: 20 working days after the inspection.' })
  publicationDueBy(@Root() r: InspectionRecordView): string {
    return addWorkingDays(r.inspectedOn, PUBLICATION_DUE_WORKING_DAYS);
  }
}

@ObjectType('PublishedInspectionResult', { description: '一公开: a published result, public fields only (no personal data beyond certificate numbers).' })
class PublishedResultView {
  @Field(() => String, { description: 'The published record version.' }) recordId!: string;
  @Field(() => Int, { description: 'Its version number.' }) version!: number;
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => String, { description: "The task's title." }) taskTitle!: string;
  @Field(() => [Department], { description: 'Departments whose items were checked.' }) departments!: string[];
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { nullable: true, description: "The business's registered name (企业名称) in the market-supervision register; null when the register does not know it or does not answer." })
  businessName?: string | null;
  @Field(() => DateScalar, { description: 'The day of the inspection.' }) inspectedOn!: string;
  @Field(() => InspectionMethod, { description: 'How it was checked.' }) method!: string;
  @Field(() => [String], { description: "Inspectors' certificate numbers (执法证号), leader first." }) certificateNumbers!: string[];
  @Field(() => [ItemResultView], { description: 'One result per item.' }) itemResults!: ItemResultView[];
  @Field(() => String, { description: 'What was found (检查情况).' }) findings!: string;
  @Field(() => String, { nullable: true, description: 'Measures ordered or taken (后续措施).' }) followUpMeasures?: string | null;
  @Field(() => DisposalStatus, { description: 'Disposal of the findings (处置情况).' }) disposalStatus!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day of disposal, when DONE.' }) disposalDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The earlier published version this one corrects.' }) corrects?: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was corrected.' }) correctionReason?: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was published.' }) publishedAt!: string;
}
export const InspectionRecordConnection = Connection(InspectionRecordView, 'InspectionRecordConnection');
const PublishedResultConnection = Connection(PublishedResultView, 'PublishedInspectionResultConnection');

@ObjectType('OverdueInspectionResult', { description: 'A drawn business whose result is not published within 20 working days of the inspection.' })
class OverdueResultView {
  @Field(() => String, { description: 'The joint plan (JP-…) or department task.' }) taskId!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => InspectionResultStatus, { description: 'Where its result stands (never PUBLISHED here).' }) status!: string;
  @Field(() => String, { nullable: true, description: 'The latest record version, if any.' }) recordId?: string | null;
  @Field(() => DateScalar, { description: 'The inspection date, or the end of the window when nothing was entered.' }) inspectionEnd!: string;
  @Field(() => DateScalar, { description: 'The publication deadline.' }) dueBy!: string;
  @Field(() => Int, { description: 'Working days past the deadline.' }) workingDaysLate!: number;
}
const OverdueConnection = Connection(OverdueResultView, 'OverdueInspectionResultConnection');

@ObjectType('JointTaskResult', { description: 'Where the result of one joint task stands.' })
class JointTaskResultView {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the drawn business.' }) uscc!: string;
  @Field(() => InspectionResultStatus, { description: 'Where its result stands.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'The record in force, else the latest; null when none was entered.' }) recordId?: string | null;
  @Field(() => Boolean, { description: 'Published with no open follow-up.' }) closed!: boolean;
}

@ObjectType('JointPlanResults', { description: 'Progress of a joint plan: completion rate = published ÷ to check; closure rate = closed ÷ published.' })
class JointPlanResultsView {
  @Field(() => String, { description: 'The joint plan.' }) planId!: string;
  @Field(() => Int, { description: 'Joint tasks (drawn businesses) to check.' }) toCheck!: number;
  @Field(() => Int, { description: 'Tasks with a published result.' }) published!: number;
  @Field(() => Int, { description: 'Tasks whose record awaits review.' }) awaitingReview!: number;
  @Field(() => Int, { description: 'Tasks whose record was returned.' }) returned!: number;
  @Field(() => Int, { description: 'Tasks with no record yet.' }) notEntered!: number;
  @Field(() => Int, { description: 'Published results checked off site (非现场).' }) offSite!: number;
  @Field(() => Int, { description: 'Published results with no open follow-up.' }) closed!: number;
  @Field(() => Float, { description: 'Published ÷ to check, 0..1.' }) completionRate!: number;
  @Field(() => Float, { nullable: true, description: 'Closed ÷ published, 0..1; null when nothing is published.' }) closureRate?: number | null;
  @Field(() => [JointTaskResultView], { description: 'Every joint task of the plan, in uscc order.' }) tasks!: JointTaskResultView[];
}

const withDefaults = (r: InspectionRecordInput) => ({ ...r, disposalStatus: r.disposalStatus ?? 'none' });

// ---------------------------------------------------------------------------------------------
// Views.

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const itemView = (r: ItemResult): ItemResultView => ({ ...r, resultLabels: r.resultCodes.map((c) => `${c} ${RESULT_CODES[c]}`) });
const followUpView = (f: FollowUpRow): FollowUpView => ({ ...f, createdAt: iso(f.createdAt)!, closedAt: iso(f.closedAt) });

/** One version as the office sees it; pass the record's history when it is at hand (all versions at once). */
export async function recordView(em: EntityManager, row: InspectionRecordRow, history?: RecordHistory): Promise<InspectionRecordView> {
  const { reviews, statuses } = history ?? (await recordHistory(em, row.taskId, row.uscc));
  const review = reviews.get(row.id);
  const followUps = await em.find(FollowUpRow, { recordId: row.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return {
    ...row,
    taskTitle: row.title,
    status: statuses.get(row.id)!,
    offSite: (OFF_SITE_METHODS as readonly string[]).includes(row.method),
    inspectedOn: String(row.inspectedOn),
    disposalDate: row.disposalDate ? String(row.disposalDate) : null,
    itemResults: row.itemResults.map(itemView),
    enteredAt: iso(row.enteredAt)!,
    // Stored as the outcome (published, returned); answered as the decision taken (PUBLISH, RETURN).
    review: review ? { ...review, decision: review.decision === 'returned' ? 'return' : 'publish', reviewedAt: iso(review.reviewedAt)! } : null,
    followUps: followUps.map(followUpView),
  };
}

/** The record version, or null when there is none the caller may see. */
async function visibleRecord(ctx: SubgraphContext, recordId: string): Promise<InspectionRecordRow | null> {
  const row = await ctx.em.findOne(InspectionRecordRow, { id: recordId });
  return row && maySeeRecords(ctx.identity, row) ? row : null;
}

/** The drawn businesses of published joint plans (current draws), with their windows' ends. */
async function jointPlanTasks(em: EntityManager, plans: JointPlanRow[]): Promise<{ taskId: string; uscc: string; windowEnd: string }[]> {
  const out: { taskId: string; uscc: string; windowEnd: string }[] = [];
  for (const plan of plans) {
    const committed = await latestCommitment(em, plan.id);
    const draw = committed ? await latestDraw(em, committed.id) : null;
    if (!draw) continue;
    for (const t of await em.find(DrawnTargetRow, { drawId: draw.id }, { orderBy: { uscc: 'asc' } })) out.push({ taskId: plan.id, uscc: t.uscc, windowEnd: String(plan.windowEnd) });
  }
  return out;
}

const DEPARTMENT_INSPECTIONS = 'query ($period: String!) { departmentInspections(period: $period) { uscc taskId period } }';

/** The departments' drawn businesses of the year of `asOf` and the year before (contract, in parallel). */
async function departmentTasks(ctx: SubgraphContext, asOf: string): Promise<{ taskId: string; uscc: string; windowEnd: string }[]> {
  const year = Number(asOf.slice(0, 4));
  const calls = DEPARTMENT_CODES.flatMap((d) => [year - 1, year].map((y) => callSubgraph<{ departmentInspections: { uscc: string; taskId: string; period: string }[] }>(d, ctx.identity, DEPARTMENT_INSPECTIONS, { period: `${y}-Q1` })));
  const answers = await Promise.all(calls);
  const failed = [...new Set(answers.filter((a) => !a.ok).map((a) => a.subgraph))];
  if (failed.length) {
    throw serviceFailure(answers, `${failed.join('、')}暂时无法应答，逾期清单需要每个部门的任务`, "the overdue list needs every department's tasks, and some did not answer", {
      field: 'overdueInspectionResults',
    });
  }
  return answers.flatMap((a) => (a.ok ? a.data.departmentInspections : [])).map((i) => ({ taskId: i.taskId, uscc: i.uscc, windowEnd: periodWindow(i.period).end }));
}

// ---------------------------------------------------------------------------------------------
// Resolvers.

@Resolver()
export class VisitResolver {
  @Mutation(() => VisitScanView, { description: '扫码入企: an inspector of the team records the scan of the task code at the business; the visit starts.' })
  async recordInspectionScan(@Arg('code', () => String, { description: 'The scanned inspection code (检查码).' }) code: string, @Ctx() ctx: SubgraphContext): Promise<VisitScanView> {
    const { scan, check } = await recordScan(ctx, code);
    return { scanId: scan.id, taskId: scan.taskId, uscc: scan.uscc, certificateNumber: scan.certificateNumber, scannedAt: iso(scan.scannedAt)!, code: check };
  }

  @Mutation(() => InspectionRecordView, {
    description: 'Submits the record of a joint task (an inspector of its team). Idempotent by submissionKey; one transaction. A published record is locked: use correctInspectionRecord.',
  })
  async submitInspectionRecord(@Arg('record', () => InspectionRecordInput, { description: 'The record (检查记录表).' }) record: InspectionRecordInput, @Ctx() ctx: SubgraphContext): Promise<InspectionRecordView> {
    return recordView(ctx.em, await submitRecord(ctx, withDefaults(record)));
  }

  @Mutation(() => InspectionRecordView, { description: 'A correction of a published record: a new version naming the one it replaces, reviewed again before it is published.' })
  async correctInspectionRecord(
    @Arg('recordId', () => String, { description: 'The published version to correct.' }) recordId: string,
    @Arg('reason', () => String, { description: 'Why it is corrected (at least 4 characters).' }) reason: string,
    @Arg('record', () => InspectionRecordInput, { description: 'The corrected record, whole.' }) record: InspectionRecordInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionRecordView> {
    return recordView(ctx.em, await submitRecord(ctx, withDefaults(record), { recordId, reason }));
  }

  @Mutation(() => InspectionRecordView, {
    description: 'Review (office coordinators or the initiating department): decision publish or return (with a reason). Publishing a problem feeds it back to the register.',
  })
  async reviewInspectionRecord(
    @Arg('recordId', () => String, { description: 'The record version awaiting review.' }) recordId: string,
    @Arg('decision', () => ReviewDecision, { description: 'PUBLISH or RETURN.' }) decision: 'publish' | 'return',
    @Arg('reason', () => String, { nullable: true, description: 'Required when returning.' }) reason: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionRecordView> {
    return recordView(ctx.em, await reviewRecord(ctx, recordId, decision, reason));
  }

  @Mutation(() => FollowUpView, { description: '责令改正: an order to correct by a deadline, re-checked afterwards.' })
  async orderCorrection(
    @Arg('recordId', () => String, { description: 'The published record version.' }) recordId: string,
    @Arg('deadline', () => DateScalar, { description: 'The day by which to correct.' }) deadline: string,
    @Arg('measures', () => String, { description: 'What must be corrected (整改要求).' }) measures: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await orderCorrection(ctx, recordId, deadline, measures));
  }

  @Mutation(() => FollowUpView, { description: '复查: closes an order to correct.' })
  async recordRecheck(
    @Arg('followUpId', () => String, { description: 'The open order to correct.' }) followUpId: string,
    @Arg('corrected', () => Boolean, { description: 'Whether the re-check found it corrected.' }) corrected: boolean,
    @Arg('note', () => String, { description: 'What the re-check found.' }) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await recordRecheck(ctx, followUpId, corrected, note));
  }

  @Mutation(() => FollowUpView, { description: "移交: hands a finding to the competent department; it appears there as an incoming referral." })
  async referInspectionFinding(
    @Arg('recordId', () => String, { description: 'The published record version.' }) recordId: string,
    @Arg('toDepartment', () => Department, { description: 'The competent department.' }) toDepartment: string,
    @Arg('finding', () => String, { description: 'The finding handed over.' }) finding: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await referFinding(ctx, recordId, toDepartment, finding));
  }

  @Mutation(() => FollowUpView, { description: '移送司法: records the referral of a suspected crime to the prosecuting authority.' })
  async referToProsecution(
    @Arg('recordId', () => String, { description: 'The published record version.' }) recordId: string,
    @Arg('authority', () => String, { description: 'The prosecuting authority, by name.' }) authority: string,
    @Arg('finding', () => String, { description: 'The suspected crime, in words.' }) finding: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await referToProsecution(ctx, recordId, authority, finding));
  }

  @Query(() => InspectionRecordView, {
    nullable: true,
    description: 'One record version (office and participating departments); null when there is none you may see.',
  })
  async inspectionRecord(@Arg('recordId', () => String, { description: 'Record version id.' }) recordId: string, @Ctx() ctx: SubgraphContext): Promise<InspectionRecordView | null> {
    const row = await visibleRecord(ctx, recordId);
    return row ? recordView(ctx.em, row) : null;
  }

  @Query(() => InspectionRecordConnection, {
    description: 'Every version of the record of one drawn business, oldest first (office and the departments on the task); empty when there is none you may see.',
  })
  async inspectionRecordVersions(
    @Arg('taskId', () => String, { description: 'The joint plan (JP-…) or department task.' }) taskId: string,
    @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the drawn business.' }) uscc: string,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionRecordView>> {
    checkPageSize(first);
    const history = await recordHistory(ctx.em, taskId, uscc.trim().toUpperCase());
    const versions = history.versions.length && maySeeRecords(ctx.identity, history.versions[0]) ? history.versions : [];
    const page = pageOf(versions, first, after);
    return { ...page, nodes: await Promise.all(page.nodes.map((r) => recordView(ctx.em, r, history))) };
  }

  @Query(() => [String], { description: 'The result codes with their meaning (中文 / English).' })
  resultCodes(): string[] {
    return Object.entries(RESULT_CODES).map(([c, label]) => `${c} ${label}`);
  }

  @Query(() => PublishedResultConnection, {
    description:
      '一公开: published results of inspections (joint and department tasks). Anyone may read; public fields only. ' +
      'Searching by name asks the market-supervision register (SERVICE_UNAVAILABLE when it does not answer).',
  })
  async publishedInspectionResults(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('taskId', () => String, { nullable: true, description: 'Only this task (JP-…, PS-…, MS-…, FR-…).' }) taskId: string | null,
    @Arg('uscc', () => String, { nullable: true, description: 'Only this business (统一社会信用代码).' }) uscc: string | null,
    @Arg('name', () => String, {
      nullable: true,
      description: "Only businesses whose registered name contains this text (case-insensitive), at least 2 characters (else BAD_USER_INPUT, field name).",
    })
    name: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<PublishedResultView>> {
    checkPageSize(first);
    const nameSearch = name == null ? null : checkNameSearch(name);
    const from = decodeCursor(after);
    const where: Record<string, unknown> = {};
    if (taskId) where.taskId = taskId;
    if (uscc) where.uscc = uscc.trim().toUpperCase();
    const rows = [...(await recordStandings(ctx.em, where)).values()]
      .filter((s) => s.inForce)
      .map((s): PublishedResultView => {
        const r = s.inForce!;
        return {
          recordId: r.id,
          version: r.version,
          taskId: r.taskId,
          taskTitle: r.title,
          departments: r.departments,
          uscc: r.uscc,
          inspectedOn: String(r.inspectedOn),
          method: r.method,
          certificateNumbers: r.team,
          itemResults: r.itemResults.map(itemView),
          findings: r.findings,
          followUpMeasures: r.followUpMeasures,
          disposalStatus: r.disposalStatus,
          disposalDate: r.disposalDate ? String(r.disposalDate) : null,
          corrects: r.correctionReason ? r.supersedes : null,
          correctionReason: r.correctionReason,
          publishedAt: iso(s.publishedAt)!,
        };
      })
      .sort((a, b) => byKey(a.recordId, b.recordId));
    // The name filter applies before the page is cut (register-names.ts says why).
    const matching = nameSearch == null ? null : await namesMatching(ctx, rows.map((r) => r.uscc), nameSearch);
    const found = matching ? rows.filter((r) => matching.has(r.uscc)) : rows;
    const start = from ? found.findIndex((r) => r.recordId > from) : 0;
    const page = toPage(start < 0 ? [] : found.slice(start, start + first + 1), first, found.length, (r) => r.recordId);
    const names = matching ?? (await namesOf(ctx, page.nodes.map((r) => r.uscc)));
    return { ...page, nodes: page.nodes.map((r) => ({ ...r, businessName: names.get(r.uscc) ?? null })) };
  }

  @Query(() => OverdueConnection, {
    description: `Results not published within ${PUBLICATION_DUE_WORKING_DAYS} working days (public holidays and make-up working days counted) of the inspection (or of the window's end when nothing was entered), joint and department tasks of this year and last. Office only. PRECONDITION_FAILED naming the year when a deadline needs a year the holiday calendar lacks.`,
  })
  async overdueInspectionResults(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Judge on this day; default today in China.' }) asOf: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<OverdueResultView>> {
    authorize(ctx, 'overdue:read', { field: 'overdueInspectionResults' });
    checkPageSize(first);
    if (asOf != null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput('asOf', '日期格式应为YYYY-MM-DD / asOf must be a date YYYY-MM-DD');
    const today = asOf ?? chinaToday();
    const from = decodeCursor(after);
    const drawn = [...(await jointPlanTasks(ctx.em, await ctx.em.find(JointPlanRow, { status: 'published' }))), ...(await departmentTasks(ctx, today))];
    const recorded = await recordStandings(ctx.em, {});
    const windowEnds = new Map(drawn.map((d) => [standingKey(d.taskId, d.uscc), d.windowEnd]));
    const rows: OverdueResultView[] = [];
    for (const key of new Set([...windowEnds.keys(), ...recorded.keys()])) {
      const [taskId, uscc] = key.split('/');
      const s = recorded.get(key) ?? notEntered(taskId, uscc);
      if (s.status === 'published') continue;
      const end = s.latest ? String(s.latest.inspectedOn) : windowEnds.get(key)!;
      // Not due yet whatever the holidays (the window is still open, or inspected today or later):
      // no deadline is counted, so the calendar is asked only about dates that matter.
      if (end >= today) continue;
      const dueBy = addWorkingDays(end, PUBLICATION_DUE_WORKING_DAYS);
      if (today <= dueBy) continue;
      rows.push({ taskId, uscc, status: s.status, recordId: s.latest?.id ?? null, inspectionEnd: end, dueBy, workingDaysLate: workingDaysBetween(dueBy, today) });
    }
    const sortKey = (r: OverdueResultView) => standingKey(r.taskId, r.uscc);
    rows.sort((a, b) => byKey(sortKey(a), sortKey(b)));
    const start = from ? rows.findIndex((r) => sortKey(r) > from) : 0;
    return toPage(start < 0 ? [] : rows.slice(start, start + first + 1), first, rows.length, sortKey);
  }

  @Query(() => JointPlanResultsView, {
    nullable: true,
    description: 'Where the joint tasks of a published plan stand (office and participating departments); null when there is no such plan you may see.',
  })
  async jointPlanResults(@Arg('planId', () => String, { description: 'Plan number, e.g. JP-2026Q2-0001.' }) planId: string, @Ctx() ctx: SubgraphContext): Promise<JointPlanResultsView | null> {
    const plan = await ctx.em.findOne(JointPlanRow, { id: planId });
    if (!plan || !maySeeRecords(ctx.identity, { departments: planDepartments(plan) })) return null;
    const recorded = await recordStandings(ctx.em, { taskId: plan.id });
    const all = (await jointPlanTasks(ctx.em, plan.status === 'published' ? [plan] : [])).map((t) => recorded.get(standingKey(t.taskId, t.uscc)) ?? notEntered(t.taskId, t.uscc));
    const inForce = all.flatMap((s) => (s.inForce ? [s.inForce.id] : []));
    const open = new Set(
      inForce.length ? (await ctx.em.find(FollowUpRow, { recordId: { $in: inForce }, status: OPEN_FOLLOW_UP })).map((f) => f.recordId) : [],
    );
    const tasks = all.map((s) => ({ uscc: s.uscc, status: s.status, recordId: (s.inForce ?? s.latest)?.id ?? null, closed: !!s.inForce && !open.has(s.inForce.id) }));
    const count = (st: string) => tasks.filter((t) => t.status === st).length;
    const published = count('published');
    const closed = tasks.filter((t) => t.closed).length;
    return {
      planId,
      toCheck: tasks.length,
      published,
      awaitingReview: count('awaiting-review'),
      returned: count('returned'),
      notEntered: count('not-entered'),
      offSite: all.filter((s) => s.inForce && (OFF_SITE_METHODS as readonly string[]).includes(s.inForce.method)).length,
      closed,
      completionRate: tasks.length ? published / tasks.length : 0,
      closureRate: published ? closed / published : null,
      tasks,
    };
  }
}
