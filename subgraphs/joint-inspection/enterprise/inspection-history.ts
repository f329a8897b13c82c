import { Args, Authorized, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../../../shared/platform/pagination.js';
import { pageOf } from '../paging.js';
import { Department } from '../../../shared/platform/enums.js';
import { DateScalar } from '../../../shared/platform/scalars.js';
import { PlannedInspectionStatus } from '../enums.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { findDepartment } from '../../../shared/domain/departments.js';
import { Enterprise } from './supervision.js';
import type { Loaders } from '../loaders.js';
import type { EnterpriseReference } from '../../../shared/platform/enterprise-reference.js';

@ObjectType('PlannedInspection', { description: 'One department\'s drawn inspection of one business.' })
export class PlannedInspectionView {
  @Field(() => Department, { description: 'The department.' }) department!: string;
  @Field(() => String, { description: "The department's name (中文)." }) departmentName!: string;
  @Field(() => String, { description: 'Its task (or joint plan).' }) taskId!: string;
  @Field(() => String, { description: 'Quarter, written 2026-Q2.' }) period!: string;
  @Field(() => [String], { description: 'The items it checks.' }) itemCodes!: string[];
  @Field(() => PlannedInspectionStatus, { description: 'Still to come, or done.' }) status!: string;
  @Field(() => DateScalar, { description: 'Start of the task window, or the inspection date.' }) date!: string;
}

const PlannedInspectionConnection = Connection(PlannedInspectionView, 'PlannedInspectionConnection');

@ObjectType('InspectionHistory', { description: 'Every department\'s planned and past inspections of a business.' })
export class InspectionHistory {
  /** All of them, in the departments' order; answered a page at a time by `inspections`. */
  all!: PlannedInspectionView[];
  @Field(() => Boolean, { description: 'False when a department did not answer in time.' }) complete!: boolean;
  @Field(() => [Department], { description: 'Departments that did not answer in time.' }) unansweredDepartments!: string[];
}

@Resolver(() => Enterprise)
export class InspectionHistoryResolver {
  @FieldResolver(() => InspectionHistory, {
    nullable: true,
    description: 'Analysts and regulators: every planned and past inspection of this business across all departments. Signed-in users only: null with a field error for others.',
  })
  @Authorized()
  async inspectionHistory(@Root() e: EnterpriseReference, @Ctx() ctx: SubgraphContext<Loaders>): Promise<InspectionHistory> {
    const { inspections, unansweredDepartments } = await ctx.loaders.inspections.load(e.uscc);
    return {
      all: inspections.map((i) => ({ ...i, departmentName: findDepartment(i.department)?.nameZh ?? i.department })),
      complete: unansweredDepartments.length === 0,
      unansweredDepartments: unansweredDepartments.map((u) => u.department),
    };
  }
}

@Resolver(() => InspectionHistory)
export class InspectionHistoryFields {
  @FieldResolver(() => PlannedInspectionConnection, { description: 'The inspections, a page at a time, in the order the departments give them.' })
  inspections(@Root() h: InspectionHistory, @Args(() => PageArgs) { first, after }: PageArgs): Page<PlannedInspectionView> {
    return pageOf(h.all, first, after);
  }
}
