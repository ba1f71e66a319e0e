import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newSecretToken, sha256 } from '../auth/secret-tokens.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { currentWordingWithin, recordConsentWithin } from '../consent/consent.ledger.ts';
import { suppressedKinds } from '../erasure/suppressions.service.ts';
import { createSubjectKey } from '../keys/keys.service.ts';
import { loadMarketingSettings, recentMailsTo, sendMails } from '../mail/mail.service.ts';
import { renderMailTemplate } from '../mail/mail-templates.ts';
import { createdFields } from '../persons/persons.audit.ts';
import { insertPerson } from '../persons/persons.repository.ts';
import { sealPersonColumns } from '../persons/persons.sealed.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import * as repo from './signups.repository.ts';
import type { ConsentFormCreateInput, ConsentFormPatchInput, SignupRequestInput } from './signups.schemas.ts';

/** How long a confirmation link stays valid. */
export const SIGNUP_LINK_HOURS = 48;
/** At most this many double opt-in mails to one address in 24 hours (a sign-up flood for someone else). */
export const DOI_MAILS_PER_DAY = 3;
const HOUR = 3_600_000;
const TEMPLATE_HEADER = 'X-Custos-Template';
const TOKEN_PREFIX = 's_';
const TOKEN_PATTERN = /^s_[A-Za-z0-9_-]{20,100}$/;

export type RequestMeta = { ip: string | null; userAgent: string | null };

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);
export const requestMeta = (ip: string | undefined, userAgent: string | undefined): RequestMeta => ({
  ip: clip(ip, 100),
  userAgent: clip(userAgent, 500),
});

const labelOf = (purpose: { label_de: string; label_en: string }, language: 'de' | 'en') =>
  language === 'de' ? purpose.label_de : purpose.label_en;

const formUrl = (publicUrl: string, formId: string) => `${publicUrl}/signup/${formId}`;

// ---- staff: form management ------------------------------------------------------------------------

const toForm = (row: repo.FormRow, publicUrl: string) => ({
  id: row.id,
  name: row.name,
  purposeId: row.purpose_id,
  channel: 'email' as const,
  language: row.language,
  redirectUrl: row.redirect_url,
  active: row.active,
  createdAt: row.created_at.toISOString(),
  publicUrl: formUrl(publicUrl, row.id),
  signups: { pending: Number(row.pending), confirmed: Number(row.confirmed) },
});

const loadForm = async (tx: Tx, ctx: AppContext, tenantId: string, id: string) => {
  const rows = await repo.listForms(tx, ctx.now());
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('not_found', { params: { entity: 'consent_form' } });
  const { publicUrl } = await loadMarketingSettings(tx, ctx, tenantId);
  return toForm(row, publicUrl);
};

export const listForms = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'marketing.read' })) throw new AppError('forbidden');
    const { publicUrl } = await loadMarketingSettings(tx, ctx, actor.tenantId);
    return { items: (await repo.listForms(tx, ctx.now())).map((r) => toForm(r, publicUrl)) };
  });

/** The purpose must be declared and allow consent, and a wording must exist for it in e-mail and the language. */
const assertFormPurpose = async (tx: Tx, purposeId: string, language: 'de' | 'en') => {
  const purpose = await repo.findPurposeRow(tx, purposeId);
  if (!purpose) throw new AppError('unknown_purpose', { params: { purpose: purposeId } });
  if (!purpose.legal_bases.includes('consent'))
    throw new AppError('legal_basis_not_allowed', {
      params: { purpose: purposeId, legalBasis: 'consent', allowed: purpose.legal_bases.join(', ') },
    });
  const wording = await currentWordingWithin(tx, { purposeId, channel: 'email', language });
  if (!wording)
    throw new AppError('consent_wording_mismatch', {
      details: [
        {
          path: 'purposeId',
          message: `no consent wording for purpose "${purposeId}", channel email, language ${language}: create one first (POST /consent-wordings)`,
        },
      ],
    });
};

export const createForm = (ctx: AppContext, actor: Actor, input: ConsentFormCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'marketing.manage' })) throw new AppError('forbidden');
    await assertFormPurpose(tx, input.purposeId, input.language);
    const { id } = await repo.insertForm(tx, {
      tenant_id: actor.tenantId,
      name: input.name,
      purpose_id: input.purposeId,
      language: input.language,
      redirect_url: input.redirectUrl ?? null,
      created_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['consentForms'],
      note: `sign-up form ${id} created (purpose ${input.purposeId}, ${input.language})`,
    });
    return loadForm(tx, ctx, actor.tenantId, id);
  });

export const updateForm = (ctx: AppContext, actor: Actor, id: string, patch: ConsentFormPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'marketing.manage' })) throw new AppError('forbidden');
    const current = await repo.findForm(tx, id);
    if (!current) throw new AppError('not_found', { params: { entity: 'consent_form' } });
    if (patch.active === true && !current.active)
      await assertFormPurpose(tx, current.purpose_id, current.language);
    const values = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.redirectUrl !== undefined ? { redirect_url: patch.redirectUrl } : {}),
    };
    if (Object.keys(values).length > 0) {
      await repo.updateForm(tx, id, values);
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'settings_change',
        fields: ['consentForms'],
        note: `sign-up form ${id} changed (${Object.keys(patch).join(', ')})`,
      });
    }
    return loadForm(tx, ctx, actor.tenantId, id);
  });

// ---- public: the form and the sign-up --------------------------------------------------------------

/** The tenant and the form, for a public route; not_found for an unknown form. */
const publicForm = async (ctx: AppContext, formId: string) => {
  const tenantId = await repo.tenantOfForm(ctx.db.kysely, formId);
  if (!tenantId) throw new AppError('not_found', { params: { entity: 'consent_form' } });
  return tenantId;
};

export const getPublicForm = async (ctx: AppContext, formId: string) => {
  const tenantId = await publicForm(ctx, formId);
  return inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const form = await repo.findForm(tx, formId);
    if (!form) throw new AppError('not_found', { params: { entity: 'consent_form' } });
    if (!form.active) throw new AppError('form_inactive');
    const purpose = await repo.findPurposeRow(tx, form.purpose_id);
    const wording = await currentWordingWithin(tx, {
      purposeId: form.purpose_id,
      channel: 'email',
      language: form.language,
    });
    if (!purpose || !wording) throw new AppError('form_inactive');
    return {
      formId: form.id,
      name: form.name,
      language: form.language,
      purpose: { id: purpose.id, label: labelOf(purpose, form.language) },
      wording: {
        id: wording.id,
        version: wording.version,
        text: wording.text,
        advertiser: wording.advertiser,
        productScope: wording.productScope,
      },
    };
  });
};

/**
 * A sign-up on a public form: nothing is consent yet. Stores a pending sign-up (token only hashed,
 * 48 hours) and, after the commit, sends the double opt-in mail. Addresses already subscribed,
 * suppressed (erased) or objecting get the same answer and no mail: the form reveals nothing.
 * Returns where an HTML form post goes next.
 */
export const signUp = async (
  ctx: AppContext,
  input: { formId: string; body: SignupRequestInput; htmlForm: boolean; meta: RequestMeta },
): Promise<{ redirectTo: string }> => {
  const { body } = input;
  const ticked =
    body.consent === true || (input.htmlForm && (body.consent === 'on' || body.consent === 'true'));
  const tenantId = await publicForm(ctx, input.formId);
  const now = ctx.now();
  const decided = await inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const form = await repo.findForm(tx, input.formId);
    if (!form) throw new AppError('not_found', { params: { entity: 'consent_form' } });
    if (!form.active) throw new AppError('form_inactive');
    if (!ticked) throw new AppError('consent_not_given');
    const wording = await repo.findWording(tx, body.wordingId);
    if (
      !wording ||
      wording.purpose_id !== form.purpose_id ||
      wording.channel !== 'email' ||
      wording.language !== form.language
    )
      throw new AppError('consent_wording_mismatch', {
        details: [
          { path: 'wordingId', message: "not a wording of this form's purpose, channel and language" },
        ],
      });
    const redirectTo = form.redirect_url ?? `/signup/${form.id}?sent=1`;
    const email = body.email;
    const sent = await recentMailsTo(tx, {
      address: email,
      kind: 'double_opt_in',
      since: new Date(now.getTime() - 24 * HOUR),
    });
    if (sent >= DOI_MAILS_PER_DAY) throw new AppError('too_many_mails');
    // reveal nothing: the same answer, but no mail and no consent
    const silent =
      (await suppressedKinds(tx, ctx, { tenantId, email })).length > 0 ||
      (await repo.personsByEmail(tx, email)).some((p) => p.marketing_objection_at && !p.restricted_at) ||
      (await repo.hasValidEmailConsent(tx, { purposeId: form.purpose_id, email }));
    if (silent) return { redirectTo, mail: null };
    const token = newSecretToken(TOKEN_PREFIX);
    const language = body.language ?? form.language;
    const expiresAt = new Date(now.getTime() + SIGNUP_LINK_HOURS * HOUR);
    const { id: signupId } = await repo.insertSignup(tx, {
      tenant_id: tenantId,
      form_id: form.id,
      wording_id: wording.id,
      email,
      first_name: body.firstName ?? null,
      last_name: body.lastName ?? null,
      language,
      requested_at: now,
      request_ip: input.meta.ip,
      request_user_agent: input.meta.userAgent,
      token_hash: sha256(token),
      expires_at: expiresAt,
    });
    const { publicUrl, senderName } = await loadMarketingSettings(tx, ctx, tenantId);
    const purpose = await repo.findPurposeRow(tx, form.purpose_id);
    const rendered = await renderMailTemplate(tx, ctx, {
      tenantId,
      key: 'double_opt_in',
      language,
      vars: {
        firstName: body.firstName ?? '',
        lastName: body.lastName ?? '',
        link: `${publicUrl}/consent/confirm?token=${token}`,
        purpose: purpose ? labelOf(purpose, language) : form.purpose_id,
        senderName,
        expiresAt: new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/Berlin',
        }).format(expiresAt),
      },
    });
    return {
      redirectTo,
      mail: {
        signupId,
        to: email,
        subject: rendered.subject,
        text: rendered.text,
        template: `double_opt_in;${language};v${rendered.version};${rendered.templateId ?? 'built-in'}`,
      },
    };
  });
  if (!decided.mail) return { redirectTo: decided.redirectTo };

  // after the commit: a rollback must never leave a mail sent for a sign-up that does not exist
  const { mail } = decided;
  const [result] = await sendMails(ctx, {
    tenantId,
    mails: [
      {
        kind: 'double_opt_in',
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { [TEMPLATE_HEADER]: mail.template },
      },
    ],
  });
  if (!result) throw new AppError('mail_delivery_failed');
  const delivered = result.status === 'sent' || result.status === 'outbox';
  // an undeliverable link can never be confirmed: the sign-up expires at once
  await inTenant(ctx.db.kysely, tenantId, (tx) =>
    repo.setSignupMail(tx, mail.signupId, result.id, delivered ? null : now),
  );
  if (result.status === 'bounced') throw new AppError('email_undeliverable');
  if (result.status === 'failed') throw new AppError('mail_delivery_failed');
  return { redirectTo: decided.redirectTo };
};

// ---- public: confirmation ------------------------------------------------------------------------

const parseTemplate = (header: string | undefined) => {
  const [key, language, version, templateId] = (header ?? '').split(';');
  return {
    templateKey: key || 'double_opt_in',
    templateLanguage: language || null,
    templateVersion: version ? Number(version.replace(/^v/, '')) : null,
    templateId: templateId && templateId !== 'built-in' ? templateId : null,
  };
};

/** Finds the person with this exact address among non-restricted persons, or creates a prospect. */
const personForSignup = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    email: string;
    firstName: string | null;
    lastName: string | null;
    purposeId: string;
    formName: string;
    at: Date;
  },
) => {
  const existing = (await repo.personsByEmail(tx, input.email)).find((p) => !p.restricted_at);
  if (existing) return existing.id;
  const purposes = [input.purposeId];
  await guardPersonWrite(tx, ctx, {
    tenantId: input.tenantId,
    personId: null,
    fields: ['firstName', 'lastName', 'email', 'legalBasis', 'purposes', 'source'],
    email: input.email,
    purposes,
  });
  assertPrivacyFacts({
    facts: {
      legalBasis: 'consent',
      purposes,
      collectedAt: input.at,
      expiresAt: null,
      specialCategoryBasis: null,
      holdsSpecialCategory: false,
    },
    catalogue: await listPurposes(tx),
  });
  const id = randomUUID();
  const values = {
    tenant_id: input.tenantId,
    kind: 'prospect',
    first_name: input.firstName ?? '',
    last_name: input.lastName ?? '',
    email: input.email,
    phone: null,
    birth_date: null,
    job_title: null,
    street: null,
    postal_code: null,
    city: null,
    country: null,
    notes: null,
    accessibility_needs: null,
    accessibility_legal_basis: null,
    organization_id: null,
    department_ids: [],
    legal_basis: 'consent',
    purposes,
    source_kind: 'web_form',
    source_detail: input.formName,
    collected_at: input.at,
    collected_by: null,
    expires_at: null,
  };
  const dataKey = await createSubjectKey(tx, ctx, input.tenantId, id);
  await insertPerson(tx, { id, ...sealPersonColumns(dataKey, id, values) });
  const created = createdFields(values);
  await recordAudit(tx, ctx, input.tenantId, {
    actor: null,
    action: 'create',
    subject: { type: 'person', id },
    fields: created.fields,
    values: { new: created.new },
    note: `created by the person's double opt-in sign-up (form "${input.formName}")`,
  });
  return id;
};

/**
 * The click on the confirmation link: in one transaction the person is found or created, the consent
 * recorded with its full proof (A5: form, wording, sign-up and confirmation times, IPs, user agents,
 * the DOI mail's id, message id and template) and the sign-up marked confirmed. Single use.
 */
export const confirmSignup = async (ctx: AppContext, input: { token: string; meta: RequestMeta }) => {
  if (!TOKEN_PATTERN.test(input.token)) throw new AppError('link_invalid');
  const tokenHash = sha256(input.token);
  const tenantId = await repo.tenantOfSignup(ctx.db.kysely, tokenHash);
  if (!tenantId) throw new AppError('link_invalid');
  return inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const signup = await repo.findSignupForUpdate(tx, tokenHash);
    if (!signup) throw new AppError('link_invalid');
    if (signup.confirmed_at) throw new AppError('link_used');
    const now = ctx.now();
    if (signup.expires_at.getTime() <= now.getTime()) throw new AppError('link_expired');
    const form = await repo.findForm(tx, signup.form_id);
    const purpose = form ? await repo.findPurposeRow(tx, form.purpose_id) : undefined;
    if (!form || !purpose) throw new AppError('link_invalid');
    const mail = signup.mail_id ? await repo.findMail(tx, signup.mail_id) : undefined;
    if (!mail) throw new AppError('link_invalid');
    const { publicUrl } = await loadMarketingSettings(tx, ctx, tenantId);
    const personId = await personForSignup(tx, ctx, {
      tenantId,
      email: signup.email,
      firstName: signup.first_name,
      lastName: signup.last_name,
      purposeId: form.purpose_id,
      formName: form.name,
      at: now,
    });
    const template = parseTemplate((mail.headers as Record<string, string>)[TEMPLATE_HEADER]);
    const consent = await recordConsentWithin(tx, ctx, {
      tenantId,
      personId,
      purposeId: form.purpose_id,
      channel: 'email',
      address: signup.email,
      wordingId: signup.wording_id,
      method: 'double_opt_in',
      givenAt: now,
      signupId: signup.id,
      recordedBy: null,
      proof: {
        formId: form.id,
        formName: form.name,
        formUrl: formUrl(publicUrl, form.id),
        checkbox: 'ticked by the person (not pre-ticked)',
        signupId: signup.id,
        signupRequestedAt: signup.requested_at.toISOString(),
        signupIp: signup.request_ip,
        signupUserAgent: signup.request_user_agent,
        doiMailId: mail.id,
        doiMessageId: mail.message_id,
        doiMailStatus: mail.status,
        doiSentAt: (mail.sent_at ?? mail.created_at).toISOString(),
        doiTokenExpiresAt: signup.expires_at.toISOString(),
        ...template,
        confirmedAt: now.toISOString(),
        confirmIp: input.meta.ip,
        confirmUserAgent: input.meta.userAgent,
      },
    });
    const marked = await repo.markConfirmed(tx, signup.id, {
      confirmed_at: now,
      confirm_ip: input.meta.ip,
      confirm_user_agent: input.meta.userAgent,
      person_id: personId,
      consent_id: consent.id,
    });
    if (!marked) throw new AppError('link_used');
    await repo.linkMailToPerson(tx, mail.id, personId);
    return {
      status: 'confirmed' as const,
      purpose: { id: purpose.id, label: labelOf(purpose, signup.language) },
      redirectUrl: form.redirect_url,
    };
  });
};
