import { type Insertable, sql, type Updateable } from 'kysely';
import type { DpiasTable, StoredDpiaRisk } from '../../db/schema-dpia.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of the DPIA module. Row-level security is on `tx`; the app role cannot delete DPIAs. */

const dpiaColumns = [
  'd.id',
  'd.purpose_id',
  'd.series_id',
  'd.revision',
  'd.previous_id',
  'd.title',
  'd.status',
  'd.triggers',
  'd.answers',
  'd.risks',
  'd.dpo_opinion',
  'd.consultation_at',
  'd.consultation_reference',
  'd.review_at',
  'd.signed_off_at',
  'u.display_name as signed_off_by_name',
  'd.version',
  'd.created_at',
  'd.updated_at',
] as const;

const selectDpias = (tx: Tx) =>
  tx.selectFrom('dpias as d').leftJoin('users as u', 'u.id', 'd.signed_off_by').select(dpiaColumns);

export const findDpia = (tx: Tx, id: string) => selectDpias(tx).where('d.id', '=', id).executeTakeFirst();
export type DpiaRow = NonNullable<Awaited<ReturnType<typeof findDpia>>>;

/** Every DPIA, by purpose and newest revision first. */
export const listDpias = (tx: Tx) =>
  selectDpias(tx).orderBy('d.purpose_id').orderBy('d.revision', 'desc').execute();

export const findSeriesOfPurpose = (tx: Tx, purposeId: string) =>
  tx
    .selectFrom('dpias')
    .select(['id', 'series_id'])
    .where('purpose_id', '=', purposeId)
    .where('revision', '=', 1)
    .executeTakeFirst();

export const findDraftOfSeries = (tx: Tx, seriesId: string) =>
  tx
    .selectFrom('dpias')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'draft')
    .executeTakeFirst();

export const insertDpia = (tx: Tx, values: Insertable<DpiasTable> & { id: string }) =>
  tx.insertInto('dpias').values(values).execute();

/** Updates the DPIA only at the version read; false when another change came first. */
export const updateDpia = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<DpiasTable>,
): Promise<boolean> => {
  const row = await tx
    .updateTable('dpias')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
};

/** The signed-off revisions of a series other than `keepId` become superseded. */
export const supersedeOthers = (tx: Tx, seriesId: string, keepId: string, now: Date) =>
  tx
    .updateTable('dpias')
    .set({ status: 'superseded', updated_at: now, version: sql`version + 1` })
    .where('series_id', '=', seriesId)
    .where('status', '=', 'signed_off')
    .where('id', '<>', keepId)
    .execute();

export const jsonRisks = (risks: StoredDpiaRisk[]) => JSON.stringify(risks);

// ---- screening -------------------------------------------------------------------------------------

export const listPurposes = (tx: Tx) =>
  tx.selectFrom('purposes').select(['id', 'label_de', 'label_en']).orderBy('id').execute();

export const listScreenings = (tx: Tx) =>
  tx
    .selectFrom('dpia_screenings')
    .select(['purpose_id', 'criteria', 'note', 'screened_at', 'version'])
    .execute();

export const findScreening = (tx: Tx, purposeId: string) =>
  tx
    .selectFrom('dpia_screenings')
    .select(['purpose_id', 'criteria', 'note', 'version'])
    .where('purpose_id', '=', purposeId)
    .executeTakeFirst();

export const insertScreening = (
  tx: Tx,
  values: {
    tenant_id: string;
    purpose_id: string;
    criteria: string[];
    note: string | null;
    screened_by: string;
    screened_at: Date;
  },
) =>
  tx
    .insertInto('dpia_screenings')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning('version')
    .executeTakeFirst();

export const updateScreening = (
  tx: Tx,
  purposeId: string,
  version: number,
  values: { criteria: string[]; note: string | null; screened_by: string; screened_at: Date },
) =>
  tx
    .updateTable('dpia_screenings')
    .set({ ...values, version: version + 1 })
    .where('purpose_id', '=', purposeId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();

/** Persons with special-category data (accessibility needs: health, Art. 9) per purpose. */
export const specialCategoryCounts = (tx: Tx) =>
  sql<{ purpose_id: string; count: number }>`
    select p.purpose_id, count(*)::int as count
    from persons, unnest(persons.purposes) as p(purpose_id)
    where persons.accessibility_needs is not null
    group by p.purpose_id`
    .execute(tx)
    .then((r) => r.rows);

/** Active segments of a purpose that select people by behaviour (interactions, deals, orders). */
export const behaviourSegmentCounts = (tx: Tx) =>
  sql<{ purpose_id: string; count: number }>`
    select s.purpose_id, count(*)::int as count
    from segments s
    where s.archived_at is null and s.purpose_id is not null
      and exists (
        select 1 from jsonb_array_elements(coalesce(s.definition -> 'conditions', '[]'::jsonb)) c
        where c ->> 'field' in ('lastInteraction', 'deal', 'order')
      )
    group by s.purpose_id`
    .execute(tx)
    .then((r) => r.rows);

/** Per purpose: the latest signed-off revision (id, signed-off, review date) and the open draft. */
export const dpiaStandings = (tx: Tx) =>
  sql<{
    purpose_id: string;
    signed_id: string | null;
    signed_off_at: Date | null;
    review_at: string | null;
    draft_id: string | null;
  }>`
    select d.purpose_id,
      (array_agg(d.id order by d.revision desc) filter (where d.status = 'signed_off'))[1] as signed_id,
      max(d.signed_off_at) filter (where d.status = 'signed_off') as signed_off_at,
      (array_agg(d.review_at::text order by d.revision desc) filter (where d.status = 'signed_off'))[1] as review_at,
      (array_agg(d.id) filter (where d.status = 'draft'))[1] as draft_id
    from dpias d
    group by d.purpose_id`
    .execute(tx)
    .then((r) => r.rows);
