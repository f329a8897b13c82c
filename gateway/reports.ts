import type http from 'node:http';
import { CONTENT_TYPES, PdfUnavailableError, REPORT_FORMATS, REPORT_QUERY, renderReport, reportFileName, type Report, type ReportFormat } from '../subgraphs/joint-inspection/reports/export.js';

/**
 * Report downloads beside GraphQL: `GET /reports/quarterly/<period>.<xlsx|pdf|md>` answers the
 * quarter's report as a file (docs/quarterly-reports.md#export), rendered by the same code as
 * `npm run report` (subgraphs/joint-inspection/reports/export.ts).
 *
 * The report is not read here: the route runs the `quarterlyReport` query through the gateway's
 * own GraphQL execution (`execute`, Apollo's executeHTTPGraphQLRequest with the caller's
 * Authorization), so the caller's token, the edge checks, the budgets and the field's policy
 * (`report:read`: the office's analysts and coordinators) decide exactly as they do for
 * /graphql. Their refusals come back as JSON with the GraphQL error's message and code, and an
 * HTTP status a download can act on.
 */
export const REPORTS_PREFIX = '/reports/';

export type ExecuteGraphQL = (query: string, variables: Record<string, unknown>) => Promise<{ status: number; body: string }>;

interface GraphQLErrorBody { message: string; extensions?: { code?: string; [k: string]: unknown } }

const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

function answerError(res: http.ServerResponse, status: number, error: GraphQLErrorBody, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ errors: [error] }));
}

const FORMATS_TEXT = REPORT_FORMATS.join('、');

// One PDF at a time: each print starts a Chromium (about 150 MB and a core for a second or two),
// and the gateway shares its machine with the subgraphs.
let printing: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = printing.then(work, work);
  printing = run.catch(() => undefined);
  return run;
}

export async function serveReport(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, execute: ExecuteGraphQL): Promise<void> {
  const m = /^\/reports\/quarterly\/([^/]+)$/.exec(pathname);
  if (!m) {
    return answerError(res, 404, {
      message: `没有这个报告下载地址“${pathname}”；季度报告的地址形如 /reports/quarterly/2026-Q4.xlsx / there is no report download at "${pathname}"; a quarterly report is /reports/quarterly/<period>.<xlsx|pdf|md>`,
      extensions: { code: 'NOT_FOUND' },
    });
  }
  if (req.method !== 'GET') {
    return answerError(res, 405, { message: `报告下载只接受GET请求 / report downloads accept GET only`, extensions: { code: 'METHOD_NOT_ALLOWED' } }, { allow: 'GET' });
  }
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    name = m[1];
  }
  const dot = name.lastIndexOf('.');
  const period = dot < 0 ? name : name.slice(0, dot);
  const format = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    return answerError(res, 400, {
      message: format
        ? `不支持的导出格式“${format}”，可选：${FORMATS_TEXT} / the export format "${format}" is not supported: use xlsx, pdf or md`
        : `缺少导出格式，地址应以 .xlsx、.pdf 或 .md 结尾 / the export format is missing: the address must end in .xlsx, .pdf or .md`,
      extensions: { code: 'BAD_USER_INPUT', field: 'format', value: format },
    });
  }

  // The period is checked by the GraphQL edge check and the field, with their own messages.
  const result = await execute(REPORT_QUERY, { period });
  let body: { data?: { quarterlyReport: Report | null } | null; errors?: GraphQLErrorBody[] };
  try {
    body = JSON.parse(result.body);
  } catch {
    return answerError(res, 502, { message: '网关未能读取报告 / the gateway could not read the report', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  const report = body.data?.quarterlyReport;
  if (body.errors?.length || !report) {
    const error = body.errors?.[0] ?? { message: '报告为空 / the report is empty', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const code = error.extensions?.code ?? '';
    const status = STATUS_OF_CODE[code] ?? (result.status >= 400 ? result.status : 500);
    // The wait the message names, when it names one (shared/platform/error-mask.ts).
    const retry = error.extensions?.retryAfterSeconds ?? error.extensions?.retryAfter;
    return answerError(res, status, { message: error.message, extensions: error.extensions }, typeof retry === 'number' ? { 'retry-after': String(retry) } : {});
  }

  let file: Buffer;
  try {
    file = format === 'pdf' ? await oneAtATime(() => renderReport(report, 'pdf')) : await renderReport(report, format as ReportFormat);
  } catch (e) {
    if (e instanceof PdfUnavailableError) {
      // The reason names paths of the server: the log gets it, the clerk gets what to do.
      console.error(`[gateway] ${e.message}`);
      return answerError(res, 503, {
        message: '服务器暂时无法生成PDF（未安装打印用的Chromium浏览器）；请先导出Excel或Markdown，或请管理员处理 / PDF printing is unavailable on this server (no Chromium to print with); export Excel or Markdown instead, or ask the administrator',
        extensions: { code: 'SERVICE_UNAVAILABLE', field: 'format' },
      });
    }
    throw e;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format as ReportFormat],
    'content-length': String(file.length),
    'content-disposition': `attachment; filename=${reportFileName(report.period, format as ReportFormat)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // A client can tell an incomplete report without opening the file (the file says it too).
    'x-yiye-report-complete': String(report.complete),
    'x-yiye-content-hash': report.contentHash,
  });
  res.end(file);
}
