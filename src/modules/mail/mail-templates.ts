import type { Tx } from '../../db/tenant.ts';
import { DEFAULT_MAIL_TEMPLATES, renderMailTemplateText } from '../../domain/marketing/mail-defaults.ts';
import type { AppContext } from '../../server/context.ts';
import * as repo from './mail-templates.repository.ts';

export type MailTemplateKey = 'double_opt_in' | 'portal_login' | 'marketing_footer' | 'redaction_notice';

/**
 * Renders the tenant's newest version of a mail template (or the built-in default, version 0) with
 * `{{name}}` placeholders filled from `vars` (values are inserted as plain text). Returns the
 * version used, so the proof can name it. Owner: consent (settings and templates).
 */
export const renderMailTemplate = async (
  tx: Tx,
  _ctx: AppContext,
  input: { tenantId: string; key: MailTemplateKey; language: 'de' | 'en'; vars: Record<string, string> },
): Promise<{ subject: string; text: string; templateId: string | null; version: number }> => {
  const row = await repo.newestTemplate(tx, input.key, input.language);
  const template = row
    ? { subject: row.subject, body: row.body }
    : DEFAULT_MAIL_TEMPLATES[input.key][input.language];
  const rendered = renderMailTemplateText(template, input.vars);
  return { ...rendered, templateId: row?.id ?? null, version: row?.version ?? 0 };
};
