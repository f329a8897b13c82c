import { Authorized, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { defineEnterpriseReference, type EnterpriseReference } from '../../../shared/platform/enterprise-reference.js';
import { findDepartment } from '../../../shared/domain/departments.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import type { Loaders } from '../loaders.js';
import { Department } from '../../../shared/platform/enums.js';
import { DateScalar } from '../../../shared/platform/scalars.js';

/** The Enterprise entity as this subgraph extends it: which departments supervise a business (see also inspection-history.ts). */

@ObjectType('SupervisingDepartment', { description: 'A department whose target directory (检查对象名录) holds the business.' })
export class SupervisingDepartment {
  @Field(() => Department, { description: 'The department.' })
  department!: string;

  @Field(() => String, { description: "The department's name (中文)." })
  departmentName!: string;

  @Field(() => DateScalar, { description: 'Day the business entered that department\'s target directory.' })
  supervisedSince!: string;
}

@ObjectType('UnansweredDepartment', { description: 'A department that did not answer in time.' })
export class UnansweredDepartment {
  @Field(() => Department, { description: 'The department.' })
  department!: string;

  @Field(() => String, { description: 'What went wrong (timeout, error).' })
  reason!: string;
}

@ObjectType('Supervision', { description: 'Which departments supervise a business, gathered from every department.' })
export class Supervision {
  @Field(() => [SupervisingDepartment], { description: 'The supervising departments.' })
  departments!: SupervisingDepartment[];

  @Field(() => Boolean, { description: 'False when a department did not answer in time: the list may then be short.' })
  complete!: boolean;

  @Field(() => [UnansweredDepartment], { description: 'Departments that did not answer.' })
  unansweredDepartments!: UnansweredDepartment[];
}

export const Enterprise = defineEnterpriseReference();

@Resolver(() => Enterprise)
export class EnterpriseSupervisionResolver {
  @FieldResolver(() => Supervision, {
    nullable: true,
    description: 'Every department whose target directory holds this business: the basis of joint inspection. Signed-in users only: null with a field error for others.',
  })
  @Authorized()
  async supervision(@Root() e: EnterpriseReference, @Ctx() ctx: SubgraphContext<Loaders>): Promise<Supervision> {
    const { targets, unansweredDepartments } = await ctx.loaders.supervision.load(e.uscc);
    return {
      departments: targets.map((t) => ({
        department: t.department,
        departmentName: findDepartment(t.department)?.nameZh ?? t.department,
        supervisedSince: t.supervisedSince,
      })),
      complete: unansweredDepartments.length === 0,
      unansweredDepartments,
    };
  }
}
