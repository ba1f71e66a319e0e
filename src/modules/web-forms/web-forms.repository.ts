import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WebFormsTable } from '../../db/schema-web-forms.ts';
import { asSystem, type Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

/** All SQL of web forms and their submissions. Row-level security (tenant) is in force on `tx`. */

export const listForms = (tx: Tx) =>
  tx
    .selectFrom('web_forms as f')
    .selectAll('f')
    .select([
      sql<number>`(select count(*)::int from web_form_submissions s where s.form_id = f.id and s.status = 'new')`.as(
        'new_count',
      ),
      sql<number>`(select count(*)::int from web_form_submissions s where s.form_id = f.id)`.as(
        'total_count',
      ),
    ])
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id')
    .execute();
export type FormRow = Awaited<ReturnType<typeof listForms>>[number];

export const findForm = (tx: Tx, id: string) =>
  tx.selectFrom('web_forms').selectAll().where('id', '=', id).executeTakeFirst();

export const findFormByToken = (tx: Tx, token: string) =>
  tx.selectFrom('web_forms').selectAll().where('public_token', '=', token).executeTakeFirst();

type FormValues = Omit<WebFormsTable, 'id' | 'created_at' | 'active' | 'fields' | 'updated_at'> & {
  fields: string;
  active: boolean;
};

export const insertForm = (tx: Tx, values: FormValues) =>
  tx.insertInto('web_forms').values(values).returning('id').executeTakeFirstOrThrow();

export const updateForm = (tx: Tx, id: string, values: Partial<FormValues> & { updated_at: Date }) =>
  tx.updateTable('web_forms').set(values).where('id', '=', id).execute();

export const deleteForm = (tx: Tx, id: string) => tx.deleteFrom('web_forms').where('id', '=', id).execute();

/** The tenant of a form by its public token (public routes: the tenant is not known before the form). */
export const tenantOfToken = async (db: Kysely<DB>, token: string) =>
  (
    await asSystem(db, (tx) =>
      tx.selectFrom('web_forms').select('tenant_id').where('public_token', '=', token).executeTakeFirst(),
    )
  )?.tenant_id ?? null;

export const findPurpose = (tx: Tx, id: string) =>
  tx
    .selectFrom('purposes')
    .select(['id', 'label_de', 'label_en', 'legal_bases'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findConsentForm = (tx: Tx, id: string) =>
  tx.selectFrom('consent_forms').selectAll().where('id', '=', id).executeTakeFirst();

export const insertSubmission = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    form_id: string;
    values_enc: string;
    received_on: string;
    purge_on: string;
  },
) => tx.insertInto('web_form_submissions').values(values).execute();

export const listSubmissions = (
  tx: Tx,
  input: { formId: string; status?: 'new' | 'accepted' | 'discarded' },
) => {
  let q = tx
    .selectFrom('web_form_submissions as s')
    .leftJoin('subject_keys as k', (j) => j.on(sql<boolean>`k.subject_id = coalesce(s.person_id, s.id)`))
    .selectAll('s')
    .select(['k.wrapped_key', 'k.master_key_id'])
    .where('s.form_id', '=', input.formId);
  if (input.status) q = q.where('s.status', '=', input.status);
  return q.orderBy('s.received_on', 'desc').orderBy('s.id').limit(500).execute();
};
export type SubmissionRow = Awaited<ReturnType<typeof listSubmissions>>[number];

export const findSubmission = (tx: Tx, id: string) =>
  tx
    .selectFrom('web_form_submissions as s')
    .leftJoin('subject_keys as k', (j) => j.on(sql<boolean>`k.subject_id = coalesce(s.person_id, s.id)`))
    .selectAll('s')
    .select(['k.wrapped_key', 'k.master_key_id'])
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();

export const decideSubmission = (
  tx: Tx,
  id: string,
  values: {
    status: 'accepted' | 'discarded';
    person_id: string | null;
    values_enc?: string;
    decided_at: Date;
    decided_by: string;
  },
) =>
  tx
    .updateTable('web_form_submissions')
    .set(values)
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();

/** A submission's own data key is shredded (the application role may not delete keys; the purge does). */
export const shredSubmissionKeys = (tx: Tx, submissionIds: string[], at: Date) =>
  submissionIds.length === 0
    ? Promise.resolve()
    : tx
        .updateTable('subject_keys')
        .set({ wrapped_key: null, master_key_id: null, shredded_at: at })
        .where('subject_id', 'in', submissionIds)
        .where('wrapped_key', 'is not', null)
        .execute();

/** Open redaction findings of submissions that go (their text goes with them). */
export const deleteFindingsOf = (tx: Tx, submissionIds: string[]) =>
  submissionIds.length === 0
    ? Promise.resolve()
    : tx
        .deleteFrom('redaction_findings')
        .where('source_kind', '=', 'form_submission')
        .where('source_id', 'in', submissionIds)
        .execute();

/** An accepted submission's findings now concern the person. */
export const attachFindings = (tx: Tx, submissionId: string, personId: string) =>
  tx
    .updateTable('redaction_findings')
    .set({ person_id: personId })
    .where('source_kind', '=', 'form_submission')
    .where('source_id', '=', submissionId)
    .execute();

/** Persons with this exact address (lower case), oldest first. */
/** Persons with this e-mail address that the accepting user may see (department rule). */
export const personsByEmail = (tx: Tx, email: string, visibility: Visibility) =>
  tx
    .selectFrom('persons')
    .select(['id', 'restricted_at', 'organization_id'])
    .where(sql`lower(email)`, '=', email)
    .where(departmentScope(visibility, 'persons'))
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const submissionsOfPerson = (tx: Tx, personId: string) =>
  tx
    .selectFrom('web_form_submissions as s')
    .innerJoin('web_forms as f', (j) =>
      j.onRef('f.id', '=', 's.form_id').onRef('f.tenant_id', '=', 's.tenant_id'),
    )
    .select([
      's.id',
      's.form_id',
      'f.name as form_name',
      'f.kind',
      's.values_enc',
      's.received_on',
      's.decided_at',
    ])
    .where('s.person_id', '=', personId)
    .orderBy('s.received_on')
    .orderBy('s.id')
    .execute();

export const deleteSubmissionsOfPerson = (tx: Tx, personId: string) =>
  tx.deleteFrom('web_form_submissions').where('person_id', '=', personId).returning('id').execute();
