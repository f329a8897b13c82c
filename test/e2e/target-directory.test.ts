import { beforeAll, describe, expect, it } from 'vitest';
import * as clock from '../../shared/platform/clock.js';
import { gql, sql, SUITE_TODAY, token, tokens } from '../support/federation.js';
import { usccCheckCharacter } from '../../shared/domain/uscc.js';

/**
 * The target directory (检查对象名录库) of every department: effective-dated versions with who,
 * when and why; as-of answers; filters through the register contract; tags (标注).
 */

const ADD = `mutation ($input: PublicSecurityTargetInput!, $reason: String, $from: DateTime) {
  addPublicSecurityTarget(input: $input, reason: $reason, effectiveFrom: $from) { uscc brigade specialTradeLicence supervisedSince validFrom validTo changedBy changeReason }
}`;
const UPDATE = `mutation ($uscc: String!, $input: PublicSecurityTargetChangeInput!, $reason: String!, $from: DateTime) {
  updatePublicSecurityTarget(uscc: $uscc, input: $input, reason: $reason, effectiveFrom: $from) { uscc brigade specialTradeLicence supervisedSince validFrom validTo changedBy changeReason }
}`;
const REMOVE = `mutation ($uscc: String!, $reason: String!, $from: DateTime) {
  removePublicSecurityTarget(uscc: $uscc, reason: $reason, effectiveFrom: $from) { uscc validFrom validTo closedBy closeReason }
}`;
const HISTORY = `query ($uscc: String!) {
  publicSecurityTargetHistory(uscc: $uscc) { totalCount nodes { brigade validFrom validTo changedBy changeReason closedBy closeReason } }
}`;
const LIST = `query ($filter: PublicSecurityTargetFilter, $asOf: String, $first: Int, $after: String) {
  publicSecurityTargets(filter: $filter, asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { uscc brigade }
  }
}`;

/** Operating businesses of an industry public security does not supervise (so free to add), skipping `skip`. */
async function freeBusinesses(n: number, skip: number): Promise<string[]> {
  // Demo businesses that market supervision supervises (import.test.ts registers new 8051 businesses that it does not).
  const rows = await sql(
    'market-supervision',
    "SELECT uscc FROM enterprise WHERE industry_code = '8051' AND status = 'operating' AND uscc IN (SELECT uscc FROM supervised_target WHERE valid_to IS NULL) ORDER BY uscc OFFSET $1 LIMIT $2",
    [skip, n],
  );
  return rows.map((r: any) => r.uscc);
}

const psRows = async () => (await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target'))[0].n;
const psTags = async () => (await sql('public-security', 'SELECT count(*)::int AS n FROM target_tag'))[0].n;

async function allPages(query: string, variables: Record<string, unknown>, field: string, tok?: string, first = 100) {
  const out: any[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const res: any = await gql(query, { ...variables, first, after }, { token: tok });
    expect(res.errors).toBeUndefined();
    const page = res.data[field];
    totalCount = page.totalCount;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes: out, totalCount };
}

describe('target directory: versions, history and as-of', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await token(['department-admin'], 'public-security', 'ps-admin-wang');
  });

  it('add, change, remove: each change closes the current version and keeps who, when and why; as-of shows each state', async () => {
    const [uscc] = await freeBusinesses(1, 0);
    const added = await gql(ADD, { input: { uscc, brigade: 'public-order', supervisedSince: '2026-02-01' }, reason: '新开业美容院纳入治安检查', from: '2026-02-01T00:00:00+08:00' }, { token: admin });
    expect(added.errors).toBeUndefined();
    expect(added.data.addPublicSecurityTarget).toEqual({
      uscc,
      brigade: 'public-order',
      specialTradeLicence: null,
      supervisedSince: '2026-02-01',
      validFrom: '2026-01-31T16:00:00.000Z',
      validTo: null,
      changedBy: 'ps-admin-wang',
      changeReason: '新开业美容院纳入治安检查',
    });

    const changed = await gql(UPDATE, { uscc, input: { brigade: 'cyber-security', specialTradeLicence: '冀公特2026TEST' }, reason: '移交网安大队', from: '2026-03-01T00:00:00+08:00' }, { token: admin });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updatePublicSecurityTarget).toEqual({
      uscc,
      brigade: 'cyber-security',
      specialTradeLicence: '冀公特2026TEST',
      supervisedSince: '2026-02-01',
      validFrom: '2026-02-28T16:00:00.000Z',
      validTo: null,
      changedBy: 'ps-admin-wang',
      changeReason: '移交网安大队',
    });

    const removed = await gql(REMOVE, { uscc, reason: '已停业', from: '2026-04-01T10:30:00+08:00' }, { token: admin });
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removePublicSecurityTarget).toEqual({
      uscc,
      validFrom: '2026-02-28T16:00:00.000Z',
      validTo: '2026-04-01T02:30:00.000Z',
      closedBy: 'ps-admin-wang',
      closeReason: '已停业',
    });

    const history = await gql(HISTORY, { uscc }, { token: await tokens.analyst() });
    expect(history.data.publicSecurityTargetHistory.nodes).toEqual([
      { brigade: 'public-order', validFrom: '2026-01-31T16:00:00.000Z', validTo: '2026-02-28T16:00:00.000Z', changedBy: 'ps-admin-wang', changeReason: '新开业美容院纳入治安检查', closedBy: 'ps-admin-wang', closeReason: '移交网安大队' },
      { brigade: 'cyber-security', validFrom: '2026-02-28T16:00:00.000Z', validTo: '2026-04-01T02:30:00.000Z', changedBy: 'ps-admin-wang', changeReason: '移交网安大队', closedBy: 'ps-admin-wang', closeReason: '已停业' },
    ]);
    // Rows are never deleted: two versions in the database, none current.
    expect(await sql('public-security', 'SELECT brigade, valid_to IS NULL AS current FROM supervised_target WHERE uscc = $1 ORDER BY valid_from', [uscc])).toEqual([
      { brigade: 'public-order', current: false },
      { brigade: 'cyber-security', current: false },
    ]);

    const at = async (asOf: string | null) => {
      const res = await gql(LIST, { filter: { industryCodes: ['8051'] }, asOf, first: 100 }, { token: admin });
      expect(res.errors).toBeUndefined();
      return res.data.publicSecurityTargets.nodes.find((n: any) => n.uscc === uscc) ?? null;
    };
    expect(await at('2026-01-31')).toBeNull();
    expect(await at('2026-02-01')).toEqual({ uscc, brigade: 'public-order' });
    expect(await at('2026-02-28')).toEqual({ uscc, brigade: 'public-order' });
    expect(await at('2026-03-01')).toEqual({ uscc, brigade: 'cyber-security' });
    expect(await at('2026-04-01T10:29:59+08:00')).toEqual({ uscc, brigade: 'cyber-security' });
    expect(await at('2026-04-01T10:30:00+08:00')).toBeNull();
    expect(await at(null)).toBeNull();
    const now = await gql('query ($u: String!) { enterprise(uscc: $u) { publicSecurityTarget { brigade } } }', { u: uscc }, { token: admin });
    expect(now.data.enterprise.publicSecurityTarget).toBeNull();

    // Re-adding later starts a new chain; back-dating into the removed period is refused.
    const overlap = await gql(ADD, { input: { uscc, brigade: 'public-order' }, from: '2026-03-15T00:00:00+08:00' }, { token: admin });
    expect(overlap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    const again = await gql(ADD, { input: { uscc, brigade: 'public-order' } }, { token: admin });
    expect(again.errors).toBeUndefined();
    expect(again.data.addPublicSecurityTarget.changeReason).toBe('纳入检查对象名录 / added to the target directory');
    const now2 = await gql('query ($u: String!) { enterprise(uscc: $u) { publicSecurityTarget { brigade } } }', { u: uscc }, { token: admin });
    expect(now2.data.enterprise.publicSecurityTarget).toEqual({ brigade: 'public-order' });
  });

  it('refused changes name the field at fault and write nothing', async () => {
    const [uscc, notInDirectory] = await freeBusinesses(2, 10);
    expect((await gql(ADD, { input: { uscc, brigade: 'public-order' }, from: '2026-05-01T00:00:00+08:00' }, { token: admin })).errors).toBeUndefined();
    const rowsBefore = await psRows();
    const fire = await tokens.admin('fire-rescue');
    const badCheck = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    const unregistered = '91130433MA0000001' + usccCheckCharacter('91130433MA0000001');

    const cases: [string, Record<string, unknown>, string | undefined, Record<string, unknown>][] = [
      ['empty reason', { uscc, input: { brigade: 'cyber-security' }, reason: '  ' }, admin, { code: 'BAD_USER_INPUT', field: 'reason' }],
      ['nothing to change', { uscc, input: {}, reason: 'x' }, admin, { code: 'BAD_USER_INPUT', field: 'input' }],
      ['unknown brigade', { uscc, input: { brigade: 'traffic' }, reason: 'x' }, admin, { code: 'BAD_USER_INPUT', field: 'input.brigade' }],
      ['bad check character', { uscc: badCheck, input: { brigade: 'cyber-security' }, reason: 'x' }, admin, { code: 'BAD_USER_INPUT', field: 'uscc', reason: 'check' }],
      ['not in the directory', { uscc: notInDirectory, input: { brigade: 'cyber-security' }, reason: 'x' }, admin, { code: 'NOT_FOUND', field: 'uscc' }],
      ['back-dated before the current version', { uscc, input: { brigade: 'cyber-security' }, reason: 'x', from: '2026-04-30T00:00:00+08:00' }, admin, { code: 'BAD_USER_INPUT', field: 'effectiveFrom' }],
      ['in the future', { uscc, input: { brigade: 'cyber-security' }, reason: 'x', from: '2999-01-01T00:00:00+08:00' }, admin, { code: 'BAD_USER_INPUT', field: 'effectiveFrom' }],
      ['not a date', { uscc, input: { brigade: 'cyber-security' }, reason: 'x', from: '2026-02-30' }, admin, { code: 'BAD_USER_INPUT', field: 'effectiveFrom' }],
      ['another department', { uscc, input: { brigade: 'cyber-security' }, reason: 'x' }, fire, { code: 'FORBIDDEN', field: 'Mutation.updatePublicSecurityTarget' }],
      ['a coordinator', { uscc, input: { brigade: 'cyber-security' }, reason: 'x' }, await tokens.coordinator(), { code: 'FORBIDDEN', field: 'Mutation.updatePublicSecurityTarget' }],
      ['the public', { uscc, input: { brigade: 'cyber-security' }, reason: 'x' }, undefined, { code: 'UNAUTHENTICATED', field: 'Mutation.updatePublicSecurityTarget' }],
    ];
    for (const [label, vars, tok, expected] of cases) {
      const res = await gql(UPDATE, vars, { token: tok });
      expect(res.errors?.[0].extensions, label).toMatchObject(expected);
      expect(res.data ?? null, label).toBeNull(); // a refused variable: no data at all
    }
    const removeCases: [Record<string, unknown>, string, Record<string, unknown>][] = [
      [{ uscc, reason: '' }, admin, { code: 'BAD_USER_INPUT', field: 'reason' }],
      [{ uscc, reason: '停业' }, fire, { code: 'FORBIDDEN' }],
      [{ uscc: notInDirectory, reason: '停业' }, admin, { code: 'NOT_FOUND', field: 'uscc' }],
    ];
    for (const [vars, tok, expected] of removeCases) expect((await gql(REMOVE, vars, { token: tok })).errors?.[0].extensions).toMatchObject(expected);
    const unknown = await gql(ADD, { input: { uscc: unregistered, brigade: 'public-order' } }, { token: admin });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.uscc' });
    const twice = await gql(ADD, { input: { uscc, brigade: 'public-order' } }, { token: admin });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.uscc' });

    expect(await psRows()).toBe(rowsBefore);
    expect(await sql('public-security', 'SELECT brigade, valid_to FROM supervised_target WHERE uscc = $1', [uscc])).toEqual([{ brigade: 'public-order', valid_to: null }]);
  });

  it('changes of the same target at the same moment never leave two current versions', async () => {
    const [uscc, fresh] = await freeBusinesses(2, 40);
    expect((await gql(ADD, { input: { uscc, brigade: 'public-order' } }, { token: admin })).errors).toBeUndefined();
    const brigades = ['cyber-security', 'criminal-investigation', 'public-order', 'cyber-security'];
    const all = await Promise.all(brigades.map((brigade) => gql(UPDATE, { uscc, input: { brigade }, reason: `移交${brigade}` }, { token: admin })));
    // Interleaved ones are refused (the version they change was closed meanwhile); serialised ones are each a version.
    const ok = all.filter((r) => !r.errors);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of all.filter((r) => r.errors)) expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'uscc' });
    const versions = await sql('public-security', 'SELECT valid_from, valid_to FROM supervised_target WHERE uscc = $1 ORDER BY valid_from, id', [uscc]);
    expect(versions).toHaveLength(1 + ok.length);
    expect(versions.filter((v: any) => v.valid_to === null)).toHaveLength(1);
    // …and they form one chain: each version ends where the next begins.
    for (let i = 1; i < versions.length; i++) expect(versions[i - 1].valid_to).toEqual(versions[i].valid_from);

    const adds = await Promise.all([0, 1].map(() => gql(ADD, { input: { uscc: fresh, brigade: 'public-order' } }, { token: admin })));
    expect(adds.filter((r) => !r.errors)).toHaveLength(1);
    expect(adds.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.uscc' });
    expect(await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1', [fresh])).toEqual([{ n: 1 }]);
  });

  it('each department changes only its own directory: market supervision and fire have the same mutations', async () => {
    const [uscc] = await freeBusinesses(1, 20);
    const msAdmin = await tokens.admin('market-supervision');
    const ms = await gql(
      'mutation ($u: String!) { updateMarketSupervisionTarget(uscc: $u, input: { foodLicenceNumber: "JY11304330000001" }, reason: "补录食品经营许可证") { uscc foodLicenceNumber specialEquipmentCount changedBy } }',
      { u: uscc },
      { token: msAdmin },
    );
    expect(ms.errors).toBeUndefined();
    expect(ms.data.updateMarketSupervisionTarget).toEqual({ uscc, foodLicenceNumber: 'JY11304330000001', specialEquipmentCount: 0, changedBy: 'test-department-admin-market-supervision' });
    const fromPs = await gql('mutation ($u: String!) { removeMarketSupervisionTarget(uscc: $u, reason: "x") { uscc } }', { u: uscc }, { token: admin });
    expect(fromPs.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await sql('market-supervision', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1 AND valid_to IS NULL', [uscc])).toEqual([{ n: 1 }]);

    const [hotel] = await sql('fire-rescue', "SELECT uscc FROM supervised_target WHERE venue_category = 'crowded-venue' AND valid_to IS NULL ORDER BY uscc LIMIT 1");
    const fr = await gql(
      'mutation ($u: String!) { updateFireRescueTarget(uscc: $u, input: { venueCategory: "volcano" }, reason: "x") { uscc } }',
      { u: hotel.uscc },
      { token: await tokens.admin('fire-rescue') },
    );
    expect(fr.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.venueCategory' });
  });

  it('a text longer than its column is refused naming the field, in any department, and nothing is written', async () => {
    const [uscc] = await freeBusinesses(1, 21);
    const msAdmin = await tokens.admin('market-supervision');
    const before = await sql('market-supervision', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1', [uscc]);
    // foodLicenceNumber is varchar(32): 33 characters must not reach the database.
    const tooLong = 'JY'.padEnd(33, '1');
    const changed = await gql(
      'mutation ($u: String!, $l: String!) { updateMarketSupervisionTarget(uscc: $u, input: { foodLicenceNumber: $l }, reason: "补录食品经营许可证") { uscc } }',
      { u: uscc, l: tooLong },
      { token: msAdmin },
    );
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.foodLicenceNumber' });
    expect(changed.errors?.[0].message).toContain('最多32个');
    expect(await sql('market-supervision', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1', [uscc])).toEqual(before);
    const psAdded = await gql(
      'mutation ($input: PublicSecurityTargetInput!) { addPublicSecurityTarget(input: $input) { uscc } }',
      { input: { uscc, brigade: 'public-order', specialTradeLicence: '冀'.repeat(200) } },
      { token: admin },
    );
    expect(psAdded.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.specialTradeLicence' });
    expect(await sql('public-security', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1', [uscc])).toEqual([{ n: 0 }]);
  });
});

describe('target directory: filters from the register, pagination and totalCount', () => {
  it('industry and credit-risk class come from the register; pages walk the whole answer without gaps', async () => {
    const analyst = await tokens.analyst();
    const current = new Set((await sql('public-security', 'SELECT uscc FROM supervised_target WHERE valid_to IS NULL')).map((r: any) => r.uscc));
    const register = await sql('market-supervision', `SELECT uscc FROM enterprise WHERE industry_code IN ('6129', '6130') AND credit_risk_class = 'B' ORDER BY uscc COLLATE "C"`);
    const expected = register.map((r: any) => r.uscc).filter((u: string) => current.has(u));
    expect(expected.length).toBeGreaterThan(100);
    const { nodes, totalCount } = await allPages(LIST, { filter: { industryCodes: ['6129', '6130'], creditRiskClass: 'B' } }, 'publicSecurityTargets', analyst, 37);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.uscc)).toEqual(expected);
  });

  it('department columns and township filter together; without register filters the page comes straight from SQL', async () => {
    const analyst = await tokens.analyst();
    const cyber = await sql('public-security', "SELECT uscc FROM supervised_target WHERE valid_to IS NULL AND brigade = 'cyber-security' ORDER BY uscc");
    const res = await gql(LIST, { filter: { brigade: 'cyber-security' }, first: 5 }, { token: analyst });
    expect(res.data.publicSecurityTargets.totalCount).toBe(cyber.length);
    expect(res.data.publicSecurityTargets.nodes.map((n: any) => n.uscc)).toEqual(cyber.slice(0, 5).map((r: any) => r.uscc));

    const flammable = new Set((await sql('fire-rescue', "SELECT uscc FROM supervised_target WHERE valid_to IS NULL AND venue_category = 'flammable'")).map((r: any) => r.uscc));
    const inTown = (await sql('market-supervision', `SELECT uscc FROM enterprise WHERE region_code = '130433100' ORDER BY uscc COLLATE "C"`)).map((r: any) => r.uscc).filter((u: string) => flammable.has(u));
    const fr = await gql(
      'query { fireRescueTargets(filter: { venueCategory: "flammable", regionCode: "130433100" }, first: 100) { totalCount nodes { uscc venueCategory keyFireSafetyUnit } } }',
      {},
      { token: analyst },
    );
    expect(fr.errors).toBeUndefined();
    expect(inTown.length).toBeGreaterThan(0);
    expect(fr.data.fireRescueTargets.totalCount).toBe(inTown.length);
    expect(fr.data.fireRescueTargets.nodes.map((n: any) => n.uscc)).toEqual(inTown);
    expect(fr.data.fireRescueTargets.nodes.every((n: any) => n.venueCategory === 'flammable' && n.keyFireSafetyUnit === true)).toBe(true);

    const [{ n }] = await sql('market-supervision', 'SELECT count(*)::int AS n FROM supervised_target WHERE valid_to IS NULL');
    const ms = await gql('{ marketSupervisionTargets(first: 3) { totalCount nodes { uscc } } }', {}, { token: analyst });
    expect(ms.data.marketSupervisionTargets.totalCount).toBe(n);
  });

  it('bad filters are refused naming the field; the public may not read directories', async () => {
    const analyst = await tokens.analyst();
    const cases: [Record<string, unknown>, string][] = [
      [{ filter: { industryCodes: ['9999'] } }, 'filter.industryCodes'],
      [{ filter: { creditRiskClass: 'E' } }, 'filter.creditRiskClass'],
      [{ filter: { regionCode: '110101001' } }, 'filter.regionCode'],
      [{ filter: { brigade: 'traffic' } }, 'filter.brigade'],
      [{ filter: { tag: 'vip' } }, 'filter.tag'],
      [{ asOf: '2026-13-01' }, 'asOf'],
      [{ first: 0 }, 'first'],
    ];
    for (const [vars, field] of cases) {
      const res = await gql(LIST, { first: 10, ...vars }, { token: analyst });
      expect(res.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const anonymous = await gql(LIST, { first: 1 });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Query.publicSecurityTargets' });
  });
});

describe('tags (标注) on targets', () => {
  const TAG = `mutation ($uscc: String!, $input: TargetTagInput!) { tagPublicSecurityTarget(uscc: $uscc, input: $input) { id uscc key value source validFrom validUntil createdBy reason revokedAt } }`;
  const REVOKE = `mutation ($id: Int!, $reason: String!) { revokePublicSecurityTargetTag(id: $id, reason: $reason) { id revokedAt revokedBy revokeReason } }`;

  it('a tag applies in its period until revoked; the tag filter and Target.tags(asOf) answer as of any time', async () => {
    const admin = await token(['department-admin'], 'public-security', 'ps-admin-li');
    const [hotel] = await sql('public-security', "SELECT t.uscc FROM supervised_target t WHERE t.valid_to IS NULL AND t.valid_from < '2026-01-01' AND t.brigade = 'public-order' AND NOT EXISTS (SELECT 1 FROM target_tag g WHERE g.uscc = t.uscc) ORDER BY t.uscc LIMIT 1");
    const tagged = await gql(TAG, { uscc: hotel.uscc, input: { key: 'referral', value: '市场监管局移交', source: 'REFERRAL', validFrom: '2026-05-01', validUntil: '2027-04-30', reason: '市场监管局移交未登记旅客线索' } }, { token: admin });
    expect(tagged.errors).toBeUndefined();
    const tag = tagged.data.tagPublicSecurityTarget;
    expect(tag).toEqual({ id: tag.id, uscc: hotel.uscc, key: 'referral', value: '市场监管局移交', source: 'REFERRAL', validFrom: '2026-05-01', validUntil: '2027-04-30', createdBy: 'ps-admin-li', reason: '市场监管局移交未登记旅客线索', revokedAt: null });

    const referred = async (asOf: string | null) => {
      const res = await gql(LIST, { filter: { tag: 'referral' }, asOf, first: 100 }, { token: admin });
      expect(res.errors).toBeUndefined();
      return res.data.publicSecurityTargets.nodes.map((n: any) => n.uscc).includes(hotel.uscc);
    };
    expect(await referred('2026-04-30')).toBe(false);
    expect(await referred('2026-05-01')).toBe(true);
    expect(await referred(null)).toBe(true);

    const tagsOf = async (asOf: string | null) =>
      (await gql('query ($u: String!, $a: String) { enterprise(uscc: $u) { publicSecurityTarget { tags(asOf: $a) { key value } } } }', { u: hotel.uscc, a: asOf }, { token: admin })).data.enterprise
        .publicSecurityTarget.tags;
    expect(await tagsOf('2026-04-30')).toEqual([]);
    expect(await tagsOf('2026-06-01')).toEqual([{ key: 'referral', value: '市场监管局移交' }]);

    // The suite's processes share one clock (shared/platform/clock.ts): the stamp falls between these two readings.
    const before = clock.nowMs();
    const revoked = await gql(REVOKE, { id: tag.id, reason: '线索核查不实' }, { token: admin });
    const after = clock.nowMs();
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data.revokePublicSecurityTargetTag).toMatchObject({ id: tag.id, revokedBy: 'ps-admin-li', revokeReason: '线索核查不实' });
    const revokedAt = Date.parse(revoked.data.revokePublicSecurityTargetTag.revokedAt);
    expect(revokedAt).toBeGreaterThanOrEqual(before);
    expect(revokedAt).toBeLessThanOrEqual(after);
    expect(await referred(null)).toBe(false);
    // Before the revocation the tag still applied: history does not change.
    expect(await referred('2026-06-01')).toBe(true);
    expect(await tagsOf(null)).toEqual([]);

    const again = await gql(REVOKE, { id: tag.id, reason: '重复' }, { token: admin });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
  });

  it('the tag filter counts exactly the current targets with a tag that applies now', async () => {
    const analyst = await tokens.analyst();
    const today = SUITE_TODAY;
    const expected = await sql(
      'public-security',
      `SELECT DISTINCT t.uscc FROM supervised_target t JOIN target_tag g ON g.uscc = t.uscc
        WHERE t.valid_to IS NULL AND g.key = 'complaint-12m' AND g.valid_from <= $1 AND (g.valid_until IS NULL OR g.valid_until >= $1) AND g.revoked_at IS NULL ORDER BY t.uscc`,
      [today],
    );
    expect(expected.length).toBeGreaterThan(0);
    const { nodes, totalCount } = await allPages(LIST, { filter: { tag: 'complaint-12m' } }, 'publicSecurityTargets', analyst);
    expect(totalCount).toBe(expected.length);
    expect(nodes.map((n) => n.uscc)).toEqual(expected.map((r: any) => r.uscc));
  });

  it('bad tags and other departments are refused, and nothing is written', async () => {
    const admin = await tokens.admin('public-security');
    const [target] = await sql('public-security', 'SELECT uscc FROM supervised_target WHERE valid_to IS NULL ORDER BY uscc LIMIT 1');
    const [outside] = await freeBusinesses(1, 30);
    const before = await psTags();
    const input = { key: 'high-risk', reason: '研判' };
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      ['unknown key', { uscc: target.uscc, input: { ...input, key: 'vip' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.key' }],
      ['no reason', { uscc: target.uscc, input: { ...input, reason: '' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.reason' }],
      ['period reversed', { uscc: target.uscc, input: { ...input, validFrom: '2026-05-01', validUntil: '2026-04-01' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.validUntil' }],
      ['not a target', { uscc: outside, input }, admin, { code: 'NOT_FOUND', field: 'uscc' }],
      ['another department', { uscc: target.uscc, input }, await tokens.admin('fire-rescue'), { code: 'FORBIDDEN', field: 'Mutation.tagPublicSecurityTarget' }],
      ['an inspector', { uscc: target.uscc, input }, await tokens.inspector('public-security'), { code: 'FORBIDDEN', field: 'Mutation.tagPublicSecurityTarget' }],
    ];
    for (const [label, vars, tok, expected] of cases) expect((await gql(TAG, vars, { token: tok })).errors?.[0].extensions, label).toMatchObject(expected);
    expect((await gql(REVOKE, { id: 999999, reason: 'x' }, { token: admin })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const [seeded] = await sql('public-security', 'SELECT id FROM target_tag WHERE revoked_at IS NULL ORDER BY id LIMIT 1');
    expect((await gql(REVOKE, { id: seeded.id, reason: 'x' }, { token: await tokens.admin('market-supervision') })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await psTags()).toBe(before);
    expect(await sql('public-security', 'SELECT revoked_at FROM target_tag WHERE id = $1', [seeded.id])).toEqual([{ revoked_at: null }]);
  });
});
