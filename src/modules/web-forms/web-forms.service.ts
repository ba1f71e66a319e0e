import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { checkFormDefinition, type FieldDefinition, type FormKind } from '../../domain/web-forms/fields.ts';
import { metadataNeeds } from '../../domain/web-forms/metadata.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newSecretToken } from '../auth/secret-tokens.ts';
import { currentWordingWithin } from '../consent/consent.ledger.ts';
import { loadMarketingSettings } from '../mail/mail.service.ts';
import * as repo from './web-forms.repository.ts';
import type { WebFormCreateInput, WebFormPatchInput } from './web-forms.schemas.ts';
import { renderSnippet } from './web-forms.snippet.ts';

/** Staff side of public web forms: define, change, delete, and the embeddable snippet. */

export const hostedUrl = (publicUrl: string, token: string) => `${publicUrl}/forms/${token}`;

const toForm = (row: repo.FormRow, publicUrl: string) => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  purposeId: row.purpose_id,
  legalBasis: row.legal_basis,
  fields: row.fields,
  successText: { de: row.success_text_de ?? '', en: row.success_text_en ?? '' },
  retentionDays: row.retention_days,
  consentFormId: row.consent_form_id,
  language: row.language,
  active: row.active,
  publicToken: row.public_token,
  hostedUrl: hostedUrl(publicUrl, row.public_token),
  metadata: [...metadataNeeds(row.kind)],
  submissions: { new: Number(row.new_count), total: Number(row.total_count) },
  createdAt: row.created_at.toISOString(),
});

const loadForm = async (tx: Tx, ctx: AppContext, tenantId: string, id: string) => {
  const row = (await repo.listForms(tx)).find((r) => r.id === id);
  if (!row) throw new AppError('not_found', { params: { entity: 'web_form' } });
  const { publicUrl } = await loadMarketingSettings(tx, ctx, tenantId);
  return toForm(row, publicUrl);
};

const assertManage = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'webforms.manage' })) throw new AppError('forbidden');
};

const invalid = (problems: { path: string; problem: string }[]) =>
  new AppError('web_form_invalid', {
    params: { problem: problems.map((p) => p.problem).join('; ') },
    details: problems.map((p) => ({ path: p.path, message: p.problem })),
  });

/** The whole definition: fields by the domain rules, purpose and basis by the catalogue, the consent form. */
const assertDefinition = async (
  tx: Tx,
  input: {
    kind: FormKind;
    fields: FieldDefinition[];
    purposeId: string;
    legalBasis: string;
    consentFormId: string | null;
  },
) => {
  const problems = checkFormDefinition({ kind: input.kind, fields: input.fields });
  if (problems.length > 0) throw invalid(problems);
  const purpose = await repo.findPurpose(tx, input.purposeId);
  if (!purpose) throw new AppError('unknown_purpose', { params: { purpose: input.purposeId } });
  if (!purpose.legal_bases.includes(input.legalBasis))
    throw new AppError('legal_basis_not_allowed', {
      params: {
        purpose: input.purposeId,
        legalBasis: input.legalBasis,
        allowed: purpose.legal_bases.join(', '),
      },
    });
  if (input.kind === 'newsletter') {
    if (input.legalBasis !== 'consent')
      throw invalid([{ path: 'legalBasis', problem: 'a newsletter rests on consent' }]);
    const consentForm = input.consentFormId ? await repo.findConsentForm(tx, input.consentFormId) : undefined;
    if (!consentForm)
      throw invalid([{ path: 'consentFormId', problem: 'a newsletter form needs an existing sign-up form' }]);
    if (consentForm.purpose_id !== input.purposeId)
      throw invalid([
        { path: 'consentFormId', problem: "the sign-up form's purpose differs from this form's" },
      ]);
  } else if (input.consentFormId)
    throw invalid([{ path: 'consentFormId', problem: 'only a newsletter form links a sign-up form' }]);
};

const normalizeFields = (fields: WebFormCreateInput['fields']): FieldDefinition[] =>
  fields.map((f) => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    maxLength: f.maxLength ?? null,
    options: f.type === 'select' ? (f.options ?? []) : null,
    maps: f.maps ?? null,
    category: f.category ?? null,
  }));

/** The current e-mail wording of a sign-up form's purpose and language (what the checkbox confirms). */
export const consentWordingOf = async (tx: Tx, consentFormId: string) => {
  const consentForm = await repo.findConsentForm(tx, consentFormId);
  if (!consentForm) return null;
  const wording = await currentWordingWithin(tx, {
    purposeId: consentForm.purpose_id,
    channel: 'email',
    language: consentForm.language,
  });
  return wording ? { id: wording.id, text: wording.text } : null;
};

export const listWebForms = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (
      !canDo({ role: actor.role, action: 'webforms.manage' }) &&
      !canDo({ role: actor.role, action: 'webforms.inbox' })
    )
      throw new AppError('forbidden');
    const { publicUrl } = await loadMarketingSettings(tx, ctx, actor.tenantId);
    return { items: (await repo.listForms(tx)).map((r) => toForm(r, publicUrl)) };
  });

export const getWebForm = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (
      !canDo({ role: actor.role, action: 'webforms.manage' }) &&
      !canDo({ role: actor.role, action: 'webforms.inbox' })
    )
      throw new AppError('forbidden');
    return loadForm(tx, ctx, actor.tenantId, id);
  });

export const createWebForm = (ctx: AppContext, actor: Actor, input: WebFormCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManage(actor);
    const fields = normalizeFields(input.fields);
    const consentFormId = input.consentFormId ?? null;
    await assertDefinition(tx, { ...input, fields, consentFormId });
    const { id } = await repo.insertForm(tx, {
      tenant_id: actor.tenantId,
      kind: input.kind,
      name: input.name,
      purpose_id: input.purposeId,
      legal_basis: input.legalBasis,
      fields: JSON.stringify(fields),
      success_text_de: input.successText?.de || null,
      success_text_en: input.successText?.en || null,
      retention_days: input.retentionDays,
      consent_form_id: consentFormId,
      language: input.language,
      active: input.active,
      public_token: newSecretToken('wf_'),
      created_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['webForms'],
      note: `web form ${id} created (${input.kind}, purpose ${input.purposeId}, fields ${fields.map((f) => f.key).join(', ')})`,
    });
    return loadForm(tx, ctx, actor.tenantId, id);
  });

export const updateWebForm = (ctx: AppContext, actor: Actor, id: string, patch: WebFormPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManage(actor);
    const current = await repo.findForm(tx, id);
    if (!current) throw new AppError('not_found', { params: { entity: 'web_form' } });
    const fields = patch.fields ? normalizeFields(patch.fields) : current.fields;
    const merged = {
      kind: current.kind,
      fields,
      purposeId: patch.purposeId ?? current.purpose_id,
      legalBasis: patch.legalBasis ?? current.legal_basis,
      consentFormId: patch.consentFormId !== undefined ? patch.consentFormId : current.consent_form_id,
    };
    await assertDefinition(tx, merged);
    await repo.updateForm(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.fields ? { fields: JSON.stringify(fields) } : {}),
      ...(patch.successText
        ? { success_text_de: patch.successText.de || null, success_text_en: patch.successText.en || null }
        : {}),
      ...(patch.retentionDays !== undefined ? { retention_days: patch.retentionDays } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      purpose_id: merged.purposeId,
      legal_basis: merged.legalBasis,
      consent_form_id: merged.consentFormId,
      updated_at: ctx.now(),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['webForms'],
      note: `web form ${id} changed (${Object.keys(patch).join(', ')})`,
    });
    return loadForm(tx, ctx, actor.tenantId, id);
  });

/** Deleting a form deletes its inbox (submissions and their keys) with it. */
export const deleteWebForm = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManage(actor);
    const current = await repo.findForm(tx, id);
    if (!current) throw new AppError('not_found', { params: { entity: 'web_form' } });
    const accepted = await repo.listSubmissions(tx, { formId: id, status: 'accepted' });
    if (accepted.length > 0)
      throw new AppError('conflict', {
        details: [
          {
            path: 'id',
            message: 'submissions of this form were accepted into persons; deactivate it instead',
          },
        ],
      });
    const pending = await repo.listSubmissions(tx, { formId: id });
    const ids = pending.map((s) => s.id);
    await repo.deleteFindingsOf(tx, ids);
    await repo.shredSubmissionKeys(tx, ids, ctx.now());
    await repo.deleteForm(tx, id);
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['webForms'],
      note: `web form ${id} deleted with ${ids.length} submission(s)`,
    });
  });

export const webFormSnippet = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertManage(actor);
    const form = await repo.findForm(tx, id);
    if (!form) throw new AppError('not_found', { params: { entity: 'web_form' } });
    const { publicUrl } = await loadMarketingSettings(tx, ctx, actor.tenantId);
    const wording = form.consent_form_id ? await consentWordingOf(tx, form.consent_form_id) : null;
    return renderSnippet({ publicUrl, form, consentWording: wording });
  });
