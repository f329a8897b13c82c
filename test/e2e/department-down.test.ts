import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, prng } from '../../shared/demo/county.js';
import { INSPECTOR_COLUMNS, REGISTER_COLUMNS, targetColumns, writeTableToBuffer, type ColumnSpec, type Values } from '../../shared/exchange/index.js';
import { gql, npmRun, publishAnnualPlans, sql, SUITE_TODAY, token, tokens, whilePaused } from '../support/federation.js';
import { enteredRecord, publishedTask, sha256 } from '../support/tasks.js';

/**
 * What the README promises when a department does not answer (paused with SIGSTOP, so calls to
 * it time out): the step is refused with SERVICE_UNAVAILABLE and nothing is written, and the same
 * step succeeds once the department answers again. Township 南徐村乡 (130433202); a joint plan in
 * 2030-Q1 and a fire and rescue task in 2026-Q4 (the suite clock's quarter: the team scans in
 * today); fresh barbers' shops (8051) registered by this file. See test/README.md.
 */
const TOWNSHIP = '130433202';
const HOTELS = ['6110', '6121', '6129', '6130'];
const stamp = `${Date.now().toString(36).toUpperCase()}${process.pid.toString(36).toUpperCase()}`;
let seq = 0;

async function file(rows: Values[], columns: ColumnSpec[]) {
  return { contentBase64: (await writeTableToBuffer('csv', columns, rows, { headers: 'zh' })).bytes.toString('base64'), fileName: `down-${++seq}.csv` };
}

/** Fresh businesses in the register (market supervision's own import needs no other department). */
async function registered(n: number): Promise<string[]> {
  const rand = prng(`e2e-department-down/${stamp}/${seq++}`);
  const usccs = Array.from({ length: n }, () => makeUscc(rand, false));
  expect(await sql('market-supervision', 'SELECT uscc FROM enterprise WHERE uscc = ANY($1)', [usccs])).toEqual([]);
  const rows = usccs.map((uscc, i) => ({ uscc, name: `南徐村乡停机测试${stamp}-${i}号理发店`, industryCode: '8051', regionCode: TOWNSHIP, status: 'operating', creditRiskClass: 'B', registeredOn: '2020-05-01' }));
  const res = await gql('mutation ($file: FileReference!) { importRegister(file: $file, kind: REGISTER) { accepted inserted } }', { file: await file(rows, REGISTER_COLUMNS) }, { token: await tokens.admin('market-supervision') });
  expect(res.data.importRegister).toEqual({ accepted: true, inserted: n });
  return usccs;
}

const SERVICE_UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE' };

describe('imports when another department does not answer', () => {
  const targetImport = `mutation ($file: FileReference!) {
    importPublicSecurityDirectory(file: $file, kind: TARGETS, reason: "停机测试导入") { accepted inserted } }`;
  const targetRows = (usccs: string[]) => usccs.map((uscc) => ({ uscc, supervisedSince: '2026-03-01', brigade: 'public-order', specialTradeLicence: '' }));
  const stored = (usccs: string[]) => sql('public-security', 'SELECT uscc FROM supervised_target WHERE uscc = ANY($1)', [usccs]);

  it('a target import cannot check the register: SERVICE_UNAVAILABLE and no target written; once the register answers it imports', async () => {
    const usccs = await registered(2);
    const admin = await token(['department-admin'], 'public-security', 'department-down-ps-admin');
    const body = await file(targetRows(usccs), targetColumns('public-security'));

    const refused = await whilePaused('market-supervision', () => gql(targetImport, { file: body }, { token: admin }));
    expect(refused.errors?.[0].extensions).toMatchObject(SERVICE_UNAVAILABLE);
    expect(refused.data?.importPublicSecurityDirectory ?? null).toBeNull();
    expect(await stored(usccs)).toEqual([]);

    const later = await gql(targetImport, { file: body }, { token: admin });
    expect(later.errors, JSON.stringify(later.errors)).toBeUndefined();
    expect(later.data.importPublicSecurityDirectory).toEqual({ accepted: true, inserted: 2 });
    expect((await stored(usccs)).length).toBe(2);
  });

  it('the import command cannot check certificate numbers with fire and rescue: exit code 3, SERVICE_UNAVAILABLE, no inspector written', async () => {
    const certificates = [`DOWN-${stamp}-1`, `DOWN-${stamp}-2`];
    const rows = certificates.map((certificateNumber, i) => ({
      certificateNumber,
      name: `停机测试${i}`,
      department: 'public-security',
      brigade: 'public-order',
      expertise: 'guest-registration',
      status: 'active',
    }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiye-department-down-'));
    try {
      const csv = path.join(dir, 'inspectors.csv');
      fs.writeFileSync(csv, Buffer.from((await file(rows, INSPECTOR_COLUMNS)).contentBase64, 'base64'));
      const run = () => npmRun(['import', '--', 'inspectors', csv, '--department', 'public-security', '--reason', '停机测试导入']);
      const refused = await whilePaused('fire-rescue', run);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toContain('import failed (SERVICE_UNAVAILABLE)');
      expect(refused.stderr).toContain('fire-rescue');
      expect(await sql('public-security', 'SELECT certificate_number FROM inspector WHERE certificate_number = ANY($1)', [certificates])).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a joint commitment when a participating department does not answer', () => {
  it('SERVICE_UNAVAILABLE naming it, no commitment, the plan still open; once it answers the commitment is made', async () => {
    await publishAnnualPlans(2030);
    const coordinator = await token(['coordinator'], 'double-random-office', 'department-down-coordinator');
    const created = await gql(
      'mutation ($input: CreateJointPlanInput!) { createJointPlan(input: $input) { id version } }',
      { input: { title: '2030年第一季度南徐村乡旅馆业联合抽查', industryCodes: HOTELS, period: '2030-Q1', initiatingDepartment: 'PUBLIC_SECURITY', invitedDepartments: ['FIRE_RESCUE'], regionCode: TOWNSHIP } },
      { token: coordinator },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const planId = created.data.createJointPlan.id;
    for (const [department, item] of [['public-security', 'PS-PO-001'], ['fire-rescue', 'FR-CV-001']]) {
      const joined = await gql('mutation ($id: String!, $c: [String!]!) { joinJointPlan(planId: $id, itemCodes: $c) { id } }', { id: planId, c: [item] }, { token: await tokens.admin(department) });
      expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
    }
    const state = async () => (await gql('query ($id: String!) { jointPlan(id: $id) { status version } }', { id: planId }, { token: coordinator })).data.jointPlan;
    const before = await state();
    expect(before.status).toBe('OPEN');
    const commit = () => gql('mutation ($id: String!, $h: String!) { commitJointDraw(planId: $id, seedHash: $h) { status } }', { id: planId, h: sha256(`down-${planId}`) }, { token: coordinator });

    const refused = await whilePaused('fire-rescue', commit);
    expect(refused.errors?.[0].extensions).toMatchObject({ ...SERVICE_UNAVAILABLE, field: 'planId', unansweredDepartments: ['fire-rescue'] });
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM draw_commitment WHERE task_id = $1', [planId])).toEqual([{ n: 0 }]);
    expect(await state()).toEqual(before);

    const later = await commit();
    expect(later.errors, JSON.stringify(later.errors)).toBeUndefined();
    expect(later.data.commitJointDraw.status).toBe('COMMITTED');
    expect(await sql('joint-inspection', 'SELECT count(*)::int AS n FROM draw_commitment WHERE task_id = $1', [planId])).toEqual([{ n: 1 }]);
  }, 120_000);
});

describe('publishing a result with a problem found when the register does not answer', () => {
  let admin: string;
  let recordId: string;
  let taskId: string;
  beforeAll(async () => {
    await publishAnnualPlans(2026);
    admin = await token(['department-admin'], 'fire-rescue', 'department-down-fr-admin');
    const task = await publishedTask('fire-rescue', admin, {
      title: '2026年第四季度南徐村乡旅馆消防安全抽查',
      itemCodes: ['FR-CV-001'],
      period: '2026-Q4',
      regionCode: TOWNSHIP,
    });
    expect(task.targets.length).toBeGreaterThan(0);
    taskId = task.id;
    recordId = await enteredRecord('fire-rescue', task.id, task.targets[0], [{ itemCode: 'FR-CV-001', resultCodes: ['A', '5'] }], SUITE_TODAY);
  });

  it('nothing is published (no review, no follow-up); once the register answers it is published with one risk tag', async () => {
    const publish = () => gql('mutation ($id: String!) { reviewInspectionRecord(recordId: $id, decision: PUBLISH) { status } }', { id: recordId }, { token: admin });
    const written = async () => ({
      reviews: (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM record_review WHERE record_id = $1', [recordId]))[0].n,
      followUps: (await sql('joint-inspection', 'SELECT count(*)::int AS n FROM follow_up WHERE record_id = $1', [recordId]))[0].n,
    });
    const riskTags = async () => (await sql('market-supervision', 'SELECT count(*)::int AS n FROM register_risk_tag WHERE source_ref = $1', [recordId]))[0].n;

    const refused = await whilePaused('market-supervision', publish);
    expect(refused.errors?.[0].extensions).toMatchObject({ ...SERVICE_UNAVAILABLE, field: 'recordId' });
    expect(await written()).toEqual({ reviews: 0, followUps: 0 });
    // Known gap (not asserted): the register still receives the call it was sent while paused and,
    // once it resumes, may store the finding-12m tag of this unpublished record (idempotent by
    // record id, so the later publication reuses it). The call is not part of the office's transaction.
    const seen = await gql('query ($id: String!) { inspectionRecord(recordId: $id) { status } }', { id: recordId }, { token: admin });
    expect(seen.data.inspectionRecord.status).toBe('AWAITING_REVIEW');
    const publicResults = async () => (await gql('query ($t: String!) { publishedInspectionResults(taskId: $t) { nodes { uscc } } }', { t: taskId })).data.publishedInspectionResults.nodes;
    expect(await publicResults()).toEqual([]);

    const later = await publish();
    expect(later.errors, JSON.stringify(later.errors)).toBeUndefined();
    expect(later.data.reviewInspectionRecord.status).toBe('PUBLISHED');
    expect(await written()).toEqual({ reviews: 1, followUps: 1 });
    expect(await riskTags()).toBe(1);
    expect((await publicResults()).length).toBe(1);
  }, 120_000);
});
