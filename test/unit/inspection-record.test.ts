import { describe, expect, it } from 'vitest';
import type { VisitTask } from '../../subgraphs/joint-inspection/visits/task.js';
import { addWorkingDays, checkRecord, preferredMethod, workingDaysBetween, type RecordInput } from '../../subgraphs/joint-inspection/visits/service.js';

/** The inspection record's rules on their own: methods, off-site checks, result codes, team. */
const item = (code: string, department: string, method: string) => ({ code, department, method, name: code, legalBasis: '' });

const task = (methods: string[]): VisitTask => ({
  taskId: 'JP-2026Q2-0001',
  title: '旅馆业联合抽查',
  kind: 'joint',
  owner: 'public-security',
  departments: ['public-security', 'fire-rescue'],
  windowStart: '2026-04-01',
  windowEnd: '2026-06-30',
  uscc: '91130433MA0000000X',
  team: ['PS-001', 'FR-001', 'MS-001'],
  items: methods.map((m, n) => item(`IT-${n}`, ['public-security', 'fire-rescue'][n % 2], m)),
});

const input = (over: Partial<RecordInput> = {}): RecordInput => ({
  submissionKey: 'device-key-0001',
  taskId: 'JP-2026Q2-0001',
  uscc: '91130433MA0000000X',
  method: 'on-site',
  inspectedOn: '2026-05-12',
  leader: 'PS-001',
  team: ['PS-001', 'FR-001'],
  experts: [],
  itemResults: [
    { itemCode: 'IT-0', resultCodes: ['1'] },
    { itemCode: 'IT-1', resultCodes: ['a', 'G'] },
  ],
  findings: '检查情况',
  disposalStatus: 'none',
  ...over,
});

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { extensions: { code: string; field: string } }).extensions;
  }
  return null;
};

describe('an inspection record', () => {
  it('stores each item with its department and the result codes normalised', () => {
    expect(checkRecord(input(), task(['on-site', 'on-site']), 'FR-001')).toEqual([
      { itemCode: 'IT-0', department: 'public-security', resultCodes: ['1'] },
      { itemCode: 'IT-1', department: 'fire-rescue', resultCodes: ['A', 'G'] },
    ]);
  });

  it('is done off site when every item allows that method, and says what was examined', () => {
    const offSite = task(['network-monitoring', 'network-monitoring']);
    const one = input({ method: 'network-monitoring', team: ['FR-001'], leader: 'FR-001' });
    expect(fieldOf(() => checkRecord(one, offSite, 'FR-001'))).toEqual({ code: 'BAD_USER_INPUT', field: 'record.evidence' });
    // One inspector is enough off site: the two-inspector rule is for visits.
    expect(checkRecord({ ...one, evidence: '网吧实名上网系统2026年5月日志' }, offSite, 'FR-001')).toHaveLength(2);
    expect(fieldOf(() => checkRecord({ ...one, evidence: 'x' }, task(['network-monitoring', 'on-site']), 'FR-001'))).toEqual({ code: 'BAD_USER_INPUT', field: 'record.method' });
  });

  it('prefers the off-site method when every item uses it', () => {
    expect(preferredMethod(task(['video-inspection', 'video-inspection']))).toBe('video-inspection');
    expect(preferredMethod(task(['video-inspection', 'document-review']))).toBe('on-site');
    expect(preferredMethod(task(['on-site', 'document-review']))).toBe('on-site');
  });

  it('refuses what a clerk could get wrong, naming the field', () => {
    const t = task(['on-site', 'on-site']);
    const cases: [Partial<RecordInput>, string][] = [
      [{ method: 'observation' }, 'record.method'],
      [{ inspectedOn: '2026-03-31' }, 'record.inspectedOn'],
      [{ inspectedOn: '2026-13-01' }, 'record.inspectedOn'],
      [{ team: ['PS-001'] }, 'record.team'],
      [{ team: ['PS-001', 'XX-999'] }, 'record.team'],
      [{ leader: 'MS-001' }, 'record.leader'],
      [{ itemResults: [{ itemCode: 'IT-0', resultCodes: ['1'] }] }, 'record.itemResults'],
      [{ itemResults: [{ itemCode: 'IT-0', resultCodes: ['1', 'A'] }, { itemCode: 'IT-1', resultCodes: ['1'] }] }, 'record.itemResults[0].resultCodes'],
      [{ itemResults: [{ itemCode: 'IT-0', resultCodes: ['Z'] }, { itemCode: 'IT-1', resultCodes: ['1'] }] }, 'record.itemResults[0].resultCodes'],
      [{ itemResults: [{ itemCode: 'IT-9', resultCodes: ['1'] }] }, 'record.itemResults[0].itemCode'],
      [{ disposalStatus: 'done' }, 'record.disposalDate'],
      [{ findings: '  ' }, 'record.findings'],
    ];
    for (const [over, field] of cases) expect(fieldOf(() => checkRecord(input(over), t, 'FR-001')), field).toEqual({ code: 'BAD_USER_INPUT', field });
    // The inspector entering it must be one of those present.
    expect(fieldOf(() => checkRecord(input(), t, 'MS-001'))).toEqual({ code: 'BAD_USER_INPUT', field: 'record.team' });
  });
});

describe('20 working days', () => {
  it('skip weekends', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-26', 20)).toBe('2026-12-24');
    expect(workingDaysBetween('2026-12-24', '2026-12-28')).toBe(2);
    expect(workingDaysBetween('2026-12-28', '2026-12-24')).toBe(0);
  });
});
