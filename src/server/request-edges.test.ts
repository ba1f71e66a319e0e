import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { buildApp } from './app.ts';

/**
 * Requests at the edges of the HTTP layer that the request fuzzing (test/request-fuzzing.test.ts)
 * found answered with a 500 or with Fastify's own error body that echoes the URL: they get the app's
 * `{code, message}` like any other refusal.
 */
describe.each(testDatabaseKinds())('requests at the edges of the HTTP layer on %s', (kind) => {
  let t: TestApp;
  let withUi: FastifyInstance;
  let webDist: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    // the same app serving a built UI, as in production: unknown paths then reach the static file server
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'custos-web-'));
    fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Custos</title>');
    withUi = await buildApp({ ctx: { ...t.ctx, config: { ...t.ctx.config, webDist } }, logger: false });
  });
  afterAll(async () => {
    await withUi?.close();
    await t?.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  const expectNoRoute = (res: LightMyRequestResponse, url: string) => {
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toEqual({ code: 'not_found', message: expect.any(String) });
    expect(res.body).not.toContain(url.slice(8, 40));
  };

  it.each([
    ['an undecodable percent-encoding', '/api/v1/persons/%E0%A4%A'],
    ['a lone percent sign', '/api/v1/quotes/%/order'],
    ['a path parameter over the router limit', `/api/v1/persons/${'a'.repeat(3000)}`],
  ])('answers a URL with %s as an unknown route (404 not_found), without echoing it', async (_label, url) => {
    for (const app of [t.app, withUi]) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${t.adminToken}` },
      });
      expectNoRoute(res, url);
    }
  });

  it.each([
    ['a path too long for a file name', `/api/v1/public/c/${'a'.repeat(5000)}`],
    ['a path with an empty segment', '/assets//app.js'],
    ['a path with encoded backslashes', '/assets/..%5c..%5cwin.ini'],
  ])('answers %s that the static file server refuses with 404 not_found, not 500', async (_label, url) => {
    const res = await withUi.inject({ method: 'GET', url });
    expectNoRoute(res, url);
  });

  it('refuses a JSON body nested 20 000 levels deep with 422, not a stack overflow (500)', async () => {
    const deep = `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`;
    for (const url of ['/api/v1/tags', '/api/v1/contact-checks']) {
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url,
        payload: deep,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(422);
      expect(res.json().code).toBe('validation_failed');
    }
  });
});
