import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { asSystem, type Tx } from '../../db/tenant.ts';

/** All SQL of sign-up forms and double opt-in sign-ups. Row-level security (tenant) is in force on `tx`. */

export const listForms = (tx: Tx, now: Date) =>
  tx
    .selectFrom('consent_forms as f')
    .selectAll('f')
    .select([
      sql<number>`(select count(*)::int from consent_signups s where s.form_id = f.id and s.confirmed_at is null and s.expires_at > ${now})`.as(
        'pending',
      ),
      sql<number>`(select count(*)::int from consent_signups s where s.form_id = f.id and s.confirmed_at is not null)`.as(
        'confirmed',
      ),
    ])
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id')
    .execute();
export type FormRow = Awaited<ReturnType<typeof listForms>>[number];

export const findForm = (tx: Tx, id: string) =>
  tx.selectFrom('consent_forms').selectAll().where('id', '=', id).executeTakeFirst();

export const insertForm = (
  tx: Tx,
  values: {
    tenant_id: string;
    name: string;
    purpose_id: string;
    language: 'de' | 'en';
    redirect_url: string | null;
    created_by: string;
  },
) => tx.insertInto('consent_forms').values(values).returning('id').executeTakeFirstOrThrow();

export const updateForm = (
  tx: Tx,
  id: string,
  values: { name?: string; active?: boolean; redirect_url?: string | null },
) => tx.updateTable('consent_forms').set(values).where('id', '=', id).execute();

/** The tenant of a form (public routes: the tenant is not known before the form is). */
export const tenantOfForm = async (db: Kysely<DB>, formId: string) =>
  (
    await asSystem(db, (tx) =>
      tx.selectFrom('consent_forms').select('tenant_id').where('id', '=', formId).executeTakeFirst(),
    )
  )?.tenant_id ?? null;

/** The tenant of a sign-up by its token hash (public confirmation). */
export const tenantOfSignup = async (db: Kysely<DB>, tokenHash: string) =>
  (
    await asSystem(db, (tx) =>
      tx
        .selectFrom('consent_signups')
        .select('tenant_id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst(),
    )
  )?.tenant_id ?? null;

export const findPurposeRow = (tx: Tx, id: string) =>
  tx
    .selectFrom('purposes')
    .select(['id', 'label_de', 'label_en', 'legal_bases'])
    .where('id', '=', id)
    .executeTakeFirst();

export const purposeLabels = async (tx: Tx, ids: string[]) => {
  if (ids.length === 0) return new Map<string, { de: string; en: string }>();
  const rows = await tx
    .selectFrom('purposes')
    .select(['id', 'label_de', 'label_en'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { de: r.label_de, en: r.label_en }]));
};

export const findWording = (tx: Tx, id: string) =>
  tx.selectFrom('consent_wordings').selectAll().where('id', '=', id).executeTakeFirst();

/** Is there a valid e-mail consent for this purpose given for this address? */
export const hasValidEmailConsent = async (tx: Tx, input: { purposeId: string; email: string }) =>
  (await tx
    .selectFrom('consents')
    .select('id')
    .where('purpose_id', '=', input.purposeId)
    .where('channel', '=', 'email')
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(sql`lower(address)`, '=', input.email),
        eb(
          'person_id',
          'in',
          eb.selectFrom('persons').select('id').where(sql`lower(email)`, '=', input.email),
        ),
      ]),
    )
    .executeTakeFirst()) !== undefined;

/** Persons with this exact address (lower case), oldest first. */
export const personsByEmail = (tx: Tx, email: string) =>
  tx
    .selectFrom('persons')
    .select(['id', 'restricted_at', 'marketing_objection_at', 'first_name'])
    .where(sql`lower(email)`, '=', email)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const insertSignup = (
  tx: Tx,
  values: {
    tenant_id: string;
    form_id: string;
    wording_id: string;
    email: string;
    first_name: string | null;
    last_name: string | null;
    language: 'de' | 'en';
    requested_at: Date;
    request_ip: string | null;
    request_user_agent: string | null;
    token_hash: string;
    expires_at: Date;
  },
) => tx.insertInto('consent_signups').values(values).returning('id').executeTakeFirstOrThrow();

/** Notes the mail of a sign-up; a mail that could not be delivered expires the link at once. */
export const setSignupMail = (tx: Tx, id: string, mailId: string, expireAt: Date | null) =>
  tx
    .updateTable('consent_signups')
    .set({ mail_id: mailId, ...(expireAt ? { expires_at: expireAt } : {}) })
    .where('id', '=', id)
    .execute();

export const findSignupForUpdate = (tx: Tx, tokenHash: string) =>
  tx
    .selectFrom('consent_signups')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();

export const markConfirmed = (
  tx: Tx,
  id: string,
  values: {
    confirmed_at: Date;
    confirm_ip: string | null;
    confirm_user_agent: string | null;
    person_id: string;
    consent_id: string;
  },
) =>
  tx
    .updateTable('consent_signups')
    .set(values)
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();

/** The DOI mail belongs to the person once they are known (access export, erasure find it by person). */
export const linkMailToPerson = (tx: Tx, mailId: string, personId: string) =>
  tx.updateTable('outbound_mails').set({ person_id: personId }).where('id', '=', mailId).execute();

export const findMail = (tx: Tx, id: string) =>
  tx
    .selectFrom('outbound_mails')
    .select(['id', 'message_id', 'status', 'sent_at', 'created_at', 'headers'])
    .where('id', '=', id)
    .executeTakeFirst();

// ---- one-click withdrawal and the preference page ----------------------------------------------

export const findPersonFacts = (tx: Tx, personId: string) =>
  tx
    .selectFrom('persons')
    .select(['id', 'first_name', 'purposes', 'marketing_objection_at', 'restricted_at'])
    .where('id', '=', personId)
    .executeTakeFirst();

export const campaignLanguage = async (tx: Tx, campaignId: string) =>
  (await tx.selectFrom('campaigns').select('language').where('id', '=', campaignId).executeTakeFirst())
    ?.language ?? 'de';

/** Valid consents of a person for a purpose and channel (the one-click link withdraws all of them). */
export const validConsentIds = async (
  tx: Tx,
  input: { personId: string; purposeId: string; channel: string },
) =>
  (
    await tx
      .selectFrom('consents')
      .select('id')
      .where('person_id', '=', input.personId)
      .where('purpose_id', '=', input.purposeId)
      .where('channel', '=', input.channel as never)
      .where('withdrawn_at', 'is', null)
      .where('superseded_at', 'is', null)
      .execute()
  ).map((r) => r.id);

/** Records the 'unsubscribed' response of a recipient once (the unique index keeps it once). */
export const recordUnsubscribed = (
  tx: Tx,
  values: {
    tenant_id: string;
    campaign_id: string;
    recipient_id: string;
    person_id: string;
    occurred_at: Date;
  },
) =>
  tx
    .insertInto('campaign_responses')
    .values({ ...values, kind: 'unsubscribed' })
    .onConflict((oc) => oc.doNothing())
    .execute();
