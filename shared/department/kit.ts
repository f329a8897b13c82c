import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, Info, InputType, Int, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { Connection, PageArgs, type Page } from '../platform/pagination.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import * as clock from '../platform/clock.js';
import { ConflictKind } from '../platform/enums.js';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';
import { isValidAt } from '../domain/history.js';
import { parseAsOf } from '../platform/versioned.js';
import { InspectorConflict, TargetTag, tagAppliesAt } from './directory.js';
import type { InspectorBase, SupervisedTargetBase } from './entities.js';
import { InspectorChangeInput, InspectorFilter, InspectorInput, TargetFilterBase, TargetTagInput } from './inputs.js';
import type { RegisterLookup } from './register.js';
import type { DepartmentLoaders } from './loaders.js';
import { TargetDirectory, type TargetChangeFields, type TargetFields } from './targets.js';
import { TargetTags } from './tags.js';
import { canSeePersonalData, InspectorDirectory, requirePersonalAccess } from './inspectors.js';
import { InspectorConflicts } from './conflicts.js';
import { createContractResolvers } from './contract-resolvers.js';
import { createDirectoryExchangeResolvers } from './directory-exchange-resolvers.js';
import { createReferralResolvers } from './referrals.js';

/**
 * The department kit: what every department subgraph has in the same shape, as GraphQL. A
 * department folder subclasses the directory records (entities.ts), adds its own columns and
 * inputs, and calls `createDepartmentResolvers` once; it copies nothing else. This file only
 * names the API (fields, arguments, descriptions, who may call) and hands each call to a service:
 *
 *   targets.ts     target directory (检查对象名录库): list, history, add, change, remove
 *   tags.ts        tags (标注) on targets
 *   inspectors.ts  inspector directory (执法检查人员名录库), and who may see personal data
 *   conflicts.ts   inspectors' declared conflicts of interest (回避)
 *   loaders.ts     the per-request DataLoaders of the field resolvers below
 *   contract-resolvers.ts, directory-exchange-resolvers.ts, referrals.ts: the department contract
 *                  (joint pool), directory files, incoming referrals (移交)
 *
 * Services take the EntityManager of the request and who acts (the token subject), so they know
 * nothing of GraphQL contexts. Targets and inspectors are effective-dated (shared/domain/history.ts):
 * every change keeps who, when and why, and every list answers "as of" a past time.
 */

const AS_OF = 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.';
const REASON = 'Why (recorded with the change; required unless marked optional).';
const EFFECTIVE_FROM = 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.';
const USCC = 'Unified social credit code (统一社会信用代码) of the business.';
const CERTIFICATE_NUMBER = 'Enforcement certificate number (执法证号).';

/**
 * The department's directories (queries and mutations) and the contract the joint-inspection
 * service calls. `prefix` is the department in camelCase (`fireRescue`), which keeps root field
 * names unique in the supergraph.
 */
export function createDepartmentResolvers<TI extends TargetFields, TC extends TargetChangeFields, TF extends TargetFilterBase = TargetFilterBase>(opts: {
  department: string;
  prefix: string;
  Inspector: ClassType<InspectorBase>;
  InspectorConnection: ClassType<Page<InspectorBase>>;
  Target: ClassType<SupervisedTargetBase>;
  /** The subgraph's `Enterprise` class: the register itself, or the key-only reference. */
  Enterprise: ClassType<{ uscc: string }>;
  /** Input of `add<Department>Target`: `uscc`, optional `supervisedSince`, the department's columns. */
  TargetInput: ClassType<TI>;
  /** Input of `update<Department>Target`: `supervisedSince` and the department's columns, all optional. */
  TargetChangeInput: ClassType<TC>;
  /** Filter of `<department>Targets`: TargetFilterBase plus the department's own columns. */
  TargetFilter?: ClassType<TF>;
  /** Where-clause of the department's own filter columns; throws `badInput` naming the field. */
  targetFilterWhere?: (filter: TF) => Record<string, unknown>;
  /** How this subgraph asks the register whether a USCC exists, and its industry, township, class. */
  register: RegisterLookup;
  /** Checks of the department's own columns (of a whole new version); throws `badInput` naming the field. */
  validateTargetInput?: (input: TI, field: string) => void;
}) {
  const { department, prefix, Inspector, InspectorConnection, Target, Enterprise, TargetInput, TargetChangeInput, register } = opts;
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);
  const TargetConnection = Connection(Target, `${Prefix}TargetConnection`);
  const TargetFilter: ClassType<TargetFilterBase> =
    opts.TargetFilter ??
    (() => {
      @InputType(`${Prefix}TargetFilter`, { description: `Conditions on the targets of ${department}, all of which must hold.` })
      class DefaultTargetFilter extends TargetFilterBase {}
      return DefaultTargetFilter;
    })();

  const targets = new TargetDirectory<TI, TF>({ department, Target, targetFilterWhere: opts.targetFilterWhere, validateTargetInput: opts.validateTargetInput });
  const tags = new TargetTags(Target);
  const inspectors = new InspectorDirectory({ department, Inspector });
  const conflicts = new InspectorConflicts(Inspector);
  /** The register's facts, asked for this request (as its caller). */
  const factsFor = (ctx: SubgraphContext) => (usccs: string[]) => register(ctx, usccs);

  @Resolver(() => Enterprise)
  class EnterpriseTargetResolver {
    @FieldResolver(() => Target, {
      name: `${prefix}Target`,
      nullable: true,
      description: `This business in the target directory of ${department} (its current version), or null when it is not there.`,
    })
    @Authorized()
    async target(@Root() e: { uscc: string }, @Ctx() ctx: SubgraphContext<DepartmentLoaders>): Promise<SupervisedTargetBase | null> {
      return ctx.loaders.targetByUscc.load(e.uscc);
    }
  }

  @Resolver(() => Target)
  class TargetFieldsResolver {
    @FieldResolver(() => [TargetTag], { description: 'Tags that apply at asOf (now when omitted), oldest first.' })
    async tags(
      @Root() t: SupervisedTargetBase,
      @Arg('asOf', () => String, { nullable: true, description: AS_OF }) asOf: string | null,
      @Ctx() ctx: SubgraphContext<DepartmentLoaders>,
    ): Promise<TargetTag[]> {
      const at = parseAsOf('asOf', asOf) ?? clock.now();
      return (await ctx.loaders.tagsByUscc.load(t.uscc)).filter((tag) => tagAppliesAt(tag, at));
    }
  }

  @Resolver(() => Inspector)
  class InspectorFieldsResolver {
    @FieldResolver(() => String, {
      name: 'name',
      nullable: true,
      description: "Personal: only the inspector's own department and the double-random office's coordinators (FORBIDDEN for others).",
    })
    personalName(@Root() i: InspectorBase, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): string {
      requirePersonalAccess(ctx.identity, department, `${info.parentType.name}.name`);
      return i.name;
    }

    @FieldResolver(() => [InspectorConflict], {
      nullable: true,
      description: 'Declared conflicts of interest that apply at asOf (now when omitted). Personal, like name.',
    })
    async conflicts(
      @Root() i: InspectorBase,
      @Arg('asOf', () => String, { nullable: true, description: 'A past time to answer as of: YYYY-MM-DD (end of that county day) or an ISO 8601 date-time; now when omitted.' }) asOf: string | null,
      @Ctx() ctx: SubgraphContext<DepartmentLoaders>,
      @Info() info: GraphQLResolveInfo,
    ): Promise<InspectorConflict[]> {
      requirePersonalAccess(ctx.identity, department, `${info.parentType.name}.conflicts`);
      const at = parseAsOf('asOf', asOf) ?? clock.now();
      return (await ctx.loaders.conflictsByCertificate.load(i.certificateNumber)).filter((c) => isValidAt(c, at));
    }
  }

  @Resolver()
  class DepartmentResolver {
    // ----- target directory -----------------------------------------------------------------

    @Query(() => TargetConnection, {
      nullable: true,
      name: `${prefix}Targets`,
      description:
        `Target directory (检查对象名录库) of ${department} at asOf (now when omitted), ordered by USCC. ` +
        "Industry, township and credit-risk class come from the register (its current values).",
    })
    @Authorized()
    async targets(
      @Arg('filter', () => TargetFilter, { nullable: true, description: 'Only what matches every given condition.' }) filter: TF | null,
      @Arg('asOf', () => String, { nullable: true, description: AS_OF }) asOf: string | null,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<SupervisedTargetBase>> {
      return targets.list(ctx.em, factsFor(ctx), filter, asOf, page);
    }

    @Query(() => TargetConnection, {
      nullable: true,
      name: `${prefix}TargetHistory`,
      description: `Every version of one business in the target directory of ${department}, oldest first, a page at a time: who changed it, when and why.`,
    })
    @Authorized()
    async targetHistory(
      @Arg('uscc', () => String, { description: 'The business (统一社会信用代码).' }) uscc: string,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<SupervisedTargetBase>> {
      return targets.history(ctx.em, uscc, page);
    }

    @Mutation(() => Target, {
      name: `add${Prefix}Target`,
      description: `Adds a registered business to the target directory of ${department} (its department admins only).`,
    })
    async addTarget(
      @Arg('input', () => TargetInput, { description: 'The values to write.' }) input: TI,
      @Arg('reason', () => String, { nullable: true, description: 'Why (optional for an addition).' }) reason: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<SupervisedTargetBase> {
      return targets.add(ctx.em, ctx.identity.subject, factsFor(ctx), input, reason, effectiveFrom);
    }

    @Mutation(() => Target, {
      name: `update${Prefix}Target`,
      description: `Changes a business's record in the target directory of ${department}: closes the current version and starts a new one.`,
    })
    async updateTarget(
      @Arg('uscc', () => String, { description: USCC }) uscc: string,
      @Arg('input', () => TargetChangeInput, { description: 'The values to write.' }) input: TC,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<SupervisedTargetBase> {
      return targets.change(ctx.em, ctx.identity.subject, uscc, input, reason, effectiveFrom);
    }

    @Mutation(() => Target, {
      name: `remove${Prefix}Target`,
      description: `Removes a business from the target directory of ${department} (closes its current version; history is kept). Returns the closed version.`,
    })
    async removeTarget(
      @Arg('uscc', () => String, { description: USCC }) uscc: string,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<SupervisedTargetBase> {
      return targets.remove(ctx.em, ctx.identity.subject, uscc, reason, effectiveFrom);
    }

    // ----- tags -------------------------------------------------------------------------------

    @Mutation(() => TargetTag, { name: `tag${Prefix}Target`, description: `Tags a business in the target directory of ${department}.` })
    async tagTarget(
      @Arg('uscc', () => String, { description: USCC }) uscc: string,
      @Arg('input', () => TargetTagInput, { description: 'The values to write.' }) input: TargetTagInput,
      @Ctx() ctx: SubgraphContext,
    ): Promise<TargetTag> {
      return tags.tag(ctx.em, ctx.identity.subject, uscc, input);
    }

    @Mutation(() => TargetTag, { name: `revoke${Prefix}TargetTag`, description: 'Revokes a tag from now on (it stays in the history).' })
    async revokeTag(
      @Arg('id', () => Int, { description: 'Its id, as returned when it was created.' }) id: number,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<TargetTag> {
      return tags.revoke(ctx.em, ctx.identity.subject, id, reason);
    }

    // ----- inspector directory ----------------------------------------------------------------

    @Query(() => InspectorConnection, {
      nullable: true,
      name: `${prefix}Inspectors`,
      description: `Inspector directory (执法检查人员名录库) of ${department} at asOf (now when omitted), ordered by certificate number.`,
    })
    @Authorized()
    async inspectors(
      @Arg('filter', () => InspectorFilter, { nullable: true, description: 'Only what matches every given condition.' }) filter: InspectorFilter | null,
      @Arg('asOf', () => String, { nullable: true, description: AS_OF }) asOf: string | null,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<InspectorBase>> {
      return inspectors.list(ctx.em, filter, asOf, page);
    }

    @Query(() => InspectorConnection, {
      nullable: true,
      name: `${prefix}InspectorHistory`,
      description: `Every version of one inspector of ${department}, oldest first, a page at a time.`,
    })
    @Authorized()
    async inspectorHistory(
      @Arg('certificateNumber', () => String, { description: CERTIFICATE_NUMBER }) certificateNumber: string,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<InspectorBase>> {
      return inspectors.history(ctx.em, certificateNumber, page);
    }

    @Mutation(() => Inspector, { name: `add${Prefix}Inspector`, description: `Adds a certified inspector to the directory of ${department}.` })
    async addInspector(
      @Arg('input', () => InspectorInput, { description: 'The values to write.' }) input: InspectorInput,
      @Arg('reason', () => String, { nullable: true, description: REASON }) reason: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorBase> {
      return inspectors.add(ctx.em, ctx.identity.subject, input, reason, effectiveFrom);
    }

    @Mutation(() => Inspector, {
      name: `update${Prefix}Inspector`,
      description: 'Changes name, brigade, expertise or status: closes the current version and starts a new one.',
    })
    async updateInspector(
      @Arg('certificateNumber', () => String, { description: CERTIFICATE_NUMBER }) certificateNumber: string,
      @Arg('input', () => InspectorChangeInput, { description: 'The values to write.' }) input: InspectorChangeInput,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorBase> {
      return inspectors.change(ctx.em, ctx.identity.subject, certificateNumber, input, reason, effectiveFrom);
    }

    @Mutation(() => InspectorConflict, {
      name: `declare${Prefix}InspectorConflict`,
      description: 'Records a conflict of interest (回避): the inspector will not be drawn for this business while it applies.',
    })
    async declareConflict(
      @Arg('certificateNumber', () => String, { description: CERTIFICATE_NUMBER }) certificateNumber: string,
      @Arg('uscc', () => String, { description: USCC }) uscc: string,
      @Arg('kind', () => ConflictKind, { description: 'Why the inspector must not inspect the business (回避事由).' }) kind: string,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Arg('declaredOn', () => DateScalar, { nullable: true, description: 'Date of the declaration; today when omitted.' }) declaredOn: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorConflict> {
      return conflicts.declare(ctx.em, ctx.identity.subject, certificateNumber, uscc, kind, reason, declaredOn, effectiveFrom);
    }

    @Mutation(() => InspectorConflict, { name: `withdraw${Prefix}InspectorConflict`, description: 'Ends a declared conflict of interest (kept in the history).' })
    async withdrawConflict(
      @Arg('id', () => Int, { description: 'Its id, as returned when it was created.' }) id: number,
      @Arg('reason', () => String, { description: REASON }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: EFFECTIVE_FROM }) effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorConflict> {
      return conflicts.withdraw(ctx.em, ctx.identity.subject, id, reason, effectiveFrom);
    }
  }

  // The contract the joint-inspection service asks for its pools (same fields in every department).
  const contract = createContractResolvers({ department, Target });
  // Directory files (import/export) and the certificate contract other departments' imports ask.
  const exchange = createDirectoryExchangeResolvers({
    department,
    prefix,
    entities: { Target, Inspector },
    mayReadPersonalData: (identity) => canSeePersonalData(identity, department),
  });
  // Incoming referrals (移交) and the contract mutation other services deliver them through.
  const referrals = createReferralResolvers({ department, prefix, Target });
  return [DepartmentResolver, EnterpriseTargetResolver, TargetFieldsResolver, InspectorFieldsResolver, ...contract, ...exchange, ...referrals] as const;
}
