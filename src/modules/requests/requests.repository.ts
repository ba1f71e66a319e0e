import { type Insertable, sql, type Updateable } from 'kysely';
import type { DsrRequestsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { RequestListQueryInput } from './requests.schemas.ts';

/** All SQL of data subject requests. Row-level security (tenant) is in force on `tx`. */

const baseQuery = (tx: Tx) =>
  tx
    .selectFrom('dsr_requests as r')
    // no foreign key: an erased person leaves the request with only their id (name null)
    .leftJoin('persons as p', 'p.id', 'r.person_id')
    .leftJoin('users as a', 'a.id', 'r.assignee_id')
    .selectAll('r')
    .select([
      sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
        'person_name',
      ),
      'a.display_name as assignee_name',
    ]);

export const findRequest = (tx: Tx, id: string) => baseQuery(tx).where('r.id', '=', id).executeTakeFirst();
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** Locks the request row for the rest of the transaction (fulfil, extend: one at a time). */
export const lockRequest = (tx: Tx, id: string) =>
  tx.selectFrom('dsr_requests').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

const effectiveDue = sql`coalesce(r.extended_due_at, r.due_at)`;

export const listRequests = (tx: Tx, query: RequestListQueryInput) => {
  let q = baseQuery(tx);
  if (query.status === 'open') q = q.where('r.status', '=', 'open');
  if (query.status === 'closed') q = q.where('r.status', '<>', 'open');
  if (query.type) q = q.where('r.type', '=', query.type);
  if (query.personId) q = q.where('r.person_id', '=', query.personId);
  return q.orderBy(effectiveDue).orderBy('r.received_at').orderBy('r.number').limit(1000).execute();
};

/** Whether the person exists in the tenant and in a department the actor sees. */
export const personVisible = async (tx: Tx, personId: string, v: Visibility) => {
  const row = await tx
    .selectFrom('persons as p')
    .select('p.id')
    .where('p.id', '=', personId)
    .where(departmentScope(v, 'p'))
    .executeTakeFirst();
  return row !== undefined;
};

export const personExists = async (tx: Tx, personId: string) =>
  (await tx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;

/** An active user of the tenant (another tenant's user is invisible under row-level security). */
export const activeUserExists = async (tx: Tx, userId: string) =>
  (await tx
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()) !== undefined;

export const insertRequest = (tx: Tx, values: Insertable<DsrRequestsTable> & { id: string }) =>
  tx.insertInto('dsr_requests').values(values).execute();

/** Updates the request if it still has `version` (optimistic locking); false when it has not. */
export const updateRequest = async (
  tx: Tx,
  id: string,
  values: Updateable<DsrRequestsTable>,
  now: Date,
  version?: number,
) => {
  let q = tx
    .updateTable('dsr_requests')
    .set({ ...values, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

export const insertEvent = (
  tx: Tx,
  values: {
    tenant_id: string;
    request_id: string;
    kind: string;
    detail: string | null;
    actor_id: string | null;
    at: Date;
  },
) => tx.insertInto('dsr_events').values(values).execute();

export const listEvents = (tx: Tx, requestId: string) =>
  tx
    .selectFrom('dsr_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.display_name as actor_name')
    .where('e.request_id', '=', requestId)
    .orderBy('e.at')
    .orderBy(sql`e.ctid`)
    .execute();
export type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export const insertStep = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    request_id: string;
    method: string;
    outcome: string;
    note: string | null;
    performed_by: string;
    performed_at: Date;
  },
) => tx.insertInto('dsr_verification_steps').values(values).execute();

export const listSteps = (tx: Tx, requestId: string) =>
  tx
    .selectFrom('dsr_verification_steps as s')
    .leftJoin('users as u', 'u.id', 's.performed_by')
    .selectAll('s')
    .select('u.display_name as performer_name')
    .where('s.request_id', '=', requestId)
    .orderBy('s.performed_at')
    .orderBy(sql`s.ctid`)
    .execute();
export type StepRow = Awaited<ReturnType<typeof listSteps>>[number];

/** The tenant's settings (jsonb). */
export const tenantSettings = async (tx: Tx, tenantId: string) => {
  const row = await tx.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  return (row?.settings ?? {}) as Record<string, unknown>;
};

/** Sets one top-level key of the tenant's settings, leaving the others as they are. */
export const setTenantSetting = (tx: Tx, tenantId: string, key: string, value: unknown) =>
  tx
    .updateTable('tenants')
    .set({
      settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb)`,
    })
    .where('id', '=', tenantId)
    .execute();
