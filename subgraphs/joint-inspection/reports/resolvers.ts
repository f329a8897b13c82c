import { Arg, Args, Authorized, Ctx, Field, Float, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { formatQuarter, parseQuarter, reportsDueAsOf } from '../../../shared/domain/quarters.js';
import { userError } from '../../../shared/platform/errors.js';
import { uniqueOrConflict } from '../../../shared/platform/versioned.js';
import { Connection, PageArgs, type Page } from '../../../shared/platform/pagination.js';
import { DateScalar, DateTimeScalar } from '../../../shared/platform/scalars.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import * as clock from '../../../shared/platform/clock.js';
import { pageOf } from '../paging.js';
import { QuarterlyReportRow } from './entities.js';
import { buildQuarterlyReport, summaryOf, type QuarterlyReport } from './report.js';

/** The quarterly report's GraphQL: the report, the reports due, finalizing, the published summaries. */

const PERIOD = 'Quarter, written 2026-Q4.';

@ObjectType('QuarterlyReportFigure', { description: "One figure of a row of the quarterly report, beside the previous quarter's and the same quarter last year's." })
class FigureView {
  @Field(() => String, { description: 'Stable name of the figure (tasks, inspectionsOnSite…).' }) name!: string;
  @Field(() => String, { description: 'Label in Chinese.' }) labelZh!: string;
  @Field(() => String, { description: 'Label in English.' }) labelEn!: string;
  @Field(() => Float, { description: 'This quarter (a count, or a share 0..1 for the indicators).' }) value!: number;
  @Field(() => Float, { description: 'The previous quarter.' }) previousQuarter!: number;
  @Field(() => Float, { description: 'The same quarter last year.' }) sameQuarterLastYear!: number;
  @Field(() => Float, { description: 'value − previousQuarter.' }) changeFromPreviousQuarter!: number;
  @Field(() => Float, { description: 'value − sameQuarterLastYear.' }) changeFromSameQuarterLastYear!: number;
}

@ObjectType('QuarterlyReportIndicator', { description: "One of the county's indicators (joint shares, planned by credit-risk class, visits avoided), from the quarter's merge." })
class IndicatorView extends FigureView {
  @Field(() => Float, { nullable: true, description: 'The target (a share 0..1); null for a plain count.' }) target?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the target is reached; null without a target.' }) met?: boolean | null;
}

@ObjectType('QuarterlyReportRow', { description: 'One row of a breakdown: a department, a brigade (department/brigade), an industry code, a township code, or the county.' })
class RowView {
  @Field(() => String, { description: 'county, department, brigade, industry or township.' }) dimension!: string;
  @Field(() => String, { description: 'The department code, `department/brigade`, GB/T 4754 industry code, township code (`county`: tasks drawn county-wide).' }) key!: string;
  @Field(() => [FigureView], { description: 'Its figures, in a fixed order.' }) figures!: FigureView[];
}

@ObjectType('QuarterlyReportResultCode', { description: 'Published inspections of the quarter with one result code (检查结果).' })
class ResultCodeView {
  @Field(() => String, { description: 'Result code (1, A…G, 3…12).' }) code!: string;
  @Field(() => String, { description: 'What it means (中文 / English).' }) meaning!: string;
  @Field(() => Int, { description: 'Inspections of this quarter with the code.' }) inspections!: number;
  @Field(() => Int, { description: 'The previous quarter.' }) previousQuarter!: number;
  @Field(() => Int, { description: 'The same quarter last year.' }) sameQuarterLastYear!: number;
}

@ObjectType('UnansweredDepartmentInReport', { description: 'A department that did not answer for the report.' })
class UnansweredView {
  @Field(() => String, { description: 'The department (subgraph name).' }) subgraph!: string;
  @Field(() => String, { description: 'What went wrong (timeout, error).' }) reason!: string;
}

@ObjectType('QuarterlyReport', { description: '季度报告: a quarter\'s figures from stored data, computed where the data is, with breakdowns and comparisons.' })
class ReportView {
  @Field(() => String, { description: PERIOD }) period!: string;
  @Field(() => String, { description: 'The previous quarter.' }) previousPeriod!: string;
  @Field(() => String, { description: 'The same quarter last year.' }) sameQuarterLastYearPeriod!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Due date: the 20th of the last month, or the next working day; null when the holiday calendar lacks the year (see dueDateProblem).' })
  dueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Why there is no due date (the holiday calendar lacks the year).' }) dueDateProblem?: string | null;
  @Field(() => Boolean, { description: 'False when a department did not answer: the report cannot be finalized then.' }) complete!: boolean;
  @Field(() => [UnansweredView], { description: 'Departments that did not answer.' }) unansweredDepartments!: UnansweredView[];
  @Field(() => String, { description: 'SHA-256 of the canonical JSON of the content (what finalizing stores).' }) contentHash!: string;
  @Field(() => Int, { nullable: true, description: 'The stored version with this very content; null when none.' }) finalizedVersion?: number | null;
  @Field(() => RowView, { description: "The county's figures." }) county!: RowView;
  @Field(() => [IndicatorView], { description: "The county's indicators against their targets." }) indicators!: IndicatorView[];
  @Field(() => [ResultCodeView], { description: 'Problems found (and other results) by result code.' }) resultCodes!: ResultCodeView[];
  @Field(() => [RowView], { description: 'By department.' }) byDepartment!: RowView[];
  @Field(() => [RowView], { description: "By brigade (public security's brigades)." }) byBrigade!: RowView[];
  @Field(() => [RowView], { description: 'By industry a task or joint plan targets.' }) byIndustry!: RowView[];
  @Field(() => [RowView], { description: 'By township a task or joint plan is drawn in.' }) byTownship!: RowView[];
  @Field(() => [String], { description: 'What the figures leave out and why (中文 / English).' }) notes!: string[];
}

@ObjectType('QuarterlyReportDue', { description: 'A quarter whose report is not finalized: due, or late.' })
class DueView {
  @Field(() => String, { description: PERIOD }) period!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Due date (the 20th of the last month, or the next working day); null when the holiday calendar lacks the year.' })
  dueDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Why there is no due date (the holiday calendar lacks the year).' }) dueDateProblem?: string | null;
  @Field(() => Boolean, { description: 'The due date has passed.' }) late!: boolean;
  @Field(() => Int, { description: 'Calendar days since the due date (0 when not late).' }) daysLate!: number;
}
const DueConnection = Connection(DueView, 'QuarterlyReportDueConnection');

@ObjectType('PublishedReportFigure', { description: 'A figure of a published quarterly report.' })
class PublishedFigureView {
  @Field(() => String, { description: 'Stable name of the figure.' }) name!: string;
  @Field(() => String, { description: 'Label in Chinese.' }) labelZh!: string;
  @Field(() => String, { description: 'Label in English.' }) labelEn!: string;
  @Field(() => Float, { description: 'Its value.' }) value!: number;
}

@ObjectType('PublishedQuarterlyReport', { description: "A finalized quarterly report's public summary (一公开): the county's figures and indicators." })
class PublishedView {
  @Field(() => String, { description: PERIOD }) period!: string;
  @Field(() => Int, { description: 'Version (1, 2…: a later finalize with changed content).' }) version!: number;
  @Field(() => String, { description: 'SHA-256 of the whole stored content.' }) contentHash!: string;
  @Field(() => DateTimeScalar, { description: 'When it was finalized.' }) finalizedAt!: Date;
  @Field(() => DateScalar, { nullable: true, description: 'Its due date.' }) dueDate?: string | null;
  @Field(() => [PublishedFigureView], { description: "The county's figures." }) figures!: PublishedFigureView[];
  @Field(() => [PublishedFigureView], { description: "The county's indicators." }) indicators!: PublishedFigureView[];
}
const PublishedConnection = Connection(PublishedView, 'PublishedQuarterlyReportConnection');

async function finalizedVersion(ctx: SubgraphContext, report: QuarterlyReport): Promise<number | null> {
  return (await ctx.em.findOne(QuarterlyReportRow, { period: report.period, contentHash: report.contentHash }))?.version ?? null;
}

const view = (r: QuarterlyReport, version: number | null): ReportView => ({
  ...r,
  unansweredDepartments: r.unansweredDepartments.map((u) => ({ subgraph: u.department, reason: u.reason })),
  finalizedVersion: version,
});

@Resolver()
export class QuarterlyReportResolver {
  @Query(() => ReportView, { description: "季度报告: a quarter's report computed now from stored data (the office's coordinators and analysts)." })
  @Authorized('report:read')
  async quarterlyReport(@Arg('period', () => String, { description: PERIOD }) period: string, @Ctx() ctx: SubgraphContext): Promise<ReportView> {
    const report = await buildQuarterlyReport(ctx, period);
    return view(report, await finalizedVersion(ctx, report));
  }

  @Query(() => DueConnection, { description: 'Quarters whose report is not finalized, oldest first: late ones (due date passed) and the current one.' })
  @Authorized('report:read')
  async reportsDue(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<DueView>> {
    const finalized = new Set((await ctx.em.find(QuarterlyReportRow, {}, { fields: ['period'] })).map((r) => r.period));
    return pageOf(reportsDueAsOf(clock.today(), finalized), first, after);
  }

  @Query(() => PublishedConnection, { description: 'Finalized quarterly reports, newest first: their public summaries (anyone).' })
  async publishedQuarterlyReports(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('period', () => String, { nullable: true, description: 'Only this quarter (its versions).' }) period: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<PublishedView>> {
    const where = period ? { period: formatQuarter(parseQuarter(period)) } : {};
    const rows = await ctx.em.find(QuarterlyReportRow, where, { orderBy: { period: 'desc', version: 'desc' }, fields: ['period', 'version', 'contentHash', 'finalizedAt', 'summary'] });
    return pageOf(
      rows.map((r) => {
        const s = r.summary as ReturnType<typeof summaryOf>;
        return { period: r.period, version: r.version, contentHash: r.contentHash, finalizedAt: r.finalizedAt, dueDate: s.dueDate, figures: s.figures, indicators: s.indicators };
      }),
      first,
      after,
    );
  }

  @Mutation(() => ReportView, {
    description: "Stores the quarter's report as a version (one transaction; content hash on the trail). The same content again changes nothing; changed content makes the next version. A department that does not answer blocks it.",
  })
  async finalizeQuarterlyReport(@Arg('period', () => String, { description: PERIOD }) period: string, @Ctx() ctx: SubgraphContext): Promise<ReportView> {
    const report = await buildQuarterlyReport(ctx, period);
    if (!report.complete) {
      const names = report.unansweredDepartments.map((u) => u.department);
      throw userError(
        'PRECONDITION_FAILED',
        `${names.join('、')}未在时限内应答，季度报告不完整，不能定稿；请稍后重试 / ${names.join(', ')} did not answer in time: the report is incomplete and cannot be finalized; try again later`,
        { field: 'period', unansweredDepartments: report.unansweredDepartments },
      );
    }
    const same = await finalizedVersion(ctx, report);
    if (same !== null) return view(report, same);
    const { complete: _c, unansweredDepartments: _u, contentHash, ...content } = report;
    const latest = await ctx.em.findOne(QuarterlyReportRow, { period: report.period }, { orderBy: { version: 'desc' } });
    const version = (latest?.version ?? 0) + 1;
    // Two finalizes of one quarter at once: the second fails on (period, version) or (period, contentHash).
    await uniqueOrConflict('period', `${report.period}季度报告刚由他人定稿，请重新查看后再定稿 / the ${report.period} report was finalized by someone else a moment ago; look at it again before finalizing`, () =>
      ctx.em.transactional(async (tx) => {
        tx.create(QuarterlyReportRow, {
          period: report.period,
          version,
          contentHash,
          content,
          summary: summaryOf(content),
          finalizedBy: ctx.identity.subject,
          finalizedAt: clock.now(),
        });
      }),
    );
    return view(report, version);
  }
}
