import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

export const listUsers = (tx: Tx) =>
  tx
    .selectFrom('users as u')
    .select(['u.id', 'u.email', 'u.display_name', 'u.role', 'u.totp_enabled_at', 'u.disabled_at'])
    .select(
      sql<
        { id: string; name: string }[]
      >`coalesce((select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name)
        from user_departments ud join departments d on d.id = ud.department_id where ud.user_id = u.id), '[]'::json)`.as(
        'departments',
      ),
    )
    .orderBy('u.email')
    .execute();
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export const findUserByEmail = (tx: Tx, email: string) =>
  tx
    .selectFrom('users')
    .select(['id', 'tenant_id', 'disabled_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();

export const insertUser = (
  tx: Tx,
  values: { tenant_id: string; email: string; display_name: string; password_hash: string; role: string },
) => tx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();

export const updateUser = (tx: Tx, id: string, values: { role?: string; disabled_at?: Date | null }) =>
  tx.updateTable('users').set(values).where('id', '=', id).returning('id').executeTakeFirst();

export const setDepartments = async (tx: Tx, tenantId: string, userId: string, departmentIds: string[]) => {
  await tx.deleteFrom('user_departments').where('user_id', '=', userId).execute();
  if (departmentIds.length === 0) return;
  await tx
    .insertInto('user_departments')
    .values(
      [...new Set(departmentIds)].map((department_id) => ({
        tenant_id: tenantId,
        user_id: userId,
        department_id,
      })),
    )
    .execute();
};

export const countActiveAdmins = async (tx: Tx, exceptId: string) =>
  (
    await tx
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .where('id', '<>', exceptId)
      .executeTakeFirstOrThrow()
  ).n;

export const existingDepartments = async (tx: Tx, ids: string[]) =>
  ids.length === 0
    ? []
    : (await tx.selectFrom('departments').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
