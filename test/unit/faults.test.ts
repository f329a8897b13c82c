import { describe, expect, it } from 'vitest';
import { restartDelay } from '../../scripts/federation.js';
import { isConnectionFailure as isBrokenConnection } from '../../shared/platform/error-mask.js';

describe('the supervisor waits longer after each restart in a row, up to a cap', () => {
  it('0.5 s, 1 s, 2 s, 4 s … then 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => restartDelay(n, 500, 30_000))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('a broken database connection is told apart from other database errors', () => {
  const wrapped = (inner: object) => ({ message: 'wrapped', originalError: { message: 'driver', cause: inner } });
  it.each([
    ['PostgreSQL shut down by its administrator (57P01)', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['PostgreSQL starting up (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['connection failure class 08', { code: '08006', message: 'connection failure' }],
    ['socket reset', { code: 'ECONNRESET', message: 'read ECONNRESET' }],
    ['server gone', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['node-postgres without a code', { message: 'Connection terminated unexpectedly' }],
  ])('%s: broken', (_, error) => {
    expect(isBrokenConnection(error)).toBe(true);
    expect(isBrokenConnection(wrapped(error))).toBe(true);
  });
  it.each([
    ['unique violation', { code: '23505', message: 'duplicate key value violates unique constraint' }],
    ['serialization failure', { code: '40001', message: 'could not serialize access' }],
    ['a user error', { message: '任务不存在 / no such task', extensions: { code: 'NOT_FOUND' } }],
  ])('%s: not broken', (_, error) => {
    expect(isBrokenConnection(wrapped(error))).toBe(false);
  });
});
