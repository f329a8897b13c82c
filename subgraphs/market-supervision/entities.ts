import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Authorized, Directive, Field, ObjectType } from 'type-graphql';
import { InspectorBase, SupervisedTargetBase } from '../../shared/department-kit.js';
import { Connection } from '../../shared/pagination.js';
import { INDUSTRIES, REGIONS } from '../../shared/industries.js';

export const CREDIT_RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'deregistered'] as const;

/** The business register (市场主体登记): market supervision is the source of every `Enterprise`. */
@ObjectType('Enterprise', { description: 'A registered business (市场主体), keyed by its USCC.' })
@Directive('@key(fields: "uscc")')
@Entity({ tableName: 'enterprise' })
export class Enterprise {
  @Field(() => String, { description: '统一社会信用代码 (USCC, GB 32100-2015).' })
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => String)
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

  @Field(() => String)
  get regionName(): string {
    return REGIONS[this.regionCode] ?? this.regionCode;
  }

  @Field(() => String, { description: 'operating, suspended or deregistered.' })
  @Property({ type: 'string', length: 16 })
  status!: (typeof ENTERPRISE_STATUSES)[number];

  // Classes are for regulators, not for the public (SAMR credit-risk classification rules).
  @Authorized()
  @Field(() => String, { description: 'Credit-risk class (信用风险分类): A low, B medium, C higher, D high. Signed-in users only.' })
  @Property({ type: 'string', length: 1 })
  @Index()
  creditRiskClass!: (typeof CREDIT_RISK_CLASSES)[number];

  @Field(() => String, { description: 'Registration date (YYYY-MM-DD).' })
  @Property({ type: 'date', columnType: 'date' })
  registeredOn!: string;
}

export const EnterpriseConnection = Connection(Enterprise, 'EnterpriseConnection');

/** Market supervision's own target directory: food, special equipment, metrology. */
@ObjectType('MarketSupervisionTarget')
@Entity({ tableName: 'supervised_target' })
export class MarketSupervisionTarget extends SupervisedTargetBase {
  @Field(() => String, { nullable: true, description: '食品经营许可证编号: food business licence.' })
  @Property({ type: 'string', length: 32, nullable: true })
  foodLicenceNumber?: string | null;

  @Field(() => Number, { description: 'Registered special equipment (lifts, boilers, pressure vessels).' })
  @Property({ type: 'integer' })
  specialEquipmentCount: number = 0;
}

@ObjectType('MarketSupervisionInspector')
@Entity({ tableName: 'inspector' })
export class MarketSupervisionInspector extends InspectorBase {}

export const MarketSupervisionInspectorConnection = Connection(MarketSupervisionInspector, 'MarketSupervisionInspectorConnection');

export const entities = [Enterprise, MarketSupervisionTarget, MarketSupervisionInspector];
