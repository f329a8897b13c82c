import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, tokens } from '../support/federation.js';
import { publishedTask } from '../support/tasks.js';
import { targetColumns, writeTableToBuffer } from '../../shared/exchange/index.js';

/**
 * Health (卫生健康局), the fourth department, added by docs/adding-a-department.md: a folder with its
 * manifest and one entry in subgraphs/departments.ts. Through the gateway it is a department like
 * the others: its directory with its own columns, its files, its own draw, and a joint hotels plan
 * with fire and rescue, one visit per hotel. Year 2047 and township 130433103 (魏僧寨镇) for its
 * plans: no other test file draws there then.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const HOTELS = ['6110', '6121', '6129', '6130'];
const TOWNSHIP = '130433103';
const HEALTH_CERTIFICATES = /^13043304\d{4}$/;

let healthAdmin: string;
let fireAdmin: string;
let coordinator: string;

beforeAll(async () => {
  await publishAnnualPlans(2047);
  healthAdmin = await tokens.admin('health');
  fireAdmin = await tokens.admin('fire-rescue');
  coordinator = await tokens.coordinator();
});

/** An operating restaurant of the register that health does not supervise (restaurants are not public places here). */
async function restaurantOutsideHealth(offset: number): Promise<string> {
  const rows = await sql('market-supervision', "SELECT uscc FROM enterprise WHERE industry_code = '6210' AND status = 'operating' ORDER BY uscc DESC LIMIT 20");
  const known = new Set((await sql('health', 'SELECT uscc FROM supervised_target WHERE uscc = ANY($1)', [rows.map((r: any) => r.uscc)])).map((r: any) => r.uscc));
  return rows.map((r: any) => r.uscc).filter((u: string) => !known.has(u))[offset];
}

describe('health is a department of the federation', () => {
  it('its directory of public places is on the business page and in its own list, with its own columns', async () => {
    const [{ uscc }] = await sql('health', "SELECT uscc FROM supervised_target WHERE valid_to IS NULL AND venue_type = 'accommodation' AND hygiene_licence_number IS NOT NULL ORDER BY uscc LIMIT 1");
    const [stored] = await sql('health', 'SELECT venue_type, hygiene_licence_number, drinking_water_supply FROM supervised_target WHERE uscc = $1 AND valid_to IS NULL', [uscc]);
    const page = await gql(
      'query ($u: String!) { enterprise(uscc: $u) { uscc industryCode healthTarget { uscc venueType hygieneLicenceNumber drinkingWaterSupply } fireRescueTarget { venueCategory } } }',
      { u: uscc },
      { token: healthAdmin },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.enterprise.healthTarget).toEqual({
      uscc,
      venueType: stored.venue_type,
      hygieneLicenceNumber: stored.hygiene_licence_number,
      drinkingWaterSupply: stored.drinking_water_supply,
    });
    expect(HOTELS).toContain(page.data.enterprise.industryCode);

    const [{ n }] = await sql('health', 'SELECT count(*)::int AS n FROM supervised_target WHERE valid_to IS NULL');
    const list = await gql('{ healthTargets(first: 5) { totalCount nodes { uscc } } healthInspectors(first: 100) { totalCount nodes { certificateNumber } } }', {}, { token: healthAdmin });
    expect(list.errors).toBeUndefined();
    expect(list.data.healthTargets.totalCount).toBe(n);
    expect(list.data.healthInspectors.totalCount).toBe(30);
    for (const i of list.data.healthInspectors.nodes) expect(i.certificateNumber).toMatch(HEALTH_CERTIFICATES);

    const enumValues = await gql('{ __type(name: "Department") { enumValues { name } } }');
    expect(enumValues.data.__type.enumValues.map((v: any) => v.name)).toContain('HEALTH');
  });

  it('a clerk adds a public place; a wrong type or licence is a clear error naming the field, and nothing is written', async () => {
    const uscc = await restaurantOutsideHealth(0);
    const add = (input: Record<string, unknown>, token = healthAdmin) =>
      gql('mutation ($input: HealthTargetInput!) { addHealthTarget(input: $input) { uscc venueType hygieneLicenceNumber drinkingWaterSupply } }', { input }, { token });

    const wrongType = await add({ uscc, venueType: 'spa', hygieneLicenceNumber: null, drinkingWaterSupply: false });
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.venueType' });
    expect(wrongType.errors?.[0].message).toContain('公共场所类别');
    const longLicence = await add({ uscc, venueType: 'other', hygieneLicenceNumber: '卫'.repeat(41), drinkingWaterSupply: false });
    expect(longLicence.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hygieneLicenceNumber' });
    const blankLicence = await add({ uscc, venueType: 'other', hygieneLicenceNumber: '  ', drinkingWaterSupply: false });
    expect(blankLicence.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hygieneLicenceNumber' });
    // Another department's admin does not write health's directory.
    const foreign = await add({ uscc, venueType: 'other', drinkingWaterSupply: false }, fireAdmin);
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await sql('health', 'SELECT count(*)::int AS n FROM supervised_target WHERE uscc = $1', [uscc])).toEqual([{ n: 0 }]);

    const added = await add({ uscc, venueType: 'other', hygieneLicenceNumber: '冀卫公证字〔2047〕第00001号', drinkingWaterSupply: true });
    expect(added.errors).toBeUndefined();
    expect(added.data.addHealthTarget).toEqual({ uscc, venueType: 'other', hygieneLicenceNumber: '冀卫公证字〔2047〕第00001号', drinkingWaterSupply: true });
    const filtered = await gql('{ healthTargets(first: 100, filter: { venueType: "other" }) { nodes { uscc } } }', {}, { token: healthAdmin });
    expect(filtered.data.healthTargets.nodes.map((t: any) => t.uscc)).toContain(uscc);
    const badFilter = await gql('{ healthTargets(first: 1, filter: { venueType: "hospital" }) { totalCount } }', {}, { token: healthAdmin });
    expect(badFilter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.venueType' });
  });

  it('its directory files carry its own columns: a Chinese label is read as the code, the export has every current target', async () => {
    const uscc = await restaurantOutsideHealth(1);
    const columns = targetColumns('health');
    expect(columns.map((c) => c.headerZh)).toEqual(['统一社会信用代码', '纳入日期', '公共场所类别', '公共场所卫生许可证号', '二次供水设施']);
    const bytes = (
      await writeTableToBuffer('csv', columns, [{ uscc, supervisedSince: '2026-03-01', venueType: '沐浴场所', hygieneLicenceNumber: '', drinkingWaterSupply: '是' }], { headers: 'zh' })
    ).bytes;
    const imported = await gql(
      'mutation ($file: FileReference!) { importHealthDirectory(file: $file, kind: TARGETS, reason: "2047年度公共场所名录更新") { accepted inserted errorCount } }',
      { file: { contentBase64: bytes.toString('base64'), fileName: 'health-targets.csv' } },
      { token: healthAdmin },
    );
    expect(imported.errors, JSON.stringify(imported.errors)).toBeUndefined();
    expect(imported.data.importHealthDirectory).toEqual({ accepted: true, inserted: 1, errorCount: 0 });
    expect(await sql('health', 'SELECT venue_type, hygiene_licence_number, drinking_water_supply FROM supervised_target WHERE uscc = $1 AND valid_to IS NULL', [uscc])).toEqual([
      { venue_type: 'bathing', hygiene_licence_number: null, drinking_water_supply: true },
    ]);

    const exported = await gql('{ healthDirectoryExport(kind: TARGETS) { rows contentBase64 } }', {}, { token: healthAdmin });
    expect(exported.errors).toBeUndefined();
    const [{ n }] = await sql('health', 'SELECT count(*)::int AS n FROM supervised_target WHERE valid_to IS NULL');
    expect(exported.data.healthDirectoryExport.rows).toBe(n);
    const text = Buffer.from(exported.data.healthDirectoryExport.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toBe(columns.map((c) => c.headerZh).join(','));
  });
});

describe('health draws its own task and joins a joint plan', () => {
  it('a health task draws public places of its own directory, with its own inspectors, under its own number', async () => {
    const task = await publishedTask('health', healthAdmin, {
      title: '2047年第一季度住宿场所卫生抽查（魏僧寨镇）',
      itemCodes: ['HE-PP-001'],
      period: '2047-Q1',
      regionCode: TOWNSHIP,
    });
    expect(task.id).toMatch(/^HE-2047Q1-\d{4}$/);
    expect(task.targets.length).toBeGreaterThan(0);
    const usccs = task.targets.map((t) => t.uscc);
    const inDirectory = await sql('health', "SELECT uscc FROM supervised_target WHERE valid_to IS NULL AND venue_type = 'accommodation' AND uscc = ANY($1)", [usccs]);
    expect(inDirectory.map((r: any) => r.uscc).sort()).toEqual([...usccs].sort());
    const township = await sql('market-supervision', 'SELECT DISTINCT region_code FROM enterprise WHERE uscc = ANY($1)', [usccs]);
    expect(township).toEqual([{ region_code: TOWNSHIP }]);
    for (const t of task.targets) for (const c of t.team) expect(c).toMatch(HEALTH_CERTIFICATES);

    // Anyone checks it, as for every department's draw.
    const check = await gql('query ($id: String!) { healthDrawVerification(taskId: $id) { match problems } }', { id: task.id });
    expect(check.data.healthDrawVerification).toEqual({ match: true, problems: [] });
  });

  it('a hotels plan with fire and rescue: each drawn hotel gets one visit with both departments\' items and a mixed team', async () => {
    const items = await gql('{ inspectionItems(filter: { industryCode: "6121" }, first: 100) { nodes { code department claimed joinable requiredExpertise } } }');
    const joinable = (d: string) => items.data.inspectionItems.nodes.filter((i: any) => i.department === d && i.claimed && i.joinable).map((i: any) => i.code).sort();
    expect(joinable('HEALTH')).toEqual(['HE-DW-001', 'HE-PP-001']);
    expect(joinable('FIRE_RESCUE')).toEqual(['FR-CV-001']);

    const created = await gql(
      'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
      {
        input: {
          title: '2047年第二季度旅馆业消防与卫生联合抽查（魏僧寨镇）',
          industryCodes: ['6121', '6129'],
          period: '2047-Q2',
          initiatingDepartment: 'FIRE_RESCUE',
          invitedDepartments: ['HEALTH'],
          regionCode: TOWNSHIP,
        },
      },
      { token: coordinator },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const planId = created.data.createJointPlan.id;
    const join = (token: string, codes: string[]) => gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { version } }', { id: planId, c: codes }, { token });
    expect((await join(fireAdmin, joinable('FIRE_RESCUE'))).errors).toBeUndefined();
    const wrong = await join(healthAdmin, ['FR-CV-001']);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemCodes', problems: [{ code: 'FR-CV-001', reason: 'other-department' }] });
    expect((await join(healthAdmin, joinable('HEALTH'))).errors).toBeUndefined();

    const seed = `guantao-2047Q2-health-${Date.now()}`;
    const committed = await gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { commitment { poolSize } } }', { id: planId, h: sha256(seed) }, { token: coordinator });
    expect(committed.errors, JSON.stringify(committed.errors)).toBeUndefined();
    const drawn = await gql(
      'mutation ($id: String!, $s: String!) { drawJointPlan(planId: $id, seed: $s) { draw { taskCount tasks(first: 100) { nodes { uscc departments itemCodes team { certificateNumber department role } } } } } }',
      { id: planId, s: seed },
      { token: coordinator },
    );
    expect(drawn.errors, JSON.stringify(drawn.errors)).toBeUndefined();
    const tasks = drawn.data.drawJointPlan.draw.tasks.nodes;
    expect(tasks.length).toBe(drawn.data.drawJointPlan.draw.taskCount);
    expect(tasks.length).toBeGreaterThan(0);

    const expertise = new Map<string, string[]>();
    for (const d of ['health', 'fire-rescue']) {
      for (const r of await sql(d, 'SELECT certificate_number, expertise FROM inspector WHERE valid_to IS NULL')) expertise.set(r.certificate_number, r.expertise);
    }
    for (const t of tasks) {
      // Hotels are in both directories and every item applies to both industries: one visit, both departments.
      expect(t.departments).toEqual(['FIRE_RESCUE', 'HEALTH']);
      expect(t.itemCodes).toEqual(['FR-CV-001', 'HE-DW-001', 'HE-PP-001']);
      expect(t.team[0]).toMatchObject({ role: 'LEADER', department: 'FIRE_RESCUE' });
      const health = t.team.filter((m: any) => m.department === 'HEALTH');
      expect(health.length, t.uscc).toBeGreaterThanOrEqual(1);
      for (const m of health) expect(m.certificateNumber).toMatch(HEALTH_CERTIFICATES);
      for (const tag of ['fire-safety', 'evacuation', 'public-place-hygiene', 'drinking-water']) {
        expect(t.team.some((m: any) => expertise.get(m.certificateNumber)?.includes(tag)), `${t.uscc} ${tag}`).toBe(true);
      }
    }

    const published = await gql('mutation ($id: String!) { publishJointDraw(planId: $id) { status } }', { id: planId }, { token: coordinator });
    expect(published.data.publishJointDraw).toEqual({ status: 'PUBLISHED' });
    const check = await gql('query ($id: String!) { jointDrawVerification(taskId: $id) { match problems } }', { id: planId });
    expect(check.data.jointDrawVerification).toEqual({ match: true, problems: [] });
  });
});
