import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { MailTemplateKey } from './mail-templates.ts';

/** SQL of the tenant's mail templates (versioned, insert-only) and marketing settings. */

export const newestTemplate = (tx: Tx, key: MailTemplateKey, language: 'de' | 'en') =>
  tx
    .selectFrom('mail_templates')
    .selectAll()
    .where('key', '=', key)
    .where('language', '=', language)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The newest version of each key and language the tenant saved. */
export const newestTemplates = (tx: Tx) =>
  tx
    .selectFrom('mail_templates')
    .selectAll()
    .distinctOn(['key', 'language'])
    .orderBy('key')
    .orderBy('language')
    .orderBy('version', 'desc')
    .execute();

export const templateVersions = (tx: Tx, key: MailTemplateKey, language: 'de' | 'en') =>
  tx
    .selectFrom('mail_templates')
    .selectAll()
    .where('key', '=', key)
    .where('language', '=', language)
    .orderBy('version', 'desc')
    .execute();

export const nextTemplateVersion = async (tx: Tx, key: MailTemplateKey, language: 'de' | 'en') =>
  Number(
    (
      await tx
        .selectFrom('mail_templates')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
        .where('key', '=', key)
        .where('language', '=', language)
        .executeTakeFirst()
    )?.v ?? 0,
  ) + 1;

export const insertTemplate = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    key: MailTemplateKey;
    language: 'de' | 'en';
    version: number;
    subject: string;
    body: string;
    created_at: Date;
    created_by: string | null;
  },
) => tx.insertInto('mail_templates').values(values).execute();

export const upsertSettings = (
  tx: Tx,
  values: {
    tenant_id: string;
    sender_name: string;
    sender_email: string;
    reply_to: string | null;
    postal_address: string | null;
    public_url: string | null;
    updated_at: Date;
    updated_by: string | null;
  },
) =>
  tx
    .insertInto('marketing_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({
        sender_name: values.sender_name,
        sender_email: values.sender_email,
        reply_to: values.reply_to,
        postal_address: values.postal_address,
        public_url: values.public_url,
        updated_at: values.updated_at,
        updated_by: values.updated_by,
      }),
    )
    .execute();
