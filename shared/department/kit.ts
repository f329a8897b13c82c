import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Info,
  InputType,
  Int,
  InterfaceType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { DepartmentTarget, DepartmentTargetTag, CONTRACT_TAGS_QUERY, CONTRACT_TARGET_LIST_QUERY, CONTRACT_TARGETS_QUERY } from './contract.js';
import { byKey, checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../platform/pagination.js';
import type { Identity } from '../platform/auth.js';
import { decide } from '../platform/policy.js';
import { badInput, notFound, requireUscc, userError } from '../platform/errors.js';
import { findDepartment } from '../domain/departments.js';
import { isKnownIndustry, REGIONS } from '../domain/industries.js';
import type { RegisterFacts, RegisterLookup } from './register.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import { countyDate, isValidAt, validAt } from '../domain/history.js';
import {
  closeVersion,
  concurrentChange,
  effectiveAt,
  optionalReason,
  parseAsOf,
  parseEffectiveFrom,
  requireReason,
  uniqueOrConflict,
  VersionedRow,
} from '../platform/versioned.js';
import { activeTags, CONFLICT_KINDS, currentTargets, InspectorConflict, TAG_KEYS, TargetTag, tagAppliesAt } from './directory.js';
import { createDirectoryExchangeResolvers } from './directory-exchange-resolvers.js';
import { createReferralResolvers } from './referrals.js';
import * as clock from '../platform/clock.js';
import { ConflictKind, CreditRiskClass, InspectorStatus as InspectorStatusEnum, TagSource } from '../platform/enums.js';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';

/**
 * What every department subgraph has in the same shape: a target directory (businesses it
 * supervises, by USCC) with tags, an inspector directory with declared conflicts of interest,
 * and the department contract. A department folder subclasses these and adds its own columns;
 * it does not copy them. Targets and inspectors are effective-dated (see shared/domain/history.ts):
 * every change keeps who, when and why, and every list answers "as of" a past time.
 */

export const INSPECTOR_STATUSES = ['active', 'suspended', 'retired'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];
const CREDIT_RISK_CLASSES = ['A', 'B', 'C', 'D'];

// type-graphql inherits fields only from a decorated class; an unreferenced type is never emitted.
// The partial unique indexes (one current version per key) name their table: every department
// database has the same `inspector` and `supervised_target` tables.
@InterfaceType('DirectoryInspector', {
  description: "An inspector (执法检查人员) in a department's inspector directory, one version: what every department's inspector type has. Name and conflicts are on the department types (personal data).",
})
@Entity({ abstract: true })
@Unique({
  name: 'inspector_current_certificate_number',
  expression: 'create unique index "inspector_current_certificate_number" on "inspector" ("certificate_number") where "valid_to" is null',
})
@Index({ name: 'inspector_certificate_number_valid_from_index', properties: ['certificateNumber', 'validFrom'] })
export abstract class InspectorBase extends VersionedRow {
  @Field(() => String, {
    description:
      '执法证号: enforcement certificate number. Unique among the current inspectors of this department (database index); ' +
      'unique across the county is checked when inspectors are imported.',
  })
  @Property({ type: 'string', length: 32 })
  certificateNumber!: string;

  /** Personal: served by a field resolver that checks who asks (createDepartmentResolvers). */
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Brigade within the department, where it has brigades.' })
  @Property({ type: 'string', length: 64, nullable: true })
  brigade?: string | null;

  @Field(() => [String], { description: 'Expertise tags used to match inspectors to inspection items.' })
  @Property({ type: 'json' })
  expertise: string[] = [];

  @Field(() => InspectorStatusEnum, { description: 'Whether the inspector may be drawn (在岗状态).' })
  @Property({ type: 'string', length: 16 })
  status: InspectorStatus = 'active';
}

@InterfaceType('DirectoryTarget', {
  description: "A business in a department's target directory (检查对象名录), one version: what every department's target type has.",
})
@Entity({ abstract: true })
@Unique({
  name: 'supervised_target_current_uscc',
  expression: 'create unique index "supervised_target_current_uscc" on "supervised_target" ("uscc") where "valid_to" is null',
})
@Index({ name: 'supervised_target_uscc_valid_from_index', properties: ['uscc', 'validFrom'] })
export abstract class SupervisedTargetBase extends VersionedRow {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => DateScalar, { description: 'Date the business entered the directory (纳入名录日期).' })
  @Property({ type: 'date', columnType: 'date' })
  supervisedSince!: string;
}

// GraphQL interfaces do not inherit the version fields of VersionedRow (an object type): declare them on both.
for (const Interface of [InspectorBase, SupervisedTargetBase]) {
  const on = Interface.prototype as object;
  Field(() => DateTimeScalar, { description: 'When this version took effect.' })(on, 'validFrom');
  Field(() => DateTimeScalar, { nullable: true, description: 'When this version stopped being current (changed or removed); null while current.' })(on, 'validTo');
  Field(() => String, { description: 'Who made this version (token subject).' })(on, 'changedBy');
  Field(() => String, { description: 'Why this version was made.' })(on, 'changeReason');
  Field(() => String, { nullable: true, description: 'Who closed this version (by a change or a removal).' })(on, 'closedBy');
  Field(() => String, { nullable: true, description: 'Why this version was closed.' })(on, 'closeReason');
}

/** Properties of the version chain, not of the record: never copied from one version to the next. */
const VERSION_PROPS = new Set(['id', 'validFrom', 'validTo', 'changedBy', 'changeReason', 'closedBy', 'closeReason']);

// ---------------------------------------------------------------------------------------------
// GraphQL inputs shared by every department (same shape everywhere, so they compose).

@InputType('TargetFilterFields')
export class TargetFilterBase {
  @Field(() => [String], { nullable: true, description: 'GB/T 4754 codes, any of (from the register).' })
  industryCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Township code (from the register).' })
  regionCode?: string | null;

  @Field(() => CreditRiskClass, { nullable: true, description: 'Credit-risk class (from the register; its current class). Signed-in users.' })
  creditRiskClass?: string | null;

  @Field(() => String, { nullable: true, description: 'Only businesses with a tag of this key that applies at asOf.' })
  tag?: string | null;
}

@InputType('TargetTagInput', { description: 'A new tag (标注) on a target.' })
export class TargetTagInput {
  @Field(() => String, { description: `One of: ${Object.keys(TAG_KEYS).join(', ')}.` })
  key!: string;

  @Field(() => String, { nullable: true, description: 'The value as read from the file.' })
  value?: string | null;

  @Field(() => TagSource, { nullable: true, defaultValue: TagSource.MANUAL, description: 'Where it comes from (default MANUAL).' })
  source?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day it applies; today when omitted.' })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day it applies (inclusive); open-ended when omitted.' })
  validUntil?: string | null;

  @Field(() => String, { description: 'Why (as recorded).' })
  reason!: string;
}

@InputType('InspectorInput', { description: 'A new inspector of the directory.' })
export class InspectorInput {
  @Field(() => String, { description: 'Enforcement certificate number (执法证号).' })
  certificateNumber!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "One of the department's brigades, where it has brigades." })
  brigade?: string | null;

  @Field(() => [String], { description: 'Expertise tags (专长) used to match inspectors to items.' })
  expertise!: string[];

  @Field(() => InspectorStatusEnum, { nullable: true, defaultValue: InspectorStatusEnum.ACTIVE, description: 'Whether the inspector may be drawn (default ACTIVE).' })
  status?: string | null;
}

@InputType('InspectorChangeInput', { description: 'Only the fields given change; brigade: null clears it.' })
export class InspectorChangeInput {
  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Brigade (大队) within the department, where it has brigades.' })
  brigade?: string | null;

  @Field(() => [String], { nullable: true, description: 'Expertise tags (专长) used to match inspectors to items.' })
  expertise?: string[] | null;

  @Field(() => InspectorStatusEnum, { nullable: true, description: 'New status.' })
  status?: string | null;
}

@InputType('InspectorFilter', { description: 'Conditions on inspectors, all of which must hold.' })
export class InspectorFilter {
  @Field(() => InspectorStatusEnum, { nullable: true, description: 'Only inspectors with this status.' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Inspectors having this expertise tag.' })
  expertise?: string | null;

  @Field(() => String, { nullable: true, description: 'Brigade (大队) within the department, where it has brigades.' })
  brigade?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Who may see personal data of inspectors.

/**
 * Inspectors' names and conflicts of interest are personal: visible to the inspector's own
 * department (inspectors, admins) and to the double-random office's coordinators. Analysts (of
 * any organisation) and other departments see certificate numbers, brigades, expertise, status.
 */
export function canSeePersonalData(identity: Identity, department: string): boolean {
  return decide(identity, 'inspector-personal:read', { department }).allowed;
}

function requirePersonalAccess(identity: Identity, department: string, field: string): void {
  if (!canSeePersonalData(identity, department)) {
    throw userError(
      'FORBIDDEN',
      `“${field}”是执法人员个人信息，仅本部门和双随机办公室协调人可见 / ${field} is personal data of the inspector: only ${department} and the double-random office's coordinators may see it`,
      { field },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Loaders

export interface DepartmentLoaders<T extends SupervisedTargetBase> {
  targetByUscc: DataLoader<string, T | null>;
  /** Every tag of a business (all history); callers filter by time. */
  tagsByUscc: DataLoader<string, TargetTag[]>;
  /** Every declared conflict of an inspector (all history); callers filter by time. */
  conflictsByCertificate: DataLoader<string, InspectorConflict[]>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] {
  const by = new Map<string, T[]>();
  for (const r of rows) by.set(keyOf(r), [...(by.get(keyOf(r)) ?? []), r]);
  return keys.map((k) => by.get(k) ?? []);
}

export function departmentLoaders<T extends SupervisedTargetBase>(em: EntityManager, Target: ClassType<T>): DepartmentLoaders<T> {
  return {
    // One SELECT … WHERE uscc IN (…) per request, however many businesses the page has.
    targetByUscc: new DataLoader(async (usccs: readonly string[]) => {
      const rows = (await em.find(Target, { uscc: { $in: [...usccs] }, validTo: null } as never)) as T[];
      const byUscc = new Map(rows.map((r) => [r.uscc, r]));
      return usccs.map((u) => byUscc.get(u) ?? null);
    }),
    tagsByUscc: new DataLoader(async (usccs: readonly string[]) => {
      const rows = await em.find(TargetTag, { uscc: { $in: [...usccs] } }, { orderBy: { id: 'asc' } });
      return groupBy(usccs, rows, (r) => r.uscc);
    }),
    conflictsByCertificate: new DataLoader(async (certificates: readonly string[]) => {
      const rows = await em.find(InspectorConflict, { certificateNumber: { $in: [...certificates] } }, { orderBy: { id: 'asc' } });
      return groupBy(certificates, rows, (r) => r.certificateNumber);
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** 执法证号: 6–32 digits, capital letters or hyphens (compared in upper case). */
const CERTIFICATE = /^[0-9A-Z-]{6,32}$/;
const normalizeCertificate = (value: string) => value.trim().toUpperCase();
const EXPERTISE = /^[a-z][a-z0-9-]{1,39}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function requireDate(field: string, value: string): string {
  if (!DATE_ONLY.test(value) || Number.isNaN(Date.parse(value)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(field, `日期“${value}”格式应为YYYY-MM-DD / the date "${value}" must be YYYY-MM-DD`);
  }
  return value;
}

function checkBrigade(department: string, field: string, brigade: string | null | undefined): void {
  if (brigade == null) return;
  const brigades = findDepartment(department)?.brigades ?? [];
  if (!brigades.some((b) => b.code === brigade)) {
    throw badInput(
      field,
      brigades.length
        ? `“${brigade}”不是本部门的大队，应为：${brigades.map((b) => `${b.code}（${b.nameZh}）`).join('、')} / "${brigade}" is not a brigade of ${department}; use one of ${brigades.map((b) => b.code).join(', ')}`
        : `本部门不设大队，请勿填写“${brigade}” / ${department} has no brigades; leave brigade empty`,
    );
  }
}

function checkInspectorFields(department: string, prefix: string, v: { name?: string | null; brigade?: string | null; expertise?: string[] | null; status?: string | null }): void {
  if (v.name !== undefined && (v.name == null || v.name.trim() === '' || v.name.trim().length > 64)) {
    throw badInput(`${prefix}.name`, '姓名不能为空，最多64字 / the name must not be empty and has at most 64 characters');
  }
  checkBrigade(department, `${prefix}.brigade`, v.brigade);
  if (v.expertise != null) {
    const bad = v.expertise.find((e) => !EXPERTISE.test(e));
    if (bad !== undefined) {
      throw badInput(`${prefix}.expertise`, `专长标签“${bad}”格式应为小写英文和连字符（如 food-safety） / expertise tag "${bad}" must be lower-case words joined by hyphens (e.g. food-safety)`);
    }
  }
  if (v.status !== undefined && !(INSPECTOR_STATUSES as readonly string[]).includes(v.status ?? '')) {
    throw badInput(`${prefix}.status`, `状态应为 ${INSPECTOR_STATUSES.join('、')} 之一，收到“${v.status}” / status must be one of ${INSPECTOR_STATUSES.join(', ')}`);
  }
}

function registerFilter(filter: TargetFilterBase | null | undefined): ((f: RegisterFacts) => boolean) | null {
  if (!filter) return null;
  const tests: ((f: RegisterFacts) => boolean)[] = [];
  if (filter.industryCodes?.length) {
    const unknown = filter.industryCodes.find((c) => !isKnownIndustry(c));
    if (unknown) throw badInput('filter.industryCodes', `行业代码“${unknown}”不在国民经济行业分类目录中 / "${unknown}" is not a known GB/T 4754 industry code`);
    const codes = new Set(filter.industryCodes);
    tests.push((f) => codes.has(f.industryCode));
  }
  if (filter.regionCode) {
    if (!Object.hasOwn(REGIONS, filter.regionCode)) {
      throw badInput('filter.regionCode', `区划代码“${filter.regionCode}”不是本县的乡镇 / "${filter.regionCode}" is not a township of the county`);
    }
    const region = filter.regionCode;
    tests.push((f) => f.regionCode === region);
  }
  if (filter.creditRiskClass) {
    if (!CREDIT_RISK_CLASSES.includes(filter.creditRiskClass)) {
      throw badInput('filter.creditRiskClass', `信用风险分类应为A、B、C或D，收到“${filter.creditRiskClass}” / credit-risk class must be A, B, C or D`);
    }
    const cls = filter.creditRiskClass;
    tests.push((f) => f.creditRiskClass === cls);
  }
  return tests.length ? (f) => tests.every((t) => t(f)) : null;
}

/** A page of a record's versions (already oldest first; a record has few): the cursor is the row id's place. */
function versionPage<R extends VersionedRow>(rows: R[], first: number, after: string | null | undefined): Page<R> {
  const from = decodeCursor(after);
  const keyed = rows.map((r, i) => ({ r, key: String(i).padStart(8, '0') }));
  const start = from === undefined ? 0 : keyed.findIndex((k) => k.key > from);
  const page = toPage(start < 0 ? [] : keyed.slice(start, start + first + 1), first, keyed.length, (k) => k.key);
  return { ...page, nodes: page.nodes.map((k) => k.r) };
}

function checkTagKey(field: string, key: string): void {
  if (!Object.hasOwn(TAG_KEYS, key)) {
    throw badInput(field, `标注“${key}”无效，应为：${Object.entries(TAG_KEYS).map(([k, v]) => `${k}（${v}）`).join('、')} / tag key must be one of ${Object.keys(TAG_KEYS).join(', ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The department's directories (queries and mutations) and the contract the joint-inspection
 * service calls. `prefix` is the department in camelCase (`fireRescue`), which keeps root field
 * names unique in the supergraph.
 */
export function createDepartmentResolvers<I extends InspectorBase, T extends SupervisedTargetBase>(opts: {
  department: string;
  prefix: string;
  Inspector: ClassType<I>;
  InspectorConnection: ClassType<Page<I>>;
  Target: ClassType<T>;
  /** The subgraph's `Enterprise` class: the register itself, or the key-only reference. */
  Enterprise: ClassType<{ uscc: string }>;
  /** Input of `add<Department>Target`: `uscc`, optional `supervisedSince`, the department's columns. */
  TargetInput: ClassType<{ uscc: string; supervisedSince?: string | null }>;
  /** Input of `update<Department>Target`: `supervisedSince` and the department's columns, all optional. */
  TargetChangeInput: ClassType<{ supervisedSince?: string | null }>;
  /** Filter of `<department>Targets`: TargetFilterBase plus the department's own columns. */
  TargetFilter?: ClassType<TargetFilterBase>;
  /** Where-clause of the department's own filter columns; throws `badInput` naming the field. */
  targetFilterWhere?: (filter: never) => Record<string, unknown>;
  /** How this subgraph asks the register whether a USCC exists, and its industry, township, class. */
  register: RegisterLookup;
  /** Checks of the department's own columns (of a whole new version); throws `badInput` naming the field. */
  validateTargetInput?: (input: never, field: string) => void;
}) {
  const { department, prefix, Inspector, InspectorConnection, Target, Enterprise, TargetInput, TargetChangeInput, register } = opts;
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);
  const TargetConnection = Connection(Target, `${Prefix}TargetConnection`);
  const TargetFilter =
    opts.TargetFilter ??
    (() => {
      @InputType(`${Prefix}TargetFilter`, { description: `Conditions on the targets of ${department}, all of which must hold.` })
      class DefaultTargetFilter extends TargetFilterBase {}
      return DefaultTargetFilter;
    })();
  const TARGET_CONFLICT = (uscc: string) => `“${uscc}”已在本部门检查对象名录中 / "${uscc}" is already in this department's target directory`;
  const INSPECTOR_CONFLICT = (c: string) => `执法证号“${c}”已在本部门执法检查人员名录中 / certificate number "${c}" is already in this department's inspector directory`;

  /** The department's own columns of a target version, to carry them into the next version. */
  const ownColumns = (em: EntityManager, row: T): Record<string, unknown> => {
    const meta = em.getMetadata().get(Target.name);
    const out: Record<string, unknown> = {};
    for (const p of meta.props) if (!VERSION_PROPS.has(p.name) && p.persist !== false) out[p.name] = (row as Record<string, unknown>)[p.name];
    return out;
  };

  const currentTarget = async (em: EntityManager, uscc: string): Promise<T> => {
    const row = (await em.findOne(Target, { uscc, validTo: null } as never)) as T | null;
    if (!row) throw notFound('uscc', `“${uscc}”不在本部门检查对象名录中 / "${uscc}" is not in this department's target directory`);
    return row;
  };
  const currentInspector = async (em: EntityManager, certificateNumber: string): Promise<I> => {
    const row = (await em.findOne(Inspector, { certificateNumber, validTo: null } as never)) as I | null;
    if (!row) {
      throw notFound('certificateNumber', `执法证号“${certificateNumber}”不在本部门执法检查人员名录中 / certificate number "${certificateNumber}" is not in this department's inspector directory`);
    }
    return row;
  };

  @Resolver(() => Enterprise)
  class EnterpriseTargetResolver {
    @FieldResolver(() => Target, {
      name: `${prefix}Target`,
      nullable: true,
      description: `This business in the target directory of ${department} (its current version), or null when it is not there.`,
    })
    @Authorized()
    async target(@Root() e: { uscc: string }, @Ctx() ctx: SubgraphContext<DepartmentLoaders<T>>): Promise<T | null> {
      return ctx.loaders.targetByUscc.load(e.uscc);
    }
  }

  @Resolver(() => Target)
  class TargetFieldsResolver {
    @FieldResolver(() => [TargetTag], { description: 'Tags that apply at asOf (now when omitted), oldest first.' })
    async tags(
      @Root() t: T,
      @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string | null,
      @Ctx() ctx: SubgraphContext<DepartmentLoaders<T>>,
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
    personalName(@Root() i: I, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): string {
      requirePersonalAccess(ctx.identity, department, `${info.parentType.name}.name`);
      return i.name;
    }

    @FieldResolver(() => [InspectorConflict], {
      nullable: true,
      description: 'Declared conflicts of interest that apply at asOf (now when omitted). Personal, like name.',
    })
    async conflicts(
      @Root() i: I,
      @Arg('asOf', () => String, { nullable: true, description: 'A past time to answer as of: YYYY-MM-DD (end of that county day) or an ISO 8601 date-time; now when omitted.' }) asOf: string | null,
      @Ctx() ctx: SubgraphContext<DepartmentLoaders<T>>,
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
      @Arg('filter', () => TargetFilter, { nullable: true, description: 'Only what matches every given condition.' }) filter: TargetFilterBase | null,
      @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string | null,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<T>> {
      checkPageSize(first);
      const at = parseAsOf('asOf', asOf);
      const from = decodeCursor(after);
      const inRegister = registerFilter(filter);
      const where: Record<string, unknown>[] = [validAt(at)];
      if (filter && opts.targetFilterWhere) where.push(opts.targetFilterWhere(filter as never));
      if (filter?.tag) {
        checkTagKey('filter.tag', filter.tag);
        const when = at ?? clock.now();
        const tagged = (await ctx.em.find(TargetTag, { key: filter.tag }, { disableIdentityMap: true })).filter((t) => tagAppliesAt(t, when));
        where.push({ uscc: { $in: [...new Set(tagged.map((t) => t.uscc))] } });
      }
      const orderBy = { uscc: 'asc' } as never;
      if (!inRegister) {
        const pageWhere = from ? [...where, { uscc: { $gt: from } }] : where;
        const [rows, totalCount] = await Promise.all([
          ctx.em.find(Target, { $and: pageWhere } as never, { orderBy, limit: first + 1 }),
          ctx.em.count(Target, { $and: where } as never),
        ]);
        return toPage(rows as T[], first, totalCount, (r) => r.uscc);
      }
      // Register filters: the directory's candidates, the register's facts about them, then the page.
      // Sorted here, not by the database's collation, so that the cursor comparison below agrees.
      const candidates = (
        (await ctx.em.createQueryBuilder(Target).select('uscc' as never).where({ $and: where } as never).execute('all', false)) as { uscc: string }[]
      )
        .map((c) => c.uscc)
        .sort(byKey);
      const facts = candidates.length ? await register(ctx, candidates) : new Map<string, RegisterFacts>();
      const matching = candidates.filter((u) => facts.has(u) && inRegister(facts.get(u)!));
      const start = from ? matching.findIndex((u) => u > from) : 0;
      const slice = start < 0 ? [] : matching.slice(start, start + first + 1);
      const rows = slice.length ? ((await ctx.em.find(Target, { $and: [...where, { uscc: { $in: slice } }] } as never)) as T[]) : [];
      return toPage(rows.sort((a, b) => byKey(a.uscc, b.uscc)), first, matching.length, (r) => r.uscc);
    }

    @Query(() => TargetConnection, {
      nullable: true,
      name: `${prefix}TargetHistory`,
      description: `Every version of one business in the target directory of ${department}, oldest first, a page at a time: who changed it, when and why.`,
    })
    @Authorized()
    async targetHistory(
      @Arg('uscc', () => String, { description: 'The business (统一社会信用代码).' }) uscc: string,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<T>> {
      checkPageSize(first);
      const code = requireUscc('uscc', uscc);
      return versionPage((await ctx.em.find(Target, { uscc: code } as never, { orderBy: { validFrom: 'asc', id: 'asc' } as never })) as T[], first, after);
    }

    @Mutation(() => Target, {
      name: `add${Prefix}Target`,
      description: `Adds a registered business to the target directory of ${department} (its department admins only).`,
    })
    async addTarget(
      @Arg('input', () => TargetInput, { description: 'The values to write.' }) input: { uscc: string; supervisedSince?: string | null },
      @Arg('reason', () => String, { nullable: true, description: 'Why (optional for an addition).' }) reason: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<T> {
      const uscc = requireUscc('input.uscc', input.uscc);
      const since = input.supervisedSince ?? clock.now().toISOString().slice(0, 10);
      requireDate('input.supervisedSince', since);
      opts.validateTargetInput?.(input as never, 'input');
      const why = optionalReason('reason', reason, '纳入检查对象名录 / added to the target directory');
      const now = clock.now();
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, now);
      const known = await register(ctx, [uscc]);
      if (!known.has(uscc)) {
        throw badInput('input.uscc', `登记系统中没有统一社会信用代码为“${uscc}”的市场主体，不能纳入检查对象名录 / no business with USCC "${uscc}" is in the register, so it cannot be a target`);
      }
      return uniqueOrConflict('input.uscc', TARGET_CONFLICT(uscc), () =>
        ctx.em.transactional(async (tx) => {
          const versions = (await tx.find(Target, { uscc } as never, { orderBy: { validFrom: 'desc' } as never })) as T[];
          if (versions.some((v) => v.validTo == null)) throw userError('CONFLICT', TARGET_CONFLICT(uscc), { field: 'input.uscc' });
          const from = effectiveAt('effectiveFrom', given, ...versions.map((v) => v.validTo));
          const target = tx.create(Target, {
            ...input,
            uscc,
            supervisedSince: since,
            validFrom: from,
            changedBy: ctx.identity.subject,
            changeReason: why,
          } as never);
          await tx.flush();
          return target;
        }),
      );
    }

    @Mutation(() => Target, {
      name: `update${Prefix}Target`,
      description: `Changes a business's record in the target directory of ${department}: closes the current version and starts a new one.`,
    })
    async updateTarget(
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Arg('input', () => TargetChangeInput, { description: 'The values to write.' }) input: Record<string, unknown>,
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<T> {
      const code = requireUscc('uscc', uscc);
      const why = requireReason('reason', reason);
      const changes = Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) throw badInput('input', '没有要修改的字段 / nothing to change: give at least one field');
      if (changes.supervisedSince != null) requireDate('input.supervisedSince', String(changes.supervisedSince));
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
      return uniqueOrConflict('uscc', concurrentChange('uscc').message, () =>
        ctx.em.transactional(async (tx) => {
          const current = await currentTarget(tx, code);
          const from = effectiveAt('effectiveFrom', given, current.validFrom);
          const next = { ...ownColumns(tx, current), ...changes, uscc: code, supervisedSince: changes.supervisedSince ?? current.supervisedSince };
          opts.validateTargetInput?.(next as never, 'input');
          await closeVersion(tx, Target, current.id, from, ctx.identity.subject, why, 'uscc');
          const target = tx.create(Target, { ...next, validFrom: from, changedBy: ctx.identity.subject, changeReason: why } as never);
          await tx.flush();
          return target;
        }),
      );
    }

    @Mutation(() => Target, {
      name: `remove${Prefix}Target`,
      description: `Removes a business from the target directory of ${department} (closes its current version; history is kept). Returns the closed version.`,
    })
    async removeTarget(
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<T> {
      const code = requireUscc('uscc', uscc);
      const why = requireReason('reason', reason);
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
      return ctx.em.transactional(async (tx) => {
        const current = await currentTarget(tx, code);
        const from = effectiveAt('effectiveFrom', given, current.validFrom);
        await closeVersion(tx, Target, current.id, from, ctx.identity.subject, why, 'uscc');
        return (await tx.findOneOrFail(Target, { id: current.id } as never, { refresh: true })) as T;
      });
    }

    // ----- tags -------------------------------------------------------------------------------

    @Mutation(() => TargetTag, { name: `tag${Prefix}Target`, description: `Tags a business in the target directory of ${department}.` })
    async tagTarget(
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Arg('input', () => TargetTagInput, { description: 'The values to write.' }) input: TargetTagInput,
      @Ctx() ctx: SubgraphContext,
    ): Promise<TargetTag> {
      const code = requireUscc('uscc', uscc);
      checkTagKey('input.key', input.key);
      const value = input.value?.trim() || null;
      if (value && value.length > 200) throw badInput('input.value', '标注值最多200字 / the value has at most 200 characters');
      const source = input.source?.trim() || 'manual';
      if (source.length > 64) throw badInput('input.source', '来源最多64字 / the source has at most 64 characters');
      const now = clock.now();
      const validFrom = input.validFrom ? requireDate('input.validFrom', input.validFrom) : countyDate(now);
      const validUntil = input.validUntil ? requireDate('input.validUntil', input.validUntil) : null;
      if (validUntil && validUntil < validFrom) {
        throw badInput('input.validUntil', `截止日期“${validUntil}”早于起始日期“${validFrom}” / validUntil "${validUntil}" is before validFrom "${validFrom}"`);
      }
      const why = requireReason('input.reason', input.reason);
      return ctx.em.transactional(async (tx) => {
        await currentTarget(tx, code);
        const same = await tx.find(TargetTag, { uscc: code, key: input.key, value, revokedAt: null });
        if (same.some((t) => (t.validUntil == null || t.validUntil >= validFrom) && (validUntil == null || t.validFrom <= validUntil))) {
          throw userError('CONFLICT', `该企业已有相同且期间重叠的标注“${input.key}” / this business already has the tag "${input.key}" for an overlapping period`, { field: 'input.key' });
        }
        const tag = tx.create(TargetTag, { uscc: code, key: input.key, value, source, validFrom, validUntil, createdAt: now, createdBy: ctx.identity.subject, reason: why });
        await tx.flush();
        return tag;
      });
    }

    @Mutation(() => TargetTag, { name: `revoke${Prefix}TargetTag`, description: 'Revokes a tag from now on (it stays in the history).' })
    async revokeTag(@Arg('id', () => Int, { description: 'Its id, as returned when it was created.' }) id: number, @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string, @Ctx() ctx: SubgraphContext): Promise<TargetTag> {
      const why = requireReason('reason', reason);
      return ctx.em.transactional(async (tx) => {
        const tag = await tx.findOne(TargetTag, { id });
        if (!tag) throw notFound('id', `本部门没有编号为${id}的标注 / this department has no tag ${id}`);
        if (tag.revokedAt) throw userError('CONFLICT', `标注${id}已于${tag.revokedAt.toISOString()}撤销 / tag ${id} was already revoked`, { field: 'id' });
        const n = await tx.nativeUpdate(TargetTag, { id, revokedAt: null }, { revokedAt: clock.now(), revokedBy: ctx.identity.subject, revokeReason: why });
        if (n !== 1) throw userError('CONFLICT', `标注${id}刚被他人撤销 / tag ${id} was revoked by someone else at the same moment`, { field: 'id' });
        return tx.findOneOrFail(TargetTag, { id }, { refresh: true });
      });
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
      @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string | null,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<I>> {
      checkPageSize(first);
      const at = parseAsOf('asOf', asOf);
      const from = decodeCursor(after);
      if (filter?.status != null && !(INSPECTOR_STATUSES as readonly string[]).includes(filter.status)) {
        throw badInput('filter.status', `状态应为 ${INSPECTOR_STATUSES.join('、')} 之一 / status must be one of ${INSPECTOR_STATUSES.join(', ')}`);
      }
      checkBrigade(department, 'filter.brigade', filter?.brigade);
      // A department has tens to hundreds of inspectors: one SELECT, then filter and page here.
      const all = ((await ctx.em.find(Inspector, validAt(at) as never)) as I[]).sort((a, b) => byKey(a.certificateNumber, b.certificateNumber));
      const matching = all.filter(
        (i) =>
          (filter?.status == null || i.status === filter.status) &&
          (filter?.brigade == null || i.brigade === filter.brigade) &&
          (filter?.expertise == null || i.expertise.includes(filter.expertise)),
      );
      const start = from ? matching.findIndex((i) => i.certificateNumber > from) : 0;
      return toPage(start < 0 ? [] : matching.slice(start, start + first + 1), first, matching.length, (r) => r.certificateNumber);
    }

    @Query(() => InspectorConnection, {
      nullable: true,
      name: `${prefix}InspectorHistory`,
      description: `Every version of one inspector of ${department}, oldest first, a page at a time.`,
    })
    @Authorized()
    async inspectorHistory(
      @Arg('certificateNumber', () => String, { description: 'Enforcement certificate number (执法证号).' }) certificateNumber: string,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<I>> {
      checkPageSize(first);
      const rows = (await ctx.em.find(Inspector, { certificateNumber: normalizeCertificate(certificateNumber) } as never, { orderBy: { validFrom: 'asc', id: 'asc' } as never })) as I[];
      return versionPage(rows, first, after);
    }

    @Mutation(() => Inspector, { name: `add${Prefix}Inspector`, description: `Adds a certified inspector to the directory of ${department}.` })
    async addInspector(
      @Arg('input', () => InspectorInput, { description: 'The values to write.' }) input: InspectorInput,
      @Arg('reason', () => String, { nullable: true, description: 'Why (recorded with the change; required unless marked optional).' }) reason: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<I> {
      const certificateNumber = normalizeCertificate(input.certificateNumber ?? '');
      if (!CERTIFICATE.test(certificateNumber)) {
        throw badInput('input.certificateNumber', `执法证号“${input.certificateNumber}”格式不对（6–32位数字、大写字母或连字符） / certificate number "${input.certificateNumber}" must be 6–32 digits, capital letters or hyphens`);
      }
      const status = input.status ?? 'active';
      checkInspectorFields(department, 'input', { name: input.name, brigade: input.brigade, expertise: input.expertise, status });
      const why = optionalReason('reason', reason, '纳入执法检查人员名录 / added to the inspector directory');
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
      return uniqueOrConflict('input.certificateNumber', INSPECTOR_CONFLICT(certificateNumber), () =>
        ctx.em.transactional(async (tx) => {
          const versions = (await tx.find(Inspector, { certificateNumber } as never)) as I[];
          if (versions.some((v) => v.validTo == null)) throw userError('CONFLICT', INSPECTOR_CONFLICT(certificateNumber), { field: 'input.certificateNumber' });
          const from = effectiveAt('effectiveFrom', given, ...versions.map((v) => v.validTo));
          const inspector = tx.create(Inspector, {
            certificateNumber,
            name: input.name.trim(),
            brigade: input.brigade ?? null,
            expertise: [...new Set(input.expertise)],
            status,
            validFrom: from,
            changedBy: ctx.identity.subject,
            changeReason: why,
          } as never);
          await tx.flush();
          return inspector;
        }),
      );
    }

    @Mutation(() => Inspector, {
      name: `update${Prefix}Inspector`,
      description: 'Changes name, brigade, expertise or status: closes the current version and starts a new one.',
    })
    async updateInspector(
      @Arg('certificateNumber', () => String, { description: 'Enforcement certificate number (执法证号).' }) certificateNumber: string,
      @Arg('input', () => InspectorChangeInput, { description: 'The values to write.' }) input: InspectorChangeInput,
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<I> {
      const why = requireReason('reason', reason);
      const changes = Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== undefined)) as InspectorChangeInput;
      if (Object.keys(changes).length === 0) throw badInput('input', '没有要修改的字段 / nothing to change: give at least one field');
      if (changes.expertise === null) throw badInput('input.expertise', '专长不能为null，可传空列表 / expertise cannot be null; pass an empty list');
      checkInspectorFields(department, 'input', changes);
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
      const cert = normalizeCertificate(certificateNumber);
      return uniqueOrConflict('certificateNumber', concurrentChange('certificateNumber').message, () =>
        ctx.em.transactional(async (tx) => {
          const current = await currentInspector(tx, cert);
          const from = effectiveAt('effectiveFrom', given, current.validFrom);
          await closeVersion(tx, Inspector, current.id, from, ctx.identity.subject, why, 'certificateNumber');
          const inspector = tx.create(Inspector, {
            certificateNumber: cert,
            name: changes.name != null ? changes.name.trim() : current.name,
            brigade: changes.brigade !== undefined ? changes.brigade : current.brigade,
            expertise: changes.expertise != null ? [...new Set(changes.expertise)] : current.expertise,
            status: changes.status ?? current.status,
            validFrom: from,
            changedBy: ctx.identity.subject,
            changeReason: why,
          } as never);
          await tx.flush();
          return inspector;
        }),
      );
    }

    @Mutation(() => InspectorConflict, {
      name: `declare${Prefix}InspectorConflict`,
      description: 'Records a conflict of interest (回避): the inspector will not be drawn for this business while it applies.',
    })
    async declareConflict(
      @Arg('certificateNumber', () => String, { description: 'Enforcement certificate number (执法证号).' }) certificateNumber: string,
      @Arg('uscc', () => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc: string,
      @Arg('kind', () => ConflictKind, { description: 'Why the inspector must not inspect the business (回避事由).' }) kind: string,
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Arg('declaredOn', () => DateScalar, { nullable: true, description: 'Date of the declaration; today when omitted.' }) declaredOn: string | null,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorConflict> {
      const code = requireUscc('uscc', uscc);
      if (!Object.hasOwn(CONFLICT_KINDS, kind)) {
        throw badInput('kind', `回避类型“${kind}”无效，应为：${Object.entries(CONFLICT_KINDS).map(([k, v]) => `${k}（${v}）`).join('、')} / kind must be one of ${Object.keys(CONFLICT_KINDS).join(', ')}`);
      }
      const why = requireReason('reason', reason);
      const now = clock.now();
      const on = declaredOn ? requireDate('declaredOn', declaredOn) : countyDate(now);
      const from = parseEffectiveFrom('effectiveFrom', effectiveFrom, now) ?? now;
      const cert = normalizeCertificate(certificateNumber);
      return ctx.em.transactional(async (tx) => {
        await currentInspector(tx, cert);
        if (await tx.findOne(InspectorConflict, { certificateNumber: cert, uscc: code, kind, validTo: null })) {
          throw userError('CONFLICT', `该回避事项已申报 / this conflict of interest is already declared`, { field: 'uscc' });
        }
        const conflict = tx.create(InspectorConflict, {
          certificateNumber: cert,
          uscc: code,
          kind,
          declaredOn: on,
          validFrom: from,
          changedBy: ctx.identity.subject,
          reason: why,
        });
        await tx.flush();
        return conflict;
      });
    }

    @Mutation(() => InspectorConflict, { name: `withdraw${Prefix}InspectorConflict`, description: 'Ends a declared conflict of interest (kept in the history).' })
    async withdrawConflict(
      @Arg('id', () => Int, { description: 'Its id, as returned when it was created.' }) id: number,
      @Arg('reason', () => String, { description: 'Why (recorded with the change; required unless marked optional).' }) reason: string,
      @Arg('effectiveFrom', () => DateTimeScalar, { nullable: true, description: 'Back-dating: when the change takes effect; now when omitted; never in the future, never before the current version.' })
      effectiveFrom: Date | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<InspectorConflict> {
      const why = requireReason('reason', reason);
      const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
      return ctx.em.transactional(async (tx) => {
        const conflict = await tx.findOne(InspectorConflict, { id });
        if (!conflict) throw notFound('id', `本部门没有编号为${id}的回避申报 / this department has no declared conflict ${id}`);
        if (conflict.validTo) throw userError('CONFLICT', `回避申报${id}已撤回 / conflict ${id} was already withdrawn`, { field: 'id' });
        const from = effectiveAt('effectiveFrom', given, conflict.validFrom);
        await closeVersion(tx, InspectorConflict, id, from, ctx.identity.subject, why, 'id');
        return tx.findOneOrFail(InspectorConflict, { id }, { refresh: true });
      });
    }

    // ----- department contract ----------------------------------------------------------------

    @Query(() => [DepartmentTarget], {
      name: CONTRACT_TARGETS_QUERY,
      description: 'Department contract: which of these businesses are in this department\'s target directory (now).',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentTargets(
      @Arg('usccs', () => [String]) usccs: string[],
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentTarget[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      const rows = (await ctx.em.find(Target, { uscc: { $in: usccs }, validTo: null } as never, { orderBy: { uscc: 'asc' } as never })) as T[];
      return rows.map((r) => ({ department, uscc: r.uscc, supervisedSince: String(r.supervisedSince) }));
    }

    @Query(() => [String], {
      name: CONTRACT_TARGET_LIST_QUERY,
      description: "Department contract: the USCC of every business in this department's target directory now, in code-point order (the pool of a joint draw).",
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentTargetList(@Ctx() ctx: SubgraphContext): Promise<string[]> {
      // Plain rows, one statement: a department may supervise tens of thousands of businesses.
      return (await currentTargets(ctx.em, Target)).map((t) => t.uscc);
    }

    @Query(() => [DepartmentTargetTag], {
      name: CONTRACT_TAGS_QUERY,
      description: 'Department contract: the tags (标注) of these businesses that apply at asOf (rectification, complaint-12m…), one statement.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async departmentActiveTags(
      @Arg('usccs', () => [String]) usccs: string[],
      @Arg('asOf', () => String, { description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentTargetTag[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      const tags = await activeTags(ctx.em, usccs, parseAsOf('asOf', asOf) ?? clock.now());
      return [...tags.values()].flat().map((t) => ({ department, uscc: t.uscc, key: t.key, value: t.value }));
    }
  }
  // Directory files (import/export) and the certificate contract other departments' imports ask.
  const exchange = createDirectoryExchangeResolvers({
    department,
    prefix,
    entities: { Target, Inspector },
    mayReadPersonalData: (identity) => canSeePersonalData(identity, department),
  });
  // Incoming referrals (移交) and the contract mutation other services deliver them through.
  const referrals = createReferralResolvers({ department, prefix, Target });
  return [DepartmentResolver, EnterpriseTargetResolver, TargetFieldsResolver, InspectorFieldsResolver, ...exchange, ...referrals] as const;
}
