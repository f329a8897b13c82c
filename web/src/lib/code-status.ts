/**
 * What a business sees when it scans an inspection code (扫码入企): the scan's status
 * (scanInspectionCode.status: valid, expired, not-yet-valid, revoked, forged, unknown) as a
 * headline, a tone, and what to do. Pure, tested in test/unit/web-code-status.test.ts.
 */
import type { InspectionCodeScanQuery } from '../api/generated/graphql.js';

/** The scan's status as the API types it (a string today; an enum's values once it is one, and
 * then VIEWS below must name every value or tsc fails). */
export type ScanStatus = InspectionCodeScanQuery['inspectionCodeScan']['status'];

export type CodeTone = 'ok' | 'warning' | 'danger';

export interface CodeStatusView {
  tone: CodeTone;
  headline: string;
  /** What the business should do. */
  advice: string;
  /** Show the task, team and legal basis (the code is genuine and on record). */
  showDetails: boolean;
}

const VIEWS: Record<ScanStatus, CodeStatusView> = {
  VALID: { tone: 'ok', headline: '检查码有效', advice: '请核对检查人员出示的执法证件与下列人员一致，配合检查。', showDetails: true },
  EXPIRED: { tone: 'warning', headline: '检查码已过期', advice: '该检查码已超出有效期，检查人员不得凭此码入企检查；如有疑问请联系下列部门。', showDetails: true },
  NOT_YET_VALID: { tone: 'warning', headline: '检查码尚未生效', advice: '该检查码尚未到有效期，检查人员不得凭此码入企检查。', showDetails: true },
  REVOKED: { tone: 'danger', headline: '检查码已撤销', advice: '该检查码已被撤销，检查人员不得凭此码入企检查；如有疑问请拨打12345。', showDetails: true },
  FORGED: { tone: 'danger', headline: '检查码无效（签名不符）', advice: '该检查码不是本县双随机办公室签发的，请拒绝入企并拨打12345反映。', showDetails: false },
  UNKNOWN: { tone: 'danger', headline: '检查码未登记', advice: '该检查码没有签发记录，请拒绝入企并拨打12345反映。', showDetails: false },
};

export function codeStatusView(status: ScanStatus): CodeStatusView {
  return (VIEWS as Partial<Record<string, CodeStatusView>>)[status] ?? { tone: 'danger', headline: `检查码状态未知（${status}）`, advice: '无法确认该检查码，请拒绝入企并拨打12345反映。', showDetails: false };
}

/** The validity window as shown: "2029-01-01 至 2029-03-31". */
export function validityText(from: string | null | undefined, until: string | null | undefined): string {
  if (!from && !until) return '—';
  return `${from ?? '…'} 至 ${until ?? '…'}`;
}
