/**
 * The one GraphQL client of the app (@urql/core + urql's React bindings): POST /graphql on the
 * same origin, the signed-in user's token as Authorization: Bearer. Operations: ./*.graphql,
 * typed in ./generated/ (npm run compose).
 */
import { Client, cacheExchange, fetchExchange } from 'urql';
import { getToken } from '../lib/auth.js';

export function createClient(url = '/graphql'): Client {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => {
      const token = getToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
}
