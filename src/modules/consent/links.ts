import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { asSystem } from '../../db/tenant.ts';
import { newSecretToken, sha256 } from '../auth/secret-tokens.ts';

/**
 * The personal link of one campaign recipient: one random token per recipient (stored as SHA-256 in
 * `campaign_recipients.token_hash`) opens the one-click withdrawal, the preference page and the
 * tracked link of that mail. It names no person and cannot be guessed.
 */
export const newLinkToken = (): { token: string; hash: string } => {
  const token = newSecretToken('l_');
  return { token, hash: sha256(token) };
};

export type RecipientLink = {
  tenantId: string;
  recipientId: string;
  campaignId: string;
  personId: string;
  purposeId: string;
  channel: 'email' | 'letter';
  basis: 'consent' | 'legitimate_interest' | null;
  consentId: string | null;
  linkUrl: string | null;
};

/**
 * Resolves a recipient link token (public routes: the tenant is not known yet, so the lookup runs as
 * the owner role, by the token's hash only). Null for an unknown or malformed token.
 */
export const resolveRecipientLink = async (db: Kysely<DB>, token: string): Promise<RecipientLink | null> => {
  if (!/^l_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await asSystem(db, (tx) =>
    tx
      .selectFrom('campaign_recipients as r')
      .innerJoin('campaigns as c', (j) =>
        j.onRef('c.id', '=', 'r.campaign_id').onRef('c.tenant_id', '=', 'r.tenant_id'),
      )
      .select([
        'r.tenant_id',
        'r.id',
        'r.campaign_id',
        'r.person_id',
        'r.basis',
        'r.consent_id',
        'c.purpose_id',
        'c.kind',
        'c.link_url',
      ])
      .where('r.token_hash', '=', sha256(token))
      .executeTakeFirst(),
  );
  if (!row) return null;
  return {
    tenantId: row.tenant_id,
    recipientId: row.id,
    campaignId: row.campaign_id,
    personId: row.person_id,
    purposeId: row.purpose_id,
    channel: row.kind,
    basis: row.basis,
    consentId: row.consent_id,
    linkUrl: row.link_url,
  };
};
