import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import type { AppContext } from '../../server/context.ts';
import { type AuditActor, recordAudit } from '../audit/audit.service.ts';
import { deleteSessionsOfUser } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/password.ts';
import * as repo from './users.repository.ts';
import type { UserCreateInput, UserPatchInput } from './users.schemas.ts';

const toUser = (r: repo.UserRow) => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as Role,
  departments: r.departments,
  totpEnabled: r.totp_enabled_at != null,
  disabled: r.disabled_at != null,
});

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export const listUsers = (ctx: AppContext, { tenantId }: { tenantId: string }) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => (await repo.listUsers(tx)).map(toUser));

export const createUser = async (
  ctx: AppContext,
  { tenantId, input, by = null }: { tenantId: string; input: UserCreateInput; by?: AuditActor },
) => {
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTenant(ctx.db.kysely, tenantId, async (tx) => {
      const known = await repo.existingDepartments(tx, input.departmentIds);
      const unknown = input.departmentIds.find((id) => !known.includes(id));
      if (unknown) throw new AppError('unknown_department', { params: { id: unknown } });
      const { id } = await repo.insertUser(tx, {
        tenant_id: tenantId,
        email: input.email,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
      });
      await repo.setDepartments(tx, tenantId, id, input.departmentIds);
      await recordAudit(tx, ctx, tenantId, {
        actor: by,
        action: 'settings_change',
        subject: { type: 'user', id },
        fields: ['role', 'departments'],
        note: `user created with role ${input.role}`,
      });
      return toUser((await repo.listUsers(tx)).find((u) => u.id === id)!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken');
    throw error;
  }
};

/** Changes role, departments or the disabled flag; the last active admin stays an active admin. */
export const updateUser = (
  ctx: AppContext,
  {
    tenantId,
    id,
    patch,
    by = null,
  }: { tenantId: string; id: string; patch: UserPatchInput; by?: AuditActor },
) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const current = (await repo.listUsers(tx)).find((u) => u.id === id);
    if (!current) throw new AppError('not_found', { params: { entity: 'user' } });
    const losesAdmin =
      current.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && (await repo.countActiveAdmins(tx, id)) === 0) throw new AppError('last_admin');
    if (patch.departmentIds) {
      const known = await repo.existingDepartments(tx, patch.departmentIds);
      const unknown = patch.departmentIds.find((d) => !known.includes(d));
      if (unknown) throw new AppError('unknown_department', { params: { id: unknown } });
      await repo.setDepartments(tx, tenantId, id, patch.departmentIds);
    }
    const values: { role?: string; disabled_at?: Date | null } = {};
    if (patch.role) values.role = patch.role;
    if (patch.disabled !== undefined)
      values.disabled_at = patch.disabled ? (current.disabled_at ?? ctx.now()) : null;
    if (Object.keys(values).length > 0) await repo.updateUser(tx, id, values);
    if (patch.disabled) await deleteSessionsOfUser(tx, id);
    const fields = Object.keys(patch).filter((k) => patch[k as keyof UserPatchInput] !== undefined);
    if (fields.length > 0) {
      await recordAudit(tx, ctx, tenantId, {
        actor: by,
        action: 'settings_change',
        subject: { type: 'user', id },
        fields,
        note: [
          patch.role && `role ${patch.role}`,
          patch.disabled === true && 'disabled',
          patch.disabled === false && 'enabled',
        ]
          .filter(Boolean)
          .join(', '),
      });
    }
    return toUser((await repo.listUsers(tx)).find((u) => u.id === id)!);
  });
