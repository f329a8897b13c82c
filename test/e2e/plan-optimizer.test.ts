import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, tokens } from '../support/federation.js';

/**
 * The plan optimizer through the gateway on the demo county (docs/optimizer.md): a coordinator
 * asks for a proposal for the hotels of one township, reads the figures and the explanation,
 * accepts it, and the draft (open) joint plans exist and change like any open plan. Also an
 * infeasible request with its explanation, bad input and who may ask.
 * Period 2025-Q3 (the 2025 annual plans are published here; no file draws in 2025), hotels
 * (6110, 6121, 6129, 6130) of township 130433101, whose directories no other file changes.
 */
const PERIOD = '2025-Q3';
const TOWNSHIP = '130433101';
const HOTELS = ['6110', '6121', '6129', '6130'];
const FIGURES = 'visits inspectorDaysUsed jointVisits jointInspections departmentInspections jointShareByCount jointShareByBusinesses plannedByClassShare jointShareByCountMet jointShareByBusinessesMet plannedByClassMet capacityMet';
const FIELDS = `id period regionCode status solveStatus mipGap workingDays
  plans { industryCode industryName initiatingDepartment departments itemCodes poolByClass { A B C D } quotas { A B C D } ratios { A B C D } visits replacedVisits }
  figures { ${FIGURES} } baselines { name figures { visits inspectorDaysUsed jointShareByCountMet jointShareByBusinessesMet } }
  departments { department visitsPerDay inspectionDayShare inspectorDaysUsed }
  binding { constraint visitsWithout } costs { target raisedTo visits extraVisits extraInspectorDaysNeeded }
  shortfalls { constraint department lacking unit } explanation notInOfficePlan acceptedPlanIds`;

let coordinator: string;
const propose = (input: Record<string, unknown>, token: string | undefined = coordinator) =>
  gql(`mutation ($input: ProposeJointPlansInput!) { proposeJointPlans(input: $input) { ${FIELDS} } }`, { input }, { token });
const accept = (proposalId: string, token: string | undefined = coordinator) =>
  gql(
    `mutation ($id: String!) { acceptJointPlanProposal(proposalId: $id) { proposal { id status acceptedPlanIds }
      jointPlans { id title status version period regionCode industryCodes initiatingDepartment invitedDepartments } } }`,
    { id: proposalId },
    { token },
  );
const HOTEL_ITEMS = ['FR-CV-001', 'HE-DW-001', 'HE-PP-001', 'PS-PO-001'];
const counts = (A: number, B: number, C: number, D: number) => ({ A, B, C, D });
const STANDARD = counts(300, 1000, 3000, 8000);

beforeAll(async () => {
  coordinator = await tokens.coordinator();
  await publishAnnualPlans(2025);
}, 120_000);

describe('the plan optimizer on the demo county', () => {
  let proposalId: string;

  it('proposes four joint hotel plans, 19 visits instead of 63, and explains them', async () => {
    const res = await propose({ period: PERIOD, regionCode: TOWNSHIP, industryCodes: HOTELS });
    expect(res.errors).toBeUndefined();
    const p = res.data.proposeJointPlans;
    proposalId = p.id;
    expect(p).toMatchObject({ id: 'OPT-2025Q3-0001', period: PERIOD, regionCode: TOWNSHIP, status: 'PROPOSED', solveStatus: 'OPTIMAL', mipGap: 0, workingDays: 67 });
    expect(p.plans).toEqual([
      { industryCode: '6110', industryName: '旅游饭店', initiatingDepartment: 'MARKET_SUPERVISION', departments: ['MARKET_SUPERVISION', 'PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'],
        itemCodes: ['FR-CV-001', 'HE-AC-001', 'HE-DW-001', 'HE-PP-001', 'MS-FS-001', 'MS-SE-001', 'PS-PO-001'], poolByClass: counts(5, 6, 2, 0), quotas: counts(1, 1, 1, 0), ratios: STANDARD, visits: 3, replacedVisits: 12 },
      { industryCode: '6121', industryName: '经济型连锁酒店', initiatingDepartment: 'MARKET_SUPERVISION', departments: ['MARKET_SUPERVISION', 'PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'],
        itemCodes: ['FR-CV-001', 'HE-DW-001', 'HE-PP-001', 'MS-FS-001', 'MS-SE-001', 'PS-PO-001'], poolByClass: counts(6, 8, 0, 1), quotas: counts(1, 1, 0, 1), ratios: STANDARD, visits: 3, replacedVisits: 12 },
      { industryCode: '6129', industryName: '其他一般旅馆', initiatingDepartment: 'PUBLIC_SECURITY', departments: ['PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'],
        itemCodes: HOTEL_ITEMS, poolByClass: counts(11, 15, 3, 1), quotas: counts(1, 2, 1, 1), ratios: STANDARD, visits: 5, replacedVisits: 15 },
      { industryCode: '6130', industryName: '民宿服务', initiatingDepartment: 'PUBLIC_SECURITY', departments: ['PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'],
        itemCodes: HOTEL_ITEMS, poolByClass: counts(11, 16, 4, 3), quotas: counts(1, 2, 2, 3), ratios: STANDARD, visits: 8, replacedVisits: 24 },
    ]);
    // 19 joint visits carry 63 department inspections: 6 + 19 + 19 + 19 inspector-visits, two visits a day.
    expect(p.figures).toEqual({
      visits: 19, inspectorDaysUsed: 31.5, jointVisits: 19, jointInspections: 63, departmentInspections: 63, jointShareByCount: 1, jointShareByBusinesses: 1,
      plannedByClassShare: 1, jointShareByCountMet: true, jointShareByBusinessesMet: true, plannedByClassMet: true, capacityMet: true,
    });
    expect(p.baselines).toEqual([
      { name: 'alone', figures: { visits: 63, inspectorDaysUsed: 63, jointShareByCountMet: false, jointShareByBusinessesMet: false } },
      { name: 'greedy', figures: { visits: 19, inspectorDaysUsed: 31.5, jointShareByCountMet: true, jointShareByBusinessesMet: true } },
    ]);
    expect(p.departments.map((d: any) => [d.department, d.visitsPerDay, d.inspectionDayShare, d.inspectorDaysUsed])).toEqual([
      ['MARKET_SUPERVISION', 2, 0.5, 3], ['PUBLIC_SECURITY', 2, 0.5, 9.5], ['FIRE_RESCUE', 2, 0.5, 9.5], ['HEALTH', 2, 0.5, 9.5],
    ]);
    expect(p.binding).toEqual([]);
    expect(p.costs).toEqual([
      { target: 'jointShareByCount', raisedTo: 0.5, visits: 19, extraVisits: 0, extraInspectorDaysNeeded: 0 },
      { target: 'jointShareByBusinesses', raisedTo: 0.35, visits: 19, extraVisits: 0, extraInspectorDaysNeeded: 0 },
      { target: 'plannedByClass', raisedTo: 0.95, visits: 19, extraVisits: 0, extraInspectorDaysNeeded: 0 },
    ]);
    expect(p.shortfalls).toEqual([]);
    expect(p.notInOfficePlan).toEqual([]);
    expect(p.explanation).toEqual([
      '建议4个联合抽查计划：共19次检查、31.5人日；各部门单独抽查需63次，凡有共同行业即联合需19次。 / 4 joint plans: 19 visits, 31.5 inspector-days; alone 63 visits, joining whenever two departments share an industry 19.',
      '联合检查占比（按次数）100.0%，（按企业）100.0%，按信用风险分类抽查100.0%。 / Joint share by count 100.0%, by businesses 100.0%, planned by class 100.0%.',
      '没有约束起作用：这已是不受目标和能力限制时的最少检查次数。/ No constraint binds: these are the fewest visits even without the targets and capacities.',
      '联合检查占比（按次数）提高到50.0%：多需0次检查、0人日。/ joint share by count at 50.0%: 0 more visits, 0 more inspector-days.',
      '联合检查占比（按企业）提高到35.0%：多需0次检查、0人日。/ joint share by businesses at 35.0%: 0 more visits, 0 more inspector-days.',
      '按信用风险分类抽查占比提高到95.0%：多需0次检查、0人日。/ planned by credit-risk class at 95.0%: 0 more visits, 0 more inspector-days.',
    ]);
  }, 120_000);

  it('is accepted in one step: four open joint plans, which departments then join as usual', async () => {
    const res = await accept(proposalId);
    expect(res.errors).toBeUndefined();
    const ids = ['JP-2025Q3-0001', 'JP-2025Q3-0002', 'JP-2025Q3-0003', 'JP-2025Q3-0004'];
    expect(res.data.acceptJointPlanProposal.proposal).toEqual({ id: proposalId, status: 'ACCEPTED', acceptedPlanIds: ids });
    expect(res.data.acceptJointPlanProposal.jointPlans).toEqual([
      { id: ids[0], title: '2025年第三季度旅游饭店联合抽查（OPT-2025Q3-0001）', status: 'OPEN', version: 1, period: PERIOD, regionCode: TOWNSHIP, industryCodes: ['6110'], initiatingDepartment: 'MARKET_SUPERVISION', invitedDepartments: ['PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'] },
      { id: ids[1], title: '2025年第三季度经济型连锁酒店联合抽查（OPT-2025Q3-0001）', status: 'OPEN', version: 1, period: PERIOD, regionCode: TOWNSHIP, industryCodes: ['6121'], initiatingDepartment: 'MARKET_SUPERVISION', invitedDepartments: ['PUBLIC_SECURITY', 'FIRE_RESCUE', 'HEALTH'] },
      { id: ids[2], title: '2025年第三季度其他一般旅馆联合抽查（OPT-2025Q3-0001）', status: 'OPEN', version: 1, period: PERIOD, regionCode: TOWNSHIP, industryCodes: ['6129'], initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['FIRE_RESCUE', 'HEALTH'] },
      { id: ids[3], title: '2025年第三季度民宿服务联合抽查（OPT-2025Q3-0001）', status: 'OPEN', version: 1, period: PERIOD, regionCode: TOWNSHIP, industryCodes: ['6130'], initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['FIRE_RESCUE', 'HEALTH'] },
    ]);
    const listed = await gql(`{ jointPlans(period: "${PERIOD}") { totalCount nodes { id status } } }`, {}, { token: coordinator });
    expect(listed.data.jointPlans).toEqual({ totalCount: 4, nodes: [...ids].reverse().map((id) => ({ id, status: 'OPEN' })) });
    // Still a draft: public security joins the homestays plan it leads with its own item.
    const joined = await gql(`mutation { joinJointPlan(planId: "${ids[3]}", itemCodes: ["PS-PO-001"]) { version status participations { department itemCodes } } }`, {}, {
      token: await tokens.admin('public-security'),
    });
    expect(joined.errors).toBeUndefined();
    expect(joined.data.joinJointPlan).toEqual({ version: 2, status: 'OPEN', participations: [{ department: 'PUBLIC_SECURITY', itemCodes: ['PS-PO-001'] }] });
    // Once only.
    const again = await accept(proposalId);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'proposalId', status: 'accepted' });
    expect((await gql(`{ jointPlans(period: "${PERIOD}") { totalCount } }`, {}, { token: coordinator })).data.jointPlans.totalCount).toBe(4);
  }, 120_000);

  it('explains why there is no plan: public security without inspectors lacks 9.5 inspector-days', async () => {
    const res = await propose({ period: PERIOD, regionCode: TOWNSHIP, industryCodes: HOTELS, capacities: [{ department: 'PUBLIC_SECURITY', activeInspectors: 0 }] });
    expect(res.errors).toBeUndefined();
    const p = res.data.proposeJointPlans;
    expect(p).toMatchObject({ id: 'OPT-2025Q3-0002', status: 'INFEASIBLE', solveStatus: 'INFEASIBLE', mipGap: null, plans: [], figures: null, binding: [], costs: [] });
    expect(p.shortfalls).toEqual([{ constraint: 'capacity:public-security', department: 'PUBLIC_SECURITY', lacking: 9.5, unit: 'inspector-days' }]);
    expect(p.explanation).toEqual([
      "在现有能力和目标下没有可行方案。/ No plan meets every target within the departments' capacity.",
      '公安局缺少9.5个检查人日。/ public-security lacks 9.5 inspector-days.',
    ]);
    const refused = await accept(p.id);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'proposalId', status: 'infeasible' });
  }, 120_000);

  it.each([
    ['a period that is not a quarter', { period: '2025' }, 'input.period'],
    ['a target above 1', { period: PERIOD, jointShareByCount: 1.5 }, 'input.jointShareByCount'],
    ['a negative target', { period: PERIOD, plannedByClassShare: -0.1 }, 'input.plannedByClassShare'],
    ['an unknown industry', { period: PERIOD, industryCodes: ['0000'] }, 'input.industryCodes'],
    ['a township of another county', { period: PERIOD, regionCode: '110101001' }, 'input.regionCode'],
    ['no visits a day', { period: PERIOD, visitsPerDay: 0 }, 'input.visitsPerDay'],
    ['a department given twice', { period: PERIOD, capacities: [{ department: 'HEALTH', activeInspectors: 1 }, { department: 'HEALTH', activeInspectors: 2 }] }, 'input.capacities'],
    ['the office as a department', { period: PERIOD, capacities: [{ department: 'DOUBLE_RANDOM_OFFICE', activeInspectors: 1 }] }, 'input.capacities'],
    ['a time limit over 60 s', { period: PERIOD, timeLimitSeconds: 61 }, 'input.timeLimitSeconds'],
  ])('refuses %s: BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const res = await propose(input);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('is for the office\'s coordinators only, and names an unknown proposal', async () => {
    const input = { period: PERIOD, regionCode: TOWNSHIP, industryCodes: HOTELS };
    expect((await propose(input, '')).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', action: 'plan:commit' });
    expect((await propose(input, await tokens.admin('public-security'))).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'plan:commit' });
    expect((await propose(input, await tokens.analyst())).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'plan:commit' });
    expect((await accept('OPT-2025Q3-0001', await tokens.admin('fire-rescue'))).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', action: 'plan:commit' });
    expect((await accept('OPT-2025Q3-9999')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'proposalId' });
  });
});
