import { SamplingRatiosInput } from '../../../shared/inspection/ratios.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, Directive, Field, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DEPARTMENT_CODES, findDepartment } from '../../../shared/domain/departments.js';
import { authorize, isSignedIn } from '../../../shared/platform/policy.js';
import { badInput, notFound, userError } from '../../../shared/platform/errors.js';
import { isKnownIndustry } from '../../../shared/domain/industries.js';
import { checkPageSize, decodeCursor, PageArgs, toPage, type Page } from '../../../shared/platform/pagination.js';
import { closeVersion, concurrentChange, effectiveAt, parseAsOf, parseEffectiveFrom, requireReason, uniqueOrConflict } from '../../../shared/platform/versioned.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { INSPECTION_METHODS, InspectionItem, InspectionItemConnection, ITEM_STATUSES, ItemClaim } from './entities.js';
import { pageOf } from '../paging.js';
import * as clock from '../../../shared/platform/clock.js';
import { Department, InspectionMethod } from '../../../shared/platform/enums.js';
import { DateTimeScalar } from '../../../shared/platform/scalars.js';
import { InspectionItemStatus } from '../enums.js';
import { claimValidAt, ITEM_PROPS, itemsAt, itemView } from './service.js';

// ---------------------------------------------------------------------------------------------
// The item list (随机抽查事项清单) and departments' claims (认领).

@InputType('InspectionItemInput', { description: 'An inspection item to publish, or a new version of it.' })
export class InspectionItemInput {
  @Field(() => String, { description: 'Item code, e.g. PS-PO-001 (capital letters, digits, hyphens).' })
  code!: string;

  @Field(() => String, { description: 'Name of the item (事项名称), at most 200 characters.' })
  name!: string;

  @Field(() => String, { description: 'Legal basis (抽查依据).' })
  legalBasis!: string;

  @Field(() => Department, { description: 'The department whose item it is; cannot change once the item exists.' })
  department!: string;

  @Field(() => String, { nullable: true, description: "One of the department's brigades, or null." })
  brigade?: string | null;

  @Field(() => [String], { description: 'GB/T 4754 industries the item applies to (at least one).' })
  targetIndustries!: string[];

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'Licences the targets hold, if the item is about one.' })
  licenceTypes?: string[] | null;

  @Field(() => InspectionMethod, { description: 'How it is checked.' })
  method!: string;

  @Field(() => SamplingRatiosInput, { description: 'Sampling ratio per credit-risk class, basis points (500 = 5 %).' })
  ratios!: SamplingRatiosInput;

  @Field(() => Int, { description: 'At most this many inspections of one business per year (1–52).' })
  yearlyCap!: number;

  @Field(() => [String], { nullable: true, defaultValue: [], description: 'Expertise tags the team must cover, e.g. food-safety.' })
  requiredExpertise?: string[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 2, description: 'Inspectors per visit, 2–20.' })
  minInspectors?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'May be merged into a joint inspection.' })
  joinable?: boolean | null;
}

@InputType('InspectionItemFilter', { description: 'Narrows the item list; every given condition must hold.' })
export class InspectionItemFilter {
  @Field(() => Department, { nullable: true, description: 'Items of this department.' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Items whose target industries include this GB/T 4754 code.' })
  industryCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Claimed by the item's department (true) or not yet (false)." })
  claimed?: boolean | null;

  @Field(() => InspectionMethod, { nullable: true, description: 'Items checked this way.' })
  method?: string | null;

  @Field(() => InspectionItemStatus, { nullable: true, description: 'PUBLISHED (default) or WITHDRAWN (signed-in users only).' })
  status?: string | null;
}

const ITEM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const EXPERTISE = /^[a-z][a-z0-9-]{1,39}$/;

function requireItemCode(field: string, value: string): string {
  const code = value.trim();
  if (code.length > 32 || !ITEM_CODE.test(code)) {
    throw badInput(field, `事项编码“${value}”格式不对，应如 PS-PO-001（大写字母、数字、连字符，最长32位） / item code "${value}" must look like PS-PO-001 (capital letters, digits, hyphens, at most 32)`);
  }
  return code;
}

function checkItemInput(input: InspectionItemInput): void {
  requireItemCode('input.code', input.code);
  if (!input.name.trim() || input.name.length > 200) throw badInput('input.name', '事项名称不能为空，最多200字 / the name must not be empty and has at most 200 characters');
  if (!input.legalBasis.trim()) throw badInput('input.legalBasis', '请填写抽查依据 / the legal basis is required');
  const department = findDepartment(input.department);
  if (!department) {
    throw badInput('input.department', `部门“${input.department}”不存在，应为：${DEPARTMENT_CODES.join('、')} / unknown department "${input.department}"; use one of ${DEPARTMENT_CODES.join(', ')}`);
  }
  if (input.brigade != null && !department.brigades.some((b) => b.code === input.brigade)) {
    throw badInput(
      'input.brigade',
      department.brigades.length
        ? `“${input.brigade}”不是${department.nameZh}的大队，应为：${department.brigades.map((b) => `${b.code}（${b.nameZh}）`).join('、')} / "${input.brigade}" is not a brigade of ${department.code}; use one of ${department.brigades.map((b) => b.code).join(', ')}`
        : `${department.nameZh}不设大队 / ${department.code} has no brigades; leave brigade empty`,
    );
  }
  if (input.targetIndustries.length === 0) throw badInput('input.targetIndustries', '至少填写一个行业代码 / give at least one industry code');
  const unknown = input.targetIndustries.find((c) => !isKnownIndustry(c));
  if (unknown !== undefined) throw badInput('input.targetIndustries', `行业代码“${unknown}”不在国民经济行业分类目录中 / "${unknown}" is not a known GB/T 4754 industry code`);
  if ((input.licenceTypes ?? []).some((l) => !l.trim() || l.length > 64)) throw badInput('input.licenceTypes', '许可证类别不能为空，最多64字 / licence types must not be empty, at most 64 characters');
  if (!Object.hasOwn(INSPECTION_METHODS, input.method)) {
    throw badInput('input.method', `检查方式“${input.method}”无效，应为：${Object.entries(INSPECTION_METHODS).map(([k, v]) => `${k}（${v}）`).join('、')} / method must be one of ${Object.keys(INSPECTION_METHODS).join(', ')}`);
  }
  for (const cls of ['A', 'B', 'C', 'D'] as const) {
    const v = input.ratios[cls];
    if (!Number.isInteger(v) || v < 0 || v > 10_000) {
      throw badInput(`input.ratios.${cls}`, `${cls}类抽查比例应为0到10000之间的整数（万分比，500即5%），收到${v} / the ratio of class ${cls} must be a whole number of basis points, 0–10000 (500 = 5 %), got ${v}`);
    }
  }
  if (!Number.isInteger(input.yearlyCap) || input.yearlyCap < 1 || input.yearlyCap > 52) {
    throw badInput('input.yearlyCap', `年度检查次数上限应为1到52之间的整数，收到${input.yearlyCap} / yearlyCap must be a whole number from 1 to 52, got ${input.yearlyCap}`);
  }
  const bad = (input.requiredExpertise ?? []).find((e) => !EXPERTISE.test(e));
  if (bad !== undefined) throw badInput('input.requiredExpertise', `专长标签“${bad}”格式应为小写英文和连字符（如 food-safety） / expertise tag "${bad}" must be lower-case words joined by hyphens`);
  const min = input.minInspectors ?? 2;
  if (!Number.isInteger(min) || min < 2 || min > 20) {
    throw badInput('input.minInspectors', `每次检查至少2名执法人员（2到20），收到${min} / at least 2 inspectors per visit (2–20), got ${min}`);
  }
}

@Resolver(() => InspectionItem)
export class InspectionItemResolver {
  @Query(() => InspectionItemConnection, {
    description:
      'The county item list (public): published items at asOf (now when omitted), ordered by code, with whether each is claimed. ' +
      'Signed-in users may also list withdrawn items.',
  })
  async inspectionItems(
    @Arg('filter', () => InspectionItemFilter, { nullable: true, description: 'Conditions on the items.' }) filter: InspectionItemFilter | null,
    @Arg('asOf', () => String, { nullable: true, description: 'The list as it stood then: YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time; now when omitted.' }) asOf: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionItem>> {
    checkPageSize(first);
    const at = parseAsOf('asOf', asOf);
    const from = decodeCursor(after);
    const status = filter?.status ?? 'published';
    if (!(ITEM_STATUSES as readonly string[]).includes(status)) throw badInput('filter.status', `状态应为 published 或 withdrawn / status must be published or withdrawn`);
    if (status !== 'published' && !isSignedIn(ctx.identity)) {
      throw badInput('filter.status', '已撤销的事项仅对登录用户开放 / withdrawn items are listed for signed-in users only');
    }
    if (filter?.department != null && !findDepartment(filter.department)) throw badInput('filter.department', `部门“${filter.department}”不存在 / unknown department "${filter.department}"`);
    if (filter?.industryCode != null && !isKnownIndustry(filter.industryCode)) {
      throw badInput('filter.industryCode', `行业代码“${filter.industryCode}”不在国民经济行业分类目录中 / "${filter.industryCode}" is not a known GB/T 4754 industry code`);
    }
    if (filter?.method != null && !Object.hasOwn(INSPECTION_METHODS, filter.method)) throw badInput('filter.method', `检查方式“${filter.method}”无效 / unknown method "${filter.method}"`);
    const where: Record<string, unknown> = { status };
    if (filter?.department != null) where.department = filter.department;
    if (filter?.method != null) where.method = filter.method;
    // The list has tens to hundreds of items: two SELECTs, then filter and page here.
    const matching = (await itemsAt(ctx.em, at, where)).filter(
      (i) => (filter?.industryCode == null || i.targetIndustries.includes(filter.industryCode)) && (filter?.claimed == null || i.claimed === filter.claimed),
    );
    const start = from ? matching.findIndex((i) => i.code > from) : 0;
    return toPage(start < 0 ? [] : matching.slice(start, start + first + 1), first, matching.length, (i) => i.code);
  }

  @Query(() => InspectionItemConnection, {
    description: 'Every version of one item, oldest first (public; who changed it for signed-in users); empty when no item has that code.',
  })
  async inspectionItemHistory(
    @Arg('code', () => String, { description: 'Item code, e.g. PS-PO-001.' }) code: string,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Page<InspectionItem>> {
    checkPageSize(first);
    const rows = await ctx.em.find(InspectionItem, { code: requireItemCode('code', code) }, { orderBy: { validFrom: 'asc', id: 'asc' } });
    const claims = await ctx.em.find(ItemClaim, { itemCode: code.trim() });
    // Each version shows the claim that held when it started.
    return pageOf(rows.map((r) => itemView(r, claims.find((c) => c.department === r.department && claimValidAt(c, r.validFrom)))), first, after);
  }

  @Query(() => [InspectionItem], {
    description:
      "Department contract (services only): the department's claimed, published items at asOf (now when omitted), by code; " +
      'only those of `codes` when given.',
  })
  @Directive('@inaccessible')
  @Authorized('service:contract')
  async claimedInspectionItems(
    @Arg('department', () => String) department: string,
    @Arg('codes', () => [String], { nullable: true }) codes: string[] | null,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionItem[]> {
    if (!findDepartment(department)) throw badInput('department', `部门“${department}”不存在 / unknown department "${department}"`);
    const where: Record<string, unknown> = { department, status: 'published' };
    if (codes) where.code = { $in: codes };
    return (await itemsAt(ctx.em, parseAsOf('asOf', asOf), where)).filter((i) => i.claimed);
  }

  @Mutation(() => InspectionItem, {
    description: 'Publishes an item to the county list, or a new version of it (double-random office coordinators only).',
  })
  async publishInspectionItem(
    @Arg('input', () => InspectionItemInput, { description: 'The item.' }) input: InspectionItemInput,
    @Arg('reason', () => String, { description: 'Why (recorded in the history).' }) reason: string,
    @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating; never before the current version took effect. Now when omitted.' }) effectiveFrom: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionItem> {
    checkItemInput(input);
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom?.toISOString(), clock.now());
    const code = input.code.trim();
    return uniqueOrConflict('input.code', concurrentChange('input.code').message, () =>
      ctx.em.transactional(async (tx) => {
        const versions = await tx.find(InspectionItem, { code }, { orderBy: { validFrom: 'desc' } });
        const current = versions.find((v) => v.validTo == null);
        const from = effectiveAt('effectiveFrom', given, ...versions.map((v) => v.validTo ?? v.validFrom));
        if (current) {
          if (current.department !== input.department) {
            throw badInput('input.department', `事项“${code}”属于${current.department}，不能改为${input.department}；请另立新事项 / item "${code}" belongs to ${current.department} and cannot move to ${input.department}; publish a new item`);
          }
          await closeVersion(tx, InspectionItem, current.id, from, ctx.identity.subject, why, 'input.code');
        }
        const item = tx.create(InspectionItem, {
          code,
          name: input.name.trim(),
          legalBasis: input.legalBasis.trim(),
          department: input.department,
          brigade: input.brigade ?? null,
          targetIndustries: [...new Set(input.targetIndustries)],
          licenceTypes: [...new Set(input.licenceTypes ?? [])],
          method: input.method,
          ratioA: input.ratios.A,
          ratioB: input.ratios.B,
          ratioC: input.ratios.C,
          ratioD: input.ratios.D,
          yearlyCap: input.yearlyCap,
          requiredExpertise: [...new Set(input.requiredExpertise ?? [])],
          minInspectors: input.minInspectors ?? 2,
          joinable: input.joinable ?? true,
          status: 'published',
          validFrom: from,
          changedBy: ctx.identity.subject,
          changeReason: why,
        });
        await tx.flush();
        const claim = await tx.findOne(ItemClaim, { itemCode: code, department: input.department, validTo: null });
        return itemView(item, claim ?? undefined);
      }),
    );
  }

  @Mutation(() => InspectionItem, {
    description: "Withdraws an item from the county list (a new version with status withdrawn); ends departments' claims of it.",
  })
  async withdrawInspectionItem(
    @Arg('code', () => String, { description: 'Item code, e.g. PS-PO-001.' }) code: string,
    @Arg('reason', () => String, { description: 'Why (recorded in the history).' }) reason: string,
    @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating; now when omitted.' }) effectiveFrom: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionItem> {
    const itemCode = requireItemCode('code', code);
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom?.toISOString(), clock.now());
    return uniqueOrConflict('code', concurrentChange('code').message, () =>
      ctx.em.transactional(async (tx) => {
        const current = await currentItem(tx, itemCode);
        if (current.status === 'withdrawn') throw userError('CONFLICT', `事项“${itemCode}”已撤销 / item "${itemCode}" is already withdrawn`, { field: 'code' });
        const claims = await tx.find(ItemClaim, { itemCode, validTo: null });
        const from = effectiveAt('effectiveFrom', given, current.validFrom, ...claims.map((c) => c.claimedAt));
        await closeVersion(tx, InspectionItem, current.id, from, ctx.identity.subject, why, 'code');
        for (const c of claims) await closeClaim(tx, c.id, from, ctx.identity.subject, why);
        const data = Object.fromEntries(ITEM_PROPS.filter((p) => !['id', 'validFrom', 'validTo', 'changedBy', 'changeReason', 'closedBy', 'closeReason'].includes(p)).map((p) => [p, current[p]]));
        const item = tx.create(InspectionItem, { ...data, status: 'withdrawn', validFrom: from, changedBy: ctx.identity.subject, changeReason: why } as never);
        await tx.flush();
        return itemView(item, undefined);
      }),
    );
  }

  @Mutation(() => InspectionItem, { description: "Claims a published item of the caller's department into its list (认领; department admins)." })
  async claimInspectionItem(
    @Arg('code', () => String, { description: 'Item code, e.g. PS-PO-001.' }) code: string,
    @Arg('reason', () => String, { description: 'Why (recorded in the history).' }) reason: string,
    @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating; never before the item version took effect. Now when omitted.' }) effectiveFrom: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionItem> {
    const itemCode = requireItemCode('code', code);
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom?.toISOString(), clock.now());
    return uniqueOrConflict('code', `事项“${itemCode}”已被认领 / item "${itemCode}" is already claimed`, () =>
      ctx.em.transactional(async (tx) => {
        const item = await currentItem(tx, itemCode);
        authorize(ctx, 'item:claim', { department: item.department, field: 'code' });
        if (item.status !== 'published') throw userError('CONFLICT', `事项“${itemCode}”已撤销，不能认领 / item "${itemCode}" is withdrawn and cannot be claimed`, { field: 'code' });
        const claims = await tx.find(ItemClaim, { itemCode, department: item.department });
        if (claims.some((c) => c.validTo == null)) throw userError('CONFLICT', `事项“${itemCode}”已被认领 / item "${itemCode}" is already claimed`, { field: 'code' });
        const from = effectiveAt('effectiveFrom', given, item.validFrom, ...claims.map((c) => c.validTo));
        const claim = tx.create(ItemClaim, { itemCode, department: item.department, claimedAt: from, claimedBy: ctx.identity.subject, claimReason: why });
        await tx.flush();
        return itemView(item, claim);
      }),
    );
  }

  @Mutation(() => InspectionItem, { description: "Takes an item out of the caller's department list (the claim is kept in the history)." })
  async unclaimInspectionItem(
    @Arg('code', () => String, { description: 'Item code, e.g. PS-PO-001.' }) code: string,
    @Arg('reason', () => String, { description: 'Why (recorded in the history).' }) reason: string,
    @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating; now when omitted.' }) effectiveFrom: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionItem> {
    const itemCode = requireItemCode('code', code);
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom?.toISOString(), clock.now());
    return ctx.em.transactional(async (tx) => {
      const item = await currentItem(tx, itemCode);
      authorize(ctx, 'item:claim', { department: item.department, field: 'code' });
      const claim = await tx.findOne(ItemClaim, { itemCode, department: item.department, validTo: null });
      if (!claim) throw userError('CONFLICT', `事项“${itemCode}”未被认领 / item "${itemCode}" is not claimed`, { field: 'code' });
      const from = effectiveAt('effectiveFrom', given, claim.claimedAt);
      await closeClaim(tx, claim.id, from, ctx.identity.subject, why);
      return itemView(item, undefined);
    });
  }
}

async function currentItem(em: EntityManager, code: string): Promise<InspectionItem> {
  const item = await em.findOne(InspectionItem, { code, validTo: null });
  if (!item) throw notFound('code', `抽查事项清单中没有编码为“${code}”的事项 / the item list has no item "${code}"`);
  return item;
}

async function closeClaim(tx: EntityManager, id: number, at: Date, by: string, reason: string): Promise<void> {
  const n = await tx.nativeUpdate(ItemClaim, { id, validTo: null }, { validTo: at, closedBy: by, closeReason: reason });
  if (n !== 1) throw concurrentChange('code');
}
