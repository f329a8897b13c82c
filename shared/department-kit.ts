import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { DepartmentTarget, CONTRACT_TARGETS_QUERY } from './department-contract.js';
import { checkPageSize, decodeCursor, PageArgs, toPage, type Page } from './pagination.js';
import { requireOwnDepartment, SERVICE_ROLE } from './auth.js';
import { badInput, requireUscc, userError } from './errors.js';
import type { RegisterLookup } from './register.js';
import type { SubgraphContext } from './subgraph.js';

/**
 * What every department subgraph has in the same shape: a target directory (businesses it
 * supervises, by USCC), an inspector directory, and the department contract. A department folder
 * subclasses these and adds its own columns; it does not copy them.
 */

export const INSPECTOR_STATUSES = ['active', 'suspended', 'retired'] as const;

// type-graphql inherits fields only from a decorated class; an unreferenced type is never emitted.
@ObjectType('InspectorFields')
@Entity({ abstract: true })
export abstract class InspectorBase {
  @Field(() => String, { description: '执法证号: enforcement certificate number, unique in the county.' })
  @PrimaryKey({ type: 'string', length: 32 })
  certificateNumber!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Brigade within the department, where it has brigades.' })
  @Property({ type: 'string', length: 64, nullable: true })
  brigade?: string | null;

  @Field(() => [String], { description: 'Expertise tags used to match inspectors to inspection items.' })
  @Property({ type: 'json' })
  expertise: string[] = [];

  @Field(() => String, { description: 'active, suspended or retired.' })
  @Property({ type: 'string', length: 16 })
  status: (typeof INSPECTOR_STATUSES)[number] = 'active';
}

@ObjectType('SupervisedTargetFields')
@Entity({ abstract: true })
export abstract class SupervisedTargetBase {
  @Field(() => String)
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Field(() => String, { description: 'Date the business entered the directory (YYYY-MM-DD).' })
  @Property({ type: 'date', columnType: 'date' })
  supervisedSince!: string;
}

export interface DepartmentLoaders<T extends SupervisedTargetBase> {
  targetByUscc: DataLoader<string, T | null>;
}

export function departmentLoaders<T extends SupervisedTargetBase>(em: EntityManager, Target: ClassType<T>): DepartmentLoaders<T> {
  return {
    // One SELECT … WHERE uscc IN (…) per request, however many businesses the page has.
    targetByUscc: new DataLoader(async (usccs: readonly string[]) => {
      const rows = (await em.find(Target, { uscc: { $in: [...usccs] } } as never)) as T[];
      const byUscc = new Map(rows.map((r) => [r.uscc, r]));
      return usccs.map((u) => byUscc.get(u) ?? null);
    }),
  };
}

/**
 * The department's own queries (inspector directory) and the contract the joint-inspection
 * service calls. `prefix` is the department in camelCase (`fireRescue`), which keeps root field
 * names unique in the supergraph.
 */
export function createDepartmentResolvers<I extends InspectorBase, T extends SupervisedTargetBase>(opts: {
  department: string;
  prefix: string;
  Inspector: ClassType<I>;
  InspectorConnection: ClassType<Page<I>>;
  Target: ClassType<T>;
  /** The subgraph's `Enterprise` class: the register itself, or the key-only reference. */
  Enterprise: ClassType<{ uscc: string }>;
  /** Input of `add<Department>Target`: `uscc`, optional `supervisedSince`, the department's columns. */
  TargetInput: ClassType<{ uscc: string; supervisedSince?: string | null }>;
  /** How this subgraph asks the register whether a USCC exists. */
  register: RegisterLookup;
  /** Checks of the department's own columns; throws `badInput` naming the field. */
  validateTargetInput?: (input: never) => void;
}) {
  const { department, prefix, Inspector, InspectorConnection, Target, Enterprise, TargetInput, register } = opts;
  const Prefix = prefix[0].toUpperCase() + prefix.slice(1);

  @Resolver(() => Enterprise)
  class EnterpriseTargetResolver {
    @FieldResolver(() => Target, {
      name: `${prefix}Target`,
      nullable: true,
      description: `This business in the target directory of ${department}, or null when it is not there.`,
    })
    @Authorized()
    async target(@Root() e: { uscc: string }, @Ctx() ctx: SubgraphContext<DepartmentLoaders<T>>): Promise<T | null> {
      return ctx.loaders.targetByUscc.load(e.uscc);
    }
  }

  @Resolver()
  class DepartmentResolver {
    @Query(() => InspectorConnection, {
      name: `${prefix}Inspectors`,
      description: `Inspector directory (执法检查人员名录库) of ${department}, ordered by certificate number.`,
    })
    @Authorized()
    async inspectors(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: SubgraphContext): Promise<Page<I>> {
      checkPageSize(first);
      const from = decodeCursor(after);
      const where = (from ? { certificateNumber: { $gt: from } } : {}) as never;
      const [rows, totalCount] = await Promise.all([
        ctx.em.find(Inspector, where, { orderBy: { certificateNumber: 'asc' } as never, limit: first + 1 }),
        ctx.em.count(Inspector, {} as never),
      ]);
      return toPage(rows as I[], first, totalCount, (r) => r.certificateNumber);
    }

    @Mutation(() => Target, {
      name: `add${Prefix}Target`,
      description: `Adds a registered business to the target directory of ${department} (its department admins only).`,
    })
    @Authorized('department-admin')
    async addTarget(@Arg('input', () => TargetInput) input: { uscc: string; supervisedSince?: string | null }, @Ctx() ctx: SubgraphContext): Promise<T> {
      requireOwnDepartment(ctx.identity, department, 'input');
      const uscc = requireUscc('input.uscc', input.uscc);
      const since = input.supervisedSince ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(Date.parse(since))) {
        throw badInput('input.supervisedSince', `日期“${since}”格式应为YYYY-MM-DD / the date "${since}" must be YYYY-MM-DD`);
      }
      opts.validateTargetInput?.(input as never);
      const known = await register(ctx, [uscc]);
      if (!known.has(uscc)) {
        throw badInput('input.uscc', `登记系统中没有统一社会信用代码为“${uscc}”的市场主体，不能纳入检查对象名录 / no business with USCC "${uscc}" is in the register, so it cannot be a target`);
      }
      return ctx.em.transactional(async (tx) => {
        if (await tx.findOne(Target, { uscc } as never)) {
          throw userError('CONFLICT', `“${uscc}”已在本部门检查对象名录中 / "${uscc}" is already in this department's target directory`, { field: 'input.uscc' });
        }
        const target = tx.create(Target, { ...input, uscc, supervisedSince: since } as never);
        await tx.flush();
        return target;
      });
    }

    @Query(() => [DepartmentTarget], {
      name: CONTRACT_TARGETS_QUERY,
      description: 'Department contract: which of these businesses are in this department\'s target directory.',
    })
    @Directive('@shareable')
    @Directive('@inaccessible')
    @Authorized(SERVICE_ROLE)
    async departmentTargets(
      @Arg('usccs', () => [String]) usccs: string[],
      @Ctx() ctx: SubgraphContext,
    ): Promise<DepartmentTarget[]> {
      if (usccs.length > 10_000) throw badInput('usccs', 'at most 10,000 businesses per call');
      const rows = (await ctx.em.find(Target, { uscc: { $in: usccs } } as never, { orderBy: { uscc: 'asc' } as never })) as T[];
      return rows.map((r) => ({ department, uscc: r.uscc, supervisedSince: String(r.supervisedSince) }));
    }
  }
  return [DepartmentResolver, EnterpriseTargetResolver] as const;
}
