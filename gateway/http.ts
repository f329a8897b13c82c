import http from 'node:http';
import cors from 'cors';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { identityFromAuthorization, PUBLIC_IDENTITY, type Identity } from '../shared/platform/auth.js';
import { anonymousLimiter, budgetOf, countTokensUpTo, tooManyTokens, type RateLimit } from './limits.js';
import { serveWebFile } from './static.js';
import { serveDevSignIn } from './dev-sign-in.js';
import { REPORTS_PREFIX, serveReport } from './reports.js';

/**
 * The gateway's HTTP front, Apollo's standalone server with checks before Apollo sees a request:
 * an anonymous caller (no token, or one that does not verify) over its per-IP allowance is 429
 * with Retry-After, before the body is read; a body larger than the caller's budget
 * (gateway/limits.ts) is 413; a query over the caller's token budget is QUERY_TOO_COMPLEX before
 * it is parsed and validated.
 * The client's address is the TCP peer: behind a reverse proxy, rate-limit there.
 *
 * Beside GraphQL it serves the web app (gateway/static.ts): a GET or HEAD without a `query`
 * parameter on any path but /graphql is a web file; /dev/ is the development sign-in
 * (gateway/dev-sign-in.ts, 404 in production). GraphQL is /graphql, and also any POST or
 * GET ?query=… on another path (older clients and health checks post to /). /reports/ are report
 * downloads (gateway/reports.ts): GraphQL run here for the caller, answered as a file.
 */
export async function serveHttp<C extends BaseContext>(
  server: ApolloServer<C>,
  opts: { port: number; host: string; rateLimit: RateLimit; production: boolean; context: (args: { req: http.IncomingMessage }) => Promise<C> },
): Promise<{ url: string; httpServer: http.Server }> {
  const corsHandler = cors();
  const allow = anonymousLimiter(opts.rateLimit);
  const refuse = (res: http.ServerResponse, status: number, message: string, extensions: Record<string, unknown>, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify({ errors: [{ message, extensions }] }));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/dev/')) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > 10_000) return refuse(res, 413, '请求体过大 / the request body is too large', { code: 'PAYLOAD_TOO_LARGE', maxBytes: 10_000 });
        chunks.push(chunk as Buffer);
      }
      return serveDevSignIn(req, res, Buffer.concat(chunks), opts.production);
    }
    const report = url.pathname.startsWith(REPORTS_PREFIX);
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname !== '/graphql' && !url.searchParams.has('query') && !report) {
      return serveWebFile(req, res);
    }
    // The token is verified again in the context; this copy only decides the budget and the limit.
    const identity: Identity | null = await identityFromAuthorization(req.headers.authorization).catch(() => null);
    if (!identity || !identity.roles.some((r) => r !== 'public')) {
      const wait = await allow(req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) {
        req.resume();
        return refuse(
          res,
          429,
          `请求过于频繁，请${wait}秒后重试；登录用户不受此限制 / too many requests from your address without a token; retry in ${wait} s (signed-in users are not limited)`,
          { code: 'RATE_LIMITED', retryAfter: wait },
          { 'retry-after': String(wait) },
        );
      }
    }
    if (report) {
      req.resume();
      return serveReport(req, res, url.pathname, async (query, variables) => {
        // Only the caller's Authorization goes in: the operation is ours, the identity theirs.
        const headers = new HeaderMap([['content-type', 'application/json']]);
        if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
        const result = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query, variables } },
          context: () => opts.context({ req }),
        });
        let body = '';
        if (result.body.kind === 'complete') body = result.body.string;
        else for await (const part of result.body.asyncIterator) body += part;
        return { status: result.status ?? 200, body };
      });
    }
    const maxBytes = budgetOf(identity ?? PUBLIC_IDENTITY).bodyBytes;
    const tooLarge = () => {
      // Read and drop the rest, so that the client sees the answer rather than a reset connection.
      req.resume();
      refuse(res, 413, `请求体超过${maxBytes}字节的上限 / the request body is larger than the limit of ${maxBytes} bytes`, { code: 'PAYLOAD_TOO_LARGE', maxBytes });
    };
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) return tooLarge();
      chunks.push(chunk as Buffer);
    }
    let body: unknown;
    if (size > 0 && /^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(res, 400, '请求体不是有效的JSON / the request body is not valid JSON', { code: 'BAD_REQUEST' });
      }
    }
    const search = new URL(req.url ?? '/', 'http://localhost').search;
    const query = req.method === 'GET' ? new URLSearchParams(search).get('query') : (body as { query?: unknown } | undefined)?.query;
    if (typeof query === 'string') {
      const budget = budgetOf(identity ?? PUBLIC_IDENTITY);
      const tokens = countTokensUpTo(query, budget.tokens);
      if (tokens > budget.tokens) {
        const { message, extensions } = tooManyTokens(identity ?? PUBLIC_IDENTITY, budget.tokens);
        return refuse(res, 400, message, extensions);
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
      context: () => opts.context({ req }),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return void res.end(result.body.string);
    for await (const part of result.body.asyncIterator) res.write(part);
    res.end();
  };

  const httpServer = http.createServer((req, res) => {
    corsHandler(req, res, () => {
      handle(req, res).catch((e) => {
        console.error('[gateway] request failed', e);
        if (!res.headersSent) refuse(res, 500, '服务器内部错误 / internal server error', { code: 'INTERNAL_SERVER_ERROR' });
        else res.end();
      });
    });
  });
  server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await server.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = httpServer.address() as { port: number };
  return { url: `http://${opts.host}:${port}/`, httpServer };
}
