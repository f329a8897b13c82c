/**
 * The signed-in department's operations: the same set for the three departments
 * (web/src/api/department.graphql), each aliased to one common name, so the panels read one shape.
 * The department-specific target columns and filters come from its manifest (targetColumns).
 */
import type { TypedDocumentNode } from 'urql';
import * as G from '../../../api/generated/graphql.js';
import { codeOf } from '../../../lib/labels.js';
import { DEPARTMENTS, type DepartmentManifest } from '../../../../../shared/domain/departments.js';

export type TagRow = G.DepartmentTagFragment;
export type TaskRow = G.DepartmentTaskFragment;
export type ReferralRow = G.DepartmentReferralFragment;
export type ImportReport = G.DepartmentImportReportFragment;

/** A target as every department lists it; the department's own fields by name. */
export interface TargetRow {
  uscc: string;
  supervisedSince: string;
  validFrom: unknown;
  validTo?: unknown;
  changedBy: string;
  changeReason: string;
  closedBy?: string | null;
  closeReason?: string | null;
  tags?: TagRow[];
  [field: string]: unknown;
}
export type InspectorRow = NonNullable<G.MarketSupervisionInspectorsQuery['inspectors']>['nodes'][number];
export type InspectorVersion = NonNullable<G.MarketSupervisionInspectorHistoryQuery['history']>['nodes'][number];

interface Page<T> {
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
  nodes: T[];
}
type Doc<R, V> = TypedDocumentNode<R, V>;
type PageVars = { first: number; after?: string | null };

export interface DepartmentOps {
  targets: Doc<{ targets: Page<TargetRow> | null }, PageVars & { filter?: Record<string, unknown> | null }>;
  targetHistory: Doc<{ history: { nodes: TargetRow[] } | null }, { uscc: string }>;
  inspectors: Doc<{ inspectors: Page<InspectorRow> | null }, PageVars & { filter?: G.InspectorFilter | null }>;
  inspectorHistory: Doc<{ history: { nodes: InspectorVersion[] } | null }, { certificateNumber: string }>;
  tag: Doc<{ tag: TagRow }, { uscc: string; input: G.TargetTagInput }>;
  revokeTag: Doc<{ tag: TagRow }, { id: number; reason: string }>;
  importDirectory: Doc<{ report: ImportReport }, { file: G.FileReference; kind: G.DirectoryImportKind; reason: string; dryRun: boolean }>;
  exportDirectory: Doc<{ export: { fileName: string; rows: number; sha256: string; contentBase64: string } | null }, { kind: G.DirectoryImportKind; format: G.ExportFormat }>;
  referrals: Doc<{ referrals: Page<ReferralRow> | null }, PageVars & { status?: G.ReferralStatus | null }>;
  acceptReferral: Doc<{ referral: ReferralRow }, { referralId: string; note?: string | null }>;
  closeReferral: Doc<{ referral: ReferralRow }, { referralId: string; outcome: string }>;
  tasks: Doc<{ tasks: Page<TaskRow> | null }, PageVars & { status?: G.TaskStatus | null; period?: string | null }>;
  createTask: Doc<{ task: TaskRow }, { input: G.CreateInspectionTaskInput }>;
  commitDraw: Doc<{ task: TaskRow }, { taskId: string; seedHash: string }>;
  drawTask: Doc<{ task: TaskRow }, { taskId: string; seed: string }>;
  publishDraw: Doc<{ task: TaskRow }, { taskId: string }>;
  adjustDraw: Doc<{ task: TaskRow }, { taskId: string; reason: string }>;
}

/**
 * An API value as the UI keys it: enum values (PENDING_DRAW, PUBLIC_SECURITY) and the older
 * kebab-case strings (pending-draw, public-security) read the same.
 */
export const norm = codeOf;

/** A kebab-case value (pending-draw, public-security) as the API's enum value (PENDING_DRAW, PUBLIC_SECURITY). */
export const toEnum = <T extends string>(v: string) => v.toUpperCase().replace(/-/g, '_') as T;

const as = <R, V>(d: unknown) => d as Doc<R, V>;

function ops(d: Record<string, unknown>, p: string): DepartmentOps {
  const get = (name: string) => {
    const doc = d[`${p}${name}Document`];
    if (!doc) throw new Error(`missing operation ${p}${name}`);
    return doc;
  };
  return {
    targets: as(get('Targets')),
    targetHistory: as(get('TargetHistory')),
    inspectors: as(get('Inspectors')),
    inspectorHistory: as(get('InspectorHistory')),
    tag: as(get('TagTarget')),
    revokeTag: as(get('RevokeTargetTag')),
    importDirectory: as(get('ImportDirectory')),
    exportDirectory: as(get('ExportDirectory')),
    referrals: as(get('Referrals')),
    acceptReferral: as(get('AcceptReferral')),
    closeReferral: as(get('CloseReferral')),
    tasks: as(get('Tasks')),
    createTask: as(get('CreateTask')),
    commitDraw: as(get('CommitDraw')),
    drawTask: as(get('DrawTask')),
    publishDraw: as(get('PublishDraw')),
    adjustDraw: as(get('AdjustDraw')),
  };
}

export interface Choice {
  value: string;
  label: string;
}

/** A department-specific column of the target directory. */
export interface TargetColumn {
  key: string;
  label: string;
  format?: (v: unknown) => string;
}

/** A department-specific filter of the target directory (a select of choices). */
export interface TargetFilterField {
  key: string;
  label: string;
  choices: Choice[];
  parse?: (v: string) => unknown;
}

export interface DepartmentConfig {
  code: string;
  /** The GraphQL type of this department's targets (refetching lists after a tag changes). */
  targetTypename: string;
  ops: DepartmentOps;
  columns: TargetColumn[];
  filters: TargetFilterField[];
}

const label = (choices: Choice[]) => (v: unknown) => choices.find((c) => c.value === norm(v))?.label ?? String(v ?? '—');
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const YES_NO: Choice[] = [{ value: 'true', label: '是' }, { value: 'false', label: '否' }];

/** 'fire-rescue' → 'FireRescue', the prefix of the department's types and operations (departments.graphql). */
const pascal = (code: string) => code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

/** A department's own target columns and filters, from its manifest (subgraphs/<code>/department.ts `targetColumns`). */
function ownColumns(department: DepartmentManifest): Pick<DepartmentConfig, 'columns' | 'filters'> {
  const columns: TargetColumn[] = [];
  const filters: TargetFilterField[] = [];
  for (const c of department.targetColumns) {
    const title = c.labelZh ?? c.headerZh;
    if (c.kind === 'brigade' || c.kind === 'choice') {
      const choices = c.kind === 'brigade'
        ? department.brigades.map((b) => ({ value: b.code, label: b.nameZh }))
        : c.choices.map((x) => ({ value: x.value, label: x.zh }));
      columns.push({ key: c.key, label: title, format: label(choices) });
      filters.push({ key: c.key, label: title, choices });
    } else if (c.kind === 'yes-no') {
      columns.push({ key: c.key, label: title, format: (v) => (v ? '是' : '否') });
      filters.push({ key: c.key, label: title, choices: YES_NO, parse: (v) => v === 'true' });
    } else {
      columns.push({ key: c.key, label: title, format: text });
    }
  }
  return { columns, filters };
}

export function departmentConfig(code: string | undefined): DepartmentConfig | null {
  const department = DEPARTMENTS.find((d) => d.code === code);
  if (!department) return null;
  const P = pascal(department.code);
  return { code: department.code, targetTypename: `${P}Target`, ops: ops(G as unknown as Record<string, unknown>, P), ...ownColumns(department) };
}

export const TAG_KEYS: Choice[] = [
  { value: 'high-risk', label: '高风险' },
  { value: 'complaint-12m', label: '12个月内被投诉' },
  { value: 'rectification', label: '整改中' },
  { value: 'referral', label: '移交' },
  { value: 'licence-type', label: '许可类型' },
  { value: 'licence-pending', label: '许可待办' },
  { value: 'good-record-36m', label: '36个月良好记录' },
];

export const TASK_STATUS: Record<string, string> = {
  'pending-draw': '待承诺',
  committed: '已承诺',
  drawn: '已抽取',
  published: '已公示',
};

export const REFERRAL_STATUS: Record<string, string> = {
  received: '待受理',
  accepted: '已受理',
  closed: '已办结',
};
