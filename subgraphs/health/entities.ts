import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { InspectorBase, SupervisedTargetBase } from '../../shared/department/entities.js';
import { Connection } from '../../shared/platform/pagination.js';
import { defineEnterpriseReference } from '../../shared/platform/enterprise-reference.js';

/** The register's business, extended here with this department's target record. */
export const Enterprise = defineEnterpriseReference();

/** Health's target directory: public places under hygiene licensing and their drinking-water facilities. */
@ObjectType('HealthTarget', { implements: SupervisedTargetBase, description: 'A business in the target directory (检查对象名录) of health, one version.' })
@Entity({ tableName: 'supervised_target' })
export class HealthTarget extends SupervisedTargetBase {
  @Field(() => String, { description: 'Public-place type (公共场所类别): accommodation, bathing, beauty, entertainment, shopping or other.' })
  @Property({ type: 'string', length: 32 })
  venueType!: string;

  @Field(() => String, { nullable: true, description: '公共场所卫生许可证号: public-place hygiene licence; null when the place needs none.' })
  @Property({ type: 'string', length: 40, nullable: true })
  hygieneLicenceNumber?: string | null;

  @Field(() => Boolean, { description: '二次供水设施: the place stores and pumps drinking water itself (tanks, pumps), which health inspects.' })
  @Property({ type: 'boolean' })
  drinkingWaterSupply: boolean = false;
}

@ObjectType('HealthInspector', { implements: InspectorBase, description: 'An inspector (执法检查人员) in the directory of health, one version.' })
@Entity({ tableName: 'inspector' })
export class HealthInspector extends InspectorBase {}

export const HealthInspectorConnection = Connection(HealthInspector, 'HealthInspectorConnection');

export const entities = [HealthTarget, HealthInspector];
