import { randomUUID } from 'node:crypto';
import { asSystem } from '../../src/db/tenant.ts';
import type { Role } from '../../src/domain/permissions/roles.ts';
import { DEFAULT_PURPOSES } from '../../src/domain/privacy/purposes.ts';
import { hashPassword } from '../../src/modules/auth/password.ts';
import { provisionTenantKeys } from '../../src/modules/keys/keys.service.ts';
import { DEFAULT_DEPARTMENTS } from '../../src/modules/setup/setup.service.ts';
import { createToken } from '../../src/modules/tokens/tokens.service.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { ADMIN_PASSWORD, type TestApp } from './app.ts';

export type ExtraTenant = Awaited<ReturnType<typeof createExtraTenant>>;

/**
 * A further tenant in the test app's database, inserted the way `initInstallation` does (tenant,
 * keys, default departments, built-in purposes, one admin) but via `asSystem` directly, because the public
 * set-up refuses a second tenant. E-mail addresses are global, so every user gets the `label` prefix.
 */
export const createExtraTenant = async (t: TestApp, { label }: { label: string }) => {
  const tenantId = randomUUID();
  const passwordHash = await hashPassword(ADMIN_PASSWORD);
  const adminId = await asSystem(t.db.kysely, async (tx) => {
    await tx
      .insertInto('tenants')
      .values({ id: tenantId, tenant_id: tenantId, name: `${label} GmbH` })
      .execute();
    await provisionTenantKeys(tx, t.ctx, tenantId);
    await tx
      .insertInto('departments')
      .values(DEFAULT_DEPARTMENTS.map((name) => ({ tenant_id: tenantId, name })))
      .execute();
    await tx
      .insertInto('purposes')
      .values(
        DEFAULT_PURPOSES.map((p) => ({
          tenant_id: tenantId,
          id: p.id,
          label_de: p.labelDe,
          label_en: p.labelEn,
          description_de: p.descriptionDe,
          description_en: p.descriptionEn,
          legal_bases: p.legalBases,
          built_in: true,
        })),
      )
      .execute();
    const admin = await tx
      .insertInto('users')
      .values({
        tenant_id: tenantId,
        email: `admin@${label}.example`,
        display_name: `${label} Admin`,
        password_hash: passwordHash,
        role: 'admin',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return admin.id;
  });
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
