import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, requireUscc, userError } from '../platform/errors.js';
import * as clock from '../platform/clock.js';
import { countyDate } from '../domain/history.js';
import { closeVersion, effectiveAt, parseEffectiveFrom, requireReason } from '../platform/versioned.js';
import { normalizeCertificate, requireDate } from './args.js';
import { CONFLICT_KINDS, InspectorConflict } from './directory.js';
import type { InspectorBase } from './entities.js';
import { currentInspector } from './inspectors.js';

/**
 * Declared conflicts of interest (回避) of one department's inspectors: while one applies, the draw
 * never puts the inspector on a team for that business (directory.ts inspectorsForDraw). A
 * withdrawal closes it and keeps it in the history.
 */
export class InspectorConflicts {
  constructor(private readonly Inspector: EntityClass<InspectorBase>) {}

  async declare(
    em: EntityManager,
    by: string,
    certificateNumber: string,
    uscc: string,
    kind: string,
    reason: string,
    declaredOn: string | null,
    effectiveFrom: Date | null,
  ): Promise<InspectorConflict> {
    const code = requireUscc('uscc', uscc);
    if (!Object.hasOwn(CONFLICT_KINDS, kind)) {
      throw badInput('kind', `回避类型“${kind}”无效，应为：${Object.entries(CONFLICT_KINDS).map(([k, v]) => `${k}（${v}）`).join('、')} / kind must be one of ${Object.keys(CONFLICT_KINDS).join(', ')}`);
    }
    const why = requireReason('reason', reason);
    const now = clock.now();
    const on = declaredOn ? requireDate('declaredOn', declaredOn) : countyDate(now);
    const from = parseEffectiveFrom('effectiveFrom', effectiveFrom, now) ?? now;
    const cert = normalizeCertificate(certificateNumber);
    return em.transactional(async (tx) => {
      await currentInspector(tx, this.Inspector, cert);
      if (await tx.findOne(InspectorConflict, { certificateNumber: cert, uscc: code, kind, validTo: null })) {
        throw userError('CONFLICT', `该回避事项已申报 / this conflict of interest is already declared`, { field: 'uscc' });
      }
      const conflict = tx.create(InspectorConflict, { certificateNumber: cert, uscc: code, kind, declaredOn: on, validFrom: from, changedBy: by, reason: why });
      await tx.flush();
      return conflict;
    });
  }

  async withdraw(em: EntityManager, by: string, id: number, reason: string, effectiveFrom: Date | null): Promise<InspectorConflict> {
    const why = requireReason('reason', reason);
    const given = parseEffectiveFrom('effectiveFrom', effectiveFrom, clock.now());
    return em.transactional(async (tx) => {
      const conflict = await tx.findOne(InspectorConflict, { id });
      if (!conflict) throw notFound('id', `本部门没有编号为${id}的回避申报 / this department has no declared conflict ${id}`);
      if (conflict.validTo) throw userError('CONFLICT', `回避申报${id}已撤回 / conflict ${id} was already withdrawn`, { field: 'id' });
      const from = effectiveAt('effectiveFrom', given, conflict.validFrom);
      await closeVersion(tx, InspectorConflict, id, from, by, why, 'id');
      return tx.findOneOrFail(InspectorConflict, { id }, { refresh: true });
    });
  }
}
