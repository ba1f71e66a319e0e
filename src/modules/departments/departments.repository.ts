import type { Tx } from '../../db/tenant.ts';

export const listDepartments = (tx: Tx) =>
  tx.selectFrom('departments').select(['id', 'name']).orderBy('name').execute();

export const findDepartmentByName = (tx: Tx, name: string) =>
  tx
    .selectFrom('departments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();

export const insertDepartment = (tx: Tx, values: { tenant_id: string; name: string }) =>
  tx.insertInto('departments').values(values).returning(['id', 'name']).executeTakeFirstOrThrow();
