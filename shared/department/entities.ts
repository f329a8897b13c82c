import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { Field, InterfaceType } from 'type-graphql';
import { VersionedRow } from '../platform/versioned.js';
import { InspectorStatus as InspectorStatusEnum } from '../platform/enums.js';
import { DateScalar, DateTimeScalar } from '../platform/scalars.js';

/**
 * The two directory records every department has in the same shape: a target (a business it
 * supervises, by USCC) and an inspector. A department folder subclasses them (its `entities.ts`)
 * and adds its own columns; the kit's services read and write them through these bases only.
 * Both are effective-dated (see shared/domain/history.ts): every change keeps who, when and why.
 *
 * Kept apart from the kit so that the draw readers (directory.ts), referrals and the task kit can
 * name them without importing the resolvers that use them (that was an import cycle).
 */

export const INSPECTOR_STATUSES = ['active', 'suspended', 'retired'] as const;
export type InspectorStatus = (typeof INSPECTOR_STATUSES)[number];

// type-graphql inherits fields only from a decorated class; an unreferenced type is never emitted.
// The partial unique indexes (one current version per key) name their table: every department
// database has the same `inspector` and `supervised_target` tables.
@InterfaceType('DirectoryInspector', {
  description: "An inspector (执法检查人员) in a department's inspector directory, one version: what every department's inspector type has. Name and conflicts are on the department types (personal data).",
})
@Entity({ abstract: true })
@Unique({
  name: 'inspector_current_certificate_number',
  expression: 'create unique index "inspector_current_certificate_number" on "inspector" ("certificate_number") where "valid_to" is null',
})
@Index({ name: 'inspector_certificate_number_valid_from_index', properties: ['certificateNumber', 'validFrom'] })
export abstract class InspectorBase extends VersionedRow {
  @Field(() => String, {
    description:
      '执法证号: enforcement certificate number. Unique among the current inspectors of this department (database index); ' +
      'unique across the county is checked when inspectors are imported.',
  })
  @Property({ type: 'string', length: 32 })
  certificateNumber!: string;

  /** Personal: served by a field resolver that checks who asks (shared/department/kit.ts). */
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Brigade within the department, where it has brigades.' })
  @Property({ type: 'string', length: 64, nullable: true })
  brigade?: string | null;

  @Field(() => [String], { description: 'Expertise tags used to match inspectors to inspection items.' })
  @Property({ type: 'json' })
  expertise: string[] = [];

  @Field(() => InspectorStatusEnum, { description: 'Whether the inspector may be drawn (在岗状态).' })
  @Property({ type: 'string', length: 16 })
  status: InspectorStatus = 'active';
}

@InterfaceType('DirectoryTarget', {
  description: "A business in a department's target directory (检查对象名录), one version: what every department's target type has.",
})
@Entity({ abstract: true })
@Unique({
  name: 'supervised_target_current_uscc',
  expression: 'create unique index "supervised_target_current_uscc" on "supervised_target" ("uscc") where "valid_to" is null',
})
@Index({ name: 'supervised_target_uscc_valid_from_index', properties: ['uscc', 'validFrom'] })
export abstract class SupervisedTargetBase extends VersionedRow {
  @Field(() => String, { description: 'Unified social credit code (统一社会信用代码) of the business.' })
  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => DateScalar, { description: 'Date the business entered the directory (纳入名录日期).' })
  @Property({ type: 'date', columnType: 'date' })
  supervisedSince!: string;
}

// GraphQL interfaces do not inherit the version fields of VersionedRow (an object type): declare them on both.
for (const Interface of [InspectorBase, SupervisedTargetBase]) {
  const on = Interface.prototype;
  Field(() => DateTimeScalar, { description: 'When this version took effect.' })(on, 'validFrom');
  Field(() => DateTimeScalar, { nullable: true, description: 'When this version stopped being current (changed or removed); null while current.' })(on, 'validTo');
  Field(() => String, { description: 'Who made this version (token subject).' })(on, 'changedBy');
  Field(() => String, { description: 'Why this version was made.' })(on, 'changeReason');
  Field(() => String, { nullable: true, description: 'Who closed this version (by a change or a removal).' })(on, 'closedBy');
  Field(() => String, { nullable: true, description: 'Why this version was closed.' })(on, 'closeReason');
}

/** Properties of the version chain, not of the record: never copied from one version to the next. */
export const VERSION_PROPS: ReadonlySet<string> = new Set(['id', 'validFrom', 'validTo', 'changedBy', 'changeReason', 'closedBy', 'closeReason']);
