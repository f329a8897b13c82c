import { canonicalJson, sha256Hex } from '../../../shared/domain/draw.js';
import { RESULT_CODES } from '../../../shared/domain/result-codes.js';
import { formatQuarter, parseQuarter, previousQuarter, reportDueDate, sameQuarterLastYear, type Quarter } from '../../../shared/domain/quarters.js';
import type { SubgraphContext } from '../../../shared/platform/subgraph.js';
import { TARGETS } from '../merge/rules.js';
import { FIGURES, emptyFigures, quarterFigures, type Dimension, type FigureName, type Indicators } from './figures.js';

/**
 * The quarterly report (季度报告) as data: the quarter's figures, each beside the previous
 * quarter's and the same quarter last year's, per row of each breakdown; the county's indicators
 * against their targets; and the content hash finalizing stores. resolvers.ts serves it; export.ts
 * writes what the API returns as XLSX, Markdown or PDF (the command scripts/report.ts and the
 * gateway's download route).
 */

export interface FigureComparison {
  name: string;
  labelZh: string;
  labelEn: string;
  value: number;
  previousQuarter: number;
  sameQuarterLastYear: number;
  changeFromPreviousQuarter: number;
  changeFromSameQuarterLastYear: number;
}

export interface ReportRow {
  dimension: Dimension;
  key: string;
  figures: FigureComparison[];
}

export interface IndicatorComparison extends FigureComparison {
  /** The county's target (a share), null for a plain count. */
  target: number | null;
  met: boolean | null;
}

export interface ResultCodeComparison {
  code: string;
  meaning: string;
  inspections: number;
  previousQuarter: number;
  sameQuarterLastYear: number;
}

export interface QuarterlyReportContent {
  period: string;
  previousPeriod: string;
  sameQuarterLastYearPeriod: string;
  dueDate: string | null;
  dueDateProblem: string | null;
  county: ReportRow;
  indicators: IndicatorComparison[];
  resultCodes: ResultCodeComparison[];
  byDepartment: ReportRow[];
  byBrigade: ReportRow[];
  byIndustry: ReportRow[];
  byTownship: ReportRow[];
  notes: string[];
}

export interface QuarterlyReport extends QuarterlyReportContent {
  complete: boolean;
  unansweredDepartments: { department: string; reason: string }[];
  contentHash: string;
}

export const INDICATORS: [keyof Indicators, string, string, number | null][] = [
  ['jointShareByCount', '联合检查占比（按次数）', 'joint share by count', TARGETS.jointShareByCount],
  ['jointShareByBusinesses', '联合检查占比（按企业）', 'joint share by businesses', TARGETS.jointShareByBusinesses],
  ['plannedByCreditClassShare', '按信用风险分类抽查占比', 'share planned by credit-risk class', TARGETS.plannedByCreditClass],
  ['visitsBefore', '合并前检查次数', 'visits before the merge', null],
  ['visitsAfter', '合并后检查次数', 'visits after the merge', null],
  ['visitsAvoided', '合并减少的检查次数', 'visits avoided by the merge', null],
];

/** Rounded to 4 decimals: shares are fractions, and the hash must not depend on float noise. */
const r4 = (n: number) => Math.round(n * 10_000) / 10_000;

function dueDateOf(q: Quarter): { dueDate: string | null; dueDateProblem: string | null } {
  try {
    return { dueDate: reportDueDate(q), dueDateProblem: null };
  } catch (e) {
    return { dueDate: null, dueDateProblem: (e as Error).message };
  }
}

export async function buildQuarterlyReport(ctx: SubgraphContext, period: string): Promise<QuarterlyReport> {
  const q = parseQuarter(period);
  const prevQ = previousQuarter(q);
  const lastQ = sameQuarterLastYear(q);
  // One after the other: each asks every department; three at once would triple the burst.
  const now = await quarterFigures(ctx, q);
  const prev = await quarterFigures(ctx, prevQ);
  const last = await quarterFigures(ctx, lastQ);

  const compare = (id: string): FigureComparison[] => {
    const [a, b, c] = [now, prev, last].map((f) => f.rows.get(id)?.figures ?? emptyFigures());
    return FIGURES.map(([name, labelZh, labelEn]) => ({
      name,
      labelZh,
      labelEn,
      value: a[name as FigureName],
      previousQuarter: b[name as FigureName],
      sameQuarterLastYear: c[name as FigureName],
      changeFromPreviousQuarter: a[name as FigureName] - b[name as FigureName],
      changeFromSameQuarterLastYear: a[name as FigureName] - c[name as FigureName],
    }));
  };
  const ids = new Set([...now.rows.keys(), ...prev.rows.keys(), ...last.rows.keys()]);
  const rowsOf = (dimension: Dimension): ReportRow[] =>
    [...ids]
      .filter((id) => id.startsWith(`${dimension}:`))
      .sort()
      .map((id) => ({ dimension, key: id.slice(dimension.length + 1), figures: compare(id) }));

  const indicators = INDICATORS.map(([name, labelZh, labelEn, target]) => {
    const [a, b, c] = [now, prev, last].map((f) => r4(f.indicators[name]));
    return {
      name,
      labelZh,
      labelEn,
      value: a,
      previousQuarter: b,
      sameQuarterLastYear: c,
      changeFromPreviousQuarter: r4(a - b),
      changeFromSameQuarterLastYear: r4(a - c),
      target,
      met: target === null ? null : a >= target,
    };
  });
  const codes = [...new Set([...now.resultCodes.keys(), ...prev.resultCodes.keys(), ...last.resultCodes.keys()])].sort();
  const unanswered = [...now.unanswered, ...prev.unanswered, ...last.unanswered];
  const content: QuarterlyReportContent = {
    period: formatQuarter(q),
    previousPeriod: formatQuarter(prevQ),
    sameQuarterLastYearPeriod: formatQuarter(lastQ),
    ...dueDateOf(q),
    county: { dimension: 'county', key: 'county', figures: compare('county:county') },
    indicators,
    resultCodes: codes.map((code) => ({
      code,
      meaning: RESULT_CODES[code] ?? '',
      inspections: now.resultCodes.get(code) ?? 0,
      previousQuarter: prev.resultCodes.get(code) ?? 0,
      sameQuarterLastYear: last.resultCodes.get(code) ?? 0,
    })),
    byDepartment: rowsOf('department'),
    byBrigade: rowsOf('brigade'),
    byIndustry: rowsOf('industry'),
    byTownship: rowsOf('township'),
    notes: [...new Set([...now.notes, ...prev.notes, ...last.notes])],
  };
  return {
    ...content,
    complete: unanswered.length === 0,
    unansweredDepartments: unanswered.filter((u, i) => unanswered.findIndex((x) => x.department === u.department) === i),
    contentHash: contentHash(content),
  };
}

/** SHA-256 of the canonical JSON of the content (sorted keys, no whitespace). */
export const contentHash = (content: QuarterlyReportContent): string => sha256Hex(canonicalJson(content));

/** The part of a report the public sees: the county's figures and indicators. */
export function summaryOf(content: QuarterlyReportContent) {
  return {
    period: content.period,
    dueDate: content.dueDate,
    figures: content.county.figures.map((f) => ({ name: f.name, labelZh: f.labelZh, labelEn: f.labelEn, value: f.value })),
    indicators: content.indicators.map((f) => ({ name: f.name, labelZh: f.labelZh, labelEn: f.labelEn, value: f.value })),
  };
}

