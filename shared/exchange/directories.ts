import * as v from './columns.js';
import type { ColumnSpec } from './columns.js';
import { DEPARTMENTS, findDepartment, type TargetColumn } from '../domain/departments.js';
import { defineImport, type ApplyCounts, type CellProblem, type ImportContext, type ImportDefinition, type ImportTx, type ParsedRow } from './importer.js';
import { usccColumn } from './register-kinds.js';

/**
 * The department directories as files: `inspectors` (执法检查人员名录库) and `targets`
 * (检查对象名录库), with the same columns in every department plus each department's own target
 * columns. Validation of the cells is complete here (database-free); the checks against the
 * register and the other departments, and the writing, are in shared/department/directory-exchange.ts, which
 * passes `apply` and `checkBatch` to `defineInspectorImport` / `defineTargetImport`. See README,
 * "Importing and exporting directories".
 */

// ─── inspectors ────────────────────────────────────────────────────────────────────────────────

export const INSPECTOR_STATUS_VALUES: v.EnumValue[] = [
  { value: 'active', zh: '在岗', aliases: ['在职', '正常'] },
  { value: 'suspended', zh: '暂停', aliases: ['停用', '暂停执法'] },
  { value: 'retired', zh: '退休', aliases: ['离岗', '调离'] },
];
const inspectorStatus = v.enumeration(INSPECTOR_STATUS_VALUES, v.reason('人员状态', 'status'));

/** Brigade code or its Chinese name → code (any department's brigade; the row check ties it to the department). */
function normalizeBrigade(value: string): string {
  for (const d of DEPARTMENTS) {
    const b = d.brigades.find((x) => x.nameZh === value || x.code === value.toLowerCase());
    if (b) return b.code;
  }
  return value;
}

/** Expertise tags are matched against inspection items: the same rule as add…Inspector (lower-case words and hyphens). */
const EXPERTISE_TAG = /^[a-z][a-z0-9-]{1,39}$/;
const expertiseTags: v.Validator = (value) => {
  const bad = v.splitTags(value).find((t) => !EXPERTISE_TAG.test(t));
  return bad === undefined
    ? null
    : v.reason(
        `专长标签“${bad}”格式应为小写英文和连字符（如 food-safety）`,
        `the expertise tag "${bad}" must be lower-case words joined by hyphens (e.g. food-safety)`,
      );
};

export const INSPECTOR_COLUMNS: ColumnSpec[] = [
  {
    key: 'certificateNumber',
    headerZh: '执法证号',
    headerEn: 'certificateNumber',
    aliases: ['执法证件号', '证件号', 'certificate'],
    required: true,
    unique: true,
    normalize: (s) => s.toUpperCase(),
    validate: v.pattern(/^[0-9A-Z-]{6,32}$/, v.reason('执法证号', 'certificate number')),
    descriptionZh: '6–32位数字、大写字母或“-”，全县唯一',
    descriptionEn: '6–32 digits, capital letters or "-", unique in the county',
  },
  { key: 'name', headerZh: '姓名', headerEn: 'name', required: true, validate: v.maxLength(64), descriptionZh: '最多64字', descriptionEn: 'at most 64 characters' },
  {
    key: 'department',
    headerZh: '部门',
    headerEn: 'department',
    aliases: ['所属部门', '单位'],
    required: true,
    normalize: v.normalizeDepartment,
    validate: v.department,
    descriptionZh: '部门代码或中文名称（公安局），必须是导入的部门',
    descriptionEn: 'department code or Chinese name (公安局); must be the importing department',
  },
  {
    key: 'brigade',
    headerZh: '大队',
    headerEn: 'brigade',
    aliases: ['所属大队'],
    normalize: normalizeBrigade,
    descriptionZh: '有大队的部门（公安局）必填，代码或中文名称；其他部门留空',
    descriptionEn: 'required where the department has brigades (public security), code or Chinese name; empty elsewhere',
  },
  {
    key: 'expertise',
    headerZh: '专长标签',
    headerEn: 'expertise',
    aliases: ['专业领域', '标签', 'tags'],
    normalize: v.normalizeTags,
    validate: [v.tags, expertiseTags],
    descriptionZh: '以“;”或“；”分隔，如 food-safety；metrology；每个标签为小写英文和连字符',
    descriptionEn: 'separated by ";" or "；", e.g. food-safety;metrology; each tag lower-case words joined by hyphens',
  },
  {
    key: 'status',
    headerZh: '状态',
    headerEn: 'status',
    aliases: ['人员状态'],
    normalize: inspectorStatus.normalize,
    validate: inspectorStatus.validate,
    descriptionZh: 'active（在岗，默认）、suspended（暂停）、retired（退休）',
    descriptionEn: 'active (default), suspended or retired (or 在岗, 暂停, 退休)',
  },
];

export interface InspectorRow {
  certificateNumber: string;
  name: string;
  department: string;
  brigade: string | null;
  expertise: string[];
  /** As shared/department/entities.ts INSPECTOR_STATUSES. */
  status: 'active' | 'suspended' | 'retired';
}

/** Brigade and department agree; the row belongs to the importing department. */
function checkDepartmentAndBrigade(values: Record<string, string>, importing: string | undefined, brigadeRequired: boolean): CellProblem[] {
  const problems: CellProblem[] = [];
  const dept = findDepartment(values.department)!;
  if (importing && dept.code !== importing) {
    problems.push({
      column: 'department',
      reason: v.reason(
        `该行属于“${dept.nameZh}”，不能导入“${findDepartment(importing)?.nameZh ?? importing}”的名录`,
        `this row belongs to ${dept.code}; it cannot be imported into the directory of ${importing}`,
      ),
    });
  }
  const brigades = dept.brigades;
  if (values.brigade === '') {
    if (brigades.length && brigadeRequired) {
      problems.push({
        column: 'brigade',
        reason: v.reason(
          `${dept.nameZh}的人员必须填写大队：${brigades.map((b) => `${b.code}（${b.nameZh}）`).join('、')}`,
          `a brigade is required for ${dept.code}: ${brigades.map((b) => b.code).join(', ')}`,
        ),
      });
    }
  } else if (!brigades.some((b) => b.code === values.brigade)) {
    problems.push({
      column: 'brigade',
      reason: brigades.length
        ? v.reason(
            `“${values.brigade}”不是${dept.nameZh}的大队，应为：${brigades.map((b) => `${b.code}（${b.nameZh}）`).join('、')}`,
            `"${values.brigade}" is not a brigade of ${dept.code}; use one of ${brigades.map((b) => b.code).join(', ')}`,
          )
        : v.reason(`${dept.nameZh}没有大队，此列应留空`, `${dept.code} has no brigades; leave this column empty`),
    });
  }
  return problems;
}

export interface DirectoryImportWiring<Row, Tx> {
  /** The importing department (rows of another department are refused). */
  department: string;
  /** Writes a batch; compare before writing (a re-import must write nothing). */
  apply: (tx: Tx, rows: Row[], ctx: ImportContext) => Promise<ApplyCounts>;
  checkBatch?: (tx: Tx, rows: ParsedRow<Row>[], ctx: ImportContext) => Promise<(CellProblem & { row: number })[]>;
  prepare?: (tx: Tx, ctx: ImportContext) => Promise<void>;
  batchSize?: number;
}

export function defineInspectorImport<Tx = ImportTx>(wiring: DirectoryImportWiring<InspectorRow, Tx>): ImportDefinition<InspectorRow, Tx> {
  return defineImport<InspectorRow, Tx>({
    kind: 'inspectors',
    titleZh: '执法检查人员名录',
    titleEn: 'inspector directory',
    columns: INSPECTOR_COLUMNS,
    keyColumn: 'certificateNumber',
    validateRow: (values) => checkDepartmentAndBrigade(values, wiring.department, true),
    toRow: (values) => ({
      certificateNumber: values.certificateNumber,
      name: values.name,
      department: values.department,
      brigade: values.brigade || null,
      expertise: v.splitTags(values.expertise),
      status: (values.status || 'active') as InspectorRow['status'],
    }),
    ...wiring,
  });
}

/** Cell and row checks only, without the database (parse-level tests); the real import is shared/department/directory-exchange.ts. */
export const inspectorFileCheck = (department: string) =>
  defineInspectorImport<never>({ department, apply: async () => { throw new Error('a file check writes nothing: use directoryImport (shared/department/directory-exchange.ts)'); } });

// ─── targets ───────────────────────────────────────────────────────────────────────────────────

/** A department's own target column (its manifest's data, shared/domain/department.ts) as a file column with its checks. */
function targetColumn(c: TargetColumn): ColumnSpec {
  const spec: ColumnSpec = { key: c.key, headerZh: c.headerZh, headerEn: c.headerEn };
  for (const k of ['aliases', 'required', 'descriptionZh', 'descriptionEn'] as const) if (c[k] !== undefined) Object.assign(spec, { [k]: c[k] });
  switch (c.kind) {
    case 'text':
      return { ...spec, validate: v.maxLength(c.maxLength) };
    case 'count':
      return { ...spec, validate: v.nonNegativeInteger };
    case 'yes-no':
      return { ...spec, normalize: v.normalizeBoolean, validate: v.boolean };
    case 'choice': {
      const choice = v.enumeration(c.choices, v.reason(c.headerZh, c.labelEn));
      return { ...spec, normalize: choice.normalize, validate: choice.validate };
    }
    case 'brigade':
      // Checked against the importing department's brigades by the row check (defineTargetImport).
      return { ...spec, normalize: normalizeBrigade };
  }
}

/**
 * Each department's own target columns (after `uscc` and `supervisedSince`), from its manifest
 * (`targetColumns` of subgraphs/<department>/department.ts).
 */
export const DEPARTMENT_TARGET_COLUMNS: Record<string, ColumnSpec[]> = Object.fromEntries(
  DEPARTMENTS.map((d) => [d.code, d.targetColumns.map(targetColumn)]),
);

export function targetColumns(department: string): ColumnSpec[] {
  const own = DEPARTMENT_TARGET_COLUMNS[department];
  if (!own) throw new Error(`no target columns are defined for department "${department}"`);
  return [
    usccColumn(true),
    {
      key: 'supervisedSince',
      headerZh: '纳入日期',
      headerEn: 'supervisedSince',
      aliases: ['纳入名录日期', '监管起始日期'],
      normalize: v.normalizeDate,
      validate: [v.date, v.notAfter()],
      descriptionZh: '可选，YYYY-MM-DD；为空时新纳入的对象取导入当天，已在名录中的对象保留原日期',
      descriptionEn: 'optional, YYYY-MM-DD; when empty, a new target gets the day of the import and one already in the directory keeps its date',
    },
    ...own,
  ];
}

export interface TargetRow {
  uscc: string;
  /** The file's date, or the day of the import when the cell is empty (see `supervisedSinceDefaulted`). */
  supervisedSince: string;
  /** Set when the cell was empty: a target already in the directory keeps its date (a new one gets today). */
  supervisedSinceDefaulted?: true;
  /** The department's own columns, typed: numbers for counts, booleans for yes/no, null when empty. */
  fields: Record<string, string | number | boolean | null>;
}

export function defineTargetImport<Tx = ImportTx>(wiring: DirectoryImportWiring<TargetRow, Tx>): ImportDefinition<TargetRow, Tx> {
  const columns = targetColumns(wiring.department);
  const own = DEPARTMENT_TARGET_COLUMNS[wiring.department];
  return defineImport<TargetRow, Tx>({
    kind: 'targets',
    titleZh: '检查对象名录',
    titleEn: 'target directory',
    columns,
    keyColumn: 'uscc',
    validateRow: (values) => {
      if (own.some((c) => c.key === 'brigade')) {
        // The target's brigade must be one of the importing department's brigades.
        return checkDepartmentAndBrigade({ ...values, department: wiring.department }, undefined, true);
      }
      return [];
    },
    toRow: (values, ctx) => ({
      uscc: values.uscc,
      supervisedSince: values.supervisedSince || ctx.today,
      ...(values.supervisedSince === '' ? { supervisedSinceDefaulted: true as const } : {}),
      fields: Object.fromEntries(
        own.map((c) => {
          const raw = values[c.key];
          if (raw === '') return [c.key, c.validate === v.boolean ? false : c.validate === v.nonNegativeInteger ? 0 : null];
          if (c.validate === v.nonNegativeInteger) return [c.key, Number(raw)];
          if (c.validate === v.boolean) return [c.key, raw === 'true'];
          return [c.key, raw];
        }),
      ),
    }),
    ...wiring,
  });
}

/** Cell and row checks only, without the database (parse-level tests); the real import is shared/department/directory-exchange.ts. */
export const targetFileCheck = (department: string) =>
  defineTargetImport<never>({ department, apply: async () => { throw new Error('a file check writes nothing: use directoryImport (shared/department/directory-exchange.ts)'); } });
