import { asSystem } from '../../src/db/tenant.ts';
import type { Role } from '../../src/domain/permissions/roles.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { createTenant } from '../../src/modules/setup/setup.service.ts';
import { createToken } from '../../src/modules/tokens/tokens.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { ADMIN_PASSWORD, type TestApp } from './app.ts';

export type ExtraTenant = Awaited<ReturnType<typeof createExtraTenant>>;

/**
 * A further tenant in the test app's database, created by the same `createTenant` as the set-up
 * (tenant, keys, default departments and purposes, one admin), because the public set-up refuses a
 * second tenant. E-mail addresses are global, so every user gets the `label` prefix.
 */
export const createExtraTenant = async (t: TestApp, { label }: { label: string }) => {
  const passwordHash = await hashPassword(ADMIN_PASSWORD);
  const { tenantId, adminId } = await asSystem(t.db.kysely, (tx) =>
    createTenant(tx, t.ctx, {
      organizationName: `${label} GmbH`,
      adminEmail: `admin@${label}.example`,
      adminName: `${label} Admin`,
      passwordHash,
    }),
  );
  const adminToken = (await createToken(t.ctx, { tenantId, userId: adminId, name: 'test' })).token;
  const departments = await asSystem(t.db.kysely, (tx) =>
    tx.selectFrom('departments').select(['id', 'name']).where('tenant_id', '=', tenantId).execute(),
  );
  const departmentId = (name: string) => {
    const d = departments.find((x) => x.name === name);
    if (!d) throw new Error(`no department ${name} in ${label}`);
    return d.id;
  };

  let userCounter = 0;
  /** A user of this tenant with this role and departments, and a bearer token acting for them. */
  const userWithToken = async ({
    role,
    departmentNames = [],
  }: {
    role: Role;
    departmentNames?: string[];
  }) => {
    userCounter += 1;
    const user = await createUser(t.ctx, {
      tenantId,
      input: {
        email: `${role}${userCounter}@${label}.example`,
        displayName: `${label} ${role} ${userCounter}`,
        password: ADMIN_PASSWORD,
        role,
        departmentIds: departmentNames.map(departmentId),
      },
    });
    const { token } = await createToken(t.ctx, { tenantId, userId: user.id, name: 'test' });
    return { user, token };
  };

  return { tenantId, adminId, adminToken, departmentId, userWithToken };
};
