import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

export type MailRowInsert = {
  id: string;
  tenant_id: string;
  kind: 'double_opt_in' | 'portal_login' | 'campaign' | 'notice';
  person_id: string | null;
  campaign_id: string | null;
  to_address: string;
  from_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  headers: string;
  message_id: string;
  status: 'outbox' | 'queued';
  created_at: Date;
};

export const insertMails = (tx: Tx, rows: MailRowInsert[]) =>
  rows.length === 0 ? Promise.resolve() : tx.insertInto('outbound_mails').values(rows).execute();

export const markSent = (tx: Tx, ids: string[], at: Date) =>
  ids.length === 0
    ? Promise.resolve()
    : tx.updateTable('outbound_mails').set({ status: 'sent', sent_at: at }).where('id', 'in', ids).execute();

export const markFailed = (tx: Tx, id: string, status: 'failed' | 'bounced', error: string) =>
  tx.updateTable('outbound_mails').set({ status, error }).where('id', '=', id).execute();

export const recordBounce = (
  tx: Tx,
  row: { tenantId: string; address: string; at: Date; reason: string; mailId: string },
) =>
  tx
    .insertInto('mail_bounces')
    .values({
      tenant_id: row.tenantId,
      address: row.address.toLowerCase(),
      bounced_at: row.at,
      reason: row.reason,
      mail_id: row.mailId,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'address']).doUpdateSet({ bounced_at: row.at, reason: row.reason }),
    )
    .execute();

/** Addresses (lower case) among `addresses` whose mail bounced. */
export const bouncedAmong = async (tx: Tx, addresses: string[]): Promise<Set<string>> => {
  if (addresses.length === 0) return new Set();
  const rows = await tx
    .selectFrom('mail_bounces')
    .select('address')
    .where(
      'address',
      'in',
      addresses.map((a) => a.toLowerCase()),
    )
    .execute();
  return new Set(rows.map((r) => r.address));
};

export const findSettings = (tx: Tx, tenantId: string) =>
  tx.selectFrom('marketing_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();

export const tenantName = async (tx: Tx, tenantId: string) =>
  (await tx.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst())?.name ??
  'Custos';

/** Mails to one address in the last `hours` hours of one kind (throttling sign-ups and magic links). */
export const countRecentTo = async (tx: Tx, input: { address: string; kind: string; since: Date }) =>
  Number(
    (
      await tx
        .selectFrom('outbound_mails')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(sql`lower(to_address)`, '=', input.address.toLowerCase())
        .where('kind', '=', input.kind as never)
        .where('created_at', '>=', input.since)
        .executeTakeFirst()
    )?.n ?? 0,
  );
