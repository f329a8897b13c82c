import type { ApolloServerPlugin } from '@apollo/server';
// One rule for "the database connection broke or could not be had": the one the error mask turns
// into SERVICE_UNAVAILABLE.
import { isConnectionFailure } from './error-mask.js';

/**
 * Reads survive a broken database connection: a query operation that failed because its
 * connection to PostgreSQL broke (the server restarted, a connection was killed) is run once more,
 * as a whole, with a fresh context (EntityManager, loaders) and so a fresh connection from the
 * pool; the pool itself drops connections that reported an error (knex marks them disposed and
 * validates on acquire) after a short pause. Mutations are never run again: one mutation is one transaction, and
 * whether it committed before the connection broke is not known here; the client gets the error.
 */

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
          attempt.broken = ctx.errors.some((e) => isConnectionFailure(e.originalError ?? e));
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
