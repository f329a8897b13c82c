import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toHtml, toMarkdown, toXlsx, type Report } from '../../subgraphs/joint-inspection/reports/export.js';

/**
 * The report's files (subgraphs/joint-inspection/reports/export.ts) for a report a department did
 * not answer: each format says so at its top, naming the department. The figures of a complete
 * report are checked against the API in test/e2e/quarterly-reports.test.ts.
 */
const figure = (name: string, value: number) => ({
  name, labelZh: name, labelEn: name, value, previousQuarter: 0, sameQuarterLastYear: 0, changeFromPreviousQuarter: value, changeFromSameQuarterLastYear: value,
});
const row = (dimension: string, key: string) => ({ dimension, key, figures: [figure('tasks', 2)] });

const report = (complete: boolean): Report => ({
  period: '2050-Q1', previousPeriod: '2049-Q4', sameQuarterLastYearPeriod: '2049-Q1', dueDate: null, dueDateProblem: 'no calendar',
  complete, contentHash: 'abc', finalizedVersion: null, notes: [],
  unansweredDepartments: complete ? [] : [{ subgraph: 'health', reason: 'timeout' }, { subgraph: 'fire-rescue', reason: 'error' }],
  county: row('county', 'county'), indicators: [{ ...figure('jointShareByCount', 0.5), target: 0.45, met: true }],
  resultCodes: [], byDepartment: [row('department', 'health')], byBrigade: [], byIndustry: [], byTownship: [row('township', '130433101')],
});

const WARNING = '⚠ 报告不完整：卫生健康局、消防救援大队未在时限内应答，其数据未计入，本文件不能作为定稿';

describe('an incomplete report says so in every format', () => {
  it('Markdown: right under the title', () => {
    const lines = toMarkdown(report(false)).split('\n');
    expect(lines[0]).toBe('# 季度报告 quarterly report 2050-Q1');
    expect(lines[2]).toMatch(new RegExp(`^> \\*\\*${WARNING} / incomplete report: .*did not answer in time`));
    expect(toMarkdown(report(true))).not.toContain('报告不完整');
  });

  it('XLSX: row 4 of the summary sheet, which a complete report leaves empty', async () => {
    const read = async (r: Report) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await toXlsx(r)) as unknown as ArrayBuffer);
      return wb.getWorksheet('汇总 summary')!;
    };
    const incomplete = await read(report(false));
    expect(String(incomplete.getCell('A4').value)).toMatch(new RegExp(`^${WARNING}`));
    expect(incomplete.getCell('A4').font?.bold).toBe(true);
    // The rows below stay where they are: the header on 5, the indicator on 6.
    expect(incomplete.getCell('A5').value).toBe('指标 figure');
    expect(incomplete.getCell('C6').value).toBe(0.5);
    expect((await read(report(true))).getCell('A4').value).toBeNull();
  });

  it('HTML (the PDF): a warning paragraph under the title', () => {
    expect(toHtml(report(false))).toMatch(new RegExp(`</h1><p class="warning">${WARNING}`));
    expect(toHtml(report(true))).not.toContain('class="warning"');
  });
});
