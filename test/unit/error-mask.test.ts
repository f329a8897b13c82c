import pg from 'pg';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { maskError } from '../../shared/platform/error-mask.js';
import { badInput } from '../../shared/platform/errors.js';
import { freePort } from '../../scripts/postgres.js';

/**
 * What a client sees of an error nobody meant (shared/platform/error-mask.ts), on real errors of the
 * suite's PostgreSQL: the driver's text never, an id it can quote always, and the original in
 * the log under that id.
 */
const mask = maskError('test');

/** What Apollo Server hands `formatError` for an error thrown by a resolver. */
function asApolloWould(thrown: Error): [GraphQLFormattedError, GraphQLError] {
  const error = thrown instanceof GraphQLError ? thrown : new GraphQLError(thrown.message, { originalError: thrown, path: ['jointPlan'] });
  const code = (error.extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  return [{ message: error.message, path: ['jointPlan'], extensions: { ...error.extensions, code } }, error];
}

async function failure(run: (client: pg.Client) => Promise<unknown>, url = inject('pgUrl')): Promise<Error> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    await run(client);
  } catch (e) {
    return e as Error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error('expected the database to refuse');
}

afterEach(() => vi.restoreAllMocks());

describe('an unexpected error reaches the client as INTERNAL_SERVER_ERROR with an id only', () => {
  it('a PostgreSQL error with the statement in it: id only, and the original logged under that id', async () => {
    const pgError = await failure((c) => c.query('insert into nowhere_at_all (x) values ($1)', ['x']));
    expect(pgError.message).toBe('relation "nowhere_at_all" does not exist');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const out = mask(...asApolloWould(pgError));
    const id = String(out.extensions?.errorId);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(out).toEqual({ message: `内部错误，编号 ${id} / internal error, id ${id}`, path: ['jointPlan'], extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: id } });
    expect(log).toHaveBeenCalledWith(`[test] internal error ${id}`, pgError);
  });

  it('a masked error passing through the gateway keeps its id; nothing else is added', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const fromSubgraph = mask(...asApolloWould(new Error('boom at /srv/yiye/shared/x.ts:12')));
    const atGateway = mask({ ...fromSubgraph, extensions: { ...fromSubgraph.extensions, serviceName: 'fire-rescue' } }, new GraphQLError(fromSubgraph.message));
    expect(atGateway).toEqual(fromSubgraph);
  });

  it('our user errors and GraphQL validation errors pass unchanged', () => {
    const refusal = asApolloWould(badInput('period', '期间格式应为“2026-Q2” / the period must look like 2026-Q2'));
    expect(mask(...refusal)).toBe(refusal[0]);
    const invalid = { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(mask(invalid, new GraphQLError(invalid.message))).toBe(invalid);
  });
});

describe('a write that lost a race with a concurrent one is CONFLICT', () => {
  it('a unique violation (23505), without the constraint or the statement', async () => {
    const err = await failure(async (c) => {
      await c.query('create temp table once_only (id text primary key)');
      await c.query("insert into once_only values ('FR-AP-2097')");
      await c.query("insert into once_only values ('FR-AP-2097')");
    });
    expect((err as Error & { code?: string }).code).toBe('23505');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(mask(...asApolloWould(err))).toEqual({
      message: '同一时间另有人修改了相同内容，本次未保存，请刷新后重试 / someone else changed the same thing at the same moment; nothing was saved, reload and try again',
      path: ['jointPlan'],
      extensions: { code: 'CONFLICT' },
    });
  });
});

describe('a database that does not answer is SERVICE_UNAVAILABLE with a retry hint', () => {
  const expected = {
    message: '数据库暂时无法应答，请5秒后重试 / the database is not answering; try again in 5 s',
    path: ['jointPlan'],
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
  };

  it('the connection is terminated by the server (as in a restart): 57P01, then a client that is not queryable', async () => {
    const victim = new pg.Client({ connectionString: inject('pgUrl') });
    // The first error event is the server's notice; pg may emit a second as the socket closes.
    const terminated = new Promise<Error & { code?: string }>((resolve) => victim.on('error', resolve));
    await victim.connect();
    const pid = (await victim.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    const killer = new pg.Client({ connectionString: inject('pgUrl') });
    await killer.connect();
    await killer.query('select pg_terminate_backend($1)', [pid]);
    await killer.end();
    const err = await terminated;
    expect([err.code, err.message]).toEqual(['57P01', 'terminating connection due to administrator command']);
    const later = (await victim.query('select 1').catch((e: unknown) => e)) as Error;
    await victim.end().catch(() => {});
    expect(later.message).toBe('Client has encountered a connection error and is not queryable');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(mask(...asApolloWould(err))).toEqual(expected);
    expect(mask(...asApolloWould(later))).toEqual(expected);
  });

  it('nobody listens: ECONNREFUSED', async () => {
    const err = await failure(() => Promise.resolve(), `postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
    expect((err as Error & { code?: string }).code).toBe('ECONNREFUSED');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(mask(...asApolloWould(err))).toEqual(expected);
  });
});
