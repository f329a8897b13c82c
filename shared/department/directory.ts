import { Entity, OptionalProps, Index, PrimaryKey, Property, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';
import { ConflictKind, TagSource, tagSourceOf } from '../platform/enums.js';
import type { InspectorBase, SupervisedTargetBase } from './entities.js';
import { countyDate, validAt } from '../domain/history.js';
// Code-point order: results do not depend on the database's collation (draws must be reproducible).
import { byKey } from '../platform/pagination.js';
import { textArray } from '../platform/orm.js';

/**
 * The target and inspector directories as the draw engine and other department-side code read
 * them: plain data, straight from the department's own database (these run inside a department
 * subgraph, on its EntityManager). Also the two tables every department database has in the same
 * shape: `target_tag` (tags on targets) and `inspector_conflict` (declared conflicts of interest).
 */

/** Tag keys (标注) on targets. Extend here; filters and the draw engine use the same words. */
export const TAG_KEYS: Record<string, string> = {
  'high-risk': '高风险',
  'complaint-12m': '近12个月有投诉举报',
  rectification: '责令整改中',
  referral: '有移交线索',
  'licence-type': '持有某类许可证（value 为许可证类别）',
  // A licence application awaiting its on-site check: the check is licence-driven, exempt from the repeat rules.
  'licence-pending': '许可申请待现场核查（value 为许可证类别）',
  'good-record-36m': '近36个月无违法记录',
};

export const CONFLICT_KINDS: Record<string, string> = {
  relative: '近亲属关系',
  shareholding: '持股或投资关系',
  'former-employer': '曾任职',
  other: '其他利害关系',
};

@ObjectType('TargetTag', { description: 'A tag (标注) on a target of one department: risk, complaint, rectification, licence… Dates are county dates.' })
@Directive('@shareable')
@Entity({ tableName: 'target_tag' })
@Index({ name: 'target_tag_uscc_index', properties: ['uscc'] })
export class TargetTag {
  [OptionalProps]?: 'sourceKind';

  @Field(() => Int, { description: 'Pass to revoke…TargetTag.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => String, { description: `One of: ${Object.keys(TAG_KEYS).join(', ')}.` })
  @Property({ type: 'string', length: 32 })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Detail, e.g. the licence type for licence-type.' })
  @Property({ type: 'string', length: 200, nullable: true })
  value?: string | null;

  /** Stored source: a TagSource value, or `referral:<department>` for a received referral. */
  @Property({ type: 'string', length: 64 })
  source!: string;

  @Field(() => TagSource, { name: 'source', description: 'Where the tag comes from (标注来源).' })
  get sourceKind(): TagSource {
    return tagSourceOf(this.source);
  }

  @Field(() => DateScalar, { description: 'First day the tag applies.' })
  @Property({ type: 'date', columnType: 'date' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the tag applies (inclusive); null = open-ended.' })
  @Property({ type: 'date', columnType: 'date', nullable: true })
  validUntil?: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => String, { description: 'Who recorded it (token subject).' })
  @Property({ type: 'string', length: 128 })
  createdBy!: string;

  @Field(() => String, { description: 'Why (as recorded).' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was revoked; it no longer applies from then on.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Who revoked it (token subject).' })
  @Property({ type: 'string', length: 128, nullable: true })
  revokedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  @Property({ type: 'text', nullable: true })
  revokeReason?: string | null;
}

/** Whether a tag applies at an instant: inside its county-date period and not yet revoked. */
export function tagAppliesAt(tag: Pick<TargetTag, 'validFrom' | 'validUntil' | 'revokedAt'>, at: Date): boolean {
  const day = countyDate(at);
  return tag.validFrom <= day && (tag.validUntil == null || tag.validUntil >= day) && (tag.revokedAt == null || tag.revokedAt.getTime() > at.getTime());
}

@ObjectType('InspectorConflict', { description: 'A declared conflict of interest (回避): the inspector must not be drawn for this business.' })
@Directive('@shareable')
@Entity({ tableName: 'inspector_conflict' })
@Index({ name: 'inspector_conflict_certificate_number_index', properties: ['certificateNumber'] })
export class InspectorConflict {
  @Field(() => Int, { description: 'Pass to withdraw…InspectorConflict.' })
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Enforcement certificate number (执法证号).' })
  @Property({ type: 'string', length: 32 })
  certificateNumber!: string;

  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => ConflictKind, { description: 'Why the inspector must not inspect this business (回避事由).' })
  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Field(() => DateScalar, { description: 'Date of the declaration (申报日期).' })
  @Property({ type: 'date', columnType: 'date' })
  declaredOn!: string;

  @Field(() => DateTimeScalar, { description: 'When it took effect.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was withdrawn; null while it applies.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  @Field(() => String, { description: 'Who made this version (token subject).' })
  @Property({ type: 'string', length: 128 })
  changedBy!: string;

  @Field(() => String, { description: 'Why (as recorded).' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Who withdrew it.' })
  @Property({ type: 'string', length: 128, nullable: true })
  closedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' })
  @Property({ type: 'text', nullable: true })
  closeReason?: string | null;
}

/** Entities every department database has; each department adds them to its `entities`. */
export const DIRECTORY_ENTITIES = [TargetTag, InspectorConflict];

// ---------------------------------------------------------------------------------------------
// Readers for the draw engine. Deterministic order (by USCC / certificate number).

export interface CurrentTarget {
  uscc: string;
  supervisedSince: string;
  brigade?: string | null;
}

/** The department's targets valid at `asOf` (the current ones when omitted), by USCC. */
export async function currentTargets(em: EntityManager, Target: EntityClass<SupervisedTargetBase>, asOf?: Date): Promise<CurrentTarget[]> {
  // `brigade` is a department's own column (public security has brigades), known to the ORM metadata only.
  const hasBrigade = Object.hasOwn(em.getMetadata().get(Target.name).properties, 'brigade');
  // Plain rows, no entities: a department may have tens of thousands of targets.
  const rows = await em
    .createQueryBuilder(Target)
    .select(['uscc', 'supervisedSince', ...(hasBrigade ? ['brigade'] : [])])
    .where(validAt(asOf))
    .execute<{ uscc: string; supervisedSince: string; brigade?: string | null }[]>('all', true);
  rows.sort((a, b) => byKey(a.uscc, b.uscc));
  return rows.map((r) => ({ uscc: r.uscc, supervisedSince: String(r.supervisedSince), brigade: hasBrigade ? (r.brigade ?? null) : null }));
}

export interface ActiveTag {
  uscc: string;
  key: string;
  value: string | null;
  source: string;
}

const USCC_SHAPE = /^[0-9A-Z]{18}$/;

/**
 * Tags that apply at `asOf` to these businesses, one SQL statement however many. Every requested
 * USCC is a key of the result (an empty list when it has none); tags sorted by key, then value (null first).
 */
export async function activeTags(em: EntityManager, usccs: string[], asOf: Date): Promise<Map<string, ActiveTag[]>> {
  const wanted = [...new Set(usccs)].filter((u) => USCC_SHAPE.test(u));
  const out = new Map<string, ActiveTag[]>(usccs.map((u) => [u, []]));
  if (wanted.length === 0) return out;
  const day = countyDate(asOf);
  // One array parameter (not one parameter per USCC): any pool size fits in one statement.
  const rows = (await em.getConnection().execute(
    `select uscc, key, value, source from target_tag
      where uscc = any(?::text[]) and valid_from <= ? and (valid_until is null or valid_until >= ?)
        and (revoked_at is null or revoked_at > ?)
      order by id`,
    [textArray(wanted), day, day, asOf.toISOString()],
    'all',
    em.getTransactionContext(),
  )) as ActiveTag[];
  for (const r of rows) out.get(r.uscc)!.push({ uscc: r.uscc, key: r.key, value: r.value ?? null, source: r.source });
  for (const tags of out.values()) tags.sort((a, b) => byKey(a.key, b.key) || byKey(a.value ?? '', b.value ?? ''));
  return out;
}

export interface InspectorForDraw {
  certificateNumber: string;
  name: string;
  brigade: string | null;
  expertise: string[];
  status: 'active' | 'suspended' | 'retired';
  conflicts: string[] /* USCCs */;
}

/**
 * The inspector directory valid at `asOf` (current when omitted), every status, by certificate
 * number, each with the USCCs of its conflicts of interest that apply at that time (sorted).
 */
export async function inspectorsForDraw(em: EntityManager, Inspector: EntityClass<InspectorBase>, asOf?: Date): Promise<InspectorForDraw[]> {
  const [inspectors, conflicts] = await Promise.all([
    em.find(Inspector, validAt(asOf), { disableIdentityMap: true }),
    em.find(InspectorConflict, validAt(asOf), { disableIdentityMap: true }),
  ]);
  const byCertificate = new Map<string, Set<string>>();
  for (const c of conflicts) {
    if (!byCertificate.has(c.certificateNumber)) byCertificate.set(c.certificateNumber, new Set());
    byCertificate.get(c.certificateNumber)!.add(c.uscc);
  }
  inspectors.sort((a, b) => byKey(a.certificateNumber, b.certificateNumber));
  return inspectors.map((i) => ({
    certificateNumber: i.certificateNumber,
    name: i.name,
    brigade: i.brigade ?? null,
    expertise: [...i.expertise],
    status: i.status,
    conflicts: [...(byCertificate.get(i.certificateNumber) ?? [])].sort(byKey),
  }));
}
