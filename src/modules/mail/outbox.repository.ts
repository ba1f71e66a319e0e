import type { Tx } from '../../db/tenant.ts';

export type OutboxFilter = {
  kind?: 'double_opt_in' | 'portal_login' | 'campaign' | 'notice';
  status?: 'outbox' | 'queued' | 'sent' | 'failed' | 'bounced';
  after?: { createdAt: Date; id: string };
  limit: number;
};

/** The outbox, newest first, keyset-paged on (created_at, id). */
export const listMails = (tx: Tx, filter: OutboxFilter) => {
  let q = tx
    .selectFrom('outbound_mails')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'error',
      'created_at',
      'sent_at',
      'person_id',
      'campaign_id',
    ]);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  const after = filter.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
};

export const findMail = (tx: Tx, id: string) =>
  tx.selectFrom('outbound_mails').selectAll().where('id', '=', id).executeTakeFirst();
