import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Reads survive a broken database connection: a query operation that failed because its
 * connection to PostgreSQL broke (the server restarted, a connection was killed) is run once more,
 * as a whole, with a fresh context (EntityManager, loaders) and so a fresh connection from the
 * pool; the pool itself drops connections that reported an error (knex marks them disposed and
 * validates on acquire) after a short pause. Mutations are never run again: one mutation is one transaction, and
 * whether it committed before the connection broke is not known here; the client gets the error.
 */

// PostgreSQL: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is
// connection_exception. Node: the socket was reset, refused or closed under us.
const BROKEN_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
// node-postgres raises these without a code.
const BROKEN_MESSAGES = /Connection terminated|Client has encountered a connection error|connection ended unexpectedly|terminating connection due to administrator command/i;

export function isBrokenConnection(error: unknown): boolean {
  const seen = new Set<unknown>();
  // MikroORM wraps the driver's error (DriverException copies its code); GraphQL wraps that.
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown } | undefined; e && !seen.has(e); ) {
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (BROKEN_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof e.message === 'string' && BROKEN_MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

const RETRY_PAUSE_MS = 200;

interface Attempt {
  query: boolean;
  broken: boolean;
}

// On the context object itself: Apollo Server hands plugins a shallow copy of it (cloneObject),
// which keeps this property but is not the object we made.
const ATTEMPT = Symbol('read-retry attempt');

/** Notes, per request, whether it was a query whose database connection broke. */
export function readRetryPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(ctx) {
          const attempt = (ctx.contextValue as { [ATTEMPT]?: Attempt })[ATTEMPT];
          if (!attempt) return;
          attempt.query = ctx.operation?.operation === 'query';
          attempt.broken = ctx.errors.some((e) => isBrokenConnection(e.originalError ?? e));
        },
      };
    },
  };
}

/**
 * Runs one request; when it was a query and its connection broke, runs it once more. `run` gets
 * `track`, to be applied to the request's context object so that readRetryPlugin can report on it.
 */
export async function withReadRetry<T>(run: (track: <C extends object>(context: C) => C) => Promise<T>, onRetry?: () => void): Promise<T> {
  const attempt: Attempt = { query: false, broken: false };
  const first = await run((context) => Object.assign(context, { [ATTEMPT]: attempt }));
  if (!attempt.query || !attempt.broken) return first;
  onRetry?.();
  // Other connections of the pool broke at the same moment (a server restart ends them all); the
  // pool drops them once their socket has closed, which a pause this short is enough for.
  await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  return run((context) => context);
}
