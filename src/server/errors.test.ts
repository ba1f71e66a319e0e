import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleError } from './errors.ts';

/**
 * The central error handler and a lost database (issue 9, docs/faults.md): whatever node-postgres
 * throws while PostgreSQL is stopped, restarting or unreachable is answered 503 service_unavailable
 * with a message, never 500; other unexpected errors stay 500 internal_error.
 */

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

const DATABASE_GONE: [string, Error][] = [
  ['connection refused (cluster stopped)', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
  [
    'terminated by the administrator (57P01)',
    withCode('terminating connection due to administrator command', '57P01'),
  ],
  ['the cluster is shutting down (57P03)', withCode('the database system is shutting down', '57P03')],
  ['the cluster is starting up (57P03)', withCode('the database system is starting up', '57P03')],
  ['connection failure (08006)', withCode('connection failure', '08006')],
  ['the socket closed mid-query (no code)', new Error('Connection terminated unexpectedly')],
  [
    'a client that lost its connection (no code)',
    new Error('Client has encountered a connection error and is not queryable'),
  ],
  ['the pool could not connect in time (no code)', new Error('timeout exceeded when trying to connect')],
];

describe('handleError and database connection errors', () => {
  let app: FastifyInstance;
  let next: Error = new Error('unset');

  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.setErrorHandler(handleError);
    app.get('/boom', async () => {
      throw next;
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(DATABASE_GONE)('answers %s with 503 service_unavailable', async (_name, error) => {
    next = error;
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      code: 'service_unavailable',
      message: 'The database is unavailable right now. Please try again later.',
    });
  });

  it('answers in the language asked for', async () => {
    next = withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
    const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'accept-language': 'de' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/Datenbank/);
  });

  it('keeps other failures a 500 internal_error, including other database errors', async () => {
    for (const error of [new Error('something else broke'), withCode('duplicate key value', '23505')]) {
      next = error;
      const res = await app.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('internal_error');
    }
  });
});
