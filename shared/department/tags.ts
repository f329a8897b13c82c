import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, requireUscc, userError } from '../platform/errors.js';
import * as clock from '../platform/clock.js';
import { countyDate } from '../domain/history.js';
import { requireReason } from '../platform/versioned.js';
import { checkTagKey, requireDate } from './args.js';
import { TargetTag } from './directory.js';
import type { SupervisedTargetBase } from './entities.js';
import type { TargetTagInput } from './inputs.js';
import { currentTarget } from './targets.js';

/**
 * Tags (标注) on the targets of one department: rectification, complaint, licence… Each applies for a
 * period of county dates; revoking one ends it from now on and keeps it in the history. The draw
 * reads the tags that apply (directory.ts activeTags); filters and `tags` fields use tagAppliesAt.
 */
export class TargetTags {
  constructor(private readonly Target: EntityClass<SupervisedTargetBase>) {}

  /** Tags a business of the directory; the same key and value may not apply twice on any day. */
  async tag(em: EntityManager, by: string, uscc: string, input: TargetTagInput): Promise<TargetTag> {
    const code = requireUscc('uscc', uscc);
    checkTagKey('input.key', input.key);
    const value = input.value?.trim() || null;
    if (value && value.length > 200) throw badInput('input.value', '标注值最多200字 / the value has at most 200 characters');
    const source = input.source?.trim() || 'manual';
    if (source.length > 64) throw badInput('input.source', '来源最多64字 / the source has at most 64 characters');
    const now = clock.now();
    const validFrom = input.validFrom ? requireDate('input.validFrom', input.validFrom) : countyDate(now);
    const validUntil = input.validUntil ? requireDate('input.validUntil', input.validUntil) : null;
    if (validUntil && validUntil < validFrom) {
      throw badInput('input.validUntil', `截止日期“${validUntil}”早于起始日期“${validFrom}” / validUntil "${validUntil}" is before validFrom "${validFrom}"`);
    }
    const why = requireReason('input.reason', input.reason);
    return em.transactional(async (tx) => {
      await currentTarget(tx, this.Target, code);
      const same = await tx.find(TargetTag, { uscc: code, key: input.key, value, revokedAt: null });
      if (same.some((t) => (t.validUntil == null || t.validUntil >= validFrom) && (validUntil == null || t.validFrom <= validUntil))) {
        throw userError('CONFLICT', `该企业已有相同且期间重叠的标注“${input.key}” / this business already has the tag "${input.key}" for an overlapping period`, { field: 'input.key' });
      }
      const tag = tx.create(TargetTag, { uscc: code, key: input.key, value, source, validFrom, validUntil, createdAt: now, createdBy: by, reason: why });
      await tx.flush();
      return tag;
    });
  }

  /** Revokes a tag from now on (it stays in the history); only once, even when two ask at the same moment. */
  async revoke(em: EntityManager, by: string, id: number, reason: string): Promise<TargetTag> {
    const why = requireReason('reason', reason);
    return em.transactional(async (tx) => {
      const tag = await tx.findOne(TargetTag, { id });
      if (!tag) throw notFound('id', `本部门没有编号为${id}的标注 / this department has no tag ${id}`);
      if (tag.revokedAt) throw userError('CONFLICT', `标注${id}已于${tag.revokedAt.toISOString()}撤销 / tag ${id} was already revoked`, { field: 'id' });
      const n = await tx.nativeUpdate(TargetTag, { id, revokedAt: null }, { revokedAt: clock.now(), revokedBy: by, revokeReason: why });
      if (n !== 1) throw userError('CONFLICT', `标注${id}刚被他人撤销 / tag ${id} was revoked by someone else at the same moment`, { field: 'id' });
      return tx.findOneOrFail(TargetTag, { id }, { refresh: true });
    });
  }
}
