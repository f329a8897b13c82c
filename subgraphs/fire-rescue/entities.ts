import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { InspectorBase, SupervisedTargetBase } from '../../shared/department/entities.js';
import { Connection } from '../../shared/platform/pagination.js';
import { defineEnterpriseReference } from '../../shared/platform/enterprise-reference.js';

/** The register's business, extended here with this department's target record. */
export const Enterprise = defineEnterpriseReference();

/** Fire and rescue's target directory: crowded venues and key fire-safety units. */
@ObjectType('FireRescueTarget', { implements: SupervisedTargetBase, description: 'A business in the target directory (检查对象名录) of fire-rescue, one version.' })
@Entity({ tableName: 'supervised_target' })
export class FireRescueTarget extends SupervisedTargetBase {
  @Field(() => String, { description: 'crowded-venue (人员密集场所), flammable (易燃易爆) or general.' })
  @Property({ type: 'string', length: 32 })
  venueCategory!: string;

  @Field(() => Boolean, { description: '消防安全重点单位: key fire-safety unit.' })
  @Property({ type: 'boolean' })
  keyFireSafetyUnit: boolean = false;
}

@ObjectType('FireRescueInspector', { implements: InspectorBase, description: 'An inspector (执法检查人员) in the directory of fire-rescue, one version.' })
@Entity({ tableName: 'inspector' })
export class FireRescueInspector extends InspectorBase {}

export const FireRescueInspectorConnection = Connection(FireRescueInspector, 'FireRescueInspectorConnection');

export const entities = [FireRescueTarget, FireRescueInspector];
