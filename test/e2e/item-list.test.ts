import { describe, expect, it } from 'vitest';
import { gql, sql, subgraphRequest, token, tokens } from '../support/federation.js';

/** The county item list (随机抽查事项清单), kept by the double-random office, and departments' claims (认领). */

const LIST = `query ($filter: InspectionItemFilter, $asOf: String, $first: Int, $after: String) {
  inspectionItems(filter: $filter, asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { code department status claimed claimedAt }
  }
}`;
const PUBLISH = `mutation ($input: InspectionItemInput!, $reason: String!, $from: DateTime) {
  publishInspectionItem(input: $input, reason: $reason, effectiveFrom: $from) {
    code name legalBasis department departmentName brigade targetIndustries licenceTypes method ratios { A B C D } yearlyCap requiredExpertise minInspectors joinable status claimed claimedAt validFrom changedBy changeReason
  }
}`;
const CLAIM = `mutation ($code: String!, $reason: String!, $from: DateTime) { claimInspectionItem(code: $code, reason: $reason, effectiveFrom: $from) { code claimed claimedAt } }`;
const UNCLAIM = `mutation ($code: String!, $reason: String!, $from: DateTime) { unclaimInspectionItem(code: $code, reason: $reason, effectiveFrom: $from) { code claimed claimedAt } }`;
const WITHDRAW = `mutation ($code: String!, $reason: String!) { withdrawInspectionItem(code: $code, reason: $reason) { code status claimed changeReason } }`;
const CONTRACT = `query ($d: String!, $codes: [String!], $asOf: String) {
  claimedInspectionItems(department: $d, codes: $codes, asOf: $asOf) {
    code name legalBasis department brigade targetIndustries licenceTypes method ratios { A B C D } yearlyCap requiredExpertise minInspectors joinable status
  }
}`;
const SERVICE = { subject: 'service:draw-engine', roles: ['service'] };

const itemInput = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: '旅馆业消防通道专项检查（测试）',
  legalBasis: '《旅馆业治安管理办法》第六条',
  department: 'PUBLIC_SECURITY',
  brigade: 'public-order',
  targetIndustries: ['6121', '6129'],
  licenceTypes: ['特种行业许可证'],
  method: 'ON_SITE',
  ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
  yearlyCap: 2,
  requiredExpertise: ['guest-registration'],
  minInspectors: 2,
  joinable: true,
  ...extra,
});

const itemRows = async () => (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM inspection_item'))[0].n;
const claimRows = async () => (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM item_claim'))[0].n;

describe('the public reads the item list', () => {
  it('anonymous: the published items with their claims, ordered by code, with totalCount and pages', async () => {
    const published = await sql('joint-inspection', `SELECT code FROM inspection_item WHERE valid_to IS NULL AND status = 'published' ORDER BY code COLLATE "C"`);
    const first = await gql(LIST, { first: 4 });
    expect(first.errors).toBeUndefined();
    expect(first.data.inspectionItems.totalCount).toBe(published.length);
    const second = await gql(LIST, { first: 100, after: first.data.inspectionItems.pageInfo.endCursor });
    expect([...first.data.inspectionItems.nodes, ...second.data.inspectionItems.nodes].map((n: any) => n.code)).toEqual(published.map((r: any) => r.code));

    const hotels = await gql(
      '{ inspectionItems(filter: { industryCode: "6110", department: MARKET_SUPERVISION }) { totalCount nodes { code name ratios { A B C D } claimed claimedAt } } }',
    );
    expect(hotels.data.inspectionItems).toEqual({
      totalCount: 3,
      nodes: [
        { code: 'MS-FS-001', name: '食品经营者食品安全检查', ratios: { A: 300, B: 1000, C: 3000, D: 8000 }, claimed: true, claimedAt: '2026-01-05T01:00:00.000Z' },
        { code: 'MS-PI-001', name: '企业年度报告公示信息抽查', ratios: { A: 300, B: 1000, C: 3000, D: 8000 }, claimed: false, claimedAt: null },
        { code: 'MS-SE-001', name: '电梯等特种设备使用安全检查', ratios: { A: 300, B: 1000, C: 3000, D: 8000 }, claimed: true, claimedAt: '2026-01-05T01:00:00.000Z' },
      ],
    });
  });

  it('unclaimed items: the office filters them; off-site items by method', async () => {
    const unclaimed = await gql('{ inspectionItems(filter: { claimed: false, department: MARKET_SUPERVISION }) { totalCount nodes { code method } } }', {}, { token: await tokens.coordinator() });
    expect(unclaimed.data.inspectionItems).toEqual({ totalCount: 1, nodes: [{ code: 'MS-PI-001', method: 'DOCUMENT_REVIEW' }] });
    const offSite = await gql('{ inspectionItems(filter: { method: DOCUMENT_REVIEW }) { nodes { code } } }');
    expect(offSite.data.inspectionItems.nodes).toEqual([{ code: 'MS-PI-001' }]);
  });

  it('who changed an item is for signed-in users; bad filters are refused naming the field', async () => {
    // Anonymous: the page keeps its public fields; the signed-in field is null with one error on its path.
    const who = await gql('{ inspectionItems(first: 1) { nodes { code changedBy } } }');
    expect(who.errors).toHaveLength(1);
    expect(who.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'InspectionItem.changedBy' });
    expect(who.errors?.[0].path).toEqual(['inspectionItems', 'nodes', 0, 'changedBy']);
    expect(who.data).toEqual({ inspectionItems: { nodes: [{ code: 'FR-CV-001', changedBy: null }] } });
    const signedIn = await gql('{ inspectionItems(first: 1) { nodes { code changedBy changeReason } } }', {}, { token: await tokens.analyst() });
    expect(signedIn.data.inspectionItems.nodes).toEqual([{ code: 'FR-CV-001', changedBy: 'seed:demo-county', changeReason: '演示县初始数据 / demo county initial data' }]);
    for (const [filter, field] of [
      [{ industryCode: '0000' }, 'filter.industryCode'],
      [{ status: 'WITHDRAWN' }, 'filter.status'],
    ] as const) {
      expect((await gql(LIST, { filter }, {})).errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('values that are not of an enum', () => {
  it('are BAD_USER_INPUT naming the field, in a filter and in an input, and write nothing', async () => {
    for (const [filter, field] of [
      [{ department: 'tax-bureau' }, 'filter.department'],
      [{ method: 'telepathy' }, 'filter.method'],
    ] as const) {
      expect((await gql(LIST, { filter }, {})).errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const office = await tokens.coordinator();
    const before = await itemRows();
    for (const [extra, field] of [
      [{ department: 'tax-bureau', brigade: null }, 'input.department'],
      [{ method: 'telepathy' }, 'input.method'],
    ] as const) {
      const res = await gql(PUBLISH, { input: itemInput('PS-PO-903', extra), reason: '测试' }, { token: office });
      expect(res.errors?.[0].extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await itemRows()).toBe(before);
  });
});

describe('the office keeps the list; departments claim their items', () => {
  it('publish, claim, change, unclaim, withdraw: every step answers as of its time', async () => {
    const office = await token(['coordinator'], 'double-random-office', 'office-chen');
    const psAdmin = await token(['department-admin'], 'public-security', 'ps-admin-sun');

    const published = await gql(PUBLISH, { input: itemInput('PS-PO-901'), reason: '新增旅馆专项检查', from: '2026-02-01T00:00:00+08:00' }, { token: office });
    expect(published.errors).toBeUndefined();
    expect(published.data.publishInspectionItem).toEqual({
      code: 'PS-PO-901',
      name: '旅馆业消防通道专项检查（测试）',
      legalBasis: '《旅馆业治安管理办法》第六条',
      department: 'PUBLIC_SECURITY',
      departmentName: '公安局',
      brigade: 'public-order',
      targetIndustries: ['6121', '6129'],
      licenceTypes: ['特种行业许可证'],
      method: 'ON_SITE',
      ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
      yearlyCap: 2,
      requiredExpertise: ['guest-registration'],
      minInspectors: 2,
      joinable: true,
      status: 'PUBLISHED',
      claimed: false,
      claimedAt: null,
      validFrom: '2026-01-31T16:00:00.000Z',
      changedBy: 'office-chen',
      changeReason: '新增旅馆专项检查',
    });

    const claimed = await gql(CLAIM, { code: 'PS-PO-901', reason: '纳入治安大队清单', from: '2026-02-10T00:00:00+08:00' }, { token: psAdmin });
    expect(claimed.data.claimInspectionItem).toEqual({ code: 'PS-PO-901', claimed: true, claimedAt: '2026-02-09T16:00:00.000Z' });

    const changed = await gql(PUBLISH, { input: itemInput('PS-PO-901', { ratios: { A: 500, B: 2000, C: 6000, D: 10000 } }), reason: '提高抽查比例', from: '2026-03-01T00:00:00+08:00' }, { token: office });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.publishInspectionItem).toMatchObject({ ratios: { A: 500, B: 2000, C: 6000, D: 10000 }, claimed: true, claimedAt: '2026-02-09T16:00:00.000Z' });

    const unclaimed = await gql(UNCLAIM, { code: 'PS-PO-901', reason: '并入PS-PO-001', from: '2026-04-01T00:00:00+08:00' }, { token: psAdmin });
    expect(unclaimed.data.unclaimInspectionItem).toEqual({ code: 'PS-PO-901', claimed: false, claimedAt: null });

    const at = async (asOf: string | null) => {
      const res = await gql('query ($a: String) { inspectionItems(asOf: $a, filter: { department: PUBLIC_SECURITY }) { nodes { code claimed ratios { A } } } }', { a: asOf });
      return res.data.inspectionItems.nodes.find((n: any) => n.code === 'PS-PO-901') ?? null;
    };
    expect(await at('2026-01-31')).toBeNull();
    expect(await at('2026-02-09')).toEqual({ code: 'PS-PO-901', claimed: false, ratios: { A: 300 } });
    expect(await at('2026-02-10')).toEqual({ code: 'PS-PO-901', claimed: true, ratios: { A: 300 } });
    expect(await at('2026-03-01')).toEqual({ code: 'PS-PO-901', claimed: true, ratios: { A: 500 } });
    expect(await at('2026-04-01')).toEqual({ code: 'PS-PO-901', claimed: false, ratios: { A: 500 } });

    // The contract for the draw engine follows claims as of a time, with exactly the agreed fields.
    const contract = async (asOf: string | null) => {
      const res = await subgraphRequest('joint-inspection', CONTRACT, { d: 'public-security', codes: ['PS-PO-901', 'PS-PO-001'], asOf }, SERVICE);
      expect(res.errors).toBeUndefined();
      return res.data.claimedInspectionItems.map((i: any) => i.code);
    };
    expect(await contract('2026-03-15')).toEqual(['PS-PO-001', 'PS-PO-901']);
    expect(await contract(null)).toEqual(['PS-PO-001']);

    // Claim again, then the office withdraws: the claim ends with it, and the public no longer sees it.
    expect((await gql(CLAIM, { code: 'PS-PO-901', reason: '重新认领' }, { token: psAdmin })).data.claimInspectionItem.claimed).toBe(true);
    const withdrawn = await gql(WITHDRAW, { code: 'PS-PO-901', reason: '专项整治结束' }, { token: office });
    expect(withdrawn.data.withdrawInspectionItem).toEqual({ code: 'PS-PO-901', status: 'WITHDRAWN', claimed: false, changeReason: '专项整治结束' });
    expect(await at(null)).toBeNull();
    const list = await gql('{ inspectionItems(filter: { status: WITHDRAWN }) { nodes { code status } } }', {}, { token: office });
    expect(list.data.inspectionItems.nodes).toEqual([{ code: 'PS-PO-901', status: 'WITHDRAWN' }]);
    expect(await sql('joint-inspection', "SELECT claimed_by, closed_by, close_reason FROM item_claim WHERE item_code = 'PS-PO-901' ORDER BY id")).toEqual([
      { claimed_by: 'ps-admin-sun', closed_by: 'ps-admin-sun', close_reason: '并入PS-PO-001' },
      { claimed_by: 'ps-admin-sun', closed_by: 'office-chen', close_reason: '专项整治结束' },
    ]);
    const history = await gql('{ inspectionItemHistory(code: "PS-PO-901") { nodes { status ratios { A } changedBy changeReason closeReason } } }', {}, { token: office });
    expect(history.data.inspectionItemHistory.nodes).toEqual([
      { status: 'PUBLISHED', ratios: { A: 300 }, changedBy: 'office-chen', changeReason: '新增旅馆专项检查', closeReason: '提高抽查比例' },
      { status: 'PUBLISHED', ratios: { A: 500 }, changedBy: 'office-chen', changeReason: '提高抽查比例', closeReason: '专项整治结束' },
      { status: 'WITHDRAWN', ratios: { A: 500 }, changedBy: 'office-chen', changeReason: '专项整治结束', closeReason: null },
    ]);
    expect((await gql(CLAIM, { code: 'PS-PO-901', reason: 'x' }, { token: psAdmin })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
  });

  it('bad items are refused naming the field, and nothing is written', async () => {
    const office = await tokens.coordinator();
    const before = await itemRows();
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown industry', { targetIndustries: ['6121', '7777'] }, 'input.targetIndustries'],
      ['no industry', { targetIndustries: [] }, 'input.targetIndustries'],
      ['brigade of another department', { department: 'FIRE_RESCUE' }, 'input.brigade'],
      ['unknown brigade', { brigade: 'traffic' }, 'input.brigade'],
      ['ratio above 100 %', { ratios: { A: 300, B: 1000, C: 3000, D: 10001 } }, 'input.ratios.D'],
      ['negative ratio', { ratios: { A: -1, B: 1000, C: 3000, D: 8000 } }, 'input.ratios.A'],
      ['one inspector', { minInspectors: 1 }, 'input.minInspectors'],
      ['no yearly cap', { yearlyCap: 0 }, 'input.yearlyCap'],
      ['bad code', { code: 'ps po 1' }, 'input.code'],
    ];
    for (const [label, extra, field] of cases) {
      const res = await gql(PUBLISH, { input: itemInput('PS-PO-902', extra), reason: '测试' }, { token: office });
      expect(res.errors?.[0].extensions, label).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const noReason = await gql(PUBLISH, { input: itemInput('PS-PO-902'), reason: '' }, { token: office });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const move = await gql(PUBLISH, { input: itemInput('PS-PO-001', { department: 'FIRE_RESCUE', brigade: null }), reason: '改部门' }, { token: office });
    expect(move.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.department' });
    for (const who of [await tokens.analyst(), await tokens.admin('public-security'), await token(['coordinator'], 'public-security')]) {
      const res = await gql(PUBLISH, { input: itemInput('PS-PO-902'), reason: '测试' }, { token: who });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gql(PUBLISH, { input: itemInput('PS-PO-902'), reason: '测试' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await gql(WITHDRAW, { code: 'PS-PO-001', reason: 'x' }, { token: await tokens.admin('public-security') })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await itemRows()).toBe(before);
  });

  it('a department claims only its own items; refused claims write nothing', async () => {
    const before = await claimRows();
    const fire = await tokens.admin('fire-rescue');
    const ms = await tokens.admin('market-supervision');
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      ["another department's item", { code: 'MS-PI-001', reason: '认领' }, fire, { code: 'FORBIDDEN', field: 'code' }],
      ['already claimed', { code: 'MS-FS-001', reason: '认领' }, ms, { code: 'CONFLICT', field: 'code' }],
      ['unknown item', { code: 'MS-XX-999', reason: '认领' }, ms, { code: 'NOT_FOUND', field: 'code' }],
      ['no reason', { code: 'MS-PI-001', reason: '' }, ms, { code: 'BAD_USER_INPUT', field: 'reason' }],
      ['back-dated before the item', { code: 'MS-PI-001', reason: '认领', from: '2025-12-01T00:00:00+08:00' }, ms, { code: 'BAD_USER_INPUT', field: 'effectiveFrom' }],
      ['a coordinator', { code: 'MS-PI-001', reason: '认领' }, await tokens.coordinator(), { code: 'FORBIDDEN', field: 'Mutation.claimInspectionItem' }],
    ];
    for (const [label, vars, tok, expected] of cases) expect((await gql(CLAIM, vars, { token: tok })).errors?.[0].extensions, label).toMatchObject(expected);
    expect((await gql(UNCLAIM, { code: 'MS-FS-001', reason: '退出' }, { token: fire })).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'code' });
    expect((await gql(UNCLAIM, { code: 'MS-PI-001', reason: '退出' }, { token: ms })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(await claimRows()).toBe(before);
  });
});

describe('claimedInspectionItems: the department contract for the draw engine', () => {
  it("answers a department's claimed, published items with the agreed fields, for services only", async () => {
    const res = await subgraphRequest('joint-inspection', CONTRACT, { d: 'fire-rescue', codes: null }, SERVICE);
    expect(res.errors).toBeUndefined();
    expect(res.data.claimedInspectionItems).toEqual([
      {
        code: 'FR-CV-001',
        name: '人员密集场所消防安全检查',
        legalBasis: '《中华人民共和国消防法》第十六条',
        department: 'FIRE_RESCUE',
        brigade: null,
        targetIndustries: ['6110', '6121', '6129', '6130', '5211', '5212', '6210', '8052', '9011', '9013'],
        licenceTypes: [],
        method: 'ON_SITE',
        ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
        yearlyCap: 2,
        requiredExpertise: ['fire-safety', 'evacuation'],
        minInspectors: 2,
        joinable: true,
        status: 'PUBLISHED',
      },
      {
        code: 'FR-FL-001',
        name: '加油站消防安全检查',
        legalBasis: '《中华人民共和国消防法》第十六条、第十九条',
        department: 'FIRE_RESCUE',
        brigade: null,
        targetIndustries: ['5265'],
        licenceTypes: [],
        method: 'ON_SITE',
        ratios: { A: 300, B: 1000, C: 3000, D: 8000 },
        yearlyCap: 2,
        requiredExpertise: ['fire-safety', 'hazardous-materials'],
        minInspectors: 2,
        joinable: true,
        status: 'PUBLISHED',
      },
    ]);
    // Unclaimed items are not in a department's list.
    const ms = await subgraphRequest('joint-inspection', CONTRACT, { d: 'market-supervision', codes: ['MS-PI-001', 'MS-ME-001'] }, SERVICE);
    expect(ms.data.claimedInspectionItems.map((i: any) => i.code)).toEqual(['MS-ME-001']);
    const bad = await subgraphRequest('joint-inspection', CONTRACT, { d: 'tax-bureau' }, SERVICE);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'department' });

    const viaGateway = await gql(CONTRACT, { d: 'fire-rescue' }, { token: await tokens.coordinator() });
    expect(viaGateway.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const asUser = await subgraphRequest('joint-inspection', CONTRACT, { d: 'fire-rescue' }, { subject: 'x', department: 'double-random-office', roles: ['coordinator'] });
    expect(asUser.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.claimedInspectionItems' });
  });
});
