import { randomUUID } from 'node:crypto';
import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import {
  DEFAULT_MAIL_TEMPLATES,
  MAIL_TEMPLATE_KEYS,
  type MailTemplateKeyName,
  validateMailTemplate,
} from '../../domain/marketing/mail-defaults.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadMarketingSettings, smtpConfigured } from './mail.service.ts';
import * as repo from './mail-templates.repository.ts';
import type { MailTemplateCreateInput, MarketingSettingsUpdateInput } from './marketing-settings.schemas.ts';

/** The tenant's sender identity and its versioned mail templates. */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

export const getMarketingSettings = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    return { ...(await loadMarketingSettings(tx, ctx, actor.tenantId)), smtpConfigured: smtpConfigured(ctx) };
  });

export const updateMarketingSettings = (ctx: AppContext, actor: Actor, input: MarketingSettingsUpdateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    await repo.upsertSettings(tx, {
      tenant_id: actor.tenantId,
      sender_name: input.senderName,
      sender_email: input.senderEmail,
      reply_to: input.replyTo ?? null,
      postal_address: input.postalAddress ?? null,
      public_url: input.publicUrl ? input.publicUrl.replace(/\/+$/, '') : null,
      updated_at: ctx.now(),
      updated_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['marketing_settings'],
      note: 'marketing settings changed',
    });
    return { ...(await loadMarketingSettings(tx, ctx, actor.tenantId)), smtpConfigured: smtpConfigured(ctx) };
  });

type TemplateRow = NonNullable<Awaited<ReturnType<typeof repo.newestTemplate>>>;
const toTemplate = (row: TemplateRow) => ({
  id: row.id,
  key: row.key,
  language: row.language,
  version: row.version,
  subject: row.subject,
  body: row.body,
  createdAt: new Date(row.created_at).toISOString(),
  builtIn: false,
});
const builtIn = (key: MailTemplateKeyName, language: 'de' | 'en') => ({
  id: null,
  key,
  language,
  version: 0,
  ...DEFAULT_MAIL_TEMPLATES[key][language],
  createdAt: null,
  builtIn: true,
});

/** The template in use for each key and language: the tenant's newest version or the built-in one. */
export const listMailTemplates = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    const rows = await repo.newestTemplates(tx);
    const items = MAIL_TEMPLATE_KEYS.flatMap((key) =>
      (['de', 'en'] as const).map((language) => {
        const row = rows.find((r) => r.key === key && r.language === language);
        return row ? toTemplate(row) : builtIn(key, language);
      }),
    );
    return { items };
  });

/** Every version of one template, newest first, ending with the built-in default (version 0). */
export const listMailTemplateVersions = (
  ctx: AppContext,
  actor: Actor,
  key: MailTemplateKeyName,
  language: 'de' | 'en',
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    const rows = await repo.templateVersions(tx, key, language);
    return { items: [...rows.map(toTemplate), builtIn(key, language)] };
  });

/** Saves a new version (the old ones stay: what was sent is provable). */
export const createMailTemplate = (ctx: AppContext, actor: Actor, input: MailTemplateCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    validateMailTemplate(input.key, { subject: input.subject, body: input.body });
    const version = await repo.nextTemplateVersion(tx, input.key, input.language);
    const id = randomUUID();
    await repo.insertTemplate(tx, {
      id,
      tenant_id: actor.tenantId,
      key: input.key,
      language: input.language,
      version,
      subject: input.subject,
      body: input.body,
      created_at: ctx.now(),
      created_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['mail_template'],
      note: `mail template ${input.key}/${input.language} version ${version}`,
    });
    const row = (await repo.templateVersions(tx, input.key, input.language))[0];
    if (!row) throw new AppError('not_found', { params: { entity: 'mail_template' } });
    return toTemplate(row);
  });
