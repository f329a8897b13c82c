import { Arg, Authorized, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { CreditRiskClass, Department } from '../../../shared/platform/enums.js';
import { buildCountyAnalytics, MAX_HOT_SPOTS, type CountyAnalytics } from './analytics.js';

/** countyAnalytics: the GraphQL of analytics.ts (the office's analysts and coordinators). */

@ObjectType('AnalyticsBucket', { description: 'One bar of a histogram: how many have a value in this range.' })
class BucketView {
  @Field(() => String, { description: '`1`, `2–3`, `4+`…' }) label!: string;
  @Field(() => Int, { description: 'How many.' }) count!: number;
}

@ObjectType('AnalyticsStats', { description: 'Summary of a distribution (nearest-rank percentiles).' })
class StatsView {
  @Field(() => Int, { description: 'How many values.' }) count!: number;
  @Field(() => Float, { description: 'Smallest value.' }) min!: number;
  @Field(() => Float, { description: 'Mean, rounded to 4 decimals.' }) mean!: number;
  @Field(() => Float, { description: 'The mean of the middle two for an even count.' }) median!: number;
  @Field(() => Float, { description: '90th percentile (nearest rank).' }) p90!: number;
  @Field(() => Float, { description: 'Largest value.' }) max!: number;
}

@ObjectType('BusinessVisits', { description: 'Visits per business in the year: every business with at least one inspection before the merge.' })
class VisitsView extends StatsView {
  @Field(() => Int, { description: 'All visits.' }) total!: number;
  @Field(() => [BucketView], { description: 'Businesses with 0, 1, 2, 3 and 4+ visits.' }) distribution!: BucketView[];
}

@ObjectType('RepeatHotSpot', { description: 'A business (USCC), industry (GB/T 4754) or township code with its repeats: avoided by the merges and remaining in the year.' })
class HotSpotView {
  @Field(() => String, { description: 'USCC, industry code or township code (`unknown`: not in the register).' }) key!: string;
  @Field(() => Int, { description: 'Visits the merges avoided (before − after).' }) avoided!: number;
  @Field(() => Int, { description: 'Visits after the merges beyond the first of the year.' }) remaining!: number;
}

@ObjectType('DepartmentWorkload', { description: "A department's inspectors with at least one team place in the year's current draws (its own and joint ones)." })
class WorkloadView {
  @Field(() => Department, { nullable: true, description: 'The department; null for certificates no department lists now.' }) department?: string | null;
  @Field(() => Int, { description: 'Inspectors with at least one team place.' }) inspectors!: number;
  @Field(() => StatsView, { description: 'Team places per inspector.' }) stats!: StatsView;
  @Field(() => [BucketView], { description: 'Inspectors with 1, 2–3, 4–5, 6–10 and 11+ team places.' }) histogram!: BucketView[];
}

@ObjectType('CreditClassFindings', { description: 'Published inspections of the year of businesses of one credit-risk class (today\'s class in the register).' })
class FindingsView {
  @Field(() => CreditRiskClass, { description: 'A, B, C or D.' }) creditRiskClass!: string;
  @Field(() => Int, { description: 'Published inspections (each task and business once, its version in force).' }) records!: number;
  @Field(() => Int, { description: 'Of those, with a problem found.' }) recordsWithProblems!: number;
  @Field(() => Float, { description: 'recordsWithProblems ÷ records, 0..1 (0 without records).' }) rate!: number;
}

@ObjectType('AnalyticsIndicator', { description: 'An indicator of the quarterly report in one quarter.' })
class TrendIndicatorView {
  @Field(() => String, { description: 'Stable name of the indicator (jointShareByCount…), as in quarterlyReport.' }) name!: string;
  @Field(() => String, { description: 'Label in Chinese.' }) labelZh!: string;
  @Field(() => String, { description: 'Label in English.' }) labelEn!: string;
  @Field(() => Float, { description: 'The value in the quarter (a share 0..1, or a count).' }) value!: number;
  @Field(() => Float, { nullable: true, description: 'The target (a share 0..1); null for a plain count.' }) target?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the target is reached; null without a target.' }) met?: boolean | null;
}

@ObjectType('AnalyticsFigure', { description: "A county figure of the quarterly report in one quarter." })
class TrendFigureView {
  @Field(() => String, { description: 'Stable name of the figure (tasks, inspections…), as in quarterlyReport.' }) name!: string;
  @Field(() => String, { description: 'Label in Chinese.' }) labelZh!: string;
  @Field(() => String, { description: 'Label in English.' }) labelEn!: string;
  @Field(() => Float, { description: "The county's value in the quarter." }) value!: number;
}

@ObjectType('QuarterTrend', { description: "One quarter of the year: the quarterly report's indicators and main county figures." })
class TrendView {
  @Field(() => String, { description: 'Quarter, written 2026-Q4.' }) period!: string;
  @Field(() => [TrendIndicatorView], { description: "The report's indicators with their targets." }) indicators!: TrendIndicatorView[];
  @Field(() => [TrendFigureView], { description: 'Main county figures of the report.' }) figures!: TrendFigureView[];
}

@ObjectType('AnalyticsUnansweredDepartment', { description: 'A department that did not answer for the analytics.' })
class UnansweredView {
  @Field(() => String, { description: 'The department (subgraph name).' }) subgraph!: string;
  @Field(() => String, { description: 'What went wrong (timeout, error).' }) reason!: string;
}

@ObjectType('CountyAnalytics', { description: '分析: a year of the county for analysts — burden on businesses, repeat hot spots, inspector workload, findings by credit-risk class, quarterly trend.' })
class AnalyticsView {
  @Field(() => Int, { description: 'The year.' }) year!: number;
  @Field(() => Boolean, { description: 'False when a department did not answer: figures are then partial.' }) complete!: boolean;
  @Field(() => [UnansweredView], { description: 'Departments that did not answer.' }) unansweredDepartments!: UnansweredView[];
  @Field(() => Int, { description: 'Businesses with at least one inspection in the year before the merges.' }) businesses!: number;
  @Field(() => VisitsView, { description: 'Visits per business before the merges (each inspection a visit).' }) visitsBefore!: VisitsView;
  @Field(() => VisitsView, { description: 'Visits per business after the merges (one per business and quarter at most).' }) visitsAfter!: VisitsView;
  @Field(() => [HotSpotView], { description: 'Businesses with the most visits avoided (most first, then by USCC).' }) hotBusinessesByAvoided!: HotSpotView[];
  @Field(() => [HotSpotView], { description: 'Businesses with the most visits remaining.' }) hotBusinessesByRemaining!: HotSpotView[];
  @Field(() => [HotSpotView], { description: 'Industries (register) with the most visits avoided.' }) hotIndustriesByAvoided!: HotSpotView[];
  @Field(() => [HotSpotView], { description: 'Industries with the most visits remaining.' }) hotIndustriesByRemaining!: HotSpotView[];
  @Field(() => [HotSpotView], { description: 'Townships (register) with the most visits avoided.' }) hotTownshipsByAvoided!: HotSpotView[];
  @Field(() => [HotSpotView], { description: 'Townships with the most visits remaining.' }) hotTownshipsByRemaining!: HotSpotView[];
  @Field(() => [WorkloadView], { description: 'Inspector workload per department.' }) workload!: WorkloadView[];
  @Field(() => [FindingsView], { description: 'Findings rate per credit-risk class A–D.' }) findingsByCreditClass!: FindingsView[];
  @Field(() => [TrendView], { description: 'Q1 to Q4: the quarterly report indicators and figures.' }) trend!: TrendView[];
  @Field(() => [String], { description: 'What the figures leave out and why (中文 / English).' }) notes!: string[];
}

const view = (a: CountyAnalytics): AnalyticsView => ({
  ...a,
  unansweredDepartments: a.unansweredDepartments.map((u) => ({ subgraph: u.department, reason: u.reason })),
  workload: a.workload.map((w) => ({ ...w, department: w.department === 'unknown' ? null : w.department })),
});

@Resolver()
export class CountyAnalyticsResolver {
  @Query(() => AnalyticsView, { description: "分析: the county's year for analysts (the office's analysts and coordinators). Computed now; the slowest read of the API (four quarters' merges)." })
  @Authorized('analytics:read')
  async countyAnalytics(
    @Arg('year', () => Int, { description: 'The year, 2000–2099.' }) year: number,
    @Arg('first', () => Int, { defaultValue: 10, description: `Entries per hot-spot list, 1–${MAX_HOT_SPOTS} (default 10).` }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AnalyticsView> {
    return view(await buildCountyAnalytics(ctx, year, first));
  }
}
