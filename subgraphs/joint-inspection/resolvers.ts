import { Authorized, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { defineEnterpriseReference, type EnterpriseReference } from '../../shared/enterprise-reference.js';
import { findDepartment } from '../../shared/departments.js';
import type { SubgraphContext } from '../../shared/subgraph.js';
import type { Loaders } from './loaders.js';

@ObjectType('SupervisingDepartment')
export class SupervisingDepartment {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  departmentName!: string;

  @Field(() => String, { description: 'Date the business entered that department\'s target directory.' })
  supervisedSince!: string;
}

@ObjectType('UnansweredDepartment')
export class UnansweredDepartment {
  @Field(() => String)
  department!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType('Supervision', { description: 'Which departments supervise a business, gathered from every department.' })
export class Supervision {
  @Field(() => [SupervisingDepartment])
  departments!: SupervisingDepartment[];

  @Field(() => Boolean, { description: 'False when a department did not answer in time: the list may then be short.' })
  complete!: boolean;

  @Field(() => [UnansweredDepartment])
  unansweredDepartments!: UnansweredDepartment[];
}

export const Enterprise = defineEnterpriseReference();

@Resolver(() => Enterprise)
export class EnterpriseSupervisionResolver {
  @FieldResolver(() => Supervision, {
    description: 'Every department whose target directory holds this business: the basis of joint inspection.',
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
