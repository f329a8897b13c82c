import { Field, InputType } from 'type-graphql';
import { createDepartmentResolvers } from '../../shared/department-kit.js';
import { remoteRegister } from '../../shared/register.js';
import { badInput } from '../../shared/errors.js';
import { findDepartment } from '../../shared/departments.js';

const BRIGADES = findDepartment('public-security')!.brigades;
import { Enterprise, PublicSecurityInspector, PublicSecurityInspectorConnection, PublicSecurityTarget } from './entities.js';

@InputType('PublicSecurityTargetInput')
export class PublicSecurityTargetInput {
  @Field(() => String)
  uscc!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted.' })
  supervisedSince?: string | null;

  @Field(() => String, { description: 'public-order, cyber-security or criminal-investigation.' })
  brigade!: string;

  @Field(() => String, { nullable: true })
  specialTradeLicence?: string | null;
}

export const publicSecurityResolvers = createDepartmentResolvers({
  department: 'public-security',
  prefix: 'publicSecurity',
  Inspector: PublicSecurityInspector,
  InspectorConnection: PublicSecurityInspectorConnection,
  Target: PublicSecurityTarget,
  Enterprise,
  TargetInput: PublicSecurityTargetInput,
  register: remoteRegister,
  validateTargetInput: (input: PublicSecurityTargetInput) => {
    if (!BRIGADES.some((b) => b.code === input.brigade)) {
      throw badInput('input.brigade', `“${input.brigade}”不是公安局的大队，应为：${BRIGADES.map((b) => `${b.code}（${b.nameZh}）`).join('、')} / "${input.brigade}" is not a brigade of public security; use one of ${BRIGADES.map((b) => b.code).join(', ')}`);
    }
  },
});
