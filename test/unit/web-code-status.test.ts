import { describe, expect, it } from 'vitest';
import { codeStatusView, validityText, type ScanStatus } from '../../web/src/lib/code-status.js';

/** What the business sees per scan status (web/src/lib/code-status.ts, scanInspectionCode.status). */
describe('the inspection-code page status', () => {
  it('valid, expired, not yet valid and revoked codes are genuine: their task and team are shown', () => {
    expect(codeStatusView('VALID')).toMatchObject({ tone: 'ok', headline: '检查码有效', showDetails: true });
    expect(codeStatusView('EXPIRED')).toMatchObject({ tone: 'warning', headline: '检查码已过期', showDetails: true });
    expect(codeStatusView('NOT_YET_VALID')).toMatchObject({ tone: 'warning', headline: '检查码尚未生效', showDetails: true });
    expect(codeStatusView('REVOKED')).toMatchObject({ tone: 'danger', headline: '检查码已撤销', showDetails: true });
  });

  it('forged, unknown and unexpected statuses tell the business to refuse entry and show nothing of the code', () => {
    for (const s of ['FORGED', 'UNKNOWN', 'something-new'] as ScanStatus[]) {
      const v = codeStatusView(s);
      expect(v.tone).toBe('danger');
      expect(v.showDetails).toBe(false);
      expect(v.advice).toContain('拒绝入企');
    }
    expect(codeStatusView('something-new' as ScanStatus).headline).toBe('检查码状态未知（something-new）');
  });

  it('the validity window reads as a range', () => {
    expect(validityText('2029-01-01', '2029-03-31')).toBe('2029-01-01 至 2029-03-31');
    expect(validityText(null, null)).toBe('—');
  });
});

describe('department names', () => {
  it('from the code or the enum value, the office too; unknown as given', async () => {
    const { departmentName } = await import('../../web/src/lib/labels.js');
    expect(departmentName('fire-rescue')).toBe('消防救援大队');
    expect(departmentName('MARKET_SUPERVISION')).toBe('市场监督管理局');
    expect(departmentName('DOUBLE_RANDOM_OFFICE')).toBe('双随机办公室');
    expect(departmentName('water-bureau')).toBe('water-bureau');
    expect(departmentName(null)).toBe('—');
  });
});
