import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sha256 } from '../auth/secret-tokens.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { recordConsentWithin } from '../consent/consent.ledger.ts';
import { createSubjectKey } from '../keys/keys.service.ts';
import { loadMarketingSettings } from '../mail/mail.service.ts';
import { createdFields } from '../persons/persons.audit.ts';
import { insertPerson } from '../persons/persons.repository.ts';
import { sealPersonColumns } from '../persons/persons.sealed.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import * as repo from './signups.repository.ts';
import { formUrl, labelOf, type RequestMeta, TEMPLATE_HEADER, TOKEN_PATTERN } from './signups.service.ts';

/** The public confirmation of a double opt-in sign-up: the consent is recorded with its full proof. */

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
