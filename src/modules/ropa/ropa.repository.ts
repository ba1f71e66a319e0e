import { type Insertable, sql, type Updateable } from 'kysely';
import type { RopaActivitiesTable, RopaSettingsTable } from '../../db/schema-ropa.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of the record of processing activities. Row-level security is on `tx`. */

export const findTenant = (tx: Tx, tenantId: string) =>
  tx.selectFrom('tenants').select(['name', 'settings']).where('id', '=', tenantId).executeTakeFirst();

export const findSettings = (tx: Tx) => tx.selectFrom('ropa_settings').selectAll().executeTakeFirst();
export type SettingsRow = NonNullable<Awaited<ReturnType<typeof findSettings>>>;

export const insertSettings = (tx: Tx, values: Insertable<RopaSettingsTable>) =>
  tx.insertInto('ropa_settings').values(values).execute();

/** Updates the settings only at the version read; false when another change came first. */
export const updateSettings = async (tx: Tx, version: number, values: Updateable<RopaSettingsTable>) =>
  (await tx
    .updateTable('ropa_settings')
    .set({ ...values, version: version + 1 })
    .where('version', '=', version)
    .returning('tenant_id')
    .executeTakeFirst()) !== undefined;

/** One controller activity per declared purpose: adds the missing ones as drafts. */
export const addMissingPurposeActivities = (tx: Tx, tenantId: string) =>
  sql`insert into ropa_activities (tenant_id, part, purpose_id)
      select ${tenantId}::uuid, 'controller', p.id from purposes p
      where not exists (select 1 from ropa_activities a where a.purpose_id = p.id)
      on conflict (tenant_id, purpose_id) where purpose_id is not null do nothing`.execute(tx);

const selectActivities = (tx: Tx) =>
  tx
    .selectFrom('ropa_activities as a')
    .leftJoin('users as u', 'u.id', 'a.confirmed_by')
    .selectAll('a')
    .select('u.display_name as confirmed_by_name');

export const listActivities = (tx: Tx) =>
  selectActivities(tx)
    .where('a.active', '=', true)
    .orderBy('a.part')
    .orderBy(sql`a.purpose_id is null`)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];

export const findActivity = (tx: Tx, id: string) =>
  selectActivities(tx).where('a.id', '=', id).executeTakeFirst();

export const insertActivity = (tx: Tx, values: Insertable<RopaActivitiesTable>) =>
  tx.insertInto('ropa_activities').values(values).returning('id').executeTakeFirstOrThrow();

export const updateActivity = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<RopaActivitiesTable>,
) =>
  (await tx
    .updateTable('ropa_activities')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst()) !== undefined;

export const listPurposes = (tx: Tx) =>
  tx
    .selectFrom('purposes')
    .select(['id', 'label_de', 'label_en', 'description_de', 'description_en', 'legal_bases'])
    .orderBy('id')
    .execute();

/** The active data types of a jurisdiction with their deletion rule (class, period). */
export const listDataTypes = (tx: Tx, jurisdiction: string) =>
  tx
    .selectFrom('data_types as d')
    .innerJoin('deletion_classes as c', (j) =>
      j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.deletion_class_id'),
    )
    .innerJoin('retention_periods as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.period_id'),
    )
    .select([
      'd.id',
      'd.purpose_id',
      'd.name_de',
      'd.name_en',
      'd.legal_basis',
      'd.subject_group',
      'd.data_categories',
      'd.start_event',
      'c.start_type',
      'p.label_de as period_de',
      'p.label_en as period_en',
    ])
    .where('d.active', '=', true)
    .where('d.jurisdiction', '=', jurisdiction)
    .orderBy('d.id')
    .execute();

/** Persons per purpose and kind: how many, and how many hold special-category data. Counts only. */
export const personStats = async (tx: Tx) =>
  (
    await sql<{ purpose_id: string; kind: string; n: number; special: number }>`
      select p.purpose_id, x.kind, count(*)::int as n, count(x.accessibility_needs)::int as special
      from persons x cross join lateral unnest(x.purposes) as p(purpose_id)
      group by p.purpose_id, x.kind`.execute(tx)
  ).rows;
