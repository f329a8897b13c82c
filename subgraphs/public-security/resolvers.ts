import { DateScalar } from '../../shared/platform/scalars.js';
import { Field, InputType } from 'type-graphql';
import { createDepartmentResolvers } from '../../shared/department/kit.js';
import { TargetFilterBase } from '../../shared/department/inputs.js';
import { remoteRegister } from '../../shared/department/register.js';
import { badInput } from '../../shared/platform/errors.js';
import { findDepartment } from '../../shared/domain/departments.js';

const BRIGADES = findDepartment('public-security')!.brigades;
import { Enterprise, PublicSecurityInspector, PublicSecurityInspectorConnection, PublicSecurityTarget } from './entities.js';

@InputType('PublicSecurityTargetInput', { description: 'A business to add to the target directory of public-security.' })
export class PublicSecurityTargetInput {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  uscc!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date the business enters the directory; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { description: 'public-order, cyber-security or criminal-investigation.' })
  brigade!: string;

  @Field(() => String, { nullable: true, description: 'Special-trade licence number (特种行业许可证号).' })
  specialTradeLicence?: string | null;
}

@InputType('PublicSecurityTargetChangeInput', { description: 'Only the fields given change; specialTradeLicence: null clears it.' })
export class PublicSecurityTargetChangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'New date the business entered the directory.' })
  supervisedSince?: string | null;

  @Field(() => String, { nullable: true, description: 'public-order, cyber-security or criminal-investigation.' })
  brigade?: string | null;

  @Field(() => String, { nullable: true, description: 'Special-trade licence number (特种行业许可证号).' })
  specialTradeLicence?: string | null;
}

@InputType('PublicSecurityTargetFilter', { description: 'Conditions on the targets of public-security, all of which must hold.' })
export class PublicSecurityTargetFilter extends TargetFilterBase {
  @Field(() => String, { nullable: true, description: 'Brigade in charge.' })
  brigade?: string | null;
}

const checkBrigade = (field: string, brigade: string | null | undefined) => {
  if (!BRIGADES.some((b) => b.code === brigade)) {
    throw badInput(field, `“${brigade}”不是公安局的大队，应为：${BRIGADES.map((b) => `${b.code}（${b.nameZh}）`).join('、')} / "${brigade}" is not a brigade of public security; use one of ${BRIGADES.map((b) => b.code).join(', ')}`);
  }
};

export const publicSecurityResolvers = createDepartmentResolvers({
  department: 'public-security',
  prefix: 'publicSecurity',
  Inspector: PublicSecurityInspector,
  InspectorConnection: PublicSecurityInspectorConnection,
  Target: PublicSecurityTarget,
  Enterprise,
  TargetInput: PublicSecurityTargetInput,
  TargetChangeInput: PublicSecurityTargetChangeInput,
  TargetFilter: PublicSecurityTargetFilter,
  targetFilterWhere: (filter: PublicSecurityTargetFilter) => {
    if (filter.brigade == null) return {};
    checkBrigade('filter.brigade', filter.brigade);
    return { brigade: filter.brigade };
  },
  register: remoteRegister,
  validateTargetInput: (input: PublicSecurityTargetInput, field: string) => checkBrigade(`${field}.brigade`, input.brigade),
});
