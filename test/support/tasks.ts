import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { issueUserToken } from '../../shared/platform/auth.js';
import { gql } from './federation.js';
import { DEPARTMENT_CODES } from '../../shared/domain/departments.js';
import { fieldPrefix } from '../../shared/platform/policy.js';

/** Carrying out a department's own task through the gateway, as the department and its inspectors do. */
export const PREFIX: Record<string, string> = Object.fromEntries(DEPARTMENT_CODES.map((d) => [d, fieldPrefix(d)]));

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export interface TaskTarget {
  uscc: string;
  /** Certificate numbers, the leader first. */
  team: string[];
  /** The inspection code of this business (its token). */
  code: string;
}

function ok<T>(res: { errors?: unknown[]; data?: any }, field: string): T {
  expect(res.errors, JSON.stringify(res.errors)?.slice(0, 1000)).toBeUndefined();
  return res.data[field];
}

/** A task created, committed, drawn and published by `adminToken`, with its inspection codes issued. */
export async function publishedTask(
  department: string,
  adminToken: string,
  input: { title: string; itemCodes: string[]; period: string; regionCode: string; ratios?: { A: number; B: number; C: number; D: number } },
): Promise<{ id: string; targets: TaskTarget[] }> {
  const p = PREFIX[department];
  const t = { token: adminToken };
  const { id } = ok<{ id: string }>(await gql(`mutation ($input: CreateInspectionTaskInput!) { create${p}Task(input: $input) { id } }`, { input }, t), `create${p}Task`);
  const seed = `${id}-${Date.now()}`;
  ok(await gql(`mutation ($id: String!, $h: String!) { commit${p}Draw(taskId: $id, seedHash: $h) { id } }`, { id, h: sha256(seed) }, t), `commit${p}Draw`);
  const drawn = ok<{ draw: { targets: { nodes: { uscc: string; team: { certificateNumber: string }[] }[] } } }>(
    await gql(`mutation ($id: String!, $s: String!) { draw${p}Task(taskId: $id, seed: $s) { draw { targets(first: 100) { nodes { uscc team { certificateNumber } } } } } }`, { id, s: seed }, t),
    `draw${p}Task`,
  );
  ok(await gql(`mutation ($id: String!) { publish${p}Draw(taskId: $id) { status } }`, { id }, t), `publish${p}Draw`);
  const codes = ok<{ uscc: string; token: string }[]>(await gql(`mutation ($id: String!) { issue${p}InspectionCodes(taskId: $id) { uscc token } }`, { id }, t), `issue${p}InspectionCodes`);
  const targets = drawn.draw.targets.nodes.map((d) => ({
    uscc: d.uscc,
    team: d.team.map((m) => m.certificateNumber),
    code: codes.find((c) => c.uscc === d.uscc)!.token,
  }));
  return { id, targets };
}

export const inspectorToken = (department: string, certificateNumber: string) =>
  issueUserToken({ roles: ['inspector'], department, certificateNumber, subject: `inspector-${certificateNumber}` });

/** The drawn team scans in at the business and its second member enters one record (awaiting review); returns its id. */
export async function enteredRecord(
  department: string,
  taskId: string,
  target: TaskTarget,
  itemResults: { itemCode: string; resultCodes: string[] }[],
  inspectedOn: string,
): Promise<string> {
  const [leader, member] = target.team;
  const t = { token: await inspectorToken(department, member) };
  ok(await gql('mutation ($c: String!) { recordInspectionScan(code: $c) { scanId } }', { c: target.code }, t), 'recordInspectionScan');
  const record = {
    submissionKey: `record-${taskId}-${target.uscc}`,
    taskId,
    uscc: target.uscc,
    inspectedOn,
    leader,
    team: [leader, member],
    experts: [],
    itemResults,
    findings: '现场检查情况见各事项结果',
    followUpMeasures: null,
  };
  const submitted = ok<{ id: string; status: string }>(
    await gql('mutation ($r: InspectionRecordInput!) { submitInspectionRecord(record: $r) { id status } }', { r: record }, t),
    'submitInspectionRecord',
  );
  expect(submitted.status).toBe('AWAITING_REVIEW');
  return submitted.id;
}
