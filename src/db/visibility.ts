import { type SqlBool, sql } from 'kysely';
import { type Role, seesAllDepartments } from '../domain/permissions/roles.ts';

/** What an actor may see beyond the tenant: all departments, or these ones (plus unscoped records). */
export type Visibility = { allDepartments: boolean; departmentIds: string[] };

/** SQL condition for logical data separation on a table alias with a `department_ids uuid[]` column. */
export const departmentScope = (v: Visibility, alias: string) =>
  v.allDepartments
    ? sql<SqlBool>`true`
    : sql<SqlBool>`(cardinality(${sql.ref(`${alias}.department_ids`)}) = 0 or ${sql.ref(`${alias}.department_ids`)} && ${sql.val(v.departmentIds)}::uuid[])`;

/** The visibility of an actor: admin and DPO see every department. */
export const visibilityOf = (actor: { role: Role; departmentIds: string[] }): Visibility => ({
  allDepartments: seesAllDepartments(actor.role),
  departmentIds: actor.departmentIds,
});
