import { Field, InputType } from 'type-graphql';
import { createDepartmentResolvers } from '../../shared/department-kit.js';
import { remoteRegister } from '../../shared/register.js';
import { badInput } from '../../shared/errors.js';

const VENUE_CATEGORIES = { 'crowded-venue': '人员密集场所', flammable: '易燃易爆场所', general: '一般单位' };
import { Enterprise, FireRescueInspector, FireRescueInspectorConnection, FireRescueTarget } from './entities.js';

@InputType('FireRescueTargetInput')
export class FireRescueTargetInput {
  @Field(() => String)
  uscc!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { description: 'crowded-venue, flammable or general.' })
  venueCategory!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  keyFireSafetyUnit?: boolean;
}

export const fireRescueResolvers = createDepartmentResolvers({
  department: 'fire-rescue',
  prefix: 'fireRescue',
  Inspector: FireRescueInspector,
  InspectorConnection: FireRescueInspectorConnection,
  Target: FireRescueTarget,
  Enterprise,
  TargetInput: FireRescueTargetInput,
  register: remoteRegister,
  validateTargetInput: (input: FireRescueTargetInput) => {
    if (!Object.hasOwn(VENUE_CATEGORIES, input.venueCategory)) {
      throw badInput('input.venueCategory', `场所类别“${input.venueCategory}”无效，应为：${Object.entries(VENUE_CATEGORIES).map(([k, v]) => `${k}（${v}）`).join('、')} / venue category must be one of ${Object.keys(VENUE_CATEGORIES).join(', ')}`);
    }
  },
});
