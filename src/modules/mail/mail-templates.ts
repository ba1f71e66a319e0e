import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';

export type MailTemplateKey = 'double_opt_in' | 'portal_login' | 'marketing_footer';

/**
 * Renders the tenant's newest version of a mail template (or the built-in default, version 0) with
 * `{{name}}` placeholders filled from `vars` (values are inserted as plain text). Returns the
 * version used, so the proof can name it. Owner: consent (settings and templates).
 * STUB until implemented; the signature is the contract.
 */
export const renderMailTemplate = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; key: MailTemplateKey; language: 'de' | 'en'; vars: Record<string, string> },
): Promise<{ subject: string; text: string; templateId: string | null; version: number }> => {
  throw new Error('not implemented: renderMailTemplate');
};
