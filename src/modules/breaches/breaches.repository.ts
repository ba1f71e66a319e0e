import { type Insertable, sql, type Updateable } from 'kysely';
import type { BreachEventsTable, BreachesTable } from '../../db/schema-accountability.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of the breach register. Row-level security is on `tx`; the app role cannot delete breaches. */

const breachColumns = [
  'b.id',
  'b.number',
  'b.title',
  'b.description',
  'b.occurred_at',
  'b.aware_at',
  'b.reported_by',
  'u.display_name as reported_by_name',
  'b.nature',
  'b.data_categories',
  'b.subject_categories',
  'b.subjects_approx',
  'b.records_approx',
  'b.contact',
  'b.consequences',
  'b.measures',
  'b.risk',
  'b.risk_reasoning',
  'b.authority_notified_at',
  'b.authority_reference',
  'b.late_reason',
  'b.subjects_decision',
  'b.subjects_decision_reason',
  'b.subjects_informed_at',
  'b.status',
  'b.closed_at',
  'b.version',
  'b.created_at',
  'b.updated_at',
] as const;

const selectBreaches = (tx: Tx) =>
  tx.selectFrom('breaches as b').leftJoin('users as u', 'u.id', 'b.reported_by').select(breachColumns);

export const findBreach = (tx: Tx, id: string) =>
  selectBreaches(tx).where('b.id', '=', id).executeTakeFirst();
export type BreachRow = NonNullable<Awaited<ReturnType<typeof findBreach>>>;

/** Breaches newest first (by report), optionally only open or closed ones. */
export const listBreaches = (tx: Tx, status: 'open' | 'closed' | 'all') => {
  let q = selectBreaches(tx);
  if (status !== 'all') q = q.where('b.status', '=', status);
  return q.orderBy('b.created_at', 'desc').orderBy('b.number', 'desc').execute();
};

export const insertBreach = (tx: Tx, values: Insertable<BreachesTable> & { id: string }) =>
  tx.insertInto('breaches').values(values).execute();

/** Updates the breach only at the version read; false when another change came first. */
export const updateBreach = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<BreachesTable>,
): Promise<boolean> => {
  const row = await tx
    .updateTable('breaches')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
};

export const insertEvent = (tx: Tx, values: Insertable<BreachEventsTable>) =>
  tx.insertInto('breach_events').values(values).execute();

/** A breach's history, oldest first, with the acting user's name. */
export const listEvents = (tx: Tx, breachId: string) =>
  tx
    .selectFrom('breach_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.kind', 'e.detail', 'u.display_name as actor_name', 'e.at'])
    .where('e.breach_id', '=', breachId)
    .orderBy('e.at')
    // events of one instant (e.g. reported and assessed at once) in the order of the workflow
    .orderBy(
      sql`array_position(array['reported', 'assessed', 'authority_notified', 'subjects_decided', 'closed', 'reopened'], e.kind)`,
    )
    .execute();
