import type { Insertable } from 'kysely';
import type { DsrLettersTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of letter templates and letters. Row-level security (tenant) is in force on `tx`. */

export const listTemplates = (tx: Tx) =>
  tx
    .selectFrom('letter_templates as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .select(['t.kind', 't.locale', 't.subject', 't.body', 't.updated_at', 't.updated_by', 'u.display_name'])
    .execute();

export const findTemplate = (tx: Tx, kind: string, locale: string) =>
  tx
    .selectFrom('letter_templates')
    .select(['subject', 'body'])
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .executeTakeFirst();

export const upsertTemplate = (
  tx: Tx,
  values: {
    tenant_id: string;
    kind: string;
    locale: string;
    subject: string;
    body: string;
    updated_by: string;
    updated_at: Date;
  },
) =>
  tx
    .insertInto('letter_templates')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind', 'locale']).doUpdateSet({
        subject: values.subject,
        body: values.body,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();

export const deleteTemplate = async (tx: Tx, kind: string, locale: string) =>
  (
    await tx
      .deleteFrom('letter_templates')
      .where('kind', '=', kind)
      .where('locale', '=', locale)
      .executeTakeFirst()
  ).numDeletedRows > 0n;

export const findRequest = (tx: Tx, id: string) =>
  tx
    .selectFrom('dsr_requests')
    .select([
      'id',
      'number',
      'type',
      'status',
      'person_id',
      'locale',
      'received_at',
      'due_at',
      'extended_due_at',
      'extension_reason',
      'refusal_reason',
      'refusal_details',
      'export_enc',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** The person's name and postal address (plain columns); undefined once the person was erased. */
export const findPerson = (tx: Tx, id: string) =>
  tx
    .selectFrom('persons')
    .select(['id', 'first_name', 'last_name', 'email', 'street', 'postal_code', 'city', 'country'])
    .where('id', '=', id)
    .executeTakeFirst();
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

export const tenantName = async (tx: Tx) =>
  (await tx.selectFrom('tenants').select('name').executeTakeFirstOrThrow()).name;

export const insertLetter = (tx: Tx, values: Insertable<DsrLettersTable>) =>
  tx.insertInto('dsr_letters').values(values).execute();

const letterQuery = (tx: Tx) =>
  tx
    .selectFrom('dsr_letters as l')
    .innerJoin('dsr_requests as r', 'r.id', 'l.request_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .selectAll('l')
    .select(['r.person_id', 'r.number as request_number', 'u.display_name as created_by_name']);

export const listLetters = (tx: Tx, requestId: string) =>
  letterQuery(tx).where('l.request_id', '=', requestId).orderBy('l.created_at').orderBy('l.id').execute();

export const findLetter = (tx: Tx, id: string) => letterQuery(tx).where('l.id', '=', id).executeTakeFirst();
export type LetterRow = NonNullable<Awaited<ReturnType<typeof findLetter>>>;

export const markSent = (tx: Tx, id: string, at: Date) =>
  tx
    .updateTable('dsr_letters')
    .set({ sent_at: at })
    .where('id', '=', id)
    .where('sent_at', 'is', null)
    .execute();

export const insertEvent = (
  tx: Tx,
  values: {
    tenant_id: string;
    request_id: string;
    kind: string;
    detail: string | null;
    actor_id: string;
    at: Date;
  },
) => tx.insertInto('dsr_events').values(values).execute();
