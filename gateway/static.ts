import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * The web app's files (web/dist, built by `npm start` or the test setup: scripts/web-build.ts)
 * served by the gateway at / beside /graphql. Hashed assets (/assets/…) are cached for a year,
 * everything else (index.html) is revalidated every time; a path that names no file and is not
 * an asset's (/assets/…, *.js, *.css…) is the single-page app's route and gets index.html. Nothing outside web/dist is
 * ever served: the resolved real path must lie inside it.
 */
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function text(res: http.ServerResponse, status: number, body: string, head: boolean) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': NO_CACHE, 'x-content-type-options': 'nosniff' });
  res.end(head ? undefined : body);
}

/** Answers a GET or HEAD for a web file. */
export function serveWebFile(req: http.IncomingMessage, res: http.ServerResponse, dist = WEB_DIST): void {
  const head = req.method === 'HEAD';
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return text(res, 400, '路径无效 / malformed path', head);
  }
  if (pathname.includes('\0')) return text(res, 400, '路径无效 / malformed path', head);
  let root: string;
  try {
    root = fs.realpathSync(dist);
  } catch {
    return text(res, 503, '网页应用尚未构建：运行 npm start 或 npm run web:build / the web app is not built: run npm start or npm run web:build', head);
  }
  const wanted = path.resolve(root, `.${pathname}`);
  let file: string | undefined;
  if (inside(root, wanted)) {
    try {
      const real = fs.realpathSync(wanted);
      if (inside(root, real) && fs.statSync(real).isFile()) file = real;
    } catch {
      // no such file
    }
  }
  if (!file) {
    // A missing asset (under /assets/, or a name with a web file's extension) is a 404; any other
    // path is a route of the app, dots included (/code/<base64url>.<base64url>).
    if (pathname.startsWith('/assets/') || TYPES[path.extname(pathname).toLowerCase()]) return text(res, 404, '文件不存在 / not found', head);
    file = path.join(root, 'index.html');
    if (!fs.existsSync(file)) return text(res, 503, '网页应用尚未构建 / the web app is not built', head);
  }
  const hashed = path.relative(root, file).startsWith(`assets${path.sep}`);
  const body = fs.readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': hashed ? IMMUTABLE : NO_CACHE,
    'x-content-type-options': 'nosniff',
  });
  res.end(head ? undefined : body);
}
