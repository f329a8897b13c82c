import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Authorized, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CreditRiskClass, EnterpriseStatus } from '../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../shared/platform/scalars.js';
import { InspectorBase, SupervisedTargetBase } from '../../shared/department/entities.js';
import { Connection } from '../../shared/platform/pagination.js';
import { INDUSTRIES, REGIONS } from '../../shared/domain/industries.js';

export const CREDIT_RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'deregistered'] as const;

/** The business register (市场主体登记): market supervision is the source of every `Enterprise`. */
@ObjectType('Enterprise', { description: 'A registered business (市场主体), keyed by its USCC.' })
@Directive('@key(fields: "uscc")')
@Entity({ tableName: 'enterprise' })
export class Enterprise {
  [PrimaryKeyProp]?: 'uscc';

  @Field(() => String, { description: '统一社会信用代码 (USCC, GB 32100-2015).' })
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => String, { description: 'Name.' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { description: 'Industry, GB/T 4754-2017 four-digit code.' })
  @Property({ type: 'string', length: 4 })
  @Index()
  industryCode!: string;

  @Field(() => String, { description: 'Industry name in Chinese.' })
  get industryName(): string {
    return INDUSTRIES[this.industryCode]?.nameZh ?? this.industryCode;
  }

  @Field(() => String, { description: 'Township-level administrative division code (9 digits).' })
  @Property({ type: 'string', length: 12 })
  @Index()
  regionCode!: string;

  @Field(() => String, { description: 'Township name (乡镇).' })
  get regionName(): string {
    return REGIONS[this.regionCode] ?? this.regionCode;
  }

  @Field(() => EnterpriseStatus, { description: 'Registration status (经营状态).' })
  @Property({ type: 'string', length: 16 })
  status!: (typeof ENTERPRISE_STATUSES)[number];

  // Classes are for regulators, not for the public (SAMR credit-risk classification rules).
  @Authorized()
  @Field(() => CreditRiskClass, { nullable: true, description: 'Credit-risk class (信用风险分类): A low … D high. Signed-in users only (null with an UNAUTHENTICATED error otherwise).' })
  @Property({ type: 'string', length: 1 })
  @Index()
  creditRiskClass!: (typeof CREDIT_RISK_CLASSES)[number];

  @Field(() => DateScalar, { description: 'Registration date (成立日期).' })
  @Property({ type: 'date', columnType: 'date' })
  registeredOn!: string;
}

export const EnterpriseConnection = Connection(Enterprise, 'EnterpriseConnection');

/**
 * One period of a business's credit-risk class (信用风险分类历史): the class from `since` until
 * `until` (exclusive; null = still in force). Exactly one open period per business (a partial
 * unique index), always equal to `Enterprise.creditRiskClass`. A monthly reclassification closes
 * the open period and opens a new one only where the class changes.
 */
@ObjectType('CreditRiskClassChange', { description: 'A period of a business\'s credit-risk class, from a reclassification batch.' })
@Entity({ tableName: 'credit_risk_class_history' })
@Index({ properties: ['enterprise', 'since'] })
@Index({
  name: 'credit_risk_class_history_open_unique',
  expression: 'create unique index "credit_risk_class_history_open_unique" on "credit_risk_class_history" ("uscc") where "until" is null',
})
export class CreditRiskClassChange {
  [OptionalProps]?: 'id' | 'uscc' | 'importedAtIso';

  @Field(() => ID, { description: 'Id (pass it to the mutations that act on it).' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  // A foreign key to the register; loaded as a reference only (its key is all we read).
  @ManyToOne(() => Enterprise, { fieldName: 'uscc' })
  enterprise!: Enterprise;

  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  get uscc(): string {
    return this.enterprise.uscc;
  }

  @Field(() => CreditRiskClass, { description: 'The class in this period.' })
  @Property({ type: 'string', length: 1, fieldName: 'class' })
  creditRiskClass!: (typeof CREDIT_RISK_CLASSES)[number];

  @Field(() => DateScalar, { description: 'First day of the class.' })
  @Property({ type: 'date', columnType: 'date' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the next class; null while in force.' })
  @Property({ type: 'date', columnType: 'date', nullable: true })
  until?: string | null;

  @Field(() => String, { description: 'The batch that set it: `<file name>@sha256:<hex>`, or `demo-seed`.' })
  @Property({ type: 'string', length: 400 })
  sourceBatch!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  importedAt!: Date;

  @Field(() => DateTimeScalar, { name: 'importedAt', description: 'When the batch was applied.' })
  get importedAtIso(): Date {
    return new Date(this.importedAt);
  }

  @Field(() => String, { description: 'Who applied it (token subject, or cli:<user> for the command).' })
  @Property({ type: 'string', length: 128 })
  importedBy!: string;
}

/** Market supervision's own target directory: food, special equipment, metrology. */
@ObjectType('MarketSupervisionTarget', { implements: SupervisedTargetBase, description: 'A business in the target directory (检查对象名录) of market-supervision, one version.' })
@Entity({ tableName: 'supervised_target' })
export class MarketSupervisionTarget extends SupervisedTargetBase {
  @Field(() => String, { nullable: true, description: '食品经营许可证编号: food business licence.' })
  @Property({ type: 'string', length: 32, nullable: true })
  foodLicenceNumber?: string | null;

  @Field(() => Int, { description: 'Registered special equipment (特种设备: lifts, boilers, pressure vessels).' })
  @Property({ type: 'integer' })
  specialEquipmentCount: number = 0;
}

@ObjectType('MarketSupervisionInspector', { implements: InspectorBase, description: 'An inspector (执法检查人员) in the directory of market-supervision, one version.' })
@Entity({ tableName: 'inspector' })
export class MarketSupervisionInspector extends InspectorBase {}

export const MarketSupervisionInspectorConnection = Connection(MarketSupervisionInspector, 'MarketSupervisionInspectorConnection');

export const entities = [Enterprise, CreditRiskClassChange, MarketSupervisionTarget, MarketSupervisionInspector];
