import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newSecretToken, sha256 } from '../auth/secret-tokens.ts';
import { currentWordingWithin } from '../consent/consent.ledger.ts';
import { suppressedKinds } from '../erasure/suppressions.service.ts';
import { loadMarketingSettings, recentMailsTo, sendMails } from '../mail/mail.service.ts';
import { renderMailTemplate } from '../mail/mail-templates.ts';
import * as repo from './signups.repository.ts';
import type { ConsentFormCreateInput, ConsentFormPatchInput, SignupRequestInput } from './signups.schemas.ts';

/** How long a confirmation link stays valid. */
export const SIGNUP_LINK_HOURS = 48;
/** At most this many double opt-in mails to one address in 24 hours (a sign-up flood for someone else). */
export const DOI_MAILS_PER_DAY = 3;
const HOUR = 3_600_000;
export const TEMPLATE_HEADER = 'X-Custos-Template';
const TOKEN_PREFIX = 's_';
export const TOKEN_PATTERN = /^s_[A-Za-z0-9_-]{20,100}$/;

export type RequestMeta = { ip: string | null; userAgent: string | null };

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);
export const requestMeta = (ip: string | undefined, userAgent: string | undefined): RequestMeta => ({
  ip: clip(ip, 100),
  userAgent: clip(userAgent, 500),
});

export const labelOf = (purpose: { label_de: string; label_en: string }, language: 'de' | 'en') =>
  language === 'de' ? purpose.label_de : purpose.label_en;

export const formUrl = (publicUrl: string, formId: string) => `${publicUrl}/signup/${formId}`;

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
