import { Entity, Index, PrimaryKey, Property, Unique, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Ctx, Directive, Field, InputType, Int, Mutation, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import { DateTimeScalar } from '../platform/scalars.js';
import { Department, ReferralStatus as ReferralStatusEnum } from '../platform/enums.js';
import { authorize } from '../platform/policy.js';
import { findDepartment, isKnownOrganisation } from '../domain/departments.js';
import { TargetTag } from './directory.js';
import { badInput, notFound, requireUscc, userError } from '../platform/errors.js';
import { countyDate, lastDayOfMonths } from '../domain/history.js';
import { insertOnce } from '../platform/versioned.js';
import { checkPageSize, Connection, decodeCursor, PageArgs, toPage, type Page } from '../platform/pagination.js';
import type { SubgraphContext } from '../platform/subgraph.js';
import type { SupervisedTargetBase } from './entities.js';
import * as clock from '../platform/clock.js';

/**
 * Incoming referrals (移交): a finding of another department's inspection handed to this one.
 * Every department has them (the department kit calls `createReferralResolvers`): services
 * deliver them through the contract mutation `receiveDepartmentReferral` (idempotent by
 * `referralId`), the department's people follow them up: received → accepted → closed, each
 * step with who, when and a note. Receiving one tags the business `referral` for 12 months in
 * this department's target directory when it is a target here (the draw raises its class).
 */

export const REFERRAL_STATUSES = ['received', 'accepted', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** How long the `referral` tag of a received referral applies. */
export const REFERRAL_TAG_MONTHS = 12;

@ObjectType('IncomingReferral', { description: '移交: a finding another department handed to this one, and how it was followed up.' })
@Directive('@shareable')
@Entity({ tableName: 'incoming_referral' })
@Unique({ properties: ['referralId'] })
@Index({ properties: ['status', 'id'] })
export class IncomingReferral {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String, { description: "The sender's id of the referral (retries carry the same id)." })
  @Property({ type: 'string', length: 64 })
  referralId!: string;

  @Field(() => Department, { description: 'The department that referred it.' }) @Property({ type: 'string', length: 64 }) fromDepartment!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) @Property({ type: 'string', length: 18 }) @Index() uscc!: string;
  @Field(() => String, { description: 'The task of the inspection that found it.' }) @Property({ type: 'string', length: 64 }) taskId!: string;
  @Field(() => String, { description: 'The inspection record (检查记录表) that found it.' }) @Property({ type: 'string', length: 64 }) recordId!: string;
  @Field(() => [String], { description: 'Inspection item codes (抽查事项编码).' }) @Property({ type: 'json' }) itemCodes!: string[];
  @Field(() => [String], { description: 'Result category codes of the inspection (1, A…G, 3…12).' }) @Property({ type: 'json' }) resultCodes!: string[];
  @Field(() => String, { description: 'What the inspection found (发现的问题).' }) @Property({ type: 'text' }) finding!: string;
  @Field(() => DateTimeScalar, { description: 'When the sender referred it.' }) @Property({ type: 'datetime', columnType: 'timestamptz' }) referredAt!: Date;
  @Field(() => ReferralStatusEnum, { description: 'Where it stands: received, accepted or closed.' }) @Property({ type: 'string', length: 16 }) status: ReferralStatus = 'received';
  @Field(() => DateTimeScalar, { description: 'When this department received it.' }) @Property({ type: 'datetime', columnType: 'timestamptz' }) receivedAt!: Date;
  @Field(() => String, { description: 'The service that delivered it.' }) @Property({ type: 'string', length: 128 }) receivedBy!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was accepted; null before.' }) @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) acceptedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Who accepted it (token subject).' }) @Property({ type: 'string', length: 128, nullable: true }) acceptedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'Note of the acceptance.' }) @Property({ type: 'text', nullable: true }) acceptNote?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed; null while open.' }) @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) closedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Who closed it (token subject).' }) @Property({ type: 'string', length: 128, nullable: true }) closedBy?: string | null;
  @Field(() => String, { nullable: true, description: 'What the department did about it.' }) @Property({ type: 'text', nullable: true }) outcome?: string | null;
  @Field(() => Int, { nullable: true, description: 'The `referral` tag it added to the target directory (null: not a target here).' })
  @Property({ type: 'integer', nullable: true })
  tagId?: number | null;
}

export const REFERRAL_ENTITIES = [IncomingReferral];

@InputType('DepartmentReferralInput', { description: 'Department contract: a referral (移交) delivered by a service.' })
@Directive('@inaccessible')
export class DepartmentReferralInput {
  @Field(() => String) referralId!: string;
  @Field(() => String) fromDepartment!: string;
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' }) uscc!: string;
  @Field(() => String, { description: 'Task number (任务编号).' }) taskId!: string;
  @Field(() => String) recordId!: string;
  @Field(() => [String], { description: 'Inspection item codes (抽查事项编码).' }) itemCodes!: string[];
  @Field(() => [String], { description: 'Result category codes (检查结果类别).' }) resultCodes!: string[];
  @Field(() => String, { description: 'What the inspection found (发现的问题).' }) finding!: string;
  @Field(() => String, { description: 'ISO 8601 date-time.' }) referredAt!: string;
}

@ObjectType('DepartmentReferralReceipt', { description: 'Department contract: the receiving department acknowledges a referral.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class DepartmentReferralReceipt {
  @Field(() => String) referralId!: string;
  @Field(() => String) department!: string;
  @Field(() => String, { description: 'received, accepted or closed (its status now, for a retry).' }) status!: string;
  @Field(() => String, { description: 'When this department received it.' }) receivedAt!: string;
}

export const IncomingReferralConnection = Connection(IncomingReferral, 'IncomingReferralConnection', { shareable: true });

const ID_TEXT = /^[0-9A-Za-z][0-9A-Za-z._:-]{0,63}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function requireId(field: string, value: string): string {
  const v = value?.trim() ?? '';
  if (!ID_TEXT.test(v)) throw badInput(field, `“${value}”不是有效编号（1–64位字母、数字或 . _ : -） / "${value}" is not a valid id (1–64 letters, digits or . _ : -)`);
  return v;
}

function requireCodes(field: string, codes: string[]): string[] {
  const bad = codes.find((c) => !ID_TEXT.test(c));
  if (bad !== undefined) throw badInput(field, `代码“${bad}”无效 / code "${bad}" is not valid`);
  return [...new Set(codes)];
}

function checkReferral(department: string, r: DepartmentReferralInput) {
  const fromDepartment = r.fromDepartment?.trim();
  if (!isKnownOrganisation(fromDepartment)) throw badInput('referral.fromDepartment', `移交部门“${r.fromDepartment}”不存在 / unknown department "${r.fromDepartment}"`);
  if (fromDepartment === department) throw badInput('referral.fromDepartment', '部门不能向本部门移交 / a department does not refer a finding to itself');
  if (!ISO_DATE_TIME.test(r.referredAt ?? '') || Number.isNaN(Date.parse(r.referredAt))) {
    throw badInput('referral.referredAt', `移交时间“${r.referredAt}”应为ISO 8601时间（含时区） / referredAt "${r.referredAt}" must be an ISO 8601 date-time with an offset`);
  }
  const finding = r.finding?.trim() ?? '';
  if (!finding || finding.length > 4000) throw badInput('referral.finding', '移交事由不能为空，最多4000字 / the finding must not be empty and has at most 4000 characters');
  if (!r.resultCodes.length) throw badInput('referral.resultCodes', '至少需要一个检查结果代码 / give at least one result code');
  return {
    referralId: requireId('referral.referralId', r.referralId),
    fromDepartment,
    uscc: requireUscc('referral.uscc', r.uscc),
    taskId: requireId('referral.taskId', r.taskId),
    recordId: requireId('referral.recordId', r.recordId),
    itemCodes: requireCodes('referral.itemCodes', r.itemCodes),
    resultCodes: requireCodes('referral.resultCodes', r.resultCodes),
    finding,
    referredAt: new Date(r.referredAt),
  };
}

const receipt = (department: string, r: IncomingReferral): DepartmentReferralReceipt => ({
  referralId: r.referralId,
  department,
  status: r.status,
  receivedAt: new Date(r.receivedAt).toISOString(),
});

/** Receives a referral once: a retry (same referralId, same content) returns the stored receipt and writes nothing. */
async function receive(em: EntityManager, department: string, Target: EntityClass<SupervisedTargetBase>, by: string, input: DepartmentReferralInput) {
  const r = checkReferral(department, input);
  const stored = async (tx: EntityManager) => {
    const known = await tx.findOne(IncomingReferral, { referralId: r.referralId }, { refresh: true });
    if (known && (known.uscc !== r.uscc || known.recordId !== r.recordId || known.fromDepartment !== r.fromDepartment)) {
      throw userError('CONFLICT', `移交编号${r.referralId}已用于另一条线索 / referral id ${r.referralId} was already used for a different referral`, { field: 'referral.referralId' });
    }
    return known ? receipt(department, known) : null;
  };
  const write = () =>
    em.transactional(async (tx) => {
      const known = await stored(tx);
      if (known) return known;
      const now = clock.now();
      let tagId: number | null = null;
      if (await tx.findOne(Target, { uscc: r.uscc, validTo: null })) {
        const validFrom = countyDate(now);
        const tag = tx.create(TargetTag, {
          uscc: r.uscc,
          key: 'referral',
          value: r.referralId,
          source: `referral:${r.fromDepartment}`,
          validFrom,
          validUntil: lastDayOfMonths(validFrom, REFERRAL_TAG_MONTHS),
          createdAt: now,
          createdBy: by,
          reason: `${findDepartment(r.fromDepartment)?.nameZh ?? r.fromDepartment}移交（检查记录${r.recordId}）：${r.finding}`.slice(0, 4000),
        });
        await tx.flush();
        tagId = tag.id;
      }
      const row = tx.create(IncomingReferral, { ...r, status: 'received', receivedAt: now, receivedBy: by, tagId });
      await tx.flush();
      return receipt(department, row);
    });
  return insertOnce(write, () => stored(em));
}

/** Moves a referral one step if nobody moved it first. */
async function advance(em: EntityManager, referralId: string, from: ReferralStatus, sets: Partial<IncomingReferral>): Promise<IncomingReferral> {
  const id = requireId('referralId', referralId);
  const row = await em.findOne(IncomingReferral, { referralId: id });
  if (!row) throw notFound('referralId', `本部门没有编号为${id}的移交线索 / this department has no referral ${id}`);
  const n = row.status === from ? await em.nativeUpdate(IncomingReferral, { id: row.id, status: from }, sets) : 0;
  if (n !== 1) {
    throw userError('CONFLICT', `移交线索${id}当前状态为“${row.status}”，需要“${from}” / referral ${id} is ${row.status}; this needs ${from}`, { field: 'referralId', status: row.status });
  }
  return em.findOneOrFail(IncomingReferral, { id: row.id }, { refresh: true });
}

function requireNote(field: string, value: string | null | undefined, required: boolean): string | null {
  const v = value?.trim() || null;
  if (required && !v) throw badInput(field, '必须填写处理结果 / the outcome must not be empty');
  if (v && v.length > 4000) throw badInput(field, '最多4000字 / at most 4000 characters');
  return v;
}

export function createReferralResolvers(opts: { department: string; prefix: string; Target: EntityClass<SupervisedTargetBase> }): ClassType[] {
  const { department, prefix, Target } = opts;
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);

  @Resolver()
  class ReferralResolver {
    @Mutation(() => DepartmentReferralReceipt, {
      name: 'receiveDepartmentReferral',
      description: 'Department contract: delivers a referral (移交). Idempotent by referralId: a retry returns the same receipt and writes nothing.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    async receiveReferral(@Arg('referral', () => DepartmentReferralInput) referral: DepartmentReferralInput, @Ctx() ctx: SubgraphContext): Promise<DepartmentReferralReceipt> {
      return receive(ctx.em, department, Target, ctx.identity.subject, referral);
    }

    @Query(() => [DepartmentReferralReceipt], {
      name: 'departmentReferralStatus',
      description: 'Department contract: where referrals sent here stand now (received, accepted or closed), for the sender to close its loop.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized('service:contract')
    async referralStatus(@Arg('referralIds', () => [String]) referralIds: string[], @Ctx() ctx: SubgraphContext): Promise<DepartmentReferralReceipt[]> {
      if (referralIds.length > 1000) throw badInput('referralIds', 'at most 1,000 referrals per call');
      const rows = referralIds.length ? await ctx.em.find(IncomingReferral, { referralId: { $in: referralIds } }) : [];
      return rows.map((r) => receipt(department, r));
    }

    @Query(() => IncomingReferralConnection, {
      nullable: true,
      name: `${prefix}IncomingReferrals`,
      description: `Referrals (移交) other departments handed to ${department}, oldest first. Its own people and the office's coordinators and analysts.`,
    })
    @Authorized()
    async incoming(
      @Arg('status', () => ReferralStatusEnum, { nullable: true, description: 'Only referrals in this state.' }) status: string | null,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: SubgraphContext,
    ): Promise<Page<IncomingReferral>> {
      authorize(ctx, 'referral:read', { department, field: 'status' });
      checkPageSize(first);
      if (status != null && !(REFERRAL_STATUSES as readonly string[]).includes(status)) {
        throw badInput('status', `状态应为 ${REFERRAL_STATUSES.join('、')} 之一 / status must be one of ${REFERRAL_STATUSES.join(', ')}`);
      }
      const from = decodeCursor(after);
      if (from !== undefined && !/^\d+$/.test(from)) throw badInput('after', `分页游标“${after}”无效 / the cursor "${after}" is not valid`);
      const where = status ? { status: status as ReferralStatus } : {};
      const [rows, totalCount] = await Promise.all([
        ctx.em.find(IncomingReferral, from ? { ...where, id: { $gt: Number(from) } } : where, { orderBy: { id: 'asc' }, limit: first + 1 }),
        ctx.em.count(IncomingReferral, where),
      ]);
      return toPage(rows, first, totalCount, (r) => String(r.id));
    }

    @Mutation(() => IncomingReferral, { name: `accept${Prefix}Referral`, description: 'Accepts a received referral (受理), with an optional note.' })
    async accept(
      @Arg('referralId', () => String, { description: "The sender's id of the referral (移交编号)." }) referralId: string,
      @Arg('note', () => String, { nullable: true, description: 'A note (optional).' }) note: string | null,
      @Ctx() ctx: SubgraphContext,
    ): Promise<IncomingReferral> {
      const acceptNote = requireNote('note', note, false);
      return advance(ctx.em, referralId, 'received', { status: 'accepted', acceptedAt: clock.now(), acceptedBy: ctx.identity.subject, acceptNote });
    }

    @Mutation(() => IncomingReferral, { name: `close${Prefix}Referral`, description: 'Closes an accepted referral (办结) with what was done.' })
    async close(
      @Arg('referralId', () => String, { description: "The sender's id of the referral (移交编号)." }) referralId: string,
      @Arg('outcome', () => String, { description: 'What the department did about it (办理结果).' }) outcome: string,
      @Ctx() ctx: SubgraphContext,
    ): Promise<IncomingReferral> {
      const text = requireNote('outcome', outcome, true);
      return advance(ctx.em, referralId, 'accepted', { status: 'closed', closedAt: clock.now(), closedBy: ctx.identity.subject, outcome: text });
    }
  }
  return [ReferralResolver];
}
