import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  DataTypesTable,
  DeletionClassesTable,
  RetentionPeriodsTable,
} from '../../db/schema-retention.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of the deletion concept. Row-level security is on `tx`. */

export const listPeriods = (tx: Tx) => tx.selectFrom('retention_periods').selectAll().orderBy('id').execute();
export type PeriodRow = Awaited<ReturnType<typeof listPeriods>>[number];

export const listClasses = (tx: Tx) => tx.selectFrom('deletion_classes').selectAll().orderBy('id').execute();
export type ClassRow = Awaited<ReturnType<typeof listClasses>>[number];

export const findPeriod = (tx: Tx, id: string) =>
  tx.selectFrom('retention_periods').selectAll().where('id', '=', id).executeTakeFirst();

/** A class with its period. */
export const findClass = (tx: Tx, id: string) =>
  tx
    .selectFrom('deletion_classes as c')
    .innerJoin('retention_periods as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.period_id'),
    )
    .select(['c.id', 'c.period_id', 'c.start_type', 'p.years', 'p.months', 'p.days', 'p.round_to_year_end'])
    .where('c.id', '=', id)
    .executeTakeFirst();

export const findClassByCell = (tx: Tx, periodId: string, startType: string) =>
  tx
    .selectFrom('deletion_classes')
    .select('id')
    .where('period_id', '=', periodId)
    .where('start_type', '=', startType as never)
    .executeTakeFirst();

export const insertPeriod = (tx: Tx, values: Insertable<RetentionPeriodsTable>) =>
  tx.insertInto('retention_periods').values(values).execute();

export const insertClass = (tx: Tx, values: Insertable<DeletionClassesTable>) =>
  tx.insertInto('deletion_classes').values(values).execute();

const selectDataTypes = (tx: Tx) =>
  tx
    .selectFrom('data_types as d')
    .innerJoin('deletion_classes as c', (j) =>
      j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.deletion_class_id'),
    )
    .innerJoin('retention_periods as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.period_id'),
    )
    .innerJoin('purposes as u', (j) =>
      j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.purpose_id'),
    )
    .selectAll('d')
    .select([
      'c.period_id',
      'c.start_type',
      'p.years',
      'p.months',
      'p.days',
      'p.round_to_year_end',
      'p.label_de as period_label_de',
      'p.label_en as period_label_en',
      'u.label_de as purpose_label_de',
      'u.label_en as purpose_label_en',
    ]);

export const listDataTypes = (tx: Tx, jurisdiction: string) =>
  selectDataTypes(tx).where('d.jurisdiction', '=', jurisdiction).orderBy('d.id').execute();
export type DataTypeRow = Awaited<ReturnType<typeof listDataTypes>>[number];

export const findDataType = (tx: Tx, id: string) =>
  selectDataTypes(tx).where('d.id', '=', id).executeTakeFirst();

/** The active data type that already carries out this target in the jurisdiction, other than `exceptId`. */
export const targetHolder = (tx: Tx, input: { jurisdiction: string; target: string; exceptId: string }) =>
  tx
    .selectFrom('data_types')
    .select(['id', 'name_de', 'name_en'])
    .where('jurisdiction', '=', input.jurisdiction)
    .where('target', '=', input.target)
    .where('active', '=', true)
    .where('id', '<>', input.exceptId)
    .executeTakeFirst();

export const purposeExists = async (tx: Tx, id: string) =>
  (await tx.selectFrom('purposes').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export const dataTypeExists = async (tx: Tx, id: string) =>
  (await tx.selectFrom('data_types').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export const insertDataType = (tx: Tx, values: Insertable<DataTypesTable>) =>
  tx.insertInto('data_types').values(values).execute();

/** Updates the data type only at the version read; false when another change came first. */
export const updateDataType = async (
  tx: Tx,
  input: { id: string; version: number; values: Updateable<DataTypesTable> },
): Promise<boolean> =>
  (await tx
    .updateTable('data_types')
    .set({ ...input.values, version: input.version + 1 })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .returning('id')
    .executeTakeFirst()) !== undefined;

/** The tenant's settings (jsonb). */
export const tenantSettings = async (tx: Tx, tenantId: string) =>
  ((await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst())
    ?.settings ?? {}) as Record<string, unknown>;

/** Sets the tenant's jurisdiction, leaving the other settings as they are. */
export const setJurisdiction = (tx: Tx, tenantId: string, jurisdiction: string) =>
  tx
    .updateTable('tenants')
    .set({
      settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('jurisdiction', ${jurisdiction}::text)`,
    })
    .where('id', '=', tenantId)
    .execute();
