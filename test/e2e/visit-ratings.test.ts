import { beforeAll, describe, expect, it } from 'vitest';
import { issueUserToken } from '../../shared/platform/auth.js';
import { gql, publishAnnualPlans, tokens } from '../support/federation.js';
import { inspectorToken, publishedTask, type TaskTarget } from '../support/tasks.js';

/**
 * An inspector's own visits (myInspectionVisits) and the business's rating of a visit
 * (rateInspectionVisit, no sign-in; one per code) with the office's counts
 * (inspectionVisitRatings), through the gateway. Fire and rescue, 2026-Q4, 寿山寺乡 (130433200):
 * see test/README.md.
 */
const REGION = '130433200';
const VISITS = `query ($after: String) { myInspectionVisits(first: 100, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } nodes { taskId taskTitle department windowStart windowEnd uscc team status recordId scannedAt } } }`;
const RATE = 'mutation ($c: String!, $s: Int!, $m: String) { rateInspectionVisit(code: $c, score: $s, comment: $m) { taskId uscc score comment ratedAt } }';
const SUMMARY = 'query ($ids: [String!]) { inspectionVisitRatings(taskIds: $ids) { taskId count averageScore scoreCounts commentCount latestComments { uscc score comment } } }';

let task: { id: string; targets: TaskTarget[] };

beforeAll(async () => {
  await publishAnnualPlans(2026);
  const admin = await tokens.admin('fire-rescue');
  const items = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE }, first: 100) { nodes { code claimed } } }');
  expect(items.errors).toBeUndefined();
  const itemCodes = items.data.inspectionItems.nodes.filter((i: { claimed: boolean }) => i.claimed).slice(0, 1).map((i: { code: string }) => i.code);
  task = await publishedTask('fire-rescue', admin, { title: '2026年第四季度寿山寺乡消防检查（评价测试）', itemCodes, period: '2026-Q4', regionCode: REGION,
    // Other files draw fire and rescue teams in 2026-Q4 too, from the same 35 inspectors: a 1 % sample keeps this file's share small.
    ratios: { A: 100, B: 100, C: 100, D: 100 } });
  expect(task.targets.length).toBeGreaterThanOrEqual(3);
}, 120_000);

describe('myInspectionVisits', () => {
  it("lists the drawn businesses whose team names the inspector, with the record's status and the inspector's scan", async () => {
    const target = task.targets[0];
    const cert = target.team[1];
    const t = { token: await inspectorToken('fire-rescue', cert) };
    const before = await gql(VISITS, {}, t);
    expect(before.errors).toBeUndefined();
    const mine = (before.data.myInspectionVisits.nodes as { taskId: string; uscc: string }[]).filter((v) => v.taskId === task.id);
    const expected = task.targets.filter((x) => x.team.includes(cert)).map((x) => x.uscc).sort();
    expect(mine.map((v) => v.uscc).sort()).toEqual(expected);
    expect(before.data.myInspectionVisits.nodes.find((v: { taskId: string; uscc: string }) => v.taskId === task.id && v.uscc === target.uscc)).toEqual({
      taskId: task.id,
      taskTitle: '2026年第四季度寿山寺乡消防检查（评价测试）',
      department: 'FIRE_RESCUE',
      windowStart: '2026-10-01',
      windowEnd: '2026-12-31',
      uscc: target.uscc,
      team: target.team,
      status: 'NOT_ENTERED',
      recordId: null,
      scannedAt: null,
    });

    const scan = await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scannedAt } }', { c: target.code }, t);
    expect(scan.errors).toBeUndefined();
    const after = await gql(VISITS, {}, t);
    const visit = after.data.myInspectionVisits.nodes.find((v: { taskId: string; uscc: string }) => v.taskId === task.id && v.uscc === target.uscc);
    expect(visit.scannedAt).toBe(scan.data.recordInspectionScan.scannedAt);
  });

  it('pages by cursor without repeating a visit', async () => {
    const cert = task.targets[0].team[0];
    const t = { token: await inspectorToken('fire-rescue', cert) };
    const all = await gql(VISITS, {}, t);
    const total = all.data.myInspectionVisits.totalCount as number;
    expect(total).toBeGreaterThanOrEqual(1);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await gql('query ($after: String) { myInspectionVisits(first: 1, after: $after) { pageInfo { endCursor hasNextPage } nodes { taskId uscc } } }', { after }, t);
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.myInspectionVisits.nodes.map((v: { taskId: string; uscc: string }) => `${v.taskId}/${v.uscc}`));
      if (!page.data.myInspectionVisits.pageInfo.hasNextPage) break;
      after = page.data.myInspectionVisits.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.data.myInspectionVisits.nodes.map((v: { taskId: string; uscc: string }) => `${v.taskId}/${v.uscc}`));
    expect(seen).toHaveLength(total);
  });

  it('is refused to the public (UNAUTHENTICATED) and to an inspector without a certificate number (FORBIDDEN)', async () => {
    const anonymous = await gql(VISITS);
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', field: 'myInspectionVisits' });
    const uncertified = await gql(VISITS, {}, { token: await tokens.inspector('fire-rescue') });
    expect(uncertified.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'myInspectionVisits' });
    expect(uncertified.errors?.[0].message).toContain('执法证号');
  });
});

describe('rateInspectionVisit and inspectionVisitRatings', () => {
  it('the business rates a visit without signing in; a second rating of the same code is CONFLICT', async () => {
    const target = task.targets[1];
    const rated = await gql(RATE, { c: target.code, s: 4, m: '  检查人员亮证规范，态度很好  ' });
    expect(rated.errors).toBeUndefined();
    expect(rated.data.rateInspectionVisit).toMatchObject({ taskId: task.id, uscc: target.uscc, score: 4, comment: '检查人员亮证规范，态度很好' });

    const again = await gql(RATE, { c: target.code, s: 1, m: null });
    expect(again.data).toBeNull();
    expect(again.errors).toHaveLength(1);
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(again.errors![0].message).toBe('该检查码已评价过，每个检查码只能评价一次 / this visit has already been rated: one rating per inspection code');
  });

  it('refuses a score outside 1–5, a comment over 200 characters and a code that is not one, naming the field', async () => {
    const code = task.targets[2].code;
    const zero = await gql(RATE, { c: code, s: 0, m: null });
    expect(zero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'score' });
    const long = await gql(RATE, { c: code, s: 5, m: '很'.repeat(201) });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    expect(long.errors?.[0].message).toContain('最多200个字，现有201个');
    const forged = await gql(RATE, { c: `${code.slice(0, -4)}AAAA`, s: 5, m: null });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    // None of these was stored: the code can still be rated, with exactly 200 characters.
    const ok = await gql(RATE, { c: code, s: 2, m: '慢'.repeat(200) });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.rateInspectionVisit.score).toBe(2);
  });

  it("the office reads the counts per task; the public and inspectors may not", async () => {
    const summary = await gql(SUMMARY, { ids: [task.id] }, { token: await tokens.coordinator() });
    expect(summary.errors).toBeUndefined();
    expect(summary.data.inspectionVisitRatings).toEqual([
      {
        taskId: task.id,
        count: 2,
        averageScore: 3,
        scoreCounts: [0, 1, 0, 1, 0],
        commentCount: 2,
        latestComments: [
          { uscc: task.targets[2].uscc, score: 2, comment: '慢'.repeat(200) },
          { uscc: task.targets[1].uscc, score: 4, comment: '检查人员亮证规范，态度很好' },
        ],
      },
    ]);
    const analyst = await gql(SUMMARY, { ids: [task.id] }, { token: await tokens.analyst() });
    expect(analyst.data.inspectionVisitRatings[0].count).toBe(2);
    const anonymous = await gql(SUMMARY, { ids: [task.id] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const inspector = await gql(SUMMARY, { ids: [task.id] }, { token: await issueUserToken({ roles: ['inspector'], department: 'fire-rescue', certificateNumber: task.targets[0].team[0], subject: 'ratings-inspector' }) });
    expect(inspector.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
