import { DateScalar } from '../../shared/platform/scalars.js';
import { Field, InputType } from 'type-graphql';
import { createDepartmentResolvers } from '../../shared/department/kit.js';
import { TargetFilterBase } from '../../shared/department/inputs.js';
import { remoteRegister } from '../../shared/department/register.js';
import { badInput } from '../../shared/platform/errors.js';
import { department } from './department.js';
import { Enterprise, HealthInspector, HealthInspectorConnection, HealthTarget } from './entities.js';

// The choices are the manifest's, so that the directory files and the API accept the same ones.
const venueTypes = (() => {
  const c = department.targetColumns.find((c) => c.key === 'venueType')!;
  return c.kind === 'choice' ? c.choices : [];
})();

@InputType('HealthTargetInput', { description: 'A business to add to the target directory of health.' })
export class HealthTargetInput {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  uscc!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the business enters the directory; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { description: 'accommodation, bathing, beauty, entertainment, shopping or other.' })
  venueType!: string;

  @Field(() => String, { nullable: true, description: 'Public-place hygiene licence number (公共场所卫生许可证号).' })
  hygieneLicenceNumber?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Has its own drinking-water facilities (二次供水设施).' })
  drinkingWaterSupply?: boolean;
}

@InputType('HealthTargetChangeInput', { description: 'Only the fields given change; hygieneLicenceNumber: null clears it.' })
export class HealthTargetChangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'New date the business entered the directory.' })
  supervisedSince?: string | null;

  @Field(() => String, { nullable: true, description: 'accommodation, bathing, beauty, entertainment, shopping or other.' })
  venueType?: string | null;

  @Field(() => String, { nullable: true, description: 'Public-place hygiene licence number (公共场所卫生许可证号).' })
  hygieneLicenceNumber?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Has its own drinking-water facilities (二次供水设施).' })
  drinkingWaterSupply?: boolean | null;
}

@InputType('HealthTargetFilter', { description: 'Conditions on the targets of health, all of which must hold.' })
export class HealthTargetFilter extends TargetFilterBase {
  @Field(() => String, { nullable: true, description: 'accommodation, bathing, beauty, entertainment, shopping or other.' })
  venueType?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'With drinking-water facilities (true) or without (false).' })
  drinkingWaterSupply?: boolean | null;
}

const checkVenueType = (field: string, value: string | null | undefined) => {
  if (value == null || !venueTypes.some((c) => c.value === value)) {
    throw badInput(
      field,
      `公共场所类别“${value}”无效，应为：${venueTypes.map((c) => `${c.value}（${c.zh}）`).join('、')} / public-place type must be one of ${venueTypes.map((c) => c.value).join(', ')}`,
    );
  }
};

export const healthResolvers = createDepartmentResolvers({
  department: 'health',
  prefix: 'health',
  Inspector: HealthInspector,
  InspectorConnection: HealthInspectorConnection,
  Target: HealthTarget,
  Enterprise,
  TargetInput: HealthTargetInput,
  TargetChangeInput: HealthTargetChangeInput,
  TargetFilter: HealthTargetFilter,
  targetFilterWhere: (filter: HealthTargetFilter) => {
    const where: Record<string, unknown> = {};
    if (filter.venueType != null) {
      checkVenueType('filter.venueType', filter.venueType);
      where.venueType = filter.venueType;
    }
    if (filter.drinkingWaterSupply != null) where.drinkingWaterSupply = filter.drinkingWaterSupply;
    return where;
  },
  register: remoteRegister,
  validateTargetInput: (input: HealthTargetInput, field: string) => {
    checkVenueType(`${field}.venueType`, input.venueType);
    // Its length is checked by the directory against the column (varchar(40)).
    if (input.hygieneLicenceNumber != null && input.hygieneLicenceNumber.trim() === '') {
      throw badInput(`${field}.hygieneLicenceNumber`, '卫生许可证号不能为空白，没有许可证时不填 / hygieneLicenceNumber must not be blank; leave it out (null) when there is none');
    }
    if (input.drinkingWaterSupply == null) throw badInput(`${field}.drinkingWaterSupply`, '是否有二次供水设施不能为空 / drinkingWaterSupply cannot be null');
  },
});
