import * as v from './columns.js';
import type { ColumnSpec } from './columns.js';
import type { CellProblem, ImportContext, ParsedRow } from './importer.js';

/**
 * Columns of the business register files (market supervision): `register` (the register itself)
 * and `credit-classes` (the monthly credit-risk reclassification). Database-free; the importers
 * that write them live in subgraphs/market-supervision/exchange.ts.
 */

export const ENTERPRISE_STATUS_VALUES: v.EnumValue[] = [
  { value: 'operating', zh: '存续', aliases: ['在营', '在业', '开业'] },
  { value: 'suspended', zh: '歇业', aliases: ['停业'] },
  { value: 'deregistered', zh: '注销', aliases: ['已注销'] },
];
const status = v.enumeration(ENTERPRISE_STATUS_VALUES, v.reason('经营状态', 'status'));
const upper = (s: string) => s.toUpperCase();

export const usccColumn = (unique: boolean): ColumnSpec => ({
  key: 'uscc',
  headerZh: '统一社会信用代码',
  headerEn: 'uscc',
  aliases: ['社会信用代码', '信用代码', 'unifiedSocialCreditCode', 'creditCode'],
  required: true,
  normalize: upper,
  validate: v.uscc,
  unique,
  descriptionZh: '18位，GB 32100-2015，校验位必须正确',
  descriptionEn: '18 characters, GB 32100-2015, with a correct check character',
});

const creditRiskClassColumn: ColumnSpec = {
  key: 'creditRiskClass',
  headerZh: '信用风险分类',
  headerEn: 'creditRiskClass',
  aliases: ['风险分类', '信用风险等级', 'class', 'riskClass'],
  required: true,
  normalize: upper,
  validate: v.creditRiskClass,
  descriptionZh: 'A（低）、B（中）、C（较高）、D（高）',
  descriptionEn: 'A low, B medium, C higher, D high',
};

export const REGISTER_COLUMNS: ColumnSpec[] = [
  usccColumn(true),
  {
    key: 'name',
    headerZh: '名称',
    headerEn: 'name',
    aliases: ['企业名称', '市场主体名称', '单位名称'],
    required: true,
    validate: v.maxLength(200),
    descriptionZh: '市场主体名称，最多200字',
    descriptionEn: 'registered name, at most 200 characters',
  },
  {
    key: 'industryCode',
    headerZh: '行业代码',
    headerEn: 'industryCode',
    aliases: ['国民经济行业代码', '行业', 'industry'],
    required: true,
    validate: v.industry,
    descriptionZh: 'GB/T 4754-2017 四位代码（shared/domain/industries.ts 中的行业）',
    descriptionEn: 'GB/T 4754-2017 four-digit code (those in shared/domain/industries.ts)',
  },
  {
    key: 'regionCode',
    headerZh: '区划代码',
    headerEn: 'regionCode',
    aliases: ['行政区划代码', '乡镇代码', 'region'],
    required: true,
    validate: v.region,
    descriptionZh: '本县乡镇的9位区划代码',
    descriptionEn: '9-digit code of a township of the county',
  },
  {
    key: 'status',
    headerZh: '经营状态',
    headerEn: 'status',
    aliases: ['登记状态'],
    required: true,
    normalize: status.normalize,
    validate: status.validate,
    descriptionZh: 'operating（存续）、suspended（歇业）、deregistered（注销）；中文或英文均可',
    descriptionEn: 'operating, suspended or deregistered (or 存续, 歇业, 注销)',
  },
  creditRiskClassColumn,
  {
    key: 'registeredOn',
    headerZh: '成立日期',
    headerEn: 'registeredOn',
    aliases: ['登记日期', '注册日期', 'registrationDate'],
    required: true,
    normalize: v.normalizeDate,
    validate: [v.date, v.notAfter()],
    descriptionZh: 'YYYY-MM-DD（也接受 2026/3/1、2026.3.1），不晚于今天',
    descriptionEn: 'YYYY-MM-DD (2026/3/1 and 2026.3.1 are accepted too), not in the future',
  },
];

export interface RegisterRow {
  uscc: string;
  name: string;
  industryCode: string;
  regionCode: string;
  status: string;
  creditRiskClass: string;
  registeredOn: string;
}

export const toRegisterRow = (values: Record<string, string>): RegisterRow => ({
  uscc: values.uscc,
  name: values.name,
  industryCode: values.industryCode,
  regionCode: values.regionCode,
  status: values.status,
  creditRiskClass: values.creditRiskClass,
  registeredOn: values.registeredOn,
});

export const CREDIT_CLASS_COLUMNS: ColumnSpec[] = [
  usccColumn(true),
  creditRiskClassColumn,
  {
    key: 'effectiveDate',
    headerZh: '生效日期',
    headerEn: 'effectiveDate',
    aliases: ['分类日期', 'since'],
    normalize: v.normalizeDate,
    validate: [v.date, v.notAfter()],
    descriptionZh: '可选，YYYY-MM-DD，不晚于今天；为空时取导入命令的 --effective-date，再为空取导入当天',
    descriptionEn: 'optional, YYYY-MM-DD, not in the future; when empty, the --effective-date option, else the day of the import',
  },
];

export interface CreditClassRow {
  uscc: string;
  creditRiskClass: string;
  effectiveDate: string;
}

export const toCreditClassRow = (values: Record<string, string>, ctx: Pick<ImportContext, 'today' | 'options'>): CreditClassRow => ({
  uscc: values.uscc,
  creditRiskClass: values.creditRiskClass,
  effectiveDate: values.effectiveDate || ctx.options.effectiveDate || ctx.today,
});

/**
 * A `checkBatch` that refuses rows whose USCC is not in the register. `lookup` answers which of
 * the USCCs are registered: SQL in market supervision, the register contract elsewhere.
 */
export function requireRegistered<Row extends { uscc: string }, Tx>(lookup: (tx: Tx, usccs: string[]) => Promise<Set<string>>) {
  return async (tx: Tx, rows: ParsedRow<Row>[]): Promise<(CellProblem & { row: number })[]> => {
    const known = await lookup(tx, rows.map((r) => r.row.uscc));
    return rows
      .filter((r) => !known.has(r.row.uscc))
      .map((r) => ({
        row: r.rowNumber,
        column: 'uscc',
        reason: v.reason(
          `登记系统中没有统一社会信用代码为“${r.row.uscc}”的市场主体`,
          `no business with USCC "${r.row.uscc}" is in the register`,
        ),
      }));
  };
}
