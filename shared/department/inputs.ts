import { Field, InputType } from 'type-graphql';
import { CreditRiskClass, InspectorStatus as InspectorStatusEnum, TagSource } from '../platform/enums.js';
import { DateScalar } from '../platform/scalars.js';
import { TAG_KEYS } from './directory.js';

/**
 * GraphQL inputs every department has in the same shape (same names in every subgraph, so they
 * compose). A department's own target inputs (`<Department>TargetInput`, its filter) are in its
 * folder; its filter extends TargetFilterBase.
 */

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
