import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, requireUscc, userError } from '../platform/errors.js';
import { byKey, checkPageSize, decodeCursor, toPage, type Page, type PageArgs } from '../platform/pagination.js';
import * as clock from '../platform/clock.js';
import { isKnownIndustry, REGIONS } from '../domain/industries.js';
import { validAt } from '../domain/history.js';
import { closeVersion, concurrentChange, effectiveAt, optionalReason, parseAsOf, parseEffectiveFrom, requireReason, uniqueOrConflict } from '../platform/versioned.js';
import { checkTagKey, requireDate, versionPage } from './args.js';
import { tagAppliesAt, TargetTag } from './directory.js';
import { SupervisedTargetBase, VERSION_PROPS } from './entities.js';
import type { TargetFilterBase } from './inputs.js';
import type { RegisterFacts } from './register.js';

/**
 * The target directory (检查对象名录库) of one department: list and history "as of" a time, add,
 * change, remove. Every change closes the current version and inserts the next (shared/domain/history.ts).
 *
 * The queries name only the base's columns (uscc, validTo…), so they are typed on
 * SupervisedTargetBase: MikroORM cannot check a query against an unresolved generic entity type,
 * which is what the casts to `never` used to hide. The department's own columns come in through its
 * inputs and are carried from version to version by the ORM metadata.
 */

/** What every department's `<Department>TargetInput` has; the rest are its own columns. */
export interface TargetFields {
  uscc: string;
  supervisedSince?: string | null;
}

/** What every department's `<Department>TargetChangeInput` has; the rest are its own columns. */
export interface TargetChangeFields {
  supervisedSince?: string | null;
}

/** The register's facts about some businesses, asked for the current request (a RegisterLookup bound to its context). */
export type RegisterFactsOf = (usccs: string[]) => Promise<Map<string, RegisterFacts>>;

export interface TargetDirectoryOptions<TI extends TargetFields, TF extends TargetFilterBase> {
  department: string;
  Target: EntityClass<SupervisedTargetBase>;
  /** Where-clause of the department's own filter columns; throws `badInput` naming the field. */
  targetFilterWhere?: (filter: TF) => FilterQuery<SupervisedTargetBase>;
  /** Checks of the department's own columns (of a whole new version); throws `badInput` naming the field. */
  validateTargetInput?: (input: TI, field: string) => void;
}

const CREDIT_RISK_CLASSES = ['A', 'B', 'C', 'D'];

const TARGET_CONFLICT = (uscc: string) => `“${uscc}”已在本部门检查对象名录中 / "${uscc}" is already in this department's target directory`;

/** The current version of a business in the directory, or NOT_FOUND naming `uscc`. */
export async function currentTarget(em: EntityManager, Target: EntityClass<SupervisedTargetBase>, uscc: string): Promise<SupervisedTargetBase> {
  const row = await em.findOne(Target, { uscc, validTo: null });
  if (!row) throw notFound('uscc', `“${uscc}”不在本部门检查对象名录中 / "${uscc}" is not in this department's target directory`);
  return row;
}

export class TargetDirectory<TI extends TargetFields, TF extends TargetFilterBase> {
  private readonly Target: EntityClass<SupervisedTargetBase>;

  constructor(private readonly opts: TargetDirectoryOptions<TI, TF>) {
    this.Target = opts.Target;
  }

  /** The directory at `asOf` (now when omitted), by USCC, a page at a time; register filters ask the register. */
  async list(em: EntityManager, facts: RegisterFactsOf, filter: TF | null, asOf: string | null, { first, after }: PageArgs): Promise<Page<SupervisedTargetBase>> {
    checkPageSize(first);
    const at = parseAsOf('asOf', asOf);
    const from = decodeCursor(after);
    const inRegister = registerFilter(filter);
    const where: FilterQuery<SupervisedTargetBase>[] = [validAt(at)];
    if (filter && this.opts.targetFilterWhere) where.push(this.opts.targetFilterWhere(filter));
    if (filter?.tag) {
      checkTagKey('filter.tag', filter.tag);
      const when = at ?? clock.now();
      const tagged = (await em.find(TargetTag, { key: filter.tag }, { disableIdentityMap: true })).filter((t) => tagAppliesAt(t, when));
      where.push({ uscc: { $in: [...new Set(tagged.map((t) => t.uscc))] } });
    }
    if (!inRegister) {
      const pageWhere = from ? [...where, { uscc: { $gt: from } }] : where;
      const [rows, totalCount] = await Promise.all([
        em.find(this.Target, { $and: pageWhere }, { orderBy: { uscc: 'asc' }, limit: first + 1 }),
        em.count(this.Target, { $and: where }),
      ]);
      return toPage(rows, first, totalCount, (r) => r.uscc);
    }
    // Register filters: the directory's candidates, the register's facts about them, then the page.
    // Sorted here, not by the database's collation, so that the cursor comparison below agrees.
    const candidates = (await em.createQueryBuilder(this.Target).select('uscc').where({ $and: where }).execute<{ uscc: string }[]>('all', false))
      .map((c) => c.uscc)
      .sort(byKey);
    const known = candidates.length ? await facts(candidates) : new Map<string, RegisterFacts>();
    const matching = candidates.filter((u) => known.has(u) && inRegister(known.get(u)!));
    const start = from ? matching.findIndex((u) => u > from) : 0;
    const slice = start < 0 ? [] : matching.slice(start, start + first + 1);
    const rows = slice.length ? await em.find(this.Target, { $and: [...where, { uscc: { $in: slice } }] }) : [];
    return toPage(rows.sort((a, b) => byKey(a.uscc, b.uscc)), first, matching.length, (r) => r.uscc);
  }

  /** Every version of one business, oldest first. */
  async history(em: EntityManager, uscc: string, { first, after }: PageArgs): Promise<Page<SupervisedTargetBase>> {
    checkPageSize(first);
    const code = requireUscc('uscc', uscc);
    return versionPage(await em.find(this.Target, { uscc: code }, { orderBy: { validFrom: 'asc', id: 'asc' } }), first, after);
  }

  /** Adds a registered business (it must be in the register; it may have been in the directory before). */
  async add(em: EntityManager, by: string, facts: RegisterFactsOf, input: TI, reason: string | null, effectiveFrom: Date | null): Promise<SupervisedTargetBase> {
    const uscc = requireUscc('input.uscc', input.uscc);
    const since = input.supervisedSince ?? clock.now().toISOString().slice(0, 10);
    requireDate('input.supervisedSince', since);
    this.checkLengths(em, input as Record<string, unknown>);
    this.opts.validateTargetInput?.(input, 'input');
    const why = optionalReason('reason', reason, '纳入检查对象名录 / added to the target directory');
    const now = clock.now();
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, now);
    const known = await facts([uscc]);
    if (!known.has(uscc)) {
      throw badInput('input.uscc', `登记系统中没有统一社会信用代码为“${uscc}”的市场主体，不能纳入检查对象名录 / no business with USCC "${uscc}" is in the register, so it cannot be a target`);
    }
    return uniqueOrConflict('input.uscc', TARGET_CONFLICT(uscc), () =>
      em.transactional(async (tx) => {
        const versions = await tx.find(this.Target, { uscc }, { orderBy: { validFrom: 'desc' } });
        if (versions.some((v) => v.validTo == null)) throw userError('CONFLICT', TARGET_CONFLICT(uscc), { field: 'input.uscc' });
        const from = effectiveAt('effectiveFrom', given, ...versions.map((v) => v.validTo));
        const target = tx.create(this.Target, { ...input, uscc, supervisedSince: since, validFrom: from, changedBy: by, changeReason: why });
        await tx.flush();
        return target;
      }),
    );
  }

  /** Changes a business's record: closes the current version, inserts the next with the given fields changed. */
  async change(em: EntityManager, by: string, uscc: string, input: TargetChangeFields, reason: string, effectiveFrom: Date | null): Promise<SupervisedTargetBase> {
    const code = requireUscc('uscc', uscc);
    const why = requireReason('reason', reason);
    // Only the fields given change (the department's own columns included, whatever they are).
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) throw badInput('input', '没有要修改的字段 / nothing to change: give at least one field');
    if (input.supervisedSince != null) requireDate('input.supervisedSince', input.supervisedSince);
    this.checkLengths(em, changes);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
    return uniqueOrConflict('uscc', concurrentChange('uscc').message, () =>
      em.transactional(async (tx) => {
        const current = await currentTarget(tx, this.Target, code);
        const from = effectiveAt('effectiveFrom', given, current.validFrom);
        const next = { ...this.ownColumns(tx, current), ...changes, uscc: code, supervisedSince: input.supervisedSince ?? current.supervisedSince };
        // The ORM metadata, not TypeScript, knows the department's columns: the current ones with the changes are a whole TargetInput.
        this.opts.validateTargetInput?.(next as TI, 'input');
        await closeVersion(tx, this.Target, current.id, from, by, why, 'uscc');
        const target = tx.create(this.Target, { ...next, validFrom: from, changedBy: by, changeReason: why });
        await tx.flush();
        return target;
      }),
    );
  }

  /** Removes a business: closes its current version (history is kept) and returns it. */
  async remove(em: EntityManager, by: string, uscc: string, reason: string, effectiveFrom: Date | null): Promise<SupervisedTargetBase> {
    const code = requireUscc('uscc', uscc);
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
    return em.transactional(async (tx) => {
      const current = await currentTarget(tx, this.Target, code);
      const from = effectiveAt('effectiveFrom', given, current.validFrom);
      await closeVersion(tx, this.Target, current.id, from, by, why, 'uscc');
      return tx.findOneOrFail(this.Target, { id: current.id }, { refresh: true });
    });
  }

  /** The department's own columns of a target version (read from the ORM metadata), to carry them into the next version. */
  /**
   * A department's own text columns have a length (varchar(n)): a longer value is the clerk's
   * error, named by its field, not the database's, which would come back as an internal error.
   */
  private checkLengths(em: EntityManager, values: Record<string, unknown>): void {
    const meta = em.getMetadata().get(this.Target.name);
    for (const p of meta.props) {
      const value = values[p.name];
      if (typeof value === 'string' && p.length && [...value].length > p.length) {
        throw badInput(`input.${p.name}`, `“${p.name}”过长：${[...value].length}个字符，最多${p.length}个 / ${p.name} is too long: ${[...value].length} characters, at most ${p.length}`);
      }
    }
  }

  private ownColumns(em: EntityManager, row: SupervisedTargetBase): Record<string, unknown> {
    const meta = em.getMetadata().get(this.Target.name);
    const out: Record<string, unknown> = {};
    for (const p of meta.props) if (!VERSION_PROPS.has(p.name) && p.persist !== false) out[p.name] = Reflect.get(row, p.name);
    return out;
  }
}

/** The register conditions of a target filter as one test of a business's facts; null when it has none. */
function registerFilter(filter: TargetFilterBase | null | undefined): ((f: RegisterFacts) => boolean) | null {
  if (!filter) return null;
  const tests: ((f: RegisterFacts) => boolean)[] = [];
  if (filter.industryCodes?.length) {
    const unknown = filter.industryCodes.find((c) => !isKnownIndustry(c));
    if (unknown) throw badInput('filter.industryCodes', `行业代码“${unknown}”不在国民经济行业分类目录中 / "${unknown}" is not a known GB/T 4754 industry code`);
    const codes = new Set(filter.industryCodes);
    tests.push((f) => codes.has(f.industryCode));
  }
  if (filter.regionCode) {
    if (!Object.hasOwn(REGIONS, filter.regionCode)) {
      throw badInput('filter.regionCode', `区划代码“${filter.regionCode}”不是本县的乡镇 / "${filter.regionCode}" is not a township of the county`);
    }
    const region = filter.regionCode;
    tests.push((f) => f.regionCode === region);
  }
  if (filter.creditRiskClass) {
    if (!CREDIT_RISK_CLASSES.includes(filter.creditRiskClass)) {
      throw badInput('filter.creditRiskClass', `信用风险分类应为A、B、C或D，收到“${filter.creditRiskClass}” / credit-risk class must be A, B, C or D`);
    }
    const cls = filter.creditRiskClass;
    tests.push((f) => f.creditRiskClass === cls);
  }
  return tests.length ? (f) => tests.every((t) => t(f)) : null;
}
