import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { hasRole } from '../../shared/auth.js';
import { OFFICE } from '../../shared/departments.js';
import { badInput, notFound, userError } from '../../shared/errors.js';
import { chinaToday } from '../../shared/inspection-code.js';
import { byKey, checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../../shared/pagination.js';
import type { SubgraphContext } from '../../shared/subgraph.js';
import { DrawnTargetRow } from '../../shared/task-entities.js';
import { latestCommitment, latestDraw } from '../../shared/task-service.js';
import { InspectionCodeScan } from './codes.js';
import { orderCorrection, OPEN_FOLLOW_UP, recordRecheck, referFinding, referToProsecution } from './follow-up.js';
import { loadJointTask } from './joint-codes.js';
import { JointPlanRow } from './plan-entities.js';
import { loadPlan } from './plan-service.js';
import { FollowUpRow, InspectionRecordRow, OFF_SITE_METHODS, RecordReviewRow, type ItemResult } from './visit-entities.js';
import {
  addWorkingDays,
  loadRecord,
  maySeeRecords,
  PUBLICATION_DUE_WORKING_DAYS,
  recordScan,
  recordVersions,
  RESULT_CODES,
  reviewRecord,
  reviewsOf,
  statusesOf,
  submitRecord,
  workingDaysBetween,
  type RecordStatus,
} from './visit-service.js';

// ---------------------------------------------------------------------------------------------
// Types.

@ObjectType('VisitScan', { description: '扫码入企: an inspector of the team scanned the code at the business; the visit has started.' })
class VisitScanView {
  @Field(() => String) scanId!: string;
  @Field(() => String) taskId!: string;
  @Field(() => String) uscc!: string;
  @Field(() => String) certificateNumber!: string;
  @Field(() => String) scannedAt!: string;
  @Field(() => InspectionCodeScan) code!: InspectionCodeScan;
}

@InputType('ItemResultInput')
class ItemResultInput {
  @Field(() => String) itemCode!: string;
  @Field(() => [String], { description: 'Result codes (multi-select): 1 A B C D 3 4 G 5 E F 6 7 8 9 10 11 12, see resultCodes.' }) resultCodes!: string[];
}

@InputType('InspectionRecordInput', { description: '检查记录表 of one joint task (one business of a published joint plan).' })
class InspectionRecordInput {
  @Field(() => String, { description: 'Idempotency key chosen by the field device, the same on every retry of one record (8–100 characters).' })
  submissionKey!: string;
  @Field(() => String) planId!: string;
  @Field(() => String) uscc!: string;
  @Field(() => String, { defaultValue: 'on-site', description: 'on-site, document-review, network-monitoring or video-inspection' }) method!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) inspectedOn!: string;
  @Field(() => String, { description: 'Certificate number of the team leader.' }) leader!: string;
  @Field(() => [String], { description: 'Certificate numbers of the inspectors present (drawn team members).' }) team!: string[];
  @Field(() => [String], { defaultValue: [] }) experts!: string[];
  @Field(() => [ItemResultInput], { description: 'One entry per item of the task.' }) itemResults!: ItemResultInput[];
  @Field(() => String) findings!: string;
  @Field(() => String, { nullable: true, description: 'Off-site checks: what documents, monitoring data or video were examined.' }) evidence?: string | null;
  @Field(() => String, { nullable: true }) followUpMeasures?: string | null;
  @Field(() => String, { defaultValue: 'none', description: 'none, pending or done' }) disposalStatus!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, required when done' }) disposalDate?: string | null;
}

@ObjectType('ItemResult')
class ItemResultView {
  @Field(() => String) itemCode!: string;
  @Field(() => String) department!: string;
  @Field(() => [String]) resultCodes!: string[];
  @Field(() => [String], { description: 'The meaning of each code (中文 / English).' }) resultLabels!: string[];
}

@ObjectType('FollowUp', { description: 'A follow-up of a published record and its status.' })
class FollowUpView {
  @Field(() => String) id!: string;
  @Field(() => String) recordId!: string;
  @Field(() => String, { description: 'correction-order, referral, criminal-referral or credit-feedback' }) kind!: string;
  @Field(() => String, { description: 'open, corrected, not-corrected, delivered, sent or recorded' }) status!: string;
  @Field(() => String, { nullable: true }) recipient?: string | null;
  @Field(() => String, { nullable: true }) deadline?: string | null;
  @Field(() => String) detail!: string;
  @Field(() => String, { nullable: true }) outcome?: string | null;
  @Field(() => String) createdAt!: string;
  @Field(() => String, { nullable: true }) closedAt?: string | null;
}

@ObjectType('RecordReview')
class RecordReviewView {
  @Field(() => String) decision!: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => String) reviewedBy!: string;
  @Field(() => String) reviewedAt!: string;
}

@ObjectType('InspectionRecord', { description: '检查记录表: one version of the record of a joint task (office and participating departments).' })
class InspectionRecordView {
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'The joint plan.' }) planId!: string;
  @Field(() => String) uscc!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { nullable: true, description: 'The version this one replaces.' }) supersedes?: string | null;
  @Field(() => String, { nullable: true }) correctionReason?: string | null;
  @Field(() => String, { description: 'awaiting-review, returned, published or superseded' }) status!: string;
  @Field(() => String) method!: string;
  @Field(() => Boolean, { description: '非现场: checked without a visit.' }) offSite!: boolean;
  @Field(() => String, { nullable: true }) scanId?: string | null;
  @Field(() => String) inspectedOn!: string;
  @Field(() => String) leader!: string;
  @Field(() => [String]) team!: string[];
  @Field(() => [String]) experts!: string[];
  @Field(() => [ItemResultView]) itemResults!: ItemResultView[];
  @Field(() => String) findings!: string;
  @Field(() => String, { nullable: true }) evidence?: string | null;
  @Field(() => String, { nullable: true }) followUpMeasures?: string | null;
  @Field(() => String) disposalStatus!: string;
  @Field(() => String, { nullable: true }) disposalDate?: string | null;
  @Field(() => String) enteredBy!: string;
  @Field(() => String) enteredByCertificate!: string;
  @Field(() => String) enteredAt!: string;
  @Field(() => RecordReviewView, { nullable: true }) review?: RecordReviewView | null;
  @Field(() => String, { description: `Results are due for publication ${PUBLICATION_DUE_WORKING_DAYS} working days after the inspection.` }) publicationDueBy!: string;
  @Field(() => [FollowUpView]) followUps!: FollowUpView[];
}

@ObjectType('PublishedInspectionResult', { description: '一公开: a published result, public fields only (no personal data beyond certificate numbers).' })
class PublishedResultView {
  @Field(() => String) recordId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) planId!: string;
  @Field(() => String) planTitle!: string;
  @Field(() => String) uscc!: string;
  @Field(() => String) inspectedOn!: string;
  @Field(() => String) method!: string;
  @Field(() => [String], { description: "Inspectors' certificate numbers (执法证号), leader first." }) certificateNumbers!: string[];
  @Field(() => [ItemResultView]) itemResults!: ItemResultView[];
  @Field(() => String) findings!: string;
  @Field(() => String, { nullable: true }) followUpMeasures?: string | null;
  @Field(() => String) disposalStatus!: string;
  @Field(() => String, { nullable: true }) disposalDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The earlier published version this one corrects.' }) corrects?: string | null;
  @Field(() => String, { nullable: true }) correctionReason?: string | null;
  @Field(() => String) publishedAt!: string;
}
const PublishedResultConnection = Connection(PublishedResultView, 'PublishedInspectionResultConnection');

@ObjectType('OverdueInspectionResult', { description: 'A joint task whose result is not published within 20 working days of the inspection.' })
class OverdueResultView {
  @Field(() => String) planId!: string;
  @Field(() => String) uscc!: string;
  @Field(() => String, { description: 'not-entered, awaiting-review or returned' }) status!: string;
  @Field(() => String, { nullable: true }) recordId?: string | null;
  @Field(() => String, { description: 'The inspection date, or the end of the window when nothing was entered.' }) inspectionEnd!: string;
  @Field(() => String) dueBy!: string;
  @Field(() => Int) workingDaysLate!: number;
}
const OverdueConnection = Connection(OverdueResultView, 'OverdueInspectionResultConnection');

@ObjectType('JointTaskResult')
class JointTaskResultView {
  @Field(() => String) uscc!: string;
  @Field(() => String, { description: 'not-entered, awaiting-review, returned or published' }) status!: string;
  @Field(() => String, { nullable: true }) recordId?: string | null;
  @Field(() => Boolean) closed!: boolean;
}

@ObjectType('JointPlanResults', { description: 'Progress of a joint plan: completion rate = published ÷ to check; closure rate = closed ÷ published.' })
class JointPlanResultsView {
  @Field(() => String) planId!: string;
  @Field(() => Int) toCheck!: number;
  @Field(() => Int) published!: number;
  @Field(() => Int) awaitingReview!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) notEntered!: number;
  @Field(() => Int, { description: 'Published results checked off site (非现场).' }) offSite!: number;
  @Field(() => Int, { description: 'Published results with no open follow-up.' }) closed!: number;
  @Field(() => Float) completionRate!: number;
  @Field(() => Float, { nullable: true }) closureRate?: number | null;
  @Field(() => [JointTaskResultView]) tasks!: JointTaskResultView[];
}

// ---------------------------------------------------------------------------------------------
// Views.

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const itemView = (r: ItemResult): ItemResultView => ({ ...r, resultLabels: r.resultCodes.map((c) => `${c} ${RESULT_CODES[c]}`) });
const followUpView = (f: FollowUpRow): FollowUpView => ({ ...f, createdAt: iso(f.createdAt)!, closedAt: iso(f.closedAt) });

async function recordView(em: EntityManager, row: InspectionRecordRow): Promise<InspectionRecordView> {
  const versions = await recordVersions(em, row.taskId, row.uscc);
  const reviews = await reviewsOf(em, versions.map((v) => v.id));
  const review = reviews.get(row.id);
  const followUps = await em.find(FollowUpRow, { recordId: row.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return {
    ...row,
    planId: row.taskId,
    status: statusesOf(versions, reviews).get(row.id)!,
    offSite: (OFF_SITE_METHODS as readonly string[]).includes(row.method),
    inspectedOn: String(row.inspectedOn),
    disposalDate: row.disposalDate ? String(row.disposalDate) : null,
    itemResults: row.itemResults.map(itemView),
    enteredAt: iso(row.enteredAt)!,
    review: review ? { ...review, reviewedAt: iso(review.reviewedAt)! } : null,
    publicationDueBy: addWorkingDays(String(row.inspectedOn), PUBLICATION_DUE_WORKING_DAYS),
    followUps: followUps.map(followUpView),
  };
}

async function visibleRecord(ctx: SubgraphContext, recordId: string): Promise<InspectionRecordRow> {
  const row = await ctx.em.findOne(InspectionRecordRow, { id: recordId });
  const plan = row ? await ctx.em.findOne(JointPlanRow, { id: row.taskId }) : null;
  if (!row || !plan || !maySeeRecords(ctx.identity, plan)) {
    throw notFound('recordId', `检查记录“${recordId}”不存在或无权查看 / there is no inspection record "${recordId}" you may see`);
  }
  return row;
}

/** Where the results of published plans stand, one entry per joint task (all plans, or one). */
interface TaskStanding {
  plan: JointPlanRow;
  uscc: string;
  status: 'not-entered' | RecordStatus;
  latest: InspectionRecordRow | null;
  inForce: InspectionRecordRow | null;
  publishedAt: Date | null;
}

async function standings(em: EntityManager, plans: JointPlanRow[]): Promise<TaskStanding[]> {
  const out: TaskStanding[] = [];
  const planIds = plans.map((p) => p.id);
  if (!planIds.length) return out;
  const records = await em.find(InspectionRecordRow, { taskId: { $in: planIds } }, { orderBy: { version: 'asc' } });
  const reviews = await reviewsOf(em, records.map((r) => r.id));
  const byTask = new Map<string, InspectionRecordRow[]>();
  for (const r of records) byTask.set(`${r.taskId}/${r.uscc}`, [...(byTask.get(`${r.taskId}/${r.uscc}`) ?? []), r]);
  for (const plan of plans) {
    const committed = await latestCommitment(em, plan.id);
    const draw = committed ? await latestDraw(em, committed.id) : null;
    if (!draw) continue;
    for (const t of await em.find(DrawnTargetRow, { drawId: draw.id }, { orderBy: { uscc: 'asc' } })) {
      const versions = byTask.get(`${plan.id}/${t.uscc}`) ?? [];
      const statuses = statusesOf(versions, reviews);
      const latest = versions[versions.length - 1] ?? null;
      const inForce = versions.find((v) => statuses.get(v.id) === 'published') ?? null;
      out.push({
        plan,
        uscc: t.uscc,
        status: inForce ? 'published' : latest ? statuses.get(latest.id)! : 'not-entered',
        latest,
        inForce,
        publishedAt: inForce ? reviews.get(inForce.id)!.reviewedAt : null,
      });
    }
  }
  return out;
}

function requireOffice(ctx: SubgraphContext, field: string): void {
  if (!(ctx.identity.department === OFFICE.code && hasRole(ctx.identity, 'coordinator', 'analyst'))) {
    throw userError('FORBIDDEN', '只有双随机办公室可以查看逾期未公示清单 / only the double-random office may see the overdue list', { field });
  }
}

// ---------------------------------------------------------------------------------------------
// Resolvers.

@Resolver()
export class VisitResolver {
  @Mutation(() => VisitScanView, { description: '扫码入企: an inspector of the team records the scan of the task code at the business; the visit starts.' })
  async recordInspectionScan(@Arg('code', () => String) code: string, @Ctx() ctx: SubgraphContext): Promise<VisitScanView> {
    const { scan, check } = await recordScan(ctx, code);
    return { scanId: scan.id, taskId: scan.taskId, uscc: scan.uscc, certificateNumber: scan.certificateNumber, scannedAt: iso(scan.scannedAt)!, code: check };
  }

  @Mutation(() => InspectionRecordView, {
    description: 'Submits the record of a joint task (an inspector of its team). Idempotent by submissionKey; one transaction. A published record is locked: use correctInspectionRecord.',
  })
  async submitInspectionRecord(@Arg('record', () => InspectionRecordInput) record: InspectionRecordInput, @Ctx() ctx: SubgraphContext): Promise<InspectionRecordView> {
    return recordView(ctx.em, await submitRecord(ctx, record));
  }

  @Mutation(() => InspectionRecordView, { description: 'A correction of a published record: a new version naming the one it replaces, reviewed again before it is published.' })
  async correctInspectionRecord(
    @Arg('recordId', () => String) recordId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('record', () => InspectionRecordInput) record: InspectionRecordInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionRecordView> {
    return recordView(ctx.em, await submitRecord(ctx, record, { recordId, reason }));
  }

  @Mutation(() => InspectionRecordView, {
    description: 'Review (office coordinators or the initiating department): decision publish or return (with a reason). Publishing a problem feeds it back to the register.',
  })
  async reviewInspectionRecord(
    @Arg('recordId', () => String) recordId: string,
    @Arg('decision', () => String, { description: 'publish or return' }) decision: 'publish' | 'return',
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionRecordView> {
    return recordView(ctx.em, await reviewRecord(ctx, recordId, decision, reason));
  }

  @Mutation(() => FollowUpView, { description: '责令改正: an order to correct by a deadline, re-checked afterwards.' })
  async orderCorrection(
    @Arg('recordId', () => String) recordId: string,
    @Arg('deadline', () => String, { description: 'YYYY-MM-DD' }) deadline: string,
    @Arg('measures', () => String) measures: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await orderCorrection(ctx, recordId, deadline, measures));
  }

  @Mutation(() => FollowUpView, { description: '复查: closes an order to correct.' })
  async recordRecheck(
    @Arg('followUpId', () => String) followUpId: string,
    @Arg('corrected', () => Boolean) corrected: boolean,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await recordRecheck(ctx, followUpId, corrected, note));
  }

  @Mutation(() => FollowUpView, { description: "移交: hands a finding to the competent department; it appears there as an incoming referral." })
  async referInspectionFinding(
    @Arg('recordId', () => String) recordId: string,
    @Arg('toDepartment', () => String) toDepartment: string,
    @Arg('finding', () => String) finding: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await referFinding(ctx, recordId, toDepartment, finding));
  }

  @Mutation(() => FollowUpView, { description: '移送司法: records the referral of a suspected crime to the prosecuting authority.' })
  async referToProsecution(
    @Arg('recordId', () => String) recordId: string,
    @Arg('authority', () => String) authority: string,
    @Arg('finding', () => String) finding: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<FollowUpView> {
    return followUpView(await referToProsecution(ctx, recordId, authority, finding));
  }

  @Query(() => InspectionRecordView, { description: 'One record version (office and participating departments).' })
  async inspectionRecord(@Arg('recordId', () => String) recordId: string, @Ctx() ctx: SubgraphContext): Promise<InspectionRecordView> {
    return recordView(ctx.em, await visibleRecord(ctx, recordId));
  }

  @Query(() => [InspectionRecordView], { description: 'Every version of the record of one joint task, oldest first (office and participating departments).' })
  async inspectionRecordVersions(
    @Arg('planId', () => String) planId: string,
    @Arg('uscc', () => String) uscc: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionRecordView[]> {
    const plan = await loadPlan(ctx.em, planId);
    if (!maySeeRecords(ctx.identity, plan)) throw notFound('planId', `联合抽查计划“${planId}”的检查记录无权查看 / you may not see the records of plan "${planId}"`);
    return Promise.all((await recordVersions(ctx.em, planId, uscc.trim().toUpperCase())).map((r) => recordView(ctx.em, r)));
  }

  @Query(() => [String], { description: 'The result codes with their meaning (中文 / English).' })
  resultCodes(): string[] {
    return Object.entries(RESULT_CODES).map(([c, label]) => `${c} ${label}`);
  }

  @Query(() => PublishedResultConnection, { description: '一公开: published results of joint inspections. Anyone may read; public fields only.' })
  async publishedInspectionResults(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('planId', () => String, { nullable: true }) planId: string | null,
    @Arg('uscc', () => String, { nullable: true }) uscc: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<PublishedResultView>> {
    checkPageSize(first);
    const from = decodeCursor(after);
    const plans = await ctx.em.find(JointPlanRow, planId ? { id: planId, status: 'published' } : { status: 'published' });
    const rows = (await standings(ctx.em, plans))
      .filter((s) => s.inForce && (!uscc || s.uscc === uscc.trim().toUpperCase()))
      .map((s): PublishedResultView => {
        const r = s.inForce!;
        return {
          recordId: r.id,
          version: r.version,
          planId: s.plan.id,
          planTitle: s.plan.title,
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
    const start = from ? rows.findIndex((r) => r.recordId > from) : 0;
    return toPage(start < 0 ? [] : rows.slice(start, start + first + 1), first, rows.length, (r) => r.recordId);
  }

  @Query(() => OverdueConnection, {
    description: `Results not published within ${PUBLICATION_DUE_WORKING_DAYS} working days of the inspection (or of the window's end when nothing was entered). Office only.`,
  })
  async overdueInspectionResults(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD; default today in China.' }) asOf: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<OverdueResultView>> {
    requireOffice(ctx, 'overdueInspectionResults');
    checkPageSize(first);
    if (asOf != null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput('asOf', '日期格式应为YYYY-MM-DD / asOf must be a date YYYY-MM-DD');
    const today = asOf ?? chinaToday();
    const from = decodeCursor(after);
    const rows: OverdueResultView[] = [];
    for (const s of await standings(ctx.em, await ctx.em.find(JointPlanRow, { status: 'published' }))) {
      if (s.status === 'published') continue;
      const end = s.latest ? String(s.latest.inspectedOn) : String(s.plan.windowEnd);
      if (!s.latest && end >= today) continue; // the window is still open
      const dueBy = addWorkingDays(end, PUBLICATION_DUE_WORKING_DAYS);
      if (today <= dueBy) continue;
      rows.push({ planId: s.plan.id, uscc: s.uscc, status: s.status, recordId: s.latest?.id ?? null, inspectionEnd: end, dueBy, workingDaysLate: workingDaysBetween(dueBy, today) });
    }
    const key = (r: OverdueResultView) => `${r.planId}/${r.uscc}`;
    rows.sort((a, b) => byKey(key(a), key(b)));
    const start = from ? rows.findIndex((r) => key(r) > from) : 0;
    return toPage(start < 0 ? [] : rows.slice(start, start + first + 1), first, rows.length, key);
  }

  @Query(() => JointPlanResultsView, { description: 'Where the joint tasks of a published plan stand (office and participating departments).' })
  async jointPlanResults(@Arg('planId', () => String) planId: string, @Ctx() ctx: SubgraphContext): Promise<JointPlanResultsView> {
    const plan = await loadPlan(ctx.em, planId);
    if (!maySeeRecords(ctx.identity, plan)) throw notFound('planId', `联合抽查计划“${planId}”的检查结果无权查看 / you may not see the results of plan "${planId}"`);
    const all = await standings(ctx.em, [plan]);
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
