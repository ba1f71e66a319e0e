import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** SQL of the privacy portal. Token lookups run as the owner (tenant unknown), the rest in the tenant. */

export const tenantIds = (tx: Tx) => tx.selectFrom('tenants').select('id').limit(2).execute();

/** Persons of the tenant with exactly this address (lower case). */
export const personsWithEmail = (tx: Tx, email: string) =>
  tx
    .selectFrom('persons')
    .select(['id', 'first_name'])
    .where(sql`lower(email)`, '=', email)
    .orderBy('created_at')
    .execute();

export const insertLoginToken = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    person_ids: string[];
    token_hash: string;
    expires_at: Date;
    created_at: Date;
  },
) => tx.insertInto('portal_login_tokens').values(values).execute();

export const setLoginTokenMail = (tx: Tx, id: string, mailId: string) =>
  tx.updateTable('portal_login_tokens').set({ mail_id: mailId }).where('id', '=', id).execute();

/** Owner role: the token's row in whichever tenant. */
export const findLoginToken = (tx: Tx, tokenHash: string) =>
  tx.selectFrom('portal_login_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

/** Marks the token used unless it already is (two tabs racing): true when this call used it. */
export const useLoginToken = async (tx: Tx, id: string, at: Date) => {
  const res = await tx
    .updateTable('portal_login_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

export const insertSession = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    person_ids: string[];
    token_hash: string;
    csrf_token_hash: string;
    created_at: Date;
    expires_at: Date;
  },
) => tx.insertInto('portal_sessions').values(values).execute();

/** Owner role: a live session by token hash, with the ids of its persons that still exist. */
export const findLiveSession = async (tx: Tx, tokenHash: string, now: Date) => {
  const session = await tx
    .selectFrom('portal_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const persons = await tx
    .selectFrom('persons')
    .select('id')
    .where('tenant_id', '=', session.tenant_id)
    .where('id', 'in', session.person_ids)
    .execute();
  const present = new Set(persons.map((p) => p.id));
  return { ...session, livePersonIds: session.person_ids.filter((id) => present.has(id)) };
};

export const endSession = (tx: Tx, id: string, at: Date) =>
  tx
    .updateTable('portal_sessions')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();

export const personsByIds = (tx: Tx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : tx.selectFrom('persons').selectAll().where('id', 'in', ids).orderBy('created_at').execute();

export const purposes = (tx: Tx) =>
  tx.selectFrom('purposes').select(['id', 'label_de', 'label_en']).execute();

export const requestsOf = (tx: Tx, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('dsr_requests')
        .select([
          'id',
          'person_id',
          'number',
          'type',
          'status',
          sql<string>`coalesce(extended_due_at, due_at)::text`.as('due_at'),
        ])
        .where('person_id', 'in', personIds)
        .orderBy('received_at', 'desc')
        .execute();

export const consentOwner = async (tx: Tx, consentId: string) =>
  (await tx.selectFrom('consents').select('person_id').where('id', '=', consentId).executeTakeFirst())
    ?.person_id;
