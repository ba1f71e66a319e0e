import { sql } from 'kysely';
import type { Tx } from '../../../db/tenant.ts';
import type { AppContext } from '../../../server/context.ts';
import { deleteOutboxFiles } from '../../mail/mail.service.ts';

/*
 * Deletes consent rows whose proof is no longer needed, and what exists only to prove them. The
 * ledger's links are kept consistent: a consent that stays and superseded one that goes no longer
 * names it (`supersedes_id`, the only foreign key onto consents; this needs the column grant of
 * migration 0016), a consent that stays and was superseded by one that goes no longer names its
 * successor, campaign recipient rows keep their basis but not the consent id, and the confirmed
 * double opt-in sign-up of a consent that goes (address, names, IP, user agent: the proof) goes with
 * it, together with its confirmation mail.
 */

const uuids = (ids: string[]) => sql`${ids}::uuid[]`;

/** Ids of consents outside `ids` whose `column` points into `ids`. */
const pointingIn = async (tx: Tx, column: 'supersedes_id' | 'superseded_by_id', ids: string[]) => {
  const { rows } = await sql<{ id: string }>`
    select id from consents where ${sql.ref(column)} = any(${uuids(ids)}) and not (id = any(${uuids(ids)}))`.execute(
    tx,
  );
  return rows.map((r) => r.id);
};

/** Deletes the consents `ids` (already checked to be due); returns how many rows went. */
export const deleteConsents = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; ids: string[] },
): Promise<number> => {
  const { ids } = input;
  if (ids.length === 0) return 0;
  // statements only when there is something to change: the column grant is checked even for no rows
  const successors = await pointingIn(tx, 'supersedes_id', ids);
  if (successors.length > 0)
    await sql`update consents set supersedes_id = null where id = any(${uuids(successors)})`.execute(tx);
  const predecessors = await pointingIn(tx, 'superseded_by_id', ids);
  if (predecessors.length > 0)
    await sql`update consents set superseded_by_id = null where id = any(${uuids(predecessors)})`.execute(tx);
  await sql`update campaign_recipients set consent_id = null where consent_id = any(${uuids(ids)})`.execute(
    tx,
  );
  const { rows: signups } = await sql<{ mail_id: string | null }>`
    delete from consent_signups s
    where s.consent_id = any(${uuids(ids)})
      and not exists (select 1 from consents c where c.signup_id = s.id and not (c.id = any(${uuids(ids)})))
    returning s.mail_id`.execute(tx);
  const mailIds = signups.flatMap((s) => (s.mail_id ? [s.mail_id] : []));
  const { rows: mails } =
    mailIds.length > 0
      ? await sql<{ id: string }>`
          delete from outbound_mails where id = any(${uuids(mailIds)}) and kind = 'double_opt_in'
          returning id`.execute(tx)
      : { rows: [] };
  const deleted = await sql`delete from consents where id = any(${uuids(ids)})`.execute(tx);
  await deleteOutboxFiles(ctx, { tenantId: input.tenantId, mailIds: mails.map((m) => m.id) });
  return Number(deleted.numAffectedRows ?? 0n);
};
