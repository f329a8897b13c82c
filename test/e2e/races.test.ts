import { describe, expect, it } from 'vitest';
import { makeUscc, prng } from '../../shared/demo/county.js';
import { REGISTER_COLUMNS, writeTableToBuffer } from '../../shared/exchange/index.js';
import { gql, publishAnnualPlans, sql, token, tokens } from '../support/federation.js';
import { internalOf } from '../support/enums.js';
import { sha256 } from '../support/tasks.js';

/**
 * Steps that land at the same moment (README: annual plans, joint plans): one wins, the other is
 * refused, and what is stored is whole. Fire and rescue's annual plan of 2035, joint plans of
 * 2036-Q1 in 南徐村乡 (130433202), used by no other file (test/README.md).
 */
const TOWNSHIP = '130433202';
const HOTELS = ['6110', '6121', '6129', '6130'];
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ? String(res.errors[0].extensions?.code) : 'ok');

describe('administrators publishing an annual plan at once', () => {
  it('one publication succeeds, the others are refused, and one publication is stored', async () => {
    const creator = await token(['department-admin'], 'fire-rescue', 'races-fr-admin-0');
    const created = await gql('mutation { createFireRescueAnnualPlan(year: 2035, title: "2035年度消防安全双随机抽查计划", itemCodes: ["FR-CV-001"]) { id status } }', {}, { token: creator });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    expect(created.data.createFireRescueAnnualPlan).toEqual({ id: 'FR-AP-2035', status: 'DRAFT' });

    // Four administrators press "publish" together. Whether a loser read the draft before the
    // winner wrote it (CONFLICT, the optimistic lock) or after (PRECONDITION_FAILED, already
    // published) depends on timing; either way exactly one publication is stored.
    const admins = await Promise.all([1, 2, 3, 4].map((n) => token(['department-admin'], 'fire-rescue', `races-fr-admin-${n}`)));
    const answers = await Promise.all(admins.map((t) => gql('mutation { publishFireRescueAnnualPlan(year: 2035) { status versionInForce } }', {}, { token: t })));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toEqual(['ok']);
    expect(codes.filter((c) => !['ok', 'CONFLICT', 'PRECONDITION_FAILED'].includes(c))).toEqual([]);
    expect(answers.find((a) => !a.errors)!.data.publishFireRescueAnnualPlan).toEqual({ status: 'PUBLISHED', versionInForce: 1 });

    const publications = await sql('fire-rescue', "SELECT version_number, published_by FROM annual_plan_publication WHERE plan_id = 'FR-AP-2035'");
    expect(publications).toHaveLength(1);
    expect(publications[0].version_number).toBe(1);
    expect(admins.map((_, n) => `races-fr-admin-${n + 1}`)).toContain(publications[0].published_by);
  });
});

describe('a department joining while the coordinator commits the joint draw', () => {
  /** Operating hotels of the township by the departments whose target directories hold them. */
  async function hotelsBySupervision(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    let after: string | null = null;
    for (;;) {
      const page: any = await gql(
        `query ($f: EnterpriseFilter, $after: String) { enterprises(filter: $f, first: 100, after: $after) {
          nodes { uscc supervision { complete departments { department } } } pageInfo { hasNextPage endCursor } } }`,
        { f: { industryCodes: HOTELS, regionCode: TOWNSHIP, status: 'OPERATING' }, after },
        { token: await tokens.analyst() },
      );
      expect(page.errors, JSON.stringify(page.errors)).toBeUndefined();
      for (const n of page.data.enterprises.nodes) {
        expect(n.supervision.complete).toBe(true);
        out.set(n.uscc, n.supervision.departments.map((d: { department: string }) => internalOf(d.department)));
      }
      if (!page.data.enterprises.pageInfo.hasNextPage) return out;
      after = page.data.enterprises.pageInfo.endCursor;
    }
  }

  /** The businesses a commitment was built on: its pool and what it left out (rectification, yearly cap). */
  async function committedBusinesses(planId: string): Promise<Set<string>> {
    const [row] = await sql('joint-inspection', 'SELECT pool, exclusions FROM draw_commitment WHERE task_id = $1', [planId]);
    return new Set([...row.pool, ...row.exclusions].map((e: { uscc: string }) => e.uscc));
  }

  it('either the department is in the frozen pool or its join is refused: never joined but left out', async () => {
    await publishAnnualPlans(2036);
    const coordinator = await token(['coordinator'], 'double-random-office', 'races-coordinator');
    // Fire and rescue joins late. A new hotel in its directory only is in the pool exactly when it is.
    const late = 'fire-rescue';
    const early = 'market-supervision';
    const ITEMS: Record<string, string> = { 'public-security': 'PS-PO-001', 'market-supervision': 'MS-FS-001', 'fire-rescue': 'FR-CV-001' };
    const hotel = makeUscc(prng(`e2e-races/${Date.now()}/${process.pid}`), false);
    const register = await gql(
      'mutation ($file: FileReference!) { importRegister(file: $file, kind: REGISTER) { accepted inserted } }',
      {
        file: {
          fileName: 'races-hotel.csv',
          contentBase64: (
            await writeTableToBuffer('csv', REGISTER_COLUMNS, [{ uscc: hotel, name: '南徐村乡竞态测试宾馆', industryCode: '6129', regionCode: TOWNSHIP, status: 'operating', creditRiskClass: 'B', registeredOn: '2021-03-01' }], { headers: 'zh' })
          ).bytes.toString('base64'),
        },
      },
      { token: await tokens.admin('market-supervision') },
    );
    expect(register.data.importRegister).toEqual({ accepted: true, inserted: 1 });
    const added = await gql(
      'mutation ($input: FireRescueTargetInput!) { addFireRescueTarget(input: $input, reason: "新开业宾馆纳入消防名录") { uscc } }',
      { input: { uscc: hotel, supervisedSince: '2026-03-01', venueCategory: 'crowded-venue' } },
      { token: await tokens.admin('fire-rescue') },
    );
    expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
    const supervision = await hotelsBySupervision();
    expect(supervision.get(hotel)).toEqual(['fire-rescue']);
    const onlyLate = [...supervision].filter(([, ds]) => ds.length === 1 && ds[0] === late).map(([u]) => u);
    expect(onlyLate).toContain(hotel);

    const outcomes: string[] = [];
    for (const round of [1, 2, 3]) {
      const created = await gql(
        'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id } }',
        { input: { title: `2036年第一季度南徐村乡旅馆业联合抽查（${round}）`, industryCodes: HOTELS, period: '2036-Q1', initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['MARKET_SUPERVISION', 'FIRE_RESCUE'], regionCode: TOWNSHIP } },
        { token: coordinator },
      );
      expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
      const planId = created.data.createJointPlan.id;
      const join = async (department: string, item: string) =>
        gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id: planId, c: [item] }, { token: await tokens.admin(department) });
      for (const d of ['public-security', early]) expect((await join(d, ITEMS[d])).errors).toBeUndefined();

      const lateToken = await tokens.admin(late);
      const commit = () => gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { status } }', { id: planId, h: sha256(`race-${planId}`) }, { token: coordinator });
      const [joined, committed] = await Promise.all([
        gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id: planId, c: [ITEMS[late]] }, { token: lateToken }),
        commit(),
      ]);
      const outcome = `join ${codeOf(joined)}, commit ${codeOf(committed)}`;
      outcomes.push(outcome);
      const lateJoined = (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM joint_plan_participation WHERE plan_id = $1 AND department = $2', [planId, late]))[0].n;
      if (codeOf(committed) === 'ok') {
        // The commitment came first, or saw the join: the join is refused, or it is in the pool.
        expect(['join ok, commit ok', 'join CONFLICT, commit ok']).toContain(outcome);
        const pool = await committedBusinesses(planId);
        expect(lateJoined).toBe(codeOf(joined) === 'ok' ? 1 : 0);
        expect(onlyLate.filter((u) => pool.has(u))).toEqual(lateJoined ? onlyLate : []);
      } else {
        // The join landed while the commitment was being built: the commitment fails, nothing is stored.
        expect(outcome).toBe('join ok, commit CONFLICT');
        expect(lateJoined).toBe(1);
        expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM draw_commitment WHERE task_id = $1', [planId])).toEqual([{ n: 0 }]);
        const again = await commit();
        expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
        const pool = await committedBusinesses(planId);
        expect(onlyLate.filter((u) => pool.has(u))).toEqual(onlyLate);
      }
    }
    expect(outcomes).toHaveLength(3);
  }, 180_000);
});
