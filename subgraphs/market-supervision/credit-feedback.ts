import { Department } from '../../shared/platform/enums.js';
import { DateScalar, DateTimeScalar } from '../../shared/platform/scalars.js';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, InputType, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { isKnownOrganisation } from '../../shared/domain/departments.js';
import { badInput, notFound, requireUscc, userError } from '../../shared/platform/errors.js';
import { countyDate, lastDayOfMonths } from '../../shared/domain/history.js';
import { insertOnce, parseAsOf } from '../../shared/platform/versioned.js';
import { PROBLEM_RESULT_CODES, RESULT_CODES } from '../../shared/domain/result-codes.js';
import type { SubgraphContext } from '../../shared/platform/subgraph.js';
import { Enterprise } from './entities.js';
import * as clock from '../../shared/platform/clock.js';

/**
 * Credit feedback (联合惩戒): a department's inspection finding fed back into the register as a
 * risk tag on the business, for a fixed period. Append-only (a trigger refuses UPDATE and
 * DELETE); idempotent by `sourceRef`. Later draws read the tags that apply now through the
 * register contract (`registeredEnterprises.riskTags`) and raise the business's draw class
 * (shared/domain/draw.ts TAG_CLASS_RULES).
 */
export const RISK_TAGS: Readonly<Record<string, { months: number; zh: string }>> = Object.freeze({
  'finding-12m': { months: 12, zh: '近12个月检查发现问题' },
});

@ObjectType('RegisterRiskTag', { description: 'A risk tag on a business in the register (联合惩戒), from another department\'s finding.' })
@Entity({ tableName: 'register_risk_tag' })
@Unique({ properties: ['sourceRef'] })
@Index({ properties: ['uscc', 'validFrom'] })
export class RegisterRiskTag {
  [OptionalProps]?: 'id' | 'createdAtIso';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) @Property({ type: 'string', length: 18 }) uscc!: string;
  @Field(() => String, { description: `One of: ${Object.keys(RISK_TAGS).join(', ')}.` }) @Property({ type: 'string', length: 32 }) tag!: string;
  @Field(() => Department, { description: 'The department (or the office) whose finding it is.' }) @Property({ type: 'string', length: 64 }) sourceDepartment!: string;
  @Field(() => String, { description: "The sender's reference (e.g. its inspection record); one tag per reference." })
  @Property({ type: 'string', length: 128 })
  sourceRef!: string;
  @Field(() => [String], { description: 'Result category codes (检查结果类别).' }) @Property({ type: 'json' }) resultCodes!: string[];
  @Property({ type: 'text', nullable: true }) note?: string | null;
  @Field(() => DateScalar, { description: 'First day it applies (county date).' }) @Property({ type: 'date', columnType: 'date' }) validFrom!: string;
  @Field(() => DateScalar, { description: 'Last day it applies (inclusive).' }) @Property({ type: 'date', columnType: 'date' }) validUntil!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'string', length: 128 }) createdBy!: string;

  @Field(() => DateTimeScalar, { name: 'createdAt', description: 'When it was recorded.' })
  get createdAtIso(): Date {
    return new Date(this.createdAt);
  }
}

export const RISK_TAG_APPEND_ONLY_SQL = [
  'create trigger register_risk_tag_append_only before update or delete on "register_risk_tag" for each row execute function yiye_refuse_change();',
];

@InputType('CreditFeedbackInput', { description: 'Register contract: a finding fed back into the register (联合惩戒).' })
@Directive('@inaccessible')
export class CreditFeedbackInput {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: `One of: ${Object.keys(RISK_TAGS).join(', ')}.` }) tag!: string;
  @Field(() => String) sourceDepartment!: string;
  @Field(() => String) sourceRef!: string;
  @Field(() => [String], { description: 'Result category codes (检查结果类别).' }) resultCodes!: string[];
  @Field(() => String, { nullable: true }) note?: string | null;
}

const SOURCE_REF = /^[0-9A-Za-z][0-9A-Za-z._:/-]{0,127}$/;

/** Every tag of these businesses (all periods), one SELECT per batch; callers filter by date. */
export const riskTagLoader = (em: EntityManager) =>
  new DataLoader(async (usccs: readonly string[]) => {
    const rows = await em.find(RegisterRiskTag, { uscc: { $in: [...usccs] } }, { orderBy: { validFrom: 'asc', id: 'asc' } });
    const byUscc = new Map<string, RegisterRiskTag[]>(usccs.map((u) => [u, []]));
    for (const r of rows) byUscc.get(r.uscc)?.push(r);
    return usccs.map((u) => byUscc.get(u)!);
  });

const appliesOn = (t: RegisterRiskTag, day: string) => String(t.validFrom) <= day && day <= String(t.validUntil);

function checkFeedback(f: CreditFeedbackInput) {
  if (!Object.hasOwn(RISK_TAGS, f.tag)) {
    throw badInput('feedback.tag', `风险标注“${f.tag}”无效，应为：${Object.keys(RISK_TAGS).join('、')} / tag must be one of ${Object.keys(RISK_TAGS).join(', ')}`);
  }
  if (!isKnownOrganisation(f.sourceDepartment)) {
    throw badInput('feedback.sourceDepartment', `来源部门“${f.sourceDepartment}”不存在 / unknown department "${f.sourceDepartment}"`);
  }
  const sourceRef = f.sourceRef?.trim() ?? '';
  if (!SOURCE_REF.test(sourceRef)) throw badInput('feedback.sourceRef', `来源编号“${f.sourceRef}”无效 / sourceRef "${f.sourceRef}" is not valid (1–128 letters, digits or . _ : / -)`);
  const unknown = f.resultCodes.find((c) => !Object.hasOwn(RESULT_CODES, c));
  if (unknown !== undefined) throw badInput('feedback.resultCodes', `检查结果代码“${unknown}”无效 / "${unknown}" is not a result code`);
  if (!f.resultCodes.some((c) => PROBLEM_RESULT_CODES.has(c))) {
    throw badInput('feedback.resultCodes', `“${f.tag}”需要至少一个“发现问题”的结果代码（${[...PROBLEM_RESULT_CODES].join('、')}） / ${f.tag} needs a result code that means a problem was found`);
  }
  const note = f.note?.trim() || null;
  if (note && note.length > 2000) throw badInput('feedback.note', '备注最多2000字 / the note has at most 2000 characters');
  return { uscc: requireUscc('feedback.uscc', f.uscc), tag: f.tag, sourceDepartment: f.sourceDepartment, sourceRef, resultCodes: [...new Set(f.resultCodes)], note };
}

@Resolver(() => Enterprise)
export class CreditFeedbackResolver {
  @Mutation(() => RegisterRiskTag, {
    description: 'Register contract: records a finding as a risk tag (联合惩戒). Idempotent by sourceRef: a retry returns the stored tag and writes nothing.',
  })
  @Directive('@inaccessible')
  async recordCreditFeedback(@Arg('feedback', () => CreditFeedbackInput) feedback: CreditFeedbackInput, @Ctx() ctx: SubgraphContext): Promise<RegisterRiskTag> {
    const f = checkFeedback(feedback);
    const stored = async (em: EntityManager) => {
      const known = await em.findOne(RegisterRiskTag, { sourceRef: f.sourceRef }, { refresh: true });
      if (known && (known.uscc !== f.uscc || known.tag !== f.tag)) {
        throw userError('CONFLICT', `来源编号${f.sourceRef}已用于另一条反馈 / sourceRef ${f.sourceRef} was already used for different feedback`, { field: 'feedback.sourceRef' });
      }
      return known;
    };
    const write = () =>
      ctx.em.transactional(async (tx) => {
        const known = await stored(tx);
        if (known) return known;
        if (!(await tx.findOne(Enterprise, { uscc: f.uscc }))) {
          throw notFound('feedback.uscc', `登记系统中没有统一社会信用代码为“${f.uscc}”的市场主体 / no business with USCC "${f.uscc}" is in the register`);
        }
        const now = clock.now();
        const validFrom = countyDate(now);
        const row = tx.create(RegisterRiskTag, {
          ...f,
          validFrom,
          validUntil: lastDayOfMonths(validFrom, RISK_TAGS[f.tag].months),
          createdAt: now,
          createdBy: ctx.identity.subject,
        });
        await tx.flush();
        return row;
      });
    return insertOnce(write, () => stored(ctx.em));
  }

  @FieldResolver(() => [RegisterRiskTag], { nullable: true, description: 'Risk tags (联合惩戒) that apply at asOf (now when omitted). Signed-in users.' })
  @Authorized()
  async riskTags(
    @Root() e: Enterprise,
    @Arg('asOf', () => String, { nullable: true, description: 'YYYY-MM-DD (end of that day, UTC+08:00) or an ISO date-time.' }) asOf: string | null,
    @Ctx() ctx: SubgraphContext<{ riskTags: ReturnType<typeof riskTagLoader> }>,
  ): Promise<RegisterRiskTag[]> {
    const day = countyDate(parseAsOf('asOf', asOf) ?? clock.now());
    return (await ctx.loaders.riskTags.load(e.uscc)).filter((t) => appliesOn(t, day));
  }
}
