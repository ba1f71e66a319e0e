import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import { type FieldDefinition, TARGET_CATEGORIES } from '../../domain/web-forms/fields.ts';
import { valueFor } from '../../domain/web-forms/submission.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { insertInteraction } from '../interactions/interactions.repository.ts';
import { createSubjectKey, sealValue, subjectKey, unwrapSubjectKey } from '../keys/keys.service.ts';
import { createdFields } from '../persons/persons.audit.ts';
import { insertPerson } from '../persons/persons.repository.ts';
import { sealPersonColumns } from '../persons/persons.sealed.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import * as repo from './web-forms.repository.ts';
import { openSubmission, sealSubmission } from './web-forms.sealing.ts';

/** The staff inbox of web form submissions: read, accept into a person, discard. */

const assertInbox = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'webforms.inbox' })) throw new AppError('forbidden');
};

const categoryOf = (f: FieldDefinition) =>
  f.category ?? (f.maps ? TARGET_CATEGORIES[f.maps] : 'communication');

const openRow = (ctx: AppContext, tenantId: string, row: repo.SubmissionRow) =>
  openSubmission(
    unwrapSubjectKey(ctx, {
      tenantId,
      subjectId: row.person_id ?? row.id,
      wrapped: row.wrapped_key,
      masterKeyId: row.master_key_id,
    }),
    row.id,
    row.values_enc,
  ) ?? {};

/** The values the role may read (a field of a category it may not read is left out). */
const readable = (actor: Actor, fields: FieldDefinition[], values: Record<string, string | boolean>) =>
  fields.filter((f) => values[f.key] !== undefined && canRead({ role: actor.role, category: categoryOf(f) }));

const previewOf = (fields: FieldDefinition[], values: Record<string, string | boolean>) =>
  [valueFor(fields, values, 'firstName'), valueFor(fields, values, 'lastName')].filter(Boolean).join(' ') ||
  valueFor(fields, values, 'email') ||
  '';

const summary = (
  actor: Actor,
  form: { fields: FieldDefinition[] },
  row: repo.SubmissionRow,
  values: Record<string, string | boolean>,
) => {
  const visible = Object.fromEntries(
    readable(actor, form.fields, values).map((f) => [f.key, values[f.key] as string | boolean]),
  );
  return {
    id: row.id,
    formId: row.form_id,
    status: row.status,
    receivedOn: row.received_on,
    purgeOn: row.purge_on,
    personId: row.person_id,
    preview: previewOf(form.fields, visible),
  };
};

const formOf = async (tx: Tx, id: string) => {
  const form = await repo.findForm(tx, id);
  if (!form) throw new AppError('not_found', { params: { entity: 'web_form' } });
  return form;
};

export const listSubmissions = (
  ctx: AppContext,
  actor: Actor,
  input: { formId: string; status?: 'new' | 'accepted' | 'discarded' },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertInbox(actor);
    const form = await formOf(tx, input.formId);
    const rows = await repo.listSubmissions(tx, input);
    return { items: rows.map((r) => summary(actor, form, r, openRow(ctx, actor.tenantId, r))) };
  });

const loadSubmission = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const row = await repo.findSubmission(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'web_form_submission' } });
  const form = await formOf(tx, row.form_id);
  return { row, form, values: openRow(ctx, actor.tenantId, row) };
};

const toSubmission = (actor: Actor, loaded: Awaited<ReturnType<typeof loadSubmission>>) => {
  const { row, form, values } = loaded;
  return {
    ...summary(actor, form, row, values),
    formName: form.name,
    kind: form.kind,
    values: readable(actor, form.fields, values).map((f) => ({
      key: f.key,
      label: f.label,
      value: values[f.key] as string | boolean,
    })),
  };
};

export const getSubmission = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertInbox(actor);
    const loaded = await loadSubmission(tx, ctx, actor, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'read',
      ...(loaded.row.person_id ? { subject: { type: 'person' as const, id: loaded.row.person_id } } : {}),
      fields: ['webFormSubmission'],
      note: `web form submission ${id} read`,
    });
    return toSubmission(actor, loaded);
  });

/** A submission nobody wants goes at once, with its key and any open sensitive-data finding. */
export const discardSubmission = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertInbox(actor);
    const row = await repo.findSubmission(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'web_form_submission' } });
    if (row.status !== 'new') throw new AppError('submission_decided');
    await repo.deleteFindingsOf(tx, [id]);
    await tx.deleteFrom('web_form_submissions').where('id', '=', id).execute();
    await repo.shredSubmissionKeys(tx, [id], ctx.now());
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['webFormSubmission'],
      note: `web form submission ${id} discarded and deleted`,
    });
  });

type Loaded = Awaited<ReturnType<typeof loadSubmission>>;

/** Creates the prospect of an accepted submission, with the form as its source, purpose and basis. */
const createProspect = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  loaded: Loaded,
  email: string | null,
) => {
  const { form, values } = loaded;
  const v = (t: Parameters<typeof valueFor>[2]) => valueFor(form.fields, values, t);
  const purposes = [form.purpose_id];
  await guardPersonWrite(tx, ctx, {
    tenantId: actor.tenantId,
    personId: null,
    fields: ['firstName', 'lastName', 'email', 'phone', 'legalBasis', 'purposes', 'source'],
    email,
    phone: v('phone'),
    purposes,
  });
  const now = ctx.now();
  assertPrivacyFacts({
    facts: {
      legalBasis: form.legal_basis as LegalBasis,
      purposes,
      collectedAt: now,
      expiresAt: null,
      specialCategoryBasis: null,
      holdsSpecialCategory: false,
    },
    catalogue: await listPurposes(tx),
  });
  const id = randomUUID();
  const hasAddress = Boolean(v('street') || v('postalCode') || v('city'));
  const values2 = {
    tenant_id: actor.tenantId,
    kind: 'prospect',
    first_name: v('firstName') ?? '',
    last_name: v('lastName') ?? v('email') ?? '',
    email,
    phone: v('phone'),
    birth_date: null,
    job_title: v('jobTitle'),
    street: v('street'),
    postal_code: v('postalCode'),
    city: v('city'),
    country: hasAddress ? 'DE' : null,
    notes: null,
    accessibility_needs: null,
    accessibility_legal_basis: null,
    organization_id: null,
    department_ids: [],
    legal_basis: form.legal_basis,
    purposes,
    source_kind: 'web_form',
    source_detail: form.name,
    collected_at: new Date(`${loaded.row.received_on}T00:00:00Z`),
    collected_by: actor.userId,
    expires_at: null,
  };
  const dataKey = await createSubjectKey(tx, ctx, actor.tenantId, id);
  await insertPerson(tx, { id, ...sealPersonColumns(dataKey, id, values2) });
  const created = createdFields(values2);
  await recordAudit(tx, ctx, actor.tenantId, {
    actor,
    action: 'create',
    subject: { type: 'person', id },
    fields: created.fields,
    values: { new: created.new },
    note: `created from web form submission ${loaded.row.id} (form "${form.name}")`,
  });
  return id;
};

/**
 * Accepting: the person with the submission's e-mail address (not restricted) or a new prospect with
 * the form as source, purpose and basis; the message (and the wishes) become an inbound interaction;
 * the submission moves under the person's key and belongs to the person (access export, erasure).
 */
export const acceptSubmission = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertInbox(actor);
    const loaded = await loadSubmission(tx, ctx, actor, id);
    const { row, form, values } = loaded;
    if (row.status !== 'new') throw new AppError('submission_decided');
    const email = valueFor(form.fields, values, 'email');
    const existing = email
      ? (await repo.personsByEmail(tx, email, visibilityOf(actor))).find((p) => !p.restricted_at)
      : undefined;
    if (existing)
      await guardPersonWrite(tx, ctx, {
        tenantId: actor.tenantId,
        personId: existing.id,
        fields: ['interactions'],
        purposes: [form.purpose_id],
      });
    const personId = existing?.id ?? (await createProspect(tx, ctx, actor, loaded, email));
    const dataKey =
      (await subjectKey(tx, ctx, actor.tenantId, personId)) ??
      (await createSubjectKey(tx, ctx, actor.tenantId, personId));
    const parts = [
      valueFor(form.fields, values, 'message'),
      ...(valueFor(form.fields, values, 'wishes')
        ? [
            `${form.kind === 'wishlist' ? 'Wünsche / wishes' : ''}: ${valueFor(form.fields, values, 'wishes')}`,
          ]
        : []),
      ...form.fields
        .filter((f) => !f.maps && values[f.key] !== undefined)
        .map((f) => `${f.label.de}: ${values[f.key] === true ? '✓' : values[f.key]}`),
    ].filter((p): p is string => Boolean(p));
    if (parts.length > 0) {
      const interactionId = randomUUID();
      await insertInteraction(tx, {
        id: interactionId,
        tenant_id: actor.tenantId,
        person_id: personId,
        organization_id: existing?.organization_id ?? null,
        kind: 'note',
        direction: 'inbound',
        occurred_at: new Date(`${row.received_on}T12:00:00Z`),
        subject: `${form.kind === 'wishlist' ? 'Wunschzettel' : 'Webformular'}: ${form.name}`.slice(0, 200),
        body:
          sealValue(
            dataKey,
            { table: 'interactions', recordId: interactionId, column: 'body' },
            parts.join('\n\n'),
          ) ?? null,
        employee_id: actor.userId,
      });
    }
    const decided = await repo.decideSubmission(tx, id, {
      status: 'accepted',
      person_id: personId,
      values_enc: sealSubmission(dataKey, id, values),
      decided_at: ctx.now(),
      decided_by: actor.userId,
    });
    if (Number(decided.numUpdatedRows) !== 1) throw new AppError('submission_decided');
    await repo.shredSubmissionKeys(tx, [id], ctx.now());
    await repo.attachFindings(tx, id, personId);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id: personId },
      fields: ['webFormSubmission', ...(parts.length > 0 ? ['interaction'] : [])],
      note: `web form submission ${id} (form "${form.name}") accepted${existing ? ' into an existing person' : ''}`,
    });
    return toSubmission(actor, { row: { ...row, status: 'accepted', person_id: personId }, form, values });
  });
