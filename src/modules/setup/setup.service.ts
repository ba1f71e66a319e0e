import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { asSystem, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_CUSTOMER_GROUPS, DEFAULT_PIPELINE } from '../../domain/pipeline/default-pipeline.ts';
import { DEFAULT_PURPOSES } from '../../domain/privacy/purposes.ts';
import type { AppContext } from '../../server/context.ts';
import { hashPassword } from '../auth/password.ts';
import { provisionTenantKeys } from '../keys/keys.service.ts';
import { ensureDeletionConcept } from '../retention/deletion-concept.rules.ts';

export const DEFAULT_DEPARTMENTS = ['Vertrieb', 'Kundenservice', 'Buchhaltung', 'Marketing'];

export const isInitialized = async (ctx: AppContext): Promise<boolean> =>
  asSystem(
    ctx.db.kysely,
    async (tx) => (await tx.selectFrom('tenants').select('id').limit(1).execute()).length > 0,
  );

export type InitInput = {
  organizationName: string;
  adminEmail: string;
  adminPassword: string;
  adminName: string;
};

/**
 * Creates a tenant with its keys, the default departments, purposes, pipeline and customer groups, and its first administrator,
 * inside the caller's (owner-role) transaction.
 */
export const createTenant = async (
  tx: Tx,
  ctx: AppContext,
  input: { organizationName: string; adminEmail: string; adminName: string; passwordHash: string },
) => {
  const tenantId = randomUUID();
  await tx
    .insertInto('tenants')
    .values({ id: tenantId, tenant_id: tenantId, name: input.organizationName })
    .execute();
  await provisionTenantKeys(tx, ctx, tenantId);
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
  await tx
    .insertInto('pipeline_stages')
    .values(
      DEFAULT_PIPELINE.map((s, position) => ({
        tenant_id: tenantId,
        name_de: s.nameDe,
        name_en: s.nameEn,
        position,
        probability: s.probability,
        outcome: s.outcome,
      })),
    )
    .execute();
  await tx
    .insertInto('customer_groups')
    .values(DEFAULT_CUSTOMER_GROUPS.map((name) => ({ tenant_id: tenantId, name })))
    .execute();
  await ensureDeletionConcept(tx, { tenantId });
  const admin = await tx
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      email: input.adminEmail.toLowerCase(),
      display_name: input.adminName,
      password_hash: input.passwordHash,
      role: 'admin',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { tenantId, adminId: admin.id };
};

/**
 * Sets up an empty installation: one tenant, the default departments and purposes, one admin.
 * All in one transaction under an advisory lock; a second run changes nothing and says so.
 */
export const initInstallation = async (ctx: AppContext, input: InitInput) => {
  const passwordHash = await hashPassword(input.adminPassword);
  return asSystem(ctx.db.kysely, async (tx) => {
    await sql`select pg_advisory_xact_lock(74657302)`.execute(tx);
    const existing = await tx.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
    if (existing) throw new AppError('already_initialized');
    return createTenant(tx, ctx, { ...input, passwordHash });
  });
};
