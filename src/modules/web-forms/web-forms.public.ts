import { randomUUID } from 'node:crypto';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { LEGAL_BASIS_LABELS, type LegalBasis } from '../../domain/privacy/legal-bases.ts';
import { freeTextFields, HONEYPOT_FIELD, MAX_LENGTH } from '../../domain/web-forms/fields.ts';
import { purgeAfter, receivedDay } from '../../domain/web-forms/metadata.ts';
import { checkSubmission, type RawValue, valueFor } from '../../domain/web-forms/submission.ts';
import type { AppContext } from '../../server/context.ts';
import { createSubjectKey } from '../keys/keys.service.ts';
import { queueSensitiveText } from '../redaction/redaction.queue.ts';
import { type RequestMeta, signUp } from '../signups/signups.service.ts';
import type { Lang, PageForm } from './web-forms.page.ts';
import * as repo from './web-forms.repository.ts';
import { sealSubmission } from './web-forms.sealing.ts';
import { consentWordingOf } from './web-forms.service.ts';

/** The public side of web forms: the definition to render, and a submission. No login; no metadata. */

const SENT = {
  de: 'Vielen Dank, Ihre Nachricht ist angekommen.',
  en: 'Thank you, your message has arrived.',
};

const activeForm = async (ctx: AppContext, token: string) => {
  const tenantId = await repo.tenantOfToken(ctx.db.kysely, token);
  if (!tenantId) throw new AppError('not_found', { params: { entity: 'web_form' } });
  return tenantId;
};

/** What the hosted page and other renderers need. */
export const loadPublicWebForm = async (ctx: AppContext, token: string) => {
  const tenantId = await activeForm(ctx, token);
  return inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const form = await repo.findFormByToken(tx, token);
    if (!form) throw new AppError('not_found', { params: { entity: 'web_form' } });
    if (!form.active) throw new AppError('form_inactive');
    const purpose = await repo.findPurpose(tx, form.purpose_id);
    const wording = form.consent_form_id ? await consentWordingOf(tx, form.consent_form_id) : null;
    if (!purpose || (form.kind === 'newsletter' && !wording)) throw new AppError('form_inactive');
    return { form, purpose, wording };
  });
};

export const getPublicWebForm = async (ctx: AppContext, token: string) => {
  const { form, purpose, wording } = await loadPublicWebForm(ctx, token);
  return {
    kind: form.kind,
    name: form.name,
    language: form.language,
    purpose: { id: purpose.id, label: { de: purpose.label_de, en: purpose.label_en } },
    legalBasis: form.legal_basis,
    fields: form.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      maxLength: f.maxLength ?? MAX_LENGTH[f.type],
      options: f.options ?? [],
    })),
    consentWording: wording,
    honeypot: HONEYPOT_FIELD,
    successText: { de: form.success_text_de ?? SENT.de, en: form.success_text_en ?? SENT.en },
  };
};

/** The page's texts in one language. */
export const pageFormOf = (loaded: Awaited<ReturnType<typeof loadPublicWebForm>>, lang: Lang): PageForm => {
  const basis = LEGAL_BASIS_LABELS[loaded.form.legal_basis as LegalBasis];
  return {
    name: loaded.form.name,
    fields: loaded.form.fields,
    purposeLabel: lang === 'de' ? loaded.purpose.label_de : loaded.purpose.label_en,
    legalBasisLabel: basis ? `${basis[lang]} (${basis.article})` : loaded.form.legal_basis,
    consentWording: loaded.wording,
    successText: (lang === 'de' ? loaded.form.success_text_de : loaded.form.success_text_en) ?? SENT[lang],
  };
};

export type SubmitResult = { status: 'received'; message: string };

/**
 * A submission. Undeclared keys: 422 form_field_not_declared and nothing stored. Invalid values:
 * 422 validation_failed with one issue per field. A filled honeypot is answered like a success and
 * stored nowhere. Newsletter forms hand the address to the double opt-in of their sign-up form (which
 * records the consent proof); the others store the declared values, sealed under a key of their own,
 * and the day — nothing else — and queue free text for the sensitive-data check.
 */
export const submitWebForm = async (
  ctx: AppContext,
  input: { token: string; body: Record<string, RawValue>; lang: Lang; meta: RequestMeta },
): Promise<SubmitResult> => {
  const tenantId = await activeForm(ctx, input.token);
  const loaded = await loadPublicWebForm(ctx, input.token);
  const { form } = loaded;
  const { consent, ...rest } = input.body;
  const body = form.kind === 'newsletter' ? rest : input.body;
  const check = checkSubmission({ fields: form.fields, body });
  const message = pageFormOf(loaded, input.lang).successText;
  if (check.outcome === 'undeclared') {
    const [field] = check.fields;
    throw new AppError('form_field_not_declared', {
      params: { field: field ?? '' },
      details: check.fields.map((f) => ({ path: f, message: 'not declared by this form' })),
    });
  }
  if (check.outcome === 'invalid')
    throw new AppError('validation_failed', {
      details: check.issues.map((i) => ({ path: i.field, message: i.code })),
    });
  if (check.outcome === 'bot') return { status: 'received', message };

  if (form.kind === 'newsletter') {
    const email = valueFor(form.fields, check.values, 'email');
    if (!email || !form.consent_form_id || !loaded.wording) throw new AppError('form_inactive');
    await signUp(ctx, {
      formId: form.consent_form_id,
      body: {
        email,
        firstName: valueFor(form.fields, check.values, 'firstName'),
        lastName: valueFor(form.fields, check.values, 'lastName'),
        wordingId: loaded.wording.id,
        consent: consent === true ? true : consent === 'on' || consent === 'true' ? 'on' : undefined,
        language: input.lang,
      },
      htmlForm: consent !== true,
      meta: input.meta,
    });
    return { status: 'received', message };
  }

  const now = ctx.now();
  const day = receivedDay(now);
  await inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const id = randomUUID();
    const dataKey = await createSubjectKey(tx, ctx, tenantId, id);
    await repo.insertSubmission(tx, {
      id,
      tenant_id: tenantId,
      form_id: form.id,
      values_enc: sealSubmission(dataKey, id, check.values),
      received_on: day,
      purge_on: purgeAfter({ day, retentionDays: form.retention_days }),
    });
    for (const f of freeTextFields(form.fields)) {
      const text = check.values[f.key];
      if (typeof text !== 'string') continue;
      await queueSensitiveText(tx, ctx, {
        tenantId,
        personId: null,
        source: { kind: 'form_submission', id, field: f.key },
        origin: 'form',
        text,
        locale: input.lang,
      });
    }
  });
  return { status: 'received', message };
};
