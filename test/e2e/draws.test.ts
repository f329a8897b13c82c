import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, publishAnnualPlans, sql, tokens } from '../support/federation.js';

/**
 * Double random, one public: a coordinator commits to a pool and a seed hash, draws targets and
 * inspector teams, publishes; anyone fetches the export and checks it with the standalone
 * verifier. Everything through the gateway, on the demo county.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const TASK_FIELDS = `id status department period ratios { A B C D } workloadCap
  commitment { poolSize poolHash seedHash commitmentHash excludedCount exclusions { uscc reason } }
  draw { seed byClass { riskClass poolSize quota } targets(first: 100) { totalCount nodes { uscc drawClass key team { certificateNumber role } inspectorExclusions } } }
  adjustments { reason supersededCommitmentHash }`;

const VERIFIER = path.resolve('scripts/verify-draw.mjs');
function verifyFile(exported: unknown): { code: number; out: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-draw-')), 'draw.json');
  fs.writeFileSync(file, JSON.stringify(exported));
  try {
    return { code: 0, out: execFileSync(process.execPath, [VERIFIER, file], { encoding: 'utf8' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout + err.stderr };
  }
}

let coordinator: string;
let hotelItem: string;

async function createFireTask(extra: Record<string, unknown> = {}) {
  const res = await gql(
    `mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { ${TASK_FIELDS} } }`,
    { input: { title: '2026年第二季度人员密集场所消防安全抽查', itemCodes: [hotelItem], period: '2026-Q2', ...extra } },
    { token: coordinator },
  );
  expect(res.errors).toBeUndefined();
  return res.data.createFireRescueTask;
}

beforeAll(async () => {
  // Tasks and draws of 2026 need the published annual plans of 2026 (shared/inspection/annual-plan.ts).
  await publishAnnualPlans(2026);
  coordinator = await tokens.coordinator();
  const items = await gql('{ inspectionItems(filter: { department: FIRE_RESCUE, industryCode: "6129" }, first: 10) { nodes { code claimed } } }');
  expect(items.errors).toBeUndefined();
  hotelItem = items.data.inspectionItems.nodes.find((i: { claimed: boolean }) => i.claimed).code;
});

describe('a coordinator draws fire inspections of crowded venues, and the public checks the draw', () => {
  it('commit → draw → publish → export → the standalone verifier confirms; tampering is detected', async () => {
    // One township (馆陶镇): what the brigade's 35 inspectors can staff in a quarter.
    const task = await createFireTask({ regionCode: '130433100' });
    expect(task.status).toBe('PENDING_DRAW');
    expect(task.id).toMatch(/^FR-2026Q2-\d{4}$/);

    const seed = `guantao-2026Q2-fire-${Date.now()}`;
    const committed = await gql(`mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { ${TASK_FIELDS} } }`, { id: task.id, h: sha256(seed) }, { token: coordinator });
    expect(committed.errors).toBeUndefined();
    const c = committed.data.commitFireRescueDraw;
    expect(c.status).toBe('COMMITTED');
    expect(c.commitment.seedHash).toBe(sha256(seed));
    expect(c.commitment.poolSize).toBeGreaterThan(50);

    // The pool is the fire directory narrowed by the register to operating businesses of the item's industries.
    const pool = (await sql('fire-rescue', 'SELECT pool FROM draw_commitment WHERE task_id = $1', [task.id]))[0].pool as { uscc: string }[];
    expect(pool).toHaveLength(c.commitment.poolSize);

    // A seed that does not match the commitment is refused and nothing is drawn.
    const wrong = await gql('mutation ($id: String!) { drawFireRescueTask(taskId: $id, seed: "not-the-seed") { id } }', { id: task.id }, { token: coordinator });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'seed' });
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM draw_result WHERE task_id = $1', [task.id])).toEqual([{ n: 0 }]);

    // Two coordinators draw at once: one wins, the other is told.
    const draw = () => gql(`mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { ${TASK_FIELDS} } }`, { id: task.id, s: seed }, { token: coordinator });
    const [a, b] = await Promise.all([draw(), draw()]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners, JSON.stringify(losers.map((l) => l.errors)).slice(0, 1500)).toHaveLength(1);
    expect(losers[0].errors?.[0].extensions?.code).toBe('CONFLICT');
    const drawn = winners[0].data.drawFireRescueTask;
    expect(drawn.status).toBe('DRAWN');
    expect(drawn.draw.targets.totalCount).toBe(drawn.draw.byClass.reduce((s: number, x: { quota: number }) => s + x.quota, 0));
    expect(drawn.draw.targets.nodes).toHaveLength(drawn.draw.targets.totalCount);

    // Teams: at least two, leader first; nobody with a declared conflict; the workload cap holds.
    const conflicts = await sql('fire-rescue', 'SELECT certificate_number, uscc FROM inspector_conflict WHERE valid_to IS NULL');
    const conflicted = new Set(conflicts.map((r: any) => `${r.certificate_number}/${r.uscc}`));
    const load = new Map<string, number>();
    for (const t of drawn.draw.targets.nodes) {
      expect(t.team.length).toBeGreaterThanOrEqual(2);
      expect(t.team[0].role).toBe('LEADER');
      for (const m of t.team) {
        expect(conflicted.has(`${m.certificateNumber}/${t.uscc}`)).toBe(false);
        load.set(m.certificateNumber, (load.get(m.certificateNumber) ?? 0) + 1);
      }
    }
    expect(Math.max(...load.values())).toBeLessThanOrEqual(drawn.workloadCap);

    // Before publication the public sees nothing of it.
    const early = await gql('query ($id: String!) { jointDrawExport(taskId: $id) }', { id: task.id });
    expect(early).toMatchObject({ data: { jointDrawExport: null } });
    expect(early.errors).toBeUndefined();

    const published = await gql('mutation ($id: String!) { publishFireRescueDraw(taskId: $id) { status } }', { id: task.id }, { token: coordinator });
    expect(published.data.publishFireRescueDraw.status).toBe('PUBLISHED');

    // Anyone: the export, the platform's verification, and the standalone verifier agree.
    const exp = await gql('query ($id: String!) { jointDrawExport(taskId: $id) jointDrawVerification(taskId: $id) { match problems } }', { id: task.id });
    expect(exp.errors).toBeUndefined();
    expect(exp.data.jointDrawVerification).toEqual({ match: true, problems: [] });
    const exported = JSON.parse(exp.data.jointDrawExport);
    expect(exported.seed).toBe(seed);
    expect(exported.result.drawn).toEqual(drawn.draw.targets.nodes.map((t: { uscc: string }) => t.uscc));
    expect(verifyFile(exported).code).toBe(0);

    // A changed pool, seed or result is detected by the verifier.
    const changedPool = structuredClone(exported);
    changedPool.pool[0].drawClass = changedPool.pool[0].drawClass === 'D' ? 'A' : 'D';
    expect(verifyFile(changedPool).code).toBe(1);
    const changedSeed = { ...structuredClone(exported), seed: `${seed}x` };
    expect(verifyFile(changedSeed).code).toBe(1);
    const changedResult = structuredClone(exported);
    const outsider = exported.pool.find((p: { uscc: string }) => !exported.result.drawn.includes(p.uscc)).uscc;
    changedResult.result.drawn[0] = outsider;
    const verdict = verifyFile(changedResult);
    expect(verdict.code).toBe(1);
    expect(verdict.out).toContain(outsider);

    // The stored draw cannot be edited…
    await expect(sql('fire-rescue', "UPDATE draw_result SET seed = 'x' WHERE task_id = $1", [task.id])).rejects.toThrow(/append-only/);
    // …and if someone with full database rights forges it anyway, jointDrawVerification says so.
    await sql('fire-rescue', 'ALTER TABLE draw_result DISABLE TRIGGER draw_result_append_only');
    try {
      const forged = [outsider, ...exported.result.drawn.slice(1)];
      await sql('fire-rescue', `UPDATE draw_result SET result = jsonb_set(result, '{drawn}', $2::jsonb) WHERE task_id = $1`, [task.id, JSON.stringify(forged)]);
      const check = await gql('query ($id: String!) { jointDrawVerification(taskId: $id) { match problems } }', { id: task.id });
      expect(check.data.jointDrawVerification.match).toBe(false);
      expect(check.data.jointDrawVerification.problems.join('\n')).toContain(outsider);
      await sql('fire-rescue', `UPDATE draw_result SET result = jsonb_set(result, '{drawn}', $2::jsonb) WHERE task_id = $1`, [task.id, JSON.stringify(exported.result.drawn)]);
    } finally {
      await sql('fire-rescue', 'ALTER TABLE draw_result ENABLE TRIGGER draw_result_append_only');
    }

    // Re-drawing only through a recorded adjustment; the old draw stays visible.
    const noReason = await gql('mutation ($id: String!) { adjustFireRescueDraw(taskId: $id, reason: "") { id } }', { id: task.id }, { token: coordinator });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const again = await gql('mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { id } }', { id: task.id, s: seed }, { token: coordinator });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
    const adjusted = await gql(
      `mutation ($id: String!) { adjustFireRescueDraw(taskId: $id, reason: "抽取范围遗漏新纳入名录的场所，经办公室批准重新抽取") { ${TASK_FIELDS} } }`,
      { id: task.id },
      { token: coordinator },
    );
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data.adjustFireRescueDraw.status).toBe('PENDING_DRAW');
    expect(adjusted.data.adjustFireRescueDraw.adjustments).toEqual([
      { reason: '抽取范围遗漏新纳入名录的场所，经办公室批准重新抽取', supersededCommitmentHash: c.commitment.commitmentHash },
    ]);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM draw_result WHERE task_id = $1', [task.id])).toEqual([{ n: 1 }]);
  });
});

describe('the pool leaves out businesses in rectification, and says so', () => {
  it('a food-safety task excludes every business tagged `rectification`, with the reason', async () => {
    const created = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createMarketSupervisionTask(input: $input) { id } }',
      { input: { title: '食品安全抽查', itemCodes: ['MS-FS-001'], period: '2026-Q3' } },
      { token: coordinator },
    );
    const id = created.data.createMarketSupervisionTask.id;
    const res = await gql(`mutation ($id: String!, $h: String!) { commitMarketSupervisionDraw(taskId: $id, seedHash: $h) { ${TASK_FIELDS} } }`, { id, h: sha256('food') }, { token: coordinator });
    expect(res.errors).toBeUndefined();
    const rows = await sql(
      'market-supervision',
      `SELECT DISTINCT t.uscc FROM target_tag t JOIN enterprise e ON e.uscc = t.uscc
        WHERE t.key = 'rectification' AND t.revoked_at IS NULL AND t.valid_from <= DATE '2026-07-01' AND (t.valid_until IS NULL OR t.valid_until >= DATE '2026-07-01')
          AND e.status = 'operating' AND e.industry_code IN ('6210', '6220', '5212', '6110', '6121')`,
    );
    const c = res.data.commitMarketSupervisionDraw.commitment;
    const inRectification = rows.map((r: { uscc: string }) => r.uscc).sort();
    expect(inRectification.length).toBeGreaterThan(0);
    expect(c.exclusions.filter((x: { reason: string }) => x.reason === 'rectification').map((x: { uscc: string }) => x.uscc).sort()).toEqual(inRectification);
    const pool = (await sql('market-supervision', 'SELECT pool FROM draw_commitment WHERE task_id = $1', [id]))[0].pool as { uscc: string }[];
    expect(pool.some((p) => inRectification.includes(p.uscc))).toBe(false);
  });
});

describe('recusal (回避): an inspector with a declared stake is never drawn for that business', () => {
  it('the same seed redrawn after a declared conflict gives the business another team and says why', async () => {
    const task = await createFireTask({ regionCode: '130433101', period: '2026-Q1' });
    const seed = `recusal-${Date.now()}`;
    const run = async () => {
      const c = await gql('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { id } }', { id: task.id, h: sha256(seed) }, { token: coordinator });
      expect(c.errors).toBeUndefined();
      const d = await gql(`mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { ${TASK_FIELDS} } }`, { id: task.id, s: seed }, { token: coordinator });
      expect(d.errors).toBeUndefined();
      return d.data.drawFireRescueTask.draw.targets.nodes as { uscc: string; team: { certificateNumber: string }[]; inspectorExclusions: string[] }[];
    };
    const first = await run();
    const target = first[0];
    const leader = target.team[0].certificateNumber;

    const declared = await gql(
      'mutation ($c: String!, $u: String!) { declareFireRescueInspectorConflict(certificateNumber: $c, uscc: $u, kind: RELATIVE, reason: "其配偶为该场所法定代表人") { id } }',
      { c: leader, u: target.uscc },
      { token: await tokens.admin('fire-rescue') },
    );
    expect(declared.errors).toBeUndefined();
    const adjusted = await gql('mutation ($id: String!) { adjustFireRescueDraw(taskId: $id, reason: "申报回避后重新抽取检查人员") { status } }', { id: task.id }, { token: coordinator });
    expect(adjusted.data.adjustFireRescueDraw.status).toBe('PENDING_DRAW');

    const second = await run();
    // Same seed, same pool: the same businesses are drawn…
    expect(second.map((t) => t.uscc)).toEqual(first.map((t) => t.uscc));
    // …but the declared relative is not on the team, and the exclusion says why.
    const again = second.find((t) => t.uscc === target.uscc)!;
    expect(again.team.map((m) => m.certificateNumber)).not.toContain(leader);
    expect(again.inspectorExclusions).toContain(`${leader}: conflict`);
  });
});

describe('bad input and shortfalls write nothing', () => {
  it('ratios outside 0–100 %, an unknown item, an unknown task, another department', async () => {
    const bad = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: 't', itemCodes: [hotelItem], period: '2026-Q3', ratios: { A: 0, B: 500, C: 10001, D: 10000 } } },
      { token: coordinator },
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ratios' });
    const unknownItem = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: 't', itemCodes: ['NO-SUCH-ITEM'], period: '2026-Q3' } },
      { token: coordinator },
    );
    expect(unknownItem.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemCodes' });
    const unknownTask = await gql('mutation { commitFireRescueDraw(taskId: "FR-2026Q2-9999", seedHash: "00") { id } }', {}, { token: coordinator });
    expect(unknownTask.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'taskId' });
    const foreign = await gql(
      'mutation ($input: CreateInspectionTaskInput!) { createFireRescueTask(input: $input) { id } }',
      { input: { title: 't', itemCodes: [hotelItem], period: '2026-Q3' } },
      { token: await tokens.admin('public-security') },
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await sql('fire-rescue', "SELECT count(*)::int AS n FROM inspection_task WHERE period = '2026-Q3'")).toEqual([{ n: 0 }]);
  });

  it('too few inspectors for every drawn venue: the error names the shortfall and nothing is drawn', async () => {
    // County-wide at 100 %: in a year of its own (2032), so that no other file's yearly cap or workload meets it.
    await publishAnnualPlans(2032);
    const task = await createFireTask({ period: '2032-Q4', ratios: { A: 10000, B: 10000, C: 10000, D: 10000 }, workloadCap: 1 });
    const seed = 'shortfall-seed';
    await gql('mutation ($id: String!, $h: String!) { commitFireRescueDraw(taskId: $id, seedHash: $h) { id } }', { id: task.id, h: sha256(seed) }, { token: coordinator });
    const res = await gql('mutation ($id: String!, $s: String!) { drawFireRescueTask(taskId: $id, seed: $s) { id } }', { id: task.id, s: seed }, { token: coordinator });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'PRECONDITION_FAILED', field: 'taskId' });
    const shortfalls = res.errors?.[0].extensions?.shortfalls as { uscc: string; missing: number; message: string }[];
    expect(shortfalls.length).toBeGreaterThan(0);
    expect(shortfalls[0].missing).toBeGreaterThan(0);
    expect(shortfalls[0].message).toContain(shortfalls[0].uscc);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM draw_result WHERE task_id = $1', [task.id])).toEqual([{ n: 0 }]);
    expect(await sql('fire-rescue', 'SELECT count(*)::int AS n FROM drawn_target WHERE task_id = $1', [task.id])).toEqual([{ n: 0 }]);
    const after = await gql('query ($id: String!) { fireRescueTask(id: $id) { status } }', { id: task.id }, { token: coordinator });
    expect(after.data.fireRescueTask.status).toBe('COMMITTED');
  });
});
