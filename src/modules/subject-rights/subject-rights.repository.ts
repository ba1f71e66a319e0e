import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of restriction, objection and field locks. Row-level security (tenant) is in force on `tx`. */

/** The facts the write guard needs about one person, in one statement; undefined when none. */
export const findGuardFacts = (tx: Tx, personId: string) =>
  tx
    .selectFrom('persons as p')
    .select(['p.id', 'p.restricted_at', 'p.marketing_objection_at'])
    .select(
      sql<
        string[]
      >`coalesce((select json_agg(l.field) from field_locks l where l.person_id = p.id), '[]'::json)`.as(
        'locked_fields',
      ),
    )
    .where('p.id', '=', personId)
    .executeTakeFirst();

export const isRestricted = async (tx: Tx, personId: string) =>
  (await tx
    .selectFrom('persons')
    .select('id')
    .where('id', '=', personId)
    .where('restricted_at', 'is not', null)
    .executeTakeFirst()) !== undefined;

const bumped = { version: sql`version + 1`, updated_at: sql`now()` };

/** Sets (reason already sealed) or, with nulls, lifts a restriction; a new version of the person. */
export const setRestriction = (tx: Tx, personId: string, at: Date | null, sealedReason: string | null) =>
  tx
    .updateTable('persons')
    .set({ restricted_at: at, restriction_reason: sealedReason, ...bumped } as never)
    .where('id', '=', personId)
    .execute();

export const setObjection = (tx: Tx, personId: string, at: Date, purposes: string[]) =>
  tx
    .updateTable('persons')
    .set({ marketing_objection_at: at, purposes, ...bumped } as never)
    .where('id', '=', personId)
    .execute();

export const listFieldLocks = (tx: Tx, personId: string) =>
  tx
    .selectFrom('field_locks as l')
    .leftJoin('users as u', 'u.id', 'l.locked_by')
    .select([
      'l.person_id',
      'l.field',
      'l.reason',
      'l.request_id',
      'l.locked_by',
      'u.display_name as locked_by_name',
      'l.locked_at',
    ])
    .where('l.person_id', '=', personId)
    .orderBy('l.field')
    .execute();
export type FieldLockRow = Awaited<ReturnType<typeof listFieldLocks>>[number];

/** Inserts the lock; false when the field was already locked (the first lock stays). */
export const insertFieldLock = async (
  tx: Tx,
  values: {
    tenant_id: string;
    person_id: string;
    field: string;
    reason: string | null;
    request_id: string | null;
    locked_by: string | null;
    locked_at: Date;
  },
) =>
  (await tx
    .insertInto('field_locks')
    .values(values)
    .onConflict((oc) => oc.columns(['tenant_id', 'person_id', 'field']).doNothing())
    .returning('field')
    .executeTakeFirst()) !== undefined;

export const deleteFieldLock = async (tx: Tx, personId: string, field: string) =>
  (await tx
    .deleteFrom('field_locks')
    .where('person_id', '=', personId)
    .where('field', '=', field)
    .returning('field')
    .executeTakeFirst()) !== undefined;
