/**
 * A quarter's report as a file from the gateway (GET /reports/quarterly/<period>.<format>,
 * gateway/reports.ts), fetched with the signed-in user's token like every API call
 * (../../../api/client.ts), then saved through a Blob: a plain link could not carry the
 * Authorization header. Refusals come back as JSON with the API's own message.
 */
import { getToken } from '../../../lib/auth.js';
import type { ApiError } from '../../../lib/errors.js';

export type ReportFormat = 'xlsx' | 'pdf' | 'md';

export async function downloadReport(period: string, format: ReportFormat): Promise<ApiError | null> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`/reports/quarterly/${encodeURIComponent(period)}.${format}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (e) {
    return { message: `无法连接服务器，导出失败，请稍后重试 / cannot reach the server, the export failed; try again later (${(e as Error).message})`, code: 'NETWORK' };
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { errors?: { message: string; extensions?: { code?: string; field?: string } }[] } | null;
    const e = body?.errors?.[0];
    return {
      message: e?.message ?? `导出失败（HTTP ${res.status}），请稍后重试 / the export failed (HTTP ${res.status}); try again later`,
      code: e?.extensions?.code ?? `HTTP_${res.status}`,
      field: e?.extensions?.field,
    };
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `quarterly-report-${period}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
