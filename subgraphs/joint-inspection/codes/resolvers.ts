import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONTRACT_INSPECTOR_NAMES_QUERY, InspectorShown } from '../../../shared/department/contract.js';
import { DEPARTMENT_CODES } from '../../../shared/domain/departments.js';
import { badInput } from '../../../shared/platform/errors.js';
import { callSubgraph } from '../../../shared/platform/service-client.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { DateScalar } from '../../../shared/platform/scalars.js';
import { chinaToday, codeKeys } from '../../../shared/platform/inspection-code.js';
import { checkInspectionCode, InspectionCodeScan } from './service.js';

/** 扫码入企 / 亮证执法: the public scan (the checking itself is in service.ts). */

@Resolver()
export class InspectionCodeResolver {
  @Query(() => String, { description: "The office's Ed25519 public key (PEM, SPKI) that signs inspection codes, for checking them offline." })
  inspectionCodePublicKey(): string {
    return codeKeys().publicPem;
  }

  @Query(() => InspectionCodeScan, { description: '扫码入企: checks an inspection code (signature, record, revocation, validity window). Anyone may ask.' })
  async inspectionCodeScan(
    @Arg('code', () => String, { description: 'The inspection code (检查码) as scanned: base64url payload "." base64url signature.' }) code: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Judge the validity window on this day; default today in China.' })
    asOf: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<InspectionCodeScan> {
    if (asOf != null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw badInput('asOf', '日期格式应为YYYY-MM-DD / asOf must be a date YYYY-MM-DD');
    return checkInspectionCode(ctx, code, asOf ?? chinaToday());
  }
}

const NAMES_QUERY = `query ($certs: [String!]!) { ${CONTRACT_INSPECTOR_NAMES_QUERY}(certificateNumbers: $certs) { certificateNumber name department } }`;

@Resolver(() => InspectionCodeScan)
export class InspectionCodeScanFields {
  @FieldResolver(() => [InspectorShown], {
    description: '亮证执法: the team by name and certificate number, leader first, as the departments\' directories say today. A department that does not answer leaves the name empty.',
  })
  async inspectors(@Root() scan: InspectionCodeScan, @Ctx() ctx: SubgraphContext): Promise<InspectorShown[]> {
    if (!scan.certificateNumbers.length) return [];
    const answers = await Promise.all(
      DEPARTMENT_CODES.map((d) => callSubgraph<{ departmentInspectorNames: InspectorShown[] }>(d, ctx.identity, NAMES_QUERY, { certs: scan.certificateNumbers })),
    );
    const known = new Map(answers.flatMap((a) => (a.ok ? a.data.departmentInspectorNames : [])).map((i) => [i.certificateNumber, i]));
    return scan.certificateNumbers.map((c) => known.get(c) ?? { certificateNumber: c, name: null, department: null });
  }
}
