import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { deleteOutboxFiles } from '../mail/mail.service.ts';

/*
 * Art. 17 for the tables of migration 0010 (consent and marketing): the consent ledger, campaign
 * participations and responses, the mails sent to the person (by person and to their address, with
 * the outbox's .eml files), sign-ups and a bounce of their address, and the person's id in portal
 * magic links and sessions (a row naming no one else goes). Owner: consent. Call before the person row
 * goes (consents and campaign rows reference it).
 */

const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | undefined) =>
  Number(r?.numDeletedRows ?? r?.numUpdatedRows ?? 0n);

export const eraseMarketingData = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; email: string | null },
): Promise<Record<string, number>> => {
  const { personId } = input;
  const email = input.email?.trim().toLowerCase() || null;
  const deleted: Record<string, number> = {};
  deleted.campaign_responses = n(
    await tx.deleteFrom('campaign_responses').where('person_id', '=', personId).executeTakeFirst(),
  );
  deleted.campaign_recipients = n(
    await tx.deleteFrom('campaign_recipients').where('person_id', '=', personId).executeTakeFirst(),
  );
  deleted.consent_signups = n(
    await tx
      .deleteFrom('consent_signups')
      .where((eb) =>
        email
          ? eb.or([eb('person_id', '=', personId), eb('email', '=', email)])
          : eb('person_id', '=', personId),
      )
      .executeTakeFirst(),
  );
  deleted.consents = n(await tx.deleteFrom('consents').where('person_id', '=', personId).executeTakeFirst());
  const mails = await tx
    .deleteFrom('outbound_mails')
    .where((eb) =>
      email
        ? eb.or([eb('person_id', '=', personId), eb(sql`lower(to_address)`, '=', email)])
        : eb('person_id', '=', personId),
    )
    .returning('id')
    .execute();
  deleted.outbound_mails = mails.length;
  deleted.mail_bounces = email
    ? n(await tx.deleteFrom('mail_bounces').where('address', '=', email).executeTakeFirst())
    : 0;
  // portal links and sessions: a row for this person alone goes, others lose the id
  let portal = 0;
  for (const table of ['portal_login_tokens', 'portal_sessions'] as const) {
    portal += n(
      await tx
        .deleteFrom(table)
        .where(sql<boolean>`person_ids <@ array[${personId}]::uuid[]`)
        .executeTakeFirst(),
    );
    await tx
      .updateTable(table)
      .set({ person_ids: sql`array_remove(person_ids, ${personId}::uuid)` } as never)
      .where(sql<boolean>`${personId}::uuid = any(person_ids)`)
      .execute();
  }
  deleted.portal_sessions = portal;
  await deleteOutboxFiles(ctx, { tenantId: input.tenantId, mailIds: mails.map((m) => m.id) });
  return deleted;
};
