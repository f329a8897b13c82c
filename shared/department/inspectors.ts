import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../platform/auth.js';
import { decide } from '../platform/policy.js';
import { badInput, notFound, userError } from '../platform/errors.js';
import { byKey, checkPageSize, decodeCursor, toPage, type Page, type PageArgs } from '../platform/pagination.js';
import * as clock from '../platform/clock.js';
import { findDepartment } from '../domain/departments.js';
import { validAt } from '../domain/history.js';
import { closeVersion, concurrentChange, effectiveAt, optionalReason, parseAsOf, parseEffectiveFrom, requireReason, uniqueOrConflict } from '../platform/versioned.js';
import { normalizeCertificate, versionPage } from './args.js';
import { INSPECTOR_STATUSES, InspectorBase, type InspectorStatus } from './entities.js';
import type { InspectorChangeInput, InspectorFilter, InspectorInput } from './inputs.js';

/**
 * The inspector directory (执法检查人员名录库) of one department: list and history "as of" a time,
 * add and change (an inspector is never removed: retired is a status). Typed on InspectorBase,
 * whose columns are all a department's inspector has. Also who may see inspectors' personal data.
 */

/** 执法证号: 6–32 digits, capital letters or hyphens (compared in upper case). */
const CERTIFICATE = /^[0-9A-Z-]{6,32}$/;
const EXPERTISE = /^[a-z][a-z0-9-]{1,39}$/;

const INSPECTOR_CONFLICT = (c: string) => `执法证号“${c}”已在本部门执法检查人员名录中 / certificate number "${c}" is already in this department's inspector directory`;

// ---------------------------------------------------------------------------------------------
// Who may see personal data of inspectors.

/**
 * Inspectors' names and conflicts of interest are personal: visible to the inspector's own
 * department (inspectors, admins) and to the double-random office's coordinators. Analysts (of
 * any organisation) and other departments see certificate numbers, brigades, expertise, status.
 */
export function canSeePersonalData(identity: Identity, department: string): boolean {
  return decide(identity, 'inspector-personal:read', { department }).allowed;
}

export function requirePersonalAccess(identity: Identity, department: string, field: string): void {
  if (!canSeePersonalData(identity, department)) {
    throw userError(
      'FORBIDDEN',
      `“${field}”是执法人员个人信息，仅本部门和双随机办公室协调人可见 / ${field} is personal data of the inspector: only ${department} and the double-random office's coordinators may see it`,
      { field },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Checks

function checkBrigade(department: string, field: string, brigade: string | null | undefined): void {
  if (brigade == null) return;
  const brigades = findDepartment(department)?.brigades ?? [];
  if (!brigades.some((b) => b.code === brigade)) {
    throw badInput(
      field,
      brigades.length
        ? `“${brigade}”不是本部门的大队，应为：${brigades.map((b) => `${b.code}（${b.nameZh}）`).join('、')} / "${brigade}" is not a brigade of ${department}; use one of ${brigades.map((b) => b.code).join(', ')}`
        : `本部门不设大队，请勿填写“${brigade}” / ${department} has no brigades; leave brigade empty`,
    );
  }
}

const isInspectorStatus = (value: string | null | undefined): value is InspectorStatus => INSPECTOR_STATUSES.some((s) => s === value);

/** A status given in an input: one of INSPECTOR_STATUSES (null is not one). */
function requireStatus(field: string, value: string | null): InspectorStatus {
  if (!isInspectorStatus(value)) {
    throw badInput(field, `状态应为 ${INSPECTOR_STATUSES.join('、')} 之一，收到“${value}” / status must be one of ${INSPECTOR_STATUSES.join(', ')}`);
  }
  return value;
}

/** Name, brigade and expertise as given (undefined: not given); the status is checked after them, by requireStatus. */
function checkInspectorFields(department: string, prefix: string, v: { name?: string | null; brigade?: string | null; expertise?: string[] | null }): void {
  if (v.name !== undefined && (v.name == null || v.name.trim() === '' || v.name.trim().length > 64)) {
    throw badInput(`${prefix}.name`, '姓名不能为空，最多64字 / the name must not be empty and has at most 64 characters');
  }
  checkBrigade(department, `${prefix}.brigade`, v.brigade);
  if (v.expertise != null) {
    const bad = v.expertise.find((e) => !EXPERTISE.test(e));
    if (bad !== undefined) {
      throw badInput(`${prefix}.expertise`, `专长标签“${bad}”格式应为小写英文和连字符（如 food-safety） / expertise tag "${bad}" must be lower-case words joined by hyphens (e.g. food-safety)`);
    }
  }
}

/** The current version of an inspector, or NOT_FOUND naming `certificateNumber`. */
export async function currentInspector(em: EntityManager, Inspector: EntityClass<InspectorBase>, certificateNumber: string): Promise<InspectorBase> {
  const row = await em.findOne(Inspector, { certificateNumber, validTo: null });
  if (!row) {
    throw notFound('certificateNumber', `执法证号“${certificateNumber}”不在本部门执法检查人员名录中 / certificate number "${certificateNumber}" is not in this department's inspector directory`);
  }
  return row;
}

// ---------------------------------------------------------------------------------------------

export class InspectorDirectory {
  constructor(private readonly opts: { department: string; Inspector: EntityClass<InspectorBase> }) {}

  /** The directory at `asOf` (now when omitted), by certificate number, a page at a time. */
  async list(em: EntityManager, filter: InspectorFilter | null, asOf: string | null, { first, after }: PageArgs): Promise<Page<InspectorBase>> {
    checkPageSize(first);
    const at = parseAsOf('asOf', asOf);
    const from = decodeCursor(after);
    if (filter?.status != null && !isInspectorStatus(filter.status)) {
      throw badInput('filter.status', `状态应为 ${INSPECTOR_STATUSES.join('、')} 之一 / status must be one of ${INSPECTOR_STATUSES.join(', ')}`);
    }
    checkBrigade(this.opts.department, 'filter.brigade', filter?.brigade);
    // A department has tens to hundreds of inspectors: one SELECT, then filter and page here.
    const all = (await em.find(this.opts.Inspector, validAt(at))).sort((a, b) => byKey(a.certificateNumber, b.certificateNumber));
    const matching = all.filter(
      (i) =>
        (filter?.status == null || i.status === filter.status) &&
        (filter?.brigade == null || i.brigade === filter.brigade) &&
        (filter?.expertise == null || i.expertise.includes(filter.expertise)),
    );
    const start = from ? matching.findIndex((i) => i.certificateNumber > from) : 0;
    return toPage(start < 0 ? [] : matching.slice(start, start + first + 1), first, matching.length, (r) => r.certificateNumber);
  }

  /** Every version of one inspector, oldest first. */
  async history(em: EntityManager, certificateNumber: string, { first, after }: PageArgs): Promise<Page<InspectorBase>> {
    checkPageSize(first);
    const rows = await em.find(this.opts.Inspector, { certificateNumber: normalizeCertificate(certificateNumber) }, { orderBy: { validFrom: 'asc', id: 'asc' } });
    return versionPage(rows, first, after);
  }

  /** Adds a certified inspector (who may have been in the directory before). */
  async add(em: EntityManager, by: string, input: InspectorInput, reason: string | null, effectiveFrom: Date | null): Promise<InspectorBase> {
    const certificateNumber = normalizeCertificate(input.certificateNumber ?? '');
    if (!CERTIFICATE.test(certificateNumber)) {
      throw badInput('input.certificateNumber', `执法证号“${input.certificateNumber}”格式不对（6–32位数字、大写字母或连字符） / certificate number "${input.certificateNumber}" must be 6–32 digits, capital letters or hyphens`);
    }
    checkInspectorFields(this.opts.department, 'input', input);
    const status = requireStatus('input.status', input.status ?? 'active');
    const why = optionalReason('reason', reason, '纳入执法检查人员名录 / added to the inspector directory');
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
    return uniqueOrConflict('input.certificateNumber', INSPECTOR_CONFLICT(certificateNumber), () =>
      em.transactional(async (tx) => {
        const versions = await tx.find(this.opts.Inspector, { certificateNumber });
        if (versions.some((v) => v.validTo == null)) throw userError('CONFLICT', INSPECTOR_CONFLICT(certificateNumber), { field: 'input.certificateNumber' });
        const from = effectiveAt('effectiveFrom', given, ...versions.map((v) => v.validTo));
        const inspector = tx.create(this.opts.Inspector, {
          certificateNumber,
          name: input.name.trim(),
          brigade: input.brigade ?? null,
          expertise: [...new Set(input.expertise)],
          status,
          validFrom: from,
          changedBy: by,
          changeReason: why,
        });
        await tx.flush();
        return inspector;
      }),
    );
  }

  /** Changes name, brigade, expertise or status: closes the current version, inserts the next. */
  async change(em: EntityManager, by: string, certificateNumber: string, input: InspectorChangeInput, reason: string, effectiveFrom: Date | null): Promise<InspectorBase> {
    const why = requireReason('reason', reason);
    // Only the fields given change (undefined: not given; brigade null clears it).
    const { name, brigade, expertise } = input;
    if ([name, brigade, expertise, input.status].every((v) => v === undefined)) throw badInput('input', '没有要修改的字段 / nothing to change: give at least one field');
    if (expertise === null) throw badInput('input.expertise', '专长不能为null，可传空列表 / expertise cannot be null; pass an empty list');
    checkInspectorFields(this.opts.department, 'input', input);
    const status = input.status === undefined ? undefined : requireStatus('input.status', input.status);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
    const cert = normalizeCertificate(certificateNumber);
    return uniqueOrConflict('certificateNumber', concurrentChange('certificateNumber').message, () =>
      em.transactional(async (tx) => {
        const current = await currentInspector(tx, this.opts.Inspector, cert);
        const from = effectiveAt('effectiveFrom', given, current.validFrom);
        await closeVersion(tx, this.opts.Inspector, current.id, from, by, why, 'certificateNumber');
        const inspector = tx.create(this.opts.Inspector, {
          certificateNumber: cert,
          name: name != null ? name.trim() : current.name,
          brigade: brigade !== undefined ? brigade : current.brigade,
          expertise: expertise != null ? [...new Set(expertise)] : current.expertise,
          status: status ?? current.status,
          validFrom: from,
          changedBy: by,
          changeReason: why,
        });
        await tx.flush();
        return inspector;
      }),
    );
  }
}
