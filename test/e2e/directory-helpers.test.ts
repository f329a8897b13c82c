import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import { databaseName, urlForDatabase } from '../../shared/platform/orm.js';
import { activeTags, currentTargets, DIRECTORY_ENTITIES, inspectorsForDraw } from '../../shared/department/directory.js';
import { PublicSecurityInspector, PublicSecurityTarget } from '../../subgraphs/public-security/entities.js';
import { FireRescueTarget, FireRescueInspector } from '../../subgraphs/fire-rescue/entities.js';
import { sql } from '../support/federation.js';

/**
 * shared/department/directory.ts, the readers the draw engine runs inside a department subgraph, checked
 * against the department's own database (the demo county as seeded, plus what other test files
 * changed: the answers are computed from the same tables by plain SQL).
 */
const open = (subgraph: string, entities: Function[]) =>
  MikroORM.init({
    clientUrl: urlForDatabase(inject('pgUrl'), databaseName(subgraph, inject('dbPrefix'))),
    entities: [...entities, ...DIRECTORY_ENTITIES],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 2 },
  });

describe('shared/department/directory.ts readers', () => {
  let ps: MikroORM;
  let fr: MikroORM;
  beforeAll(async () => {
    ps = await open('public-security', [PublicSecurityTarget, PublicSecurityInspector]);
    fr = await open('fire-rescue', [FireRescueTarget, FireRescueInspector]);
  });
  afterAll(async () => {
    await ps?.close();
    await fr?.close();
  });

  it('currentTargets: the current targets by USCC, with the brigade where the department has one', async () => {
    const targets = await currentTargets(ps.em.fork(), PublicSecurityTarget);
    const rows = await sql('public-security', `SELECT uscc, to_char(supervised_since, 'YYYY-MM-DD') AS since, brigade FROM supervised_target WHERE valid_to IS NULL ORDER BY uscc COLLATE "C"`);
    expect(targets).toEqual(rows.map((r: any) => ({ uscc: r.uscc, supervisedSince: r.since, brigade: r.brigade })));
    const fire = await currentTargets(fr.em.fork(), FireRescueTarget);
    expect(fire.length).toBeGreaterThan(500);
    expect(fire.every((t) => t.brigade === null && /^\d{4}-\d{2}-\d{2}$/.test(t.supervisedSince))).toBe(true);
  });

  it('currentTargets as of a past instant: the versions valid then', async () => {
    const asOf = new Date('2026-03-15T00:00:00+08:00');
    const targets = await currentTargets(ps.em.fork(), PublicSecurityTarget, asOf);
    const rows = await sql(
      'public-security',
      'SELECT uscc, brigade FROM supervised_target WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1) ORDER BY uscc COLLATE "C"',
      [asOf],
    );
    expect(targets.map((t) => [t.uscc, t.brigade])).toEqual(rows.map((r: any) => [r.uscc, r.brigade]));
  });

  it('activeTags: every asked USCC, its tags that apply then, in one statement', async () => {
    const asOf = new Date('2026-11-01T12:00:00+08:00');
    const tagged = await sql(
      'public-security',
      `SELECT uscc, key, value, source FROM target_tag WHERE valid_from <= '2026-11-01' AND (valid_until IS NULL OR valid_until >= '2026-11-01') AND (revoked_at IS NULL OR revoked_at > $1) ORDER BY uscc COLLATE "C", key COLLATE "C", value COLLATE "C" NULLS FIRST, id`,
      [asOf],
    );
    expect(tagged.length).toBeGreaterThan(5);
    const usccs = [...new Set(tagged.map((t: any) => t.uscc as string))];
    const untagged = (await sql('public-security', 'SELECT DISTINCT uscc FROM supervised_target WHERE uscc NOT IN (SELECT uscc FROM target_tag) ORDER BY uscc LIMIT 2')).map((r: any) => r.uscc);
    const map = await activeTags(ps.em.fork(), [...usccs, ...untagged], asOf);
    expect([...map.keys()]).toEqual([...usccs, ...untagged]);
    expect(untagged.map((u: string) => map.get(u))).toEqual([[], []]);
    expect(usccs.flatMap((u) => map.get(u))).toEqual(tagged);
    expect(await activeTags(ps.em.fork(), [], asOf)).toEqual(new Map());
  });

  it('inspectorsForDraw: every inspector valid then, with the USCCs they must not be drawn for', async () => {
    const inspectors = await inspectorsForDraw(ps.em.fork(), PublicSecurityInspector);
    const rows = await sql('public-security', 'SELECT certificate_number, name, brigade, expertise, status FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number COLLATE "C"');
    const conflicts = await sql('public-security', 'SELECT certificate_number, uscc FROM inspector_conflict WHERE valid_to IS NULL ORDER BY uscc COLLATE "C"');
    expect(conflicts.length).toBeGreaterThan(0);
    expect(inspectors).toEqual(
      rows.map((r: any) => ({
        certificateNumber: r.certificate_number,
        name: r.name,
        brigade: r.brigade,
        expertise: r.expertise,
        status: r.status,
        conflicts: [...new Set(conflicts.filter((c: any) => c.certificate_number === r.certificate_number).map((c: any) => c.uscc as string))],
      })),
    );
    const fire = await inspectorsForDraw(fr.em.fork(), FireRescueInspector, new Date('2025-06-01T00:00:00+08:00'));
    expect(fire).toHaveLength(35);
    expect(fire.every((i) => i.brigade === null)).toBe(true);
  });
});
