import { Arg, Authorized, Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput } from '../../shared/platform/errors.js';
import { textArray } from '../../shared/platform/orm.js';
import { REGISTER_BATCH } from '../../shared/department/register.js';
import type { SubgraphContext } from '../../shared/platform/subgraph.js';

/**
 * Register contract for names: the names of some businesses of the register, optionally only
 * those whose name contains a text (case-insensitive). Other subgraphs ask it through the
 * service client (never by SQL on this database); the joint-inspection service uses it to show
 * and search published results by business name (subgraphs/joint-inspection/register-names.ts).
 */
@ObjectType('RegisteredEnterpriseName', { description: 'Register contract: a business and its registered name.' })
@Directive('@inaccessible')
export class RegisteredEnterpriseName {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'Its registered name (企业名称).' }) name!: string;
}

@Resolver()
export class RegisterNamesResolver {
  @Query(() => [RegisteredEnterpriseName], {
    description: 'Register contract: the registered names of these USCCs (unregistered ones absent), in USCC order; with nameContains only those whose name contains it (case-insensitive).',
  })
  @Directive('@inaccessible')
  @Authorized('service:contract')
  async registeredEnterpriseNames(
    @Arg('usccs', () => [String], { description: 'The businesses asked about (at most 10,000).' }) usccs: string[],
    @Arg('nameContains', () => String, { nullable: true, description: 'Only names containing this text, case-insensitive.' }) nameContains: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RegisteredEnterpriseName[]> {
    if (usccs.length > REGISTER_BATCH) throw badInput('usccs', 'at most 10,000 businesses per call');
    if (usccs.length === 0) return [];
    const needle = nameContains?.trim() ? nameContains.trim().toLowerCase() : null;
    // strpos, not LIKE: % and _ in what the public types are plain characters.
    return ctx.em.getConnection().execute(
      `select uscc, name from enterprise where uscc = any(?::text[]) and (?::text is null or strpos(lower(name), ?::text) > 0) order by uscc`,
      [textArray(usccs), needle, needle],
      'all',
    );
  }
}
