import { DateScalar } from '../../shared/platform/scalars.js';
import { Field, InputType } from 'type-graphql';
import { createDepartmentResolvers } from '../../shared/department/kit.js';
import { TargetFilterBase } from '../../shared/department/inputs.js';
import { remoteRegister } from '../../shared/department/register.js';
import { badInput } from '../../shared/platform/errors.js';

const VENUE_CATEGORIES = { 'crowded-venue': '人员密集场所', flammable: '易燃易爆场所', general: '一般单位' };
import { Enterprise, FireRescueInspector, FireRescueInspectorConnection, FireRescueTarget } from './entities.js';

@InputType('FireRescueTargetInput', { description: 'A business to add to the target directory of fire-rescue.' })
export class FireRescueTargetInput {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  uscc!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the business enters the directory; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { description: 'crowded-venue, flammable or general.' })
  venueCategory!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Key fire-safety unit (消防安全重点单位).' })
  keyFireSafetyUnit?: boolean;
}

@InputType('FireRescueTargetChangeInput', { description: 'Only the fields given change.' })
export class FireRescueTargetChangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'New date the business entered the directory.' })
  supervisedSince?: string | null;

  @Field(() => String, { nullable: true, description: 'crowded-venue, flammable or general.' })
  venueCategory?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Key fire-safety unit (消防安全重点单位).' })
  keyFireSafetyUnit?: boolean | null;
}

@InputType('FireRescueTargetFilter', { description: 'Conditions on the targets of fire-rescue, all of which must hold.' })
export class FireRescueTargetFilter extends TargetFilterBase {
  @Field(() => String, { nullable: true, description: 'crowded-venue, flammable or general.' })
  venueCategory?: string | null;

  @Field(() => Boolean, { nullable: true, description: '消防安全重点单位 only (true) or none of them (false).' })
  keyFireSafetyUnit?: boolean | null;
}

const checkVenueCategory = (field: string, category: string | null | undefined) => {
  if (category == null || !Object.hasOwn(VENUE_CATEGORIES, category)) {
    throw badInput(field, `场所类别“${category}”无效，应为：${Object.entries(VENUE_CATEGORIES).map(([k, v]) => `${k}（${v}）`).join('、')} / venue category must be one of ${Object.keys(VENUE_CATEGORIES).join(', ')}`);
  }
};

export const fireRescueResolvers = createDepartmentResolvers({
  department: 'fire-rescue',
  prefix: 'fireRescue',
  Inspector: FireRescueInspector,
  InspectorConnection: FireRescueInspectorConnection,
  Target: FireRescueTarget,
  Enterprise,
  TargetInput: FireRescueTargetInput,
  TargetChangeInput: FireRescueTargetChangeInput,
  TargetFilter: FireRescueTargetFilter,
  targetFilterWhere: (filter: FireRescueTargetFilter) => {
    const where: Record<string, unknown> = {};
    if (filter.venueCategory != null) {
      checkVenueCategory('filter.venueCategory', filter.venueCategory);
      where.venueCategory = filter.venueCategory;
    }
    if (filter.keyFireSafetyUnit != null) where.keyFireSafetyUnit = filter.keyFireSafetyUnit;
    return where;
  },
  register: remoteRegister,
  validateTargetInput: (input: FireRescueTargetInput, field: string) => {
    checkVenueCategory(`${field}.venueCategory`, input.venueCategory);
    if (input.keyFireSafetyUnit == null) throw badInput(`${field}.keyFireSafetyUnit`, '是否消防安全重点单位不能为空 / keyFireSafetyUnit cannot be null');
  },
});
