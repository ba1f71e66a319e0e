import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personBody, type TestApp } from '../../../test/support/app.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';

type ListedToken = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

describe.each(testDatabaseKinds())('API tokens on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const listTokens = async (token: string) => {
    const res = await t.call(token, { method: 'GET', url: '/api/v1/tokens' });
    expect(res.statusCode).toBe(200);
    return { items: res.json().items as ListedToken[], raw: res.body };
  };
  const createToken = async (token: string, name: string) => {
    const res = await t.call(token, { method: 'POST', url: '/api/v1/tokens', body: { name } });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string };
  };

  it('shows a new token once; the list shows only its prefix, and it is stored only as a hash', async () => {
    const { token: own } = await t.userWithToken({ role: 'sales' });
    const created = await createToken(own, 'erp-sync');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.token).toMatch(/^cst_[A-Za-z0-9_-]{40,}$/);

    const { items, raw } = await listTokens(own);
    const listed = items.find((i) => i.id === created.id);
    expect(listed).toMatchObject({ name: 'erp-sync', prefix: created.token.slice(0, 10), revokedAt: null });
    expect(created.token.startsWith(listed!.prefix)).toBe(true);
    expect(listed!.prefix.length).toBeLessThan(created.token.length / 2);
    expect(raw).not.toContain(created.token);
    expect(raw).not.toContain(created.token.slice(10));

    const stored = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(10));
  });

  it('a token carries its user rights and nothing more', async () => {
    const { token: marketing } = await t.userWithToken({ role: 'marketing' });
    const created = await createToken(marketing, 'newsletter-tool');
    expect((await t.call(created.token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
    const denied = await t.call(created.token, {
      method: 'POST',
      url: '/api/v1/persons',
      body: personBody(),
    });
    expect(denied.statusCode).toBe(403);
    expect((await t.call(created.token, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
  });

  it('records when a token was last used', async () => {
    const { token: own } = await t.userWithToken({ role: 'sales' });
    const created = await createToken(own, 'reporting');
    expect((await listTokens(own)).items.find((i) => i.id === created.id)?.lastUsedAt).toBeNull();
    expect((await t.call(created.token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
    const lastUsedAt = (await listTokens(own)).items.find((i) => i.id === created.id)?.lastUsedAt;
    expect(lastUsedAt).not.toBeNull();
    expect(Math.abs(Date.parse(lastUsedAt!) - Date.now())).toBeLessThan(60_000);
  });

  it('a revoked token gets 401 token_revoked and is listed as revoked', async () => {
    const { token: own } = await t.userWithToken({ role: 'sales' });
    const created = await createToken(own, 'old-script');
    expect((await t.call(created.token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);

    const revoke = await t.call(own, { method: 'DELETE', url: `/api/v1/tokens/${created.id}` });
    expect(revoke.statusCode).toBe(204);
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/persons' },
      { method: 'POST' as const, url: '/api/v1/persons', body: personBody() },
      { method: 'GET' as const, url: '/api/v1/tokens' },
    ]) {
      const res = await t.call(created.token, request);
      expect(res.statusCode, request.method).toBe(401);
      expect(res.json().code).toBe('token_revoked');
    }
    const listed = (await listTokens(own)).items.find((i) => i.id === created.id);
    expect(listed?.revokedAt).not.toBeNull();
    // revoking twice finds nothing left to revoke; the user's other token still works
    expect((await t.call(own, { method: 'DELETE', url: `/api/v1/tokens/${created.id}` })).statusCode).toBe(
      404,
    );
    expect((await t.call(own, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
  });

  it("a user neither sees nor can revoke another user's token (404), not even an admin", async () => {
    const alice = await t.userWithToken({ role: 'sales' });
    const bob = await t.userWithToken({ role: 'sales' });
    const alicesToken = await createToken(alice.token, 'alice-script');

    expect((await listTokens(bob.token)).items.map((i) => i.id)).not.toContain(alicesToken.id);
    for (const actor of [bob.token, t.adminToken]) {
      const res = await t.call(actor, { method: 'DELETE', url: `/api/v1/tokens/${alicesToken.id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await t.call(alicesToken.token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);
    expect((await listTokens(alice.token)).items.find((i) => i.id === alicesToken.id)?.revokedAt).toBeNull();
  });

  it('refuses a token without a name and an unknown token', async () => {
    const { token: own } = await t.userWithToken({ role: 'sales' });
    const res = await t.call(own, { method: 'POST', url: '/api/v1/tokens', body: { name: '  ' } });
    expect(res.statusCode).toBe(422);
    const unknown = await t.call(`${own}x`, { method: 'GET', url: '/api/v1/persons' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('unauthenticated');
    const anonymous = await t.call(null, { method: 'GET', url: '/api/v1/tokens' });
    expect(anonymous.statusCode).toBe(401);
  });
});
