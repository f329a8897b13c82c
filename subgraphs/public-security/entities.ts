import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { InspectorBase, SupervisedTargetBase } from '../../shared/department/entities.js';
import { Connection } from '../../shared/platform/pagination.js';
import { defineEnterpriseReference } from '../../shared/platform/enterprise-reference.js';

/** The register's business, extended here with this department's target record. */
export const Enterprise = defineEnterpriseReference();

/** Public security's target directory: special trades (hotels, entertainment venues, internet cafés, scrap). */
@ObjectType('PublicSecurityTarget', { implements: SupervisedTargetBase, description: 'A business in the target directory (检查对象名录) of public-security, one version.' })
@Entity({ tableName: 'supervised_target' })
export class PublicSecurityTarget extends SupervisedTargetBase {
  @Field(() => String, { description: 'Brigade in charge: public-order, cyber-security or criminal-investigation.' })
  @Property({ type: 'string', length: 32 })
  brigade!: string;

  @Field(() => String, { nullable: true, description: '特种行业许可证号: special-trade licence, where the trade needs one.' })
  @Property({ type: 'string', length: 40, nullable: true })
  specialTradeLicence?: string | null;
}

@ObjectType('PublicSecurityInspector', { implements: InspectorBase, description: 'An inspector (执法检查人员) in the directory of public-security, one version.' })
@Entity({ tableName: 'inspector' })
export class PublicSecurityInspector extends InspectorBase {}

export const PublicSecurityInspectorConnection = Connection(PublicSecurityInspector, 'PublicSecurityInspectorConnection');

export const entities = [PublicSecurityTarget, PublicSecurityInspector];
