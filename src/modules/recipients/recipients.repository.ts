import { type Insertable, sql, type Updateable } from 'kysely';
import type { DisclosuresTable, RecipientsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of recipients, the disclosure log and Art. 19 notifications. Row-level security is on `tx`. */

// ---- recipients -------------------------------------------------------------------------------

const recipientColumns = [
  'id',
  'name',
  'kind',
  'country',
  'contact',
  'notes',
  'archived_at',
  'created_at',
  // the register (0013); the AVV document itself only by its size, never in a list
  'location',
  'purposes',
  'data_categories',
  'subject_groups',
  'transfer_mechanism',
  'scc_module',
  'tia_date',
  'dpf_checked_on',
  'transfer_note',
  'avv_signed_on',
  'avv_file_name',
  'avv_uploaded_at',
  'toms',
  'sub_processors',
] as const;

const selectRecipients = (tx: Tx) =>
  tx
    .selectFrom('recipients')
    .select(recipientColumns)
    .select(sql<number | null>`octet_length(avv_file)`.as('avv_size'));

export const listRecipients = (tx: Tx, includeArchived: boolean) => {
  let q = selectRecipients(tx);
  if (!includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy(sql`lower(name)`).orderBy('id').execute();
};

export const findRecipient = (tx: Tx, id: string) =>
  selectRecipients(tx).where('id', '=', id).executeTakeFirst();
export type RecipientRow = NonNullable<Awaited<ReturnType<typeof findRecipient>>>;

export const findRecipientByName = (tx: Tx, name: string) =>
  tx
    .selectFrom('recipients')
    .select(['id', 'name'])
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

export const insertRecipient = (tx: Tx, values: Insertable<RecipientsTable> & { id: string }) =>
  tx.insertInto('recipients').values(values).execute();

export const updateRecipient = (tx: Tx, id: string, values: Updateable<RecipientsTable>) =>
  tx.updateTable('recipients').set(values).where('id', '=', id).execute();

// ---- disclosures ------------------------------------------------------------------------------

export const insertDisclosure = (tx: Tx, values: Insertable<DisclosuresTable> & { id: string }) =>
  tx.insertInto('disclosures').values(values).execute();

/** A person's disclosures, newest first, with the recipient and the recording user. */
export const listDisclosures = (tx: Tx, personId: string) =>
  tx
    .selectFrom('disclosures as d')
    .innerJoin('recipients as r', 'r.id', 'd.recipient_id')
    .leftJoin('users as u', 'u.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.person_id',
      'd.recipient_id',
      'r.name as recipient_name',
      'r.kind as recipient_kind',
      'd.categories',
      'd.purpose',
      'd.disclosed_at',
      'd.note',
      'd.recorded_by',
      'u.display_name as recorded_by_name',
      'd.created_at',
    ])
    .where('d.person_id', '=', personId)
    .orderBy('d.disclosed_at', 'desc')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
export type DisclosureRow = Awaited<ReturnType<typeof listDisclosures>>[number];

// ---- Art. 19 notifications --------------------------------------------------------------------

/**
 * One open notification per distinct recipient of the person's data, unless this request already has
 * one for that recipient and action: every recipient the data was disclosed to (the union of the
 * categories disclosed to it) and every active register entry other than an internal system that
 * holds data for one of the person's purposes (with the categories the register lists for it).
 * Returns how many the request now has for this action (created now or before).
 */
export const insertNotifications = async (
  tx: Tx,
  input: { tenantId: string; personId: string; requestId: string; action: string; now: Date },
) => {
  await sql`
    insert into recipient_notifications (tenant_id, request_id, recipient_id, action, categories, created_at)
    select ${input.tenantId}::uuid, ${input.requestId}::uuid, s.recipient_id, ${input.action},
           coalesce(array_agg(distinct s.c order by s.c) filter (where s.c is not null), '{}'),
           ${input.now}::timestamptz
    from (
      select d.recipient_id, c
      from disclosures d cross join lateral unnest(d.categories) as c
      where d.person_id = ${input.personId}
      union all
      select r.id, c
      from recipients r left join lateral unnest(r.data_categories) as c on true
      where r.archived_at is null and r.kind <> 'internal_system'
        and r.purposes && coalesce(
          (select p.purposes from persons p where p.id = ${input.personId}), '{}'::text[])
    ) s
    where not exists (
      select 1 from recipient_notifications n
      where n.request_id = ${input.requestId} and n.recipient_id = s.recipient_id
        and n.action = ${input.action})
    group by s.recipient_id`.execute(tx);
  const row = await tx
    .selectFrom('recipient_notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('request_id', '=', input.requestId)
    .where('action', '=', input.action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

const notificationQuery = (tx: Tx) =>
  tx
    .selectFrom('recipient_notifications as n')
    .innerJoin('recipients as r', 'r.id', 'n.recipient_id')
    .innerJoin('dsr_requests as q', 'q.id', 'n.request_id')
    .leftJoin('users as u', 'u.id', 'n.resolved_by')
    .select([
      'n.id',
      'n.request_id',
      'q.number as request_number',
      'q.type as request_type',
      'q.person_id',
      'n.recipient_id',
      'r.name as recipient_name',
      'r.kind as recipient_kind',
      'r.contact as recipient_contact',
      'n.action',
      'n.categories',
      'n.status',
      'n.note',
      'n.created_at',
      'n.resolved_at',
      'n.resolved_by',
      'u.display_name as resolved_by_name',
    ]);

export const findNotification = (tx: Tx, id: string) =>
  notificationQuery(tx).where('n.id', '=', id).executeTakeFirst();
export type NotificationRow = NonNullable<Awaited<ReturnType<typeof findNotification>>>;

export const listNotificationsOfRequest = (tx: Tx, requestId: string) =>
  notificationQuery(tx)
    .where('n.request_id', '=', requestId)
    .orderBy('n.created_at')
    .orderBy(sql`lower(r.name)`)
    .orderBy('n.id')
    .execute();

/** Most rows `all` returns; the open ones are always listed in full. */
export const ALL_NOTIFICATIONS_LIMIT = 1000;

/**
 * The DPO's worklist, oldest first; `open` means not yet confirmed or documented as impossible (open
 * and sent, all of them); `all` puts those first, then the closed ones, newest first, at most 1000.
 */
export const listNotifications = (tx: Tx, status: 'open' | 'all') => {
  let q = notificationQuery(tx);
  if (status === 'open') q = q.where('n.status', 'in', ['open', 'sent']);
  else q = q.limit(ALL_NOTIFICATIONS_LIMIT);
  return q
    .orderBy(sql`case when n.status in ('open', 'sent') then 0 else 1 end`)
    .orderBy(sql`case when n.status in ('open', 'sent') then n.created_at end`)
    .orderBy('n.created_at', 'desc')
    .orderBy('q.number')
    .orderBy(sql`lower(r.name)`)
    .orderBy('n.id')
    .execute();
};

/** Changes the status only while it is still the one read (two DPOs resolving at once). */
export const updateNotification = async (
  tx: Tx,
  id: string,
  expectedStatus: string,
  values: { status: string; note: string | null; resolved_at: Date | null; resolved_by: string | null },
) => {
  const res = await tx
    .updateTable('recipient_notifications')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', expectedStatus)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

export const requestExists = async (tx: Tx, id: string) =>
  !!(await tx.selectFrom('dsr_requests').select('id').where('id', '=', id).executeTakeFirst());
