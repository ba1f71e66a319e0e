import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { sessionCookieOf } from '../../../test/support/cookies.ts';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { asSystem } from '../../db/tenant.ts';

const PASSWORD = 'a perfectly long password';

describe.each(testDatabaseKinds())('users API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const listUsers = async () => {
    const res = await t.call(t.adminToken, { method: 'GET', url: '/api/v1/users' });
    expect(res.statusCode).toBe(200);
    return res.json().items as { id: string; email: string; role: string; disabled: boolean }[];
  };
  const patchUser = (id: string, body: Record<string, unknown>, token = t.adminToken) =>
    t.call(token, { method: 'PATCH', url: `/api/v1/users/${id}`, body });

  it('an admin creates a user with role and departments; the user can log in with those rights', async () => {
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/users',
      body: {
        email: 'Berta.Vogel@Example.de',
        displayName: 'Berta Vogel',
        password: PASSWORD,
        role: 'sales',
        departmentIds: [t.departmentId('Vertrieb'), t.departmentId('Marketing')],
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'berta.vogel@example.de',
      displayName: 'Berta Vogel',
      role: 'sales',
      departments: [
        { id: t.departmentId('Marketing'), name: 'Marketing' },
        { id: t.departmentId('Vertrieb'), name: 'Vertrieb' },
      ],
      totpEnabled: false,
      disabled: false,
    });
    expect(JSON.stringify(user)).not.toContain(PASSWORD);
    expect((await listUsers()).find((u) => u.id === user.id)).toEqual(user);

    const session = await login('berta.vogel@example.de', PASSWORD);
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toMatchObject({ id: user.id, role: 'sales' });
    // a sales user is no admin
    const cookie = sessionCookieOf(session).value;
    const asBerta = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: `custos_session=${cookie}` },
    });
    expect(asBerta.statusCode).toBe(403);
  });

  it('changes role and departments of a user', async () => {
    const { user } = await t.userWithToken({ role: 'readonly', departmentNames: ['Buchhaltung'] });
    const res = await patchUser(user.id, {
      role: 'accounting',
      departmentIds: [t.departmentId('Kundenservice')],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      role: 'accounting',
      departments: [{ id: t.departmentId('Kundenservice'), name: 'Kundenservice' }],
    });
    const session = await login(user.email, ADMIN_PASSWORD);
    expect(session.json().user).toMatchObject({
      role: 'accounting',
      departments: [{ name: 'Kundenservice' }],
    });
  });

  it.each(['dpo', 'sales', 'marketing', 'support', 'accounting', 'readonly'] as const)(
    'a %s user gets 403 on user management and changes nothing',
    async (role) => {
      const { token, user } = await t.userWithToken({ role });
      const before = await listUsers();
      const list = await t.call(token, { method: 'GET', url: '/api/v1/users' });
      expect(list.statusCode).toBe(403);
      expect(list.json().code).toBe('forbidden');
      const create = await t.call(token, {
        method: 'POST',
        url: '/api/v1/users',
        body: { email: `made-by-${role}@example.de`, displayName: 'X', password: PASSWORD, role: 'admin' },
      });
      expect(create.statusCode).toBe(403);
      const promote = await patchUser(user.id, { role: 'admin' }, token);
      expect(promote.statusCode).toBe(403);
      const disableAdmin = await patchUser(t.adminId, { disabled: true }, token);
      expect(disableAdmin.statusCode).toBe(403);
      expect(await listUsers()).toEqual(before);
    },
  );

  it('refuses a duplicate e-mail (in any letter case) with 409 email_taken', async () => {
    const before = await listUsers();
    for (const email of [ADMIN_EMAIL, ADMIN_EMAIL.toUpperCase()]) {
      const res = await t.call(t.adminToken, {
        method: 'POST',
        url: '/api/v1/users',
        body: { email, displayName: 'Doppelt', password: PASSWORD, role: 'readonly' },
      });
      expect(res.statusCode, email).toBe(409);
      expect(res.json().code).toBe('email_taken');
    }
    expect(await listUsers()).toEqual(before);
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an unknown department with 422 unknown_department, on create and on change', async () => {
    const before = await listUsers();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await t.call(t.adminToken, {
      method: 'POST',
      url: '/api/v1/users',
      body: {
        email: 'ghost@example.de',
        displayName: 'Ghost',
        password: PASSWORD,
        role: 'sales',
        departmentIds: [t.departmentId('Vertrieb'), unknown],
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('unknown_department');
    expect(await listUsers()).toEqual(before);

    const { user } = await t.userWithToken({ role: 'sales', departmentNames: ['Vertrieb'] });
    const change = await patchUser(user.id, { departmentIds: [unknown] });
    expect(change.statusCode).toBe(422);
    expect(change.json().code).toBe('unknown_department');
    const after = (await listUsers()).find((u) => u.id === user.id);
    expect(after).toMatchObject({ departments: [{ name: 'Vertrieb' }] });
  });

  it('refuses weak input: short password, bad e-mail, unknown role', async () => {
    for (const body of [
      { email: 'short@example.de', displayName: 'S', password: 'elf Zeichen', role: 'sales' },
      { email: 'not-an-email', displayName: 'S', password: PASSWORD, role: 'sales' },
      { email: 'root@example.de', displayName: 'S', password: PASSWORD, role: 'superuser' },
    ]) {
      const res = await t.call(t.adminToken, { method: 'POST', url: '/api/v1/users', body });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('the last active admin can be neither disabled nor demoted (409 last_admin)', async () => {
    const admins = () => listUsers().then((us) => us.filter((u) => u.role === 'admin' && !u.disabled));
    expect((await admins()).map((u) => u.id)).toEqual([t.adminId]);
    for (const patch of [{ disabled: true }, { role: 'sales' }, { role: 'readonly', disabled: true }]) {
      const res = await patchUser(t.adminId, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(409);
      expect(res.json().code).toBe('last_admin');
    }
    expect((await admins()).map((u) => u.id)).toEqual([t.adminId]);
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);

    // with a second active admin, one of them may go; then the remaining one is the last again
    const second = await t.userWithToken({ role: 'admin' });
    const off = await patchUser(second.user.id, { disabled: true }, t.adminToken);
    expect(off.statusCode).toBe(200);
    expect(off.json().disabled).toBe(true);
    // a disabled admin does not count as an admin who could take over
    const res = await patchUser(t.adminId, { role: 'dpo' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('last_admin');

    const third = await t.userWithToken({ role: 'admin' });
    const demoteFirst = await patchUser(t.adminId, { role: 'dpo' }, third.token);
    expect(demoteFirst.statusCode).toBe(200);
    expect(demoteFirst.json().role).toBe('dpo');
    // the third is now the last admin and cannot demote themself
    const selfDemote = await patchUser(third.user.id, { role: 'sales' }, third.token);
    expect(selfDemote.statusCode).toBe(409);
    expect(selfDemote.json().code).toBe('last_admin');
    // restore: the first admin is admin again
    expect((await patchUser(t.adminId, { role: 'admin' }, third.token)).statusCode).toBe(200);
  });

  it('disabling a user ends their sessions and their tokens stop working (403 user_disabled)', async () => {
    const { user, token } = await t.userWithToken({ role: 'sales' });
    const session = await login(user.email, ADMIN_PASSWORD);
    const cookie = `custos_session=${sessionCookieOf(session).value}`;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/persons', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await t.call(token, { method: 'GET', url: '/api/v1/persons' })).statusCode).toBe(200);

    const res = await patchUser(user.id, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, disabled: true });

    const bySession = await t.app.inject({ method: 'GET', url: '/api/v1/persons', headers: { cookie } });
    expect(bySession.statusCode).toBe(401);
    const sessions = await asSystem(t.db.kysely, (tx) =>
      tx.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
    );
    expect(sessions).toEqual([]);
    const byToken = await t.call(token, { method: 'GET', url: '/api/v1/persons' });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().code).toBe('user_disabled');
    const again = await login(user.email, ADMIN_PASSWORD);
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('user_disabled');
    expect((await listUsers()).find((u) => u.id === user.id)?.disabled).toBe(true);
  });

  it('answers 404 for an unknown user id', async () => {
    const res = await patchUser('00000000-0000-4000-8000-000000000000', { role: 'sales' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
