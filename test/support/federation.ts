import { spawn } from 'node:child_process';
import pg from 'pg';
import { inject } from 'vitest';
import { issueUserToken, INTERNAL_HEADER, signInternalIdentity, type Identity } from '../../shared/platform/auth.js';
import { databaseName, urlForDatabase } from '../../shared/platform/orm.js';
import { publishAnnualPlansWith } from '../../scripts/annual-plans.js';

/**
 * The suite's "today": the federation and the tests run on YIYE_NOW of vitest.config.ts
 * (shared/platform/clock.ts), Monday 2026-11-16 in the county. Expected dates worked out by hand start here.
 */
export const SUITE_TODAY = '2026-11-16';

/** Talking to the federation the suite started, the way a department frontend does. */
export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export async function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; authorization?: string; headers?: Record<string, string> } = {},
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  const res = await fetch(inject('gatewayUrl'), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}

export const token = (roles: string[], department?: string, subject?: string) =>
  issueUserToken({ roles, department, subject: subject ?? `test-${roles.join('+')}-${department ?? 'none'}` });

export const tokens = {
  coordinator: () => token(['coordinator'], 'double-random-office'),
  analyst: () => token(['analyst'], 'double-random-office'),
  admin: (department: string) => token(['department-admin'], department),
  inspector: (department: string) => token(['inspector'], department),
};

/** A direct request to a subgraph, signed as the gateway would sign it (or not at all). */
export async function subgraphRequest(
  subgraph: string,
  query: string,
  variables: Record<string, unknown> = {},
  identity?: Identity,
): Promise<GqlResult & { sqlStatements: number }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (identity) headers[INTERNAL_HEADER] = await signInternalIdentity(identity);
  const res = await fetch(inject('subgraphUrls')[subgraph], { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, sqlStatements: Number(res.headers.get('x-yiye-sql-statements') ?? 0), ...((await res.json()) as object) };
}

/** The process id serving a subgraph now (it changes when the supervisor restarts it). */
export async function subgraphPid(subgraph: string): Promise<number> {
  const res = await fetch(inject('subgraphUrls')[subgraph].replace('/graphql', '/health'));
  return ((await res.json()) as { pid: number }).pid;
}

/** Total SQL statements a subgraph process has run since it started. */
export async function sqlStatementsOf(subgraph: string): Promise<number> {
  const url = inject('subgraphUrls')[subgraph].replace('/graphql', '/stats');
  const res = await fetch(url, { headers: { [INTERNAL_HEADER]: await signInternalIdentity({ subject: 'test', roles: ['service'] }) } });
  return ((await res.json()) as { sqlStatements: number }).sqlStatements;
}

/** Reads a subgraph's own database, to check what was (not) written. Tests only. */
export async function sql<T = any>(subgraph: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: urlForDatabase(inject('pgUrl'), databaseName(subgraph, inject('dbPrefix'))) });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every department's and the office's annual plan of `year`, published (test/support/annual-plans.ts). */
export const publishAnnualPlans = (year: number) => publishAnnualPlansWith((query, variables, t) => gql(query, variables, { token: t || undefined }), year);

/**
 * Runs `work` while a subgraph process is paused (SIGSTOP): it keeps its connections but answers
 * nothing, as a department that hangs does, so callers hit their timeout. Always resumed after.
 */
export async function whilePaused<T>(subgraph: string, work: () => Promise<T>): Promise<T> {
  const pid = await subgraphPid(subgraph);
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/**
 * Runs `npm run -s <args>` (the import and export commands) against the suite's federation: the
 * commands open the subgraph databases and ask other subgraphs directly, as the subgraphs do.
 */
export function npmRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', ...args], {
      env: {
        ...process.env,
        YIYE_PG_URL: inject('pgUrl'),
        YIYE_DB_PREFIX: inject('dbPrefix'),
        YIYE_SUBGRAPH_URLS: JSON.stringify(inject('subgraphUrls')),
        YIYE_INTERNAL_SECRET: process.env.YIYE_INTERNAL_SECRET,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
