import { z } from 'zod';
import { MAIL_TEMPLATE_KEYS } from '../../domain/marketing/mail-defaults.ts';

const Language = z.enum(['de', 'en']);
const TemplateKey = z
  .enum(MAIL_TEMPLATE_KEYS)
  .describe('double_opt_in, portal_login, marketing_footer or redaction_notice');

export const MarketingSettings = z
  .object({
    senderName: z.string(),
    senderEmail: z.string(),
    replyTo: z.string().nullable(),
    postalAddress: z.string().nullable(),
    publicUrl: z.string().describe('Base URL of links in mails'),
    smtpConfigured: z.boolean().describe('Whether SMTP_URL is set; otherwise mail waits in the outbox'),
  })
  .meta({ id: 'MarketingSettings' });

const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const MarketingSettingsUpdate = z
  .strictObject({
    senderName: z.string().trim().min(1).max(200).describe('Name in the From header and the imprint'),
    senderEmail: z.email().max(320).describe('Address in the From header'),
    replyTo: z.email().max(320).nullable().optional(),
    postalAddress: nullableText(1000).describe('Postal address of the advertiser (imprint of every mail)'),
    publicUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional()
      .describe('Base URL of links in mails; null: CUSTOS_PUBLIC_URL'),
  })
  .meta({ id: 'MarketingSettingsUpdate' });
export type MarketingSettingsUpdateInput = z.infer<typeof MarketingSettingsUpdate>;

export const MailTemplate = z
  .object({
    id: z.string().nullable().describe('null for a built-in default'),
    key: TemplateKey,
    language: Language,
    version: z.number().int().describe('0 for the built-in default'),
    subject: z.string(),
    body: z.string(),
    createdAt: z.string().nullable(),
    builtIn: z.boolean(),
  })
  .meta({ id: 'MailTemplate' });

export const MailTemplateList = z.object({ items: z.array(MailTemplate) }).meta({ id: 'MailTemplateList' });

export const MailTemplateParams = z.strictObject({ key: TemplateKey, language: Language });

export const MailTemplateCreate = z
  .strictObject({
    key: TemplateKey,
    language: Language,
    subject: z.string().trim().min(1).max(300),
    body: z
      .string()
      .min(1)
      .max(20000)
      .describe('Text with {{placeholders}}; unknown ones give 422 invalid_template'),
  })
  .meta({ id: 'MailTemplateCreate' });
export type MailTemplateCreateInput = z.infer<typeof MailTemplateCreate>;
