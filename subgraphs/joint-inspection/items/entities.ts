import { SamplingRatios } from '../../../shared/inspection/ratios.js';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Authorized, Field, Int, ObjectType } from 'type-graphql';
import { Department, InspectionMethod } from '../../../shared/platform/enums.js';
import { DateTimeScalar } from '../../../shared/platform/scalars.js';
import { InspectionItemStatus } from '../enums.js';
import { VersionedRow } from '../../../shared/platform/versioned.js';
import { findDepartment } from '../../../shared/domain/departments.js';
import { Connection } from '../../../shared/platform/pagination.js';

/** How an item is checked: on site, or off site (非现场监管) where that suffices. */
export const INSPECTION_METHODS: Record<string, string> = {
  'on-site': '现场检查',
  'document-review': '书面核查',
  'network-monitoring': '网络监测',
  'video-inspection': '视频检查',
};
export const ITEM_STATUSES = ['published', 'withdrawn'] as const;

/**
 * The county's item list (随机抽查事项清单), kept by the double-random office. Effective-dated
 * like the directories: `code` is the item's key (unique among current versions); every
 * publication, change or withdrawal closes the current version and starts a new one.
 */
@ObjectType('InspectionItem', { description: 'An inspection item (随机抽查事项): what may be checked, by whom, how often, how.' })
@Entity({ tableName: 'inspection_item' })
@Unique({
  name: 'inspection_item_current_code',
  expression: 'create unique index "inspection_item_current_code" on "inspection_item" ("code") where "valid_to" is null',
})
@Index({ name: 'inspection_item_code_valid_from_index', properties: ['code', 'validFrom'] })
export class InspectionItem extends VersionedRow {
  [OptionalProps]?: 'departmentName' | 'ratios' | 'claimed';

  @Field(() => String, { description: 'Item code, e.g. PS-PO-001.' })
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Field(() => String, { description: 'Name of the item (事项名称).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Legal basis (抽查依据), e.g. 《旅馆业治安管理办法》第六条.' })
  @Property({ type: 'text' })
  legalBasis!: string;

  @Field(() => Department, { description: 'The department whose item it is.' })
  @Property({ type: 'string', length: 64 })
  department!: string;

  @Field(() => String, { description: "The department's name (中文)." })
  get departmentName(): string {
    return findDepartment(this.department)?.nameZh ?? this.department;
  }

  @Field(() => String, { nullable: true, description: "One of the department's brigades, or null." })
  @Property({ type: 'string', length: 64, nullable: true })
  brigade?: string | null;

  @Field(() => [String], { description: 'GB/T 4754 industries the item applies to.' })
  @Property({ type: 'json' })
  targetIndustries: string[] = [];

  @Field(() => [String], { description: 'Licences the targets hold (e.g. 特种行业许可证), if the item is about one.' })
  @Property({ type: 'json' })
  licenceTypes: string[] = [];

  @Field(() => InspectionMethod, { description: 'How it is checked.' })
  @Property({ type: 'string', length: 32 })
  method!: string;

  @Property({ type: 'integer' })
  ratioA!: number;

  @Property({ type: 'integer' })
  ratioB!: number;

  @Property({ type: 'integer' })
  ratioC!: number;

  @Property({ type: 'integer' })
  ratioD!: number;

  @Field(() => SamplingRatios, { description: 'Sampling ratio per credit-risk class, basis points: 500 = 5 %.' })
  get ratios(): SamplingRatios {
    return { A: this.ratioA, B: this.ratioB, C: this.ratioC, D: this.ratioD };
  }

  @Field(() => Int, { description: "At most this many inspections of one business per year by the item's department." })
  @Property({ type: 'integer' })
  yearlyCap!: number;

  @Field(() => [String], { description: 'Expertise tags the inspection team must cover (matched to the inspector directory).' })
  @Property({ type: 'json' })
  requiredExpertise: string[] = [];

  @Field(() => Int, { description: 'Inspectors per visit, at least 2.' })
  @Property({ type: 'integer' })
  minInspectors!: number;

  @Field(() => Boolean, { description: 'May be merged into a joint inspection with other departments.' })
  @Property({ type: 'boolean' })
  joinable!: boolean;

  @Field(() => InspectionItemStatus, { description: 'On the list, or withdrawn.' })
  @Property({ type: 'string', length: 16 })
  status!: (typeof ITEM_STATUSES)[number];

  // Account names of officials are for signed-in users, not for the public that reads the list.
  @Authorized()
  @Field(() => String, { nullable: true, description: 'Who made this version (token subject). Signed-in users only: null with a field error for others.' })
  changedBy!: string;

  @Authorized()
  @Field(() => String, { nullable: true, description: 'Who closed this version (token subject). Signed-in users only: null with a field error for others.' })
  closedBy?: string | null;

  // Not columns: filled in by the resolvers from item_claim at the time asked about.
  @Field(() => Boolean, { description: "Whether the item's department has claimed it into its list (认领) at that time." })
  claimed!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when it is claimed.' })
  claimedAt?: Date | null;
}

export const InspectionItemConnection = Connection(InspectionItem, 'InspectionItemConnection');

/** A department's claim (认领) of an item into its own list. Effective-dated: unclaiming closes it. */
@Entity({ tableName: 'item_claim' })
@Unique({
  name: 'item_claim_current',
  expression: 'create unique index "item_claim_current" on "item_claim" ("item_code", "department") where "valid_to" is null',
})
export class ItemClaim {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 32 })
  @Index({ name: 'item_claim_item_code_index' })
  itemCode!: string;

  @Property({ type: 'string', length: 64 })
  department!: string;

  /** When the claim took effect (its validFrom). */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  claimedAt!: Date;

  @Property({ type: 'string', length: 128 })
  claimedBy!: string;

  @Property({ type: 'text' })
  claimReason!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  @Property({ type: 'string', length: 128, nullable: true })
  closedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  closeReason?: string | null;
}

export const entities = [InspectionItem, ItemClaim];
