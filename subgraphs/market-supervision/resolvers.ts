import { Arg, Args, Authorized, Ctx, Directive, Field, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { isSignedIn } from '../../shared/platform/policy.js';
import { CreditRiskClass, EnterpriseStatus } from '../../shared/platform/enums.js';
import { DateScalar } from '../../shared/platform/scalars.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { REGISTER_BATCH, type RegisterFacts, type RegisterLookup } from '../../shared/department/register.js';
import { textArray } from '../../shared/platform/orm.js';
import { countyDate } from '../../shared/domain/history.js';
import { requireUscc, badInput } from '../../shared/platform/errors.js';
import { isKnownIndustry } from '../../shared/domain/industries.js';
import { checkPageSize, decodeCursor, PageArgs, toPage, type Page } from '../../shared/platform/pagination.js';
import { createDepartmentResolvers } from '../../shared/department/kit.js';
import type { SubgraphContext } from '../../shared/platform/subgraph.js';
import {
  CREDIT_RISK_CLASSES,
  ENTERPRISE_STATUSES,
  Enterprise,
  EnterpriseConnection,
  MarketSupervisionInspector,
  MarketSupervisionInspectorConnection,
  MarketSupervisionTarget,
} from './entities.js';
import type { Loaders } from './loaders.js';
import * as clock from '../../shared/platform/clock.js';

type Ctx = SubgraphContext<Loaders>;

@InputType('EnterpriseFilter', { description: 'Conditions on businesses of the register, all of which must hold.' })
export class EnterpriseFilter {
  @Field(() => [String], { nullable: true, description: 'GB/T 4754 codes, any of.' })
  industryCodes?: string[];

  @Field(() => String, { nullable: true, description: 'Township code (乡镇区划代码, 9 digits).' })
  regionCode?: string;

  @Field(() => CreditRiskClass, { nullable: true, description: 'Only this credit-risk class (signed-in users only).' })
  creditRiskClass?: string;

  @Field(() => EnterpriseStatus, { nullable: true, description: 'Only this registration status.' })
  status?: string;
}

/**
 * Register contract: what other subgraphs may ask the register (service role only, not in the
 * API): whether a business is registered, and the facts departments filter their directories by.
 * Current values only. See shared/department/register.ts.
 */
@ObjectType('RegisteredEnterprise')
@Directive('@inaccessible')
export class RegisteredEnterprise {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  uscc!: string;

  @Field(() => String, { description: 'operating, suspended or deregistered.' })
  status!: string;

  @Field(() => String, { description: 'GB/T 4754 code.' })
  industryCode!: string;

  @Field(() => String, { description: 'Township code.' })
  regionCode!: string;

  @Field(() => String, { description: 'Current credit-risk class, A to D.' })
  creditRiskClass!: string;

  @Field(() => [String], { description: 'Risk tags (联合惩戒, e.g. finding-12m) that apply today, sorted; the draw raises the class by them.' })
  riskTags!: string[];
}

@InputType('MarketSupervisionTargetInput', { description: 'A business to add to the target directory of market-supervision.' })
export class MarketSupervisionTargetInput {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  uscc!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the business enters the directory; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { nullable: true, description: 'Food business licence number (食品经营许可证编号).' })
  foodLicenceNumber?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Registered special equipment (特种设备: lifts, boilers, pressure vessels).' })
  specialEquipmentCount?: number;
}

@InputType('MarketSupervisionTargetChangeInput', { description: 'Only the fields given change; foodLicenceNumber: null clears it.' })
export class MarketSupervisionTargetChangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'New date the business entered the directory.' })
  supervisedSince?: string | null;

  @Field(() => String, { nullable: true, description: 'Food business licence number (食品经营许可证编号).' })
  foodLicenceNumber?: string | null;

  @Field(() => Int, { nullable: true, description: 'Registered special equipment (特种设备: lifts, boilers, pressure vessels).' })
  specialEquipmentCount?: number | null;
}

/** The register's facts about these USCCs (with the risk tags that apply today), registered ones only: one SELECT with one array parameter. */
async function registerFacts(em: EntityManager, usccs: string[]): Promise<RegisterFacts[]> {
  if (usccs.length === 0) return [];
  const today = countyDate(clock.now());
  return em.getConnection().execute(
    `select e.uscc, e.status, e.industry_code as "industryCode", e.region_code as "regionCode", e.credit_risk_class as "creditRiskClass",
            array(select distinct t.tag from register_risk_tag t
                   where t.uscc = e.uscc and t.valid_from <= ?::date and t.valid_until >= ?::date order by t.tag) as "riskTags"
       from enterprise e where e.uscc = any(?::text[]) order by e.uscc`,
    [today, today, textArray(usccs)],
    'all',
    em.getTransactionContext(),
  );
}

/** The register is here: the same facts as the register contract, read directly. */
/** The register asked by its own subgraph: its table, no HTTP. */
export const localRegister: RegisterLookup = async (ctx, usccs) => new Map((await registerFacts(ctx.em, usccs)).map((f) => [f.uscc, f]));

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => [RegisteredEnterprise], { description: 'Register contract: which of these USCCs are registered.' })
  @Directive('@inaccessible')
  @Authorized('service:contract')
  async registeredEnterprises(@Arg('usccs', () => [String]) usccs: string[], @Ctx() ctx: Ctx): Promise<RegisteredEnterprise[]> {
    if (usccs.length > REGISTER_BATCH) throw badInput('usccs', 'at most 10,000 businesses per call');
    return registerFacts(ctx.em, usccs);
  }

  @Query(() => Enterprise, { nullable: true, description: 'A business in the register, by USCC.' })
  async enterprise(@Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string, @Ctx() ctx: Ctx): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.load(requireUscc('uscc', uscc));
  }

  @Query(() => EnterpriseConnection, { description: 'The register, ordered by USCC, filtered and paged.' })
  async enterprises(
    @Arg('filter', () => EnterpriseFilter, { nullable: true, description: 'Only what matches every given condition.' }) filter: EnterpriseFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: Ctx,
  ): Promise<Page<Enterprise>> {
    checkPageSize(first);
    const where: Record<string, unknown> = {};
    if (filter?.industryCodes?.length) {
      const unknown = filter.industryCodes.find((c) => !isKnownIndustry(c));
      if (unknown) throw badInput('filter.industryCodes', `行业代码“${unknown}”不在国民经济行业分类目录中 / "${unknown}" is not a known GB/T 4754 industry code`);
      where.industryCode = { $in: filter.industryCodes };
    }
    if (filter?.regionCode) where.regionCode = filter.regionCode;
    if (filter?.creditRiskClass) {
      if (!isSignedIn(ctx.identity)) {
        throw badInput('filter.creditRiskClass', '信用风险分类仅对登录用户开放 / filtering by credit-risk class needs a signed-in user');
      }
      if (!(CREDIT_RISK_CLASSES as readonly string[]).includes(filter.creditRiskClass)) {
        throw badInput('filter.creditRiskClass', `信用风险分类应为A、B、C或D，收到“${filter.creditRiskClass}” / credit-risk class must be A, B, C or D`);
      }
      where.creditRiskClass = filter.creditRiskClass;
    }
    if (filter?.status) {
      if (!(ENTERPRISE_STATUSES as readonly string[]).includes(filter.status)) {
        throw badInput('filter.status', `经营状态应为 ${ENTERPRISE_STATUSES.join('、')} 之一 / status must be one of ${ENTERPRISE_STATUSES.join(', ')}`);
      }
      where.status = filter.status;
    }
    const from = decodeCursor(after);
    const pageWhere = from ? { ...where, uscc: { $gt: from } } : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(Enterprise, pageWhere, { orderBy: { uscc: 'asc' }, limit: first + 1 }),
      ctx.em.count(Enterprise, where),
    ]);
    return toPage(rows, first, totalCount, (r) => r.uscc);
  }
}

export const marketSupervisionResolvers = createDepartmentResolvers({
  department: 'market-supervision',
  prefix: 'marketSupervision',
  Inspector: MarketSupervisionInspector,
  InspectorConnection: MarketSupervisionInspectorConnection,
  Target: MarketSupervisionTarget,
  Enterprise,
  TargetInput: MarketSupervisionTargetInput,
  TargetChangeInput: MarketSupervisionTargetChangeInput,
  register: localRegister,
  validateTargetInput: (input: { specialEquipmentCount?: number | null }, field: string) => {
    if (input.specialEquipmentCount == null || !Number.isInteger(input.specialEquipmentCount) || input.specialEquipmentCount < 0) {
      throw badInput(`${field}.specialEquipmentCount`, `特种设备数量应为非负整数 / specialEquipmentCount must be a whole number, 0 or more`);
    }
  },
});
