import { type Insertable, type SqlBool, sql } from 'kysely';
import type { LegalHoldsTable } from '../../db/schema-retention.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { HoldObjectType } from './legal-holds.schemas.ts';

/** All SQL of legal holds. Row-level security is on `tx`; the app role cannot delete holds. */

/**
 * Where each kind of held record lives, how it is named, and whose departments decide its visibility:
 * interactions and consents are seen through their person.
 */
const OBJECTS: Record<HoldObjectType, { from: string; label: string | null; scope: string }> = {
  person: { from: 'persons r', label: `r.first_name || ' ' || r.last_name`, scope: 'r' },
  organization: { from: 'organizations r', label: 'r.name', scope: 'r' },
  invoice: { from: 'invoices r', label: 'r.number', scope: 'r' },
  quote: { from: 'quotes r', label: 'r.number', scope: 'r' },
  order: { from: 'orders r', label: 'r.number', scope: 'r' },
  deal: { from: 'deals r', label: 'r.title', scope: 'r' },
  case: { from: 'cases r', label: 'r.number', scope: 'r' },
  interaction: { from: 'interactions r join persons s on s.id = r.person_id', label: null, scope: 's' },
  consent: { from: 'consents r join persons s on s.id = r.person_id', label: null, scope: 's' },
};

/** The ids among `ids` of this kind that exist and the actor sees, with their labels. */
export const visibleObjects = async (
  tx: Tx,
  input: { objectType: HoldObjectType; ids: string[]; visibility: Visibility },
): Promise<Map<string, string | null>> => {
  if (input.ids.length === 0) return new Map();
  const o = OBJECTS[input.objectType];
  const { rows } = await sql<{
    id: string;
    label: string | null;
  }>`select r.id, ${sql.raw(o.label ?? 'null::text')} as label
    from ${sql.raw(o.from)}
    where r.id = any(${sql.val(input.ids)}::uuid[]) and ${departmentScope(input.visibility, o.scope)}`.execute(
    tx,
  );
  return new Map(rows.map((r) => [r.id, r.label]));
};

const holdColumns = [
  'h.id',
  'h.object_type',
  'h.object_id',
  'h.reason',
  'h.reference',
  'h.until',
  'h.placed_at',
  'h.placed_by',
  'pu.display_name as placed_by_name',
  'h.released_at',
  'h.released_by',
  'ru.display_name as released_by_name',
] as const;

const selectHolds = (tx: Tx) =>
  tx
    .selectFrom('legal_holds as h')
    .leftJoin('users as pu', 'pu.id', 'h.placed_by')
    .leftJoin('users as ru', 'ru.id', 'h.released_by')
    .select(holdColumns);

export const findHold = (tx: Tx, id: string) => selectHolds(tx).where('h.id', '=', id).executeTakeFirst();
export type HoldRow = NonNullable<Awaited<ReturnType<typeof findHold>>>;

/** Holds newest first; `active` compares with `today` ('YYYY-MM-DD', Berlin). */
export const listHolds = (
  tx: Tx,
  input: { objectType?: HoldObjectType; objectId?: string; active?: boolean; today: string },
) => {
  let q = selectHolds(tx);
  if (input.objectType) q = q.where('h.object_type', '=', input.objectType);
  if (input.objectId) q = q.where('h.object_id', '=', input.objectId);
  const inForce = sql<SqlBool>`(h.released_at is null and (h.until is null or h.until >= ${input.today}::date))`;
  if (input.active === true) q = q.where(inForce);
  if (input.active === false) q = q.where(sql<SqlBool>`not ${inForce}`);
  return q.orderBy('h.placed_at', 'desc').orderBy('h.id').limit(1000).execute();
};

export const insertHold = (tx: Tx, values: Insertable<LegalHoldsTable>) =>
  tx.insertInto('legal_holds').values(values).returning('id').executeTakeFirstOrThrow();

/** Releases the hold unless it is already released; false then. */
export const releaseHold = async (tx: Tx, input: { id: string; at: Date; by: string | null }) =>
  (await tx
    .updateTable('legal_holds')
    .set({ released_at: input.at, released_by: input.by })
    .where('id', '=', input.id)
    .where('released_at', 'is', null)
    .returning('id')
    .executeTakeFirst()) !== undefined;

/** Whether another hold on the record is still in force (not released, until not passed). */
export const otherActiveHold = async (
  tx: Tx,
  input: { objectType: string; objectId: string; today: string },
) =>
  (await tx
    .selectFrom('legal_holds')
    .select('id')
    .where('object_type', '=', input.objectType as HoldObjectType)
    .where('object_id', '=', input.objectId)
    .where('released_at', 'is', null)
    .where(sql<SqlBool>`(until is null or until >= ${input.today}::date)`)
    .executeTakeFirst()) !== undefined;

/** Mirrors holds on an invoice into its `legal_hold` flag, which erasure (Art. 17) respects. */
export const setInvoiceHoldFlag = (tx: Tx, input: { id: string; held: boolean }) =>
  tx.updateTable('invoices').set({ legal_hold: input.held }).where('id', '=', input.id).execute();
