import { beforeAll, describe, expect, it } from 'vitest';
import { gql, sql, token, tokens } from '../support/federation.js';

/**
 * The inspector directory (执法检查人员名录库): effective-dated inspectors, declared conflicts of
 * interest (回避), and personal data visible only to the inspector's department and the office.
 */

const ADD = `mutation ($input: InspectorInput!, $reason: String, $from: DateTime) {
  addPublicSecurityInspector(input: $input, reason: $reason, effectiveFrom: $from) { certificateNumber name brigade expertise status validFrom changedBy changeReason }
}`;
const UPDATE = `mutation ($c: String!, $input: InspectorChangeInput!, $reason: String!, $from: DateTime) {
  updatePublicSecurityInspector(certificateNumber: $c, input: $input, reason: $reason, effectiveFrom: $from) { certificateNumber name brigade expertise status validFrom changeReason }
}`;
const DECLARE = `mutation ($c: String!, $u: String!, $kind: ConflictKind!, $reason: String!, $on: Date, $from: DateTime) {
  declarePublicSecurityInspectorConflict(certificateNumber: $c, uscc: $u, kind: $kind, reason: $reason, declaredOn: $on, effectiveFrom: $from) { id certificateNumber uscc kind declaredOn validFrom validTo changedBy reason }
}`;
const WITHDRAW = `mutation ($id: Int!, $reason: String!, $from: DateTime) {
  withdrawPublicSecurityInspectorConflict(id: $id, reason: $reason, effectiveFrom: $from) { id validTo closedBy closeReason }
}`;
const LIST = `query ($filter: InspectorFilter, $asOf: String, $first: Int, $after: String) {
  publicSecurityInspectors(filter: $filter, asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { certificateNumber brigade expertise status }
  }
}`;

const inspectorRows = async () => (await sql('public-security', 'SELECT count(*)::int AS n FROM inspector'))[0].n;
const conflictRows = async () => (await sql('public-security', 'SELECT count(*)::int AS n FROM inspector_conflict'))[0].n;

describe('inspector directory: versions and as-of', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await token(['department-admin'], 'public-security', 'ps-admin-zhao');
  });

  it('an admin adds an inspector, suspends them from a date, and the directory answers as of before and after', async () => {
    const added = await gql(
      ADD,
      { input: { certificateNumber: '130433029001', name: '赵建国', brigade: 'public-order', expertise: ['guest-registration', 'special-trades'] }, reason: '新取得执法证', from: '2026-03-01T00:00:00+08:00' },
      { token: admin },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data.addPublicSecurityInspector).toEqual({
      certificateNumber: '130433029001',
      name: '赵建国',
      brigade: 'public-order',
      expertise: ['guest-registration', 'special-trades'],
      status: 'ACTIVE',
      validFrom: '2026-02-28T16:00:00.000Z',
      changedBy: 'ps-admin-zhao',
      changeReason: '新取得执法证',
    });
    const suspended = await gql(UPDATE, { c: '130433029001', input: { status: 'SUSPENDED', expertise: ['guest-registration'] }, reason: '执法证年审未通过', from: '2026-06-01T00:00:00+08:00' }, { token: admin });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data.updatePublicSecurityInspector).toEqual({
      certificateNumber: '130433029001',
      name: '赵建国',
      brigade: 'public-order',
      expertise: ['guest-registration'],
      status: 'SUSPENDED',
      validFrom: '2026-05-31T16:00:00.000Z',
      changeReason: '执法证年审未通过',
    });

    const at = async (asOf: string | null) =>
      (await gql(LIST, { asOf, first: 100 }, { token: admin })).data.publicSecurityInspectors.nodes.find((n: any) => n.certificateNumber === '130433029001') ?? null;
    expect(await at('2026-02-28')).toBeNull();
    expect(await at('2026-05-31')).toEqual({ certificateNumber: '130433029001', brigade: 'public-order', expertise: ['guest-registration', 'special-trades'], status: 'ACTIVE' });
    expect(await at('2026-06-01')).toEqual({ certificateNumber: '130433029001', brigade: 'public-order', expertise: ['guest-registration'], status: 'SUSPENDED' });
    expect(await at(null)).toEqual({ certificateNumber: '130433029001', brigade: 'public-order', expertise: ['guest-registration'], status: 'SUSPENDED' });

    const history = await gql('{ publicSecurityInspectorHistory(certificateNumber: "130433029001", first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { status validFrom validTo changedBy closedBy closeReason } } }', {}, { token: admin });
    // Paged, oldest first: one version per page here.
    const page1 = history.data.publicSecurityInspectorHistory;
    expect(page1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const next = await gql('query ($a: String) { publicSecurityInspectorHistory(certificateNumber: "130433029001", first: 1, after: $a) { pageInfo { hasNextPage } nodes { status validFrom validTo changedBy closedBy closeReason } } }', { a: page1.pageInfo.endCursor }, { token: admin });
    expect(next.data.publicSecurityInspectorHistory.pageInfo.hasNextPage).toBe(false);
    expect([...page1.nodes, ...next.data.publicSecurityInspectorHistory.nodes]).toEqual([
      { status: 'ACTIVE', validFrom: '2026-02-28T16:00:00.000Z', validTo: '2026-05-31T16:00:00.000Z', changedBy: 'ps-admin-zhao', closedBy: 'ps-admin-zhao', closeReason: '执法证年审未通过' },
      { status: 'SUSPENDED', validFrom: '2026-05-31T16:00:00.000Z', validTo: null, changedBy: 'ps-admin-zhao', closedBy: null, closeReason: null },
    ]);
  });

  it('duplicate certificate numbers, unknown brigades and other departments are refused and nothing is written', async () => {
    const [existing] = await sql('public-security', 'SELECT certificate_number FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number LIMIT 1');
    const before = await inspectorRows();
    const input = { certificateNumber: '130433029002', name: '钱多多', brigade: 'public-order', expertise: ['special-trades'] };
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      ['duplicate certificate number', { input: { ...input, certificateNumber: existing.certificate_number } }, admin, { code: 'CONFLICT', field: 'input.certificateNumber' }],
      ['malformed certificate number', { input: { ...input, certificateNumber: '证 1' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.certificateNumber' }],
      ['unknown brigade', { input: { ...input, brigade: 'traffic' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.brigade' }],
      ['bad status', { input: { ...input, status: 'on-leave' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.status' }],
      ['bad expertise tag', { input: { ...input, expertise: ['Guest Registration'] } }, admin, { code: 'BAD_USER_INPUT', field: 'input.expertise' }],
      ['empty name', { input: { ...input, name: ' ' } }, admin, { code: 'BAD_USER_INPUT', field: 'input.name' }],
      ['another department', { input }, await tokens.admin('fire-rescue'), { code: 'FORBIDDEN', field: 'Mutation.addPublicSecurityInspector' }],
      ['an analyst', { input }, await tokens.analyst(), { code: 'FORBIDDEN', field: 'Mutation.addPublicSecurityInspector' }],
    ];
    for (const [label, vars, tok, expected] of cases) {
      const res = await gql(ADD, vars, { token: tok });
      expect(res.errors?.[0].extensions, label).toMatchObject(expected);
    }
    const updates: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      ['no reason', { c: existing.certificate_number, input: { status: 'RETIRED' }, reason: '' }, admin, { code: 'BAD_USER_INPUT', field: 'reason' }],
      ['unknown inspector', { c: '130433029999', input: { status: 'RETIRED' }, reason: '退休' }, admin, { code: 'NOT_FOUND', field: 'certificateNumber' }],
      ['another department', { c: existing.certificate_number, input: { status: 'RETIRED' }, reason: '退休' }, await tokens.admin('market-supervision'), { code: 'FORBIDDEN', field: 'Mutation.updatePublicSecurityInspector' }],
    ];
    for (const [label, vars, tok, expected] of updates) expect((await gql(UPDATE, vars, { token: tok })).errors?.[0].extensions, label).toMatchObject(expected);
    // A department without brigades refuses one.
    const fr = await gql(
      'mutation { addFireRescueInspector(input: { certificateNumber: "130433039001", name: "孙强", brigade: "public-order", expertise: ["fire-safety"] }) { certificateNumber } }',
      {},
      { token: await tokens.admin('fire-rescue') },
    );
    expect(fr.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.brigade' });
    expect(await inspectorRows()).toBe(before);
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM inspector WHERE certificate_number = '130433039001'")).toEqual([{ n: 0 }]);
  });

  it('filters by status, expertise and brigade, with totalCount and pages', async () => {
    const analyst = await tokens.analyst();
    const rows = await sql('public-security', `SELECT certificate_number FROM inspector WHERE valid_to IS NULL AND status = 'active' AND brigade = 'public-order' AND expertise ? 'guest-registration' ORDER BY certificate_number COLLATE "C"`);
    expect(rows.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await gql(LIST, { filter: { status: 'ACTIVE', brigade: 'public-order', expertise: 'guest-registration' }, first: 2, after }, { token: analyst });
      expect(res.errors).toBeUndefined();
      expect(res.data.publicSecurityInspectors.totalCount).toBe(rows.length);
      seen.push(...res.data.publicSecurityInspectors.nodes.map((n: any) => n.certificateNumber));
      if (!res.data.publicSecurityInspectors.pageInfo.hasNextPage) break;
      after = res.data.publicSecurityInspectors.pageInfo.endCursor;
    }
    expect(seen).toEqual(rows.map((r: any) => r.certificate_number));
    const bad = await gql(LIST, { filter: { status: 'asleep' } }, { token: analyst });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.status' });
  });
});

describe('declared conflicts of interest (回避)', () => {
  it('are declared and withdrawn with who and why, and answer as of any time', async () => {
    const admin = await token(['department-admin'], 'public-security', 'ps-admin-zhao');
    const [inspector] = await sql('public-security', "SELECT certificate_number FROM inspector WHERE valid_to IS NULL AND status = 'active' AND valid_from < '2026-01-01' ORDER BY certificate_number DESC LIMIT 1");
    const [hotel] = await sql('public-security', "SELECT uscc FROM supervised_target WHERE valid_to IS NULL AND brigade = 'public-order' ORDER BY uscc DESC LIMIT 1");
    const declared = await gql(DECLARE, { c: inspector.certificate_number, u: hotel.uscc, kind: 'RELATIVE', reason: '其妹为该旅馆经营者', on: '2026-02-10', from: '2026-02-10T00:00:00+08:00' }, { token: admin });
    expect(declared.errors).toBeUndefined();
    const conflict = declared.data.declarePublicSecurityInspectorConflict;
    expect(conflict).toEqual({
      id: conflict.id,
      certificateNumber: inspector.certificate_number,
      uscc: hotel.uscc,
      kind: 'RELATIVE',
      declaredOn: '2026-02-10',
      validFrom: '2026-02-09T16:00:00.000Z',
      validTo: null,
      changedBy: 'ps-admin-zhao',
      reason: '其妹为该旅馆经营者',
    });
    const twice = await gql(DECLARE, { c: inspector.certificate_number, u: hotel.uscc, kind: 'RELATIVE', reason: '重复' }, { token: admin });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'uscc' });

    const withdrawn = await gql(WITHDRAW, { id: conflict.id, reason: '其妹已转让该旅馆', from: '2026-08-01T00:00:00+08:00' }, { token: admin });
    expect(withdrawn.data.withdrawPublicSecurityInspectorConflict).toEqual({ id: conflict.id, validTo: '2026-07-31T16:00:00.000Z', closedBy: 'ps-admin-zhao', closeReason: '其妹已转让该旅馆' });

    const conflictsAt = async (asOf: string | null) => {
      const res = await gql(
        'query ($a: String) { publicSecurityInspectors(first: 100) { nodes { certificateNumber conflicts(asOf: $a) { uscc kind } } } }',
        { a: asOf },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      return res.data.publicSecurityInspectors.nodes.find((n: any) => n.certificateNumber === inspector.certificate_number).conflicts.filter((c: any) => c.uscc === hotel.uscc);
    };
    expect(await conflictsAt('2026-02-09')).toEqual([]);
    expect(await conflictsAt('2026-02-10')).toEqual([{ uscc: hotel.uscc, kind: 'RELATIVE' }]);
    expect(await conflictsAt('2026-07-31')).toEqual([{ uscc: hotel.uscc, kind: 'RELATIVE' }]);
    expect(await conflictsAt('2026-08-01')).toEqual([]);
    expect(await conflictsAt(null)).toEqual([]);
  });

  it('bad declarations are refused naming the field, and nothing is written', async () => {
    const admin = await tokens.admin('public-security');
    const [inspector] = await sql('public-security', 'SELECT certificate_number FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number LIMIT 1');
    const uscc = '9113043300GFHKY8ER';
    const before = await conflictRows();
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      ['bad check character', { c: inspector.certificate_number, u: '9113043300GFHKY8EX', kind: 'RELATIVE', reason: 'x' }, admin, { code: 'BAD_USER_INPUT', field: 'uscc', reason: 'check' }],
      ['unknown kind', { c: inspector.certificate_number, u: uscc, kind: 'friend', reason: 'x' }, admin, { code: 'BAD_USER_INPUT', field: 'kind' }],
      ['no reason', { c: inspector.certificate_number, u: uscc, kind: 'OTHER', reason: ' ' }, admin, { code: 'BAD_USER_INPUT', field: 'reason' }],
      ['unknown inspector', { c: '130433020000', u: uscc, kind: 'OTHER', reason: 'x' }, admin, { code: 'NOT_FOUND', field: 'certificateNumber' }],
      ['another department', { c: inspector.certificate_number, u: uscc, kind: 'OTHER', reason: 'x' }, await tokens.admin('fire-rescue'), { code: 'FORBIDDEN', field: 'Mutation.declarePublicSecurityInspectorConflict' }],
    ];
    for (const [label, vars, tok, expected] of cases) expect((await gql(DECLARE, vars, { token: tok })).errors?.[0].extensions, label).toMatchObject(expected);
    const [open] = await sql('public-security', 'SELECT id FROM inspector_conflict WHERE valid_to IS NULL ORDER BY id LIMIT 1');
    expect((await gql(WITHDRAW, { id: open.id, reason: 'x' }, { token: await tokens.admin('fire-rescue') })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(WITHDRAW, { id: 987654, reason: 'x' }, { token: admin })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await conflictRows()).toBe(before);
    expect(await sql('public-security', 'SELECT valid_to FROM inspector_conflict WHERE id = $1', [open.id])).toEqual([{ valid_to: null }]);
  });
});

describe('personal data of inspectors', () => {
  const PERSONAL = '{ publicSecurityInspectors(first: 3) { nodes { certificateNumber brigade expertise status name conflicts { uscc } } } }';

  it.each([
    ['an admin of the department', () => tokens.admin('public-security')],
    ['an inspector of the department', () => tokens.inspector('public-security')],
    ["the office's coordinator", () => tokens.coordinator()],
  ])('%s sees names and conflicts', async (_label, who) => {
    const res = await gql(PERSONAL, {}, { token: await who() });
    expect(res.errors).toBeUndefined();
    const names = await sql('public-security', 'SELECT certificate_number, name FROM inspector WHERE valid_to IS NULL ORDER BY certificate_number COLLATE "C" LIMIT 3');
    expect(res.data.publicSecurityInspectors.nodes.map((n: any) => [n.certificateNumber, n.name])).toEqual(names.map((r: any) => [r.certificate_number, r.name]));
    expect(res.data.publicSecurityInspectors.nodes.every((n: any) => Array.isArray(n.conflicts))).toBe(true);
  });

  it.each([
    ['an analyst of the office', () => tokens.analyst()],
    ['an admin of another department', () => tokens.admin('fire-rescue')],
    ['an inspector of another department', () => tokens.inspector('market-supervision')],
  ])('%s sees the rest but gets FORBIDDEN on name and conflicts', async (_label, who) => {
    const res = await gql(PERSONAL, {}, { token: await who() });
    const nodes = res.data.publicSecurityInspectors.nodes;
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n: any) => n.name === null && n.conflicts === null && /^130433\d{6}$/.test(n.certificateNumber) && n.status)).toBe(true);
    expect(res.errors).toHaveLength(6);
    expect(res.errors![0]).toMatchObject({
      message: '“PublicSecurityInspector.name”是执法人员个人信息，仅本部门和双随机办公室协调人可见 / PublicSecurityInspector.name is personal data of the inspector: only public-security and the double-random office\'s coordinators may see it',
      path: ['publicSecurityInspectors', 'nodes', 0, 'name'],
      extensions: { code: 'FORBIDDEN', field: 'PublicSecurityInspector.name' },
    });
    expect(res.errors!.map((e) => e.extensions?.field).sort()).toEqual([
      ...Array(3).fill('PublicSecurityInspector.conflicts'),
      ...Array(3).fill('PublicSecurityInspector.name'),
    ]);
  });

  it('the public does not see the inspector directory at all', async () => {
    const res = await gql('{ publicSecurityInspectors(first: 1) { nodes { certificateNumber } } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Query.publicSecurityInspectors' });
    expect(res.data).toEqual({ publicSecurityInspectors: null });
  });
});
