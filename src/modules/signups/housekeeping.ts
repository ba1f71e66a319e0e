import { asSystem } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { deleteOutboxFiles } from '../mail/mail.service.ts';

/** Unconfirmed sign-ups are kept this long after their link expired (to answer "did I sign up?"). */
export const UNCONFIRMED_SIGNUP_DAYS = 7;
/** Used or expired magic links and ended portal sessions are kept this long (abuse analysis). */
export const PORTAL_TOKEN_DAYS = 1;
/** Magic-link mails in the outbox are kept this long. */
export const PORTAL_MAIL_DAYS = 30;

const DAY = 86_400_000;

/**
 * Data minimisation for what only exists for a moment: a sign-up nobody confirmed is no consent and
 * no reason to keep an e-mail address; its confirmation mail goes with it. Expired magic links, ended
 * sessions and old magic-link mails go too. Runs with the campaign scheduler (every minute) across
 * tenants as the owner role; returns what it removed.
 */
export const purgeExpired = async (ctx: AppContext, options: { now?: Date } = {}) => {
  const now = options.now ?? ctx.now();
  const signupsBefore = new Date(now.getTime() - UNCONFIRMED_SIGNUP_DAYS * DAY);
  const tokensBefore = new Date(now.getTime() - PORTAL_TOKEN_DAYS * DAY);
  const mailsBefore = new Date(now.getTime() - PORTAL_MAIL_DAYS * DAY);
  const result = await asSystem(ctx.db.kysely, async (tx) => {
    const signups = await tx
      .deleteFrom('consent_signups')
      .where('confirmed_at', 'is', null)
      .where('expires_at', '<', signupsBefore)
      .returning(['tenant_id', 'mail_id'])
      .execute();
    const oldLoginMails = await tx
      .selectFrom('outbound_mails')
      .select(['id', 'tenant_id'])
      .where('kind', '=', 'portal_login')
      .where('created_at', '<', mailsBefore)
      .execute();
    const oldMailIds = oldLoginMails.map((m) => m.id);
    const tokens = await tx
      .deleteFrom('portal_login_tokens')
      .where((eb) =>
        oldMailIds.length > 0
          ? eb.or([eb('expires_at', '<', tokensBefore), eb('mail_id', 'in', oldMailIds)])
          : eb('expires_at', '<', tokensBefore),
      )
      .returning('id')
      .execute();
    const sessions = await tx
      .deleteFrom('portal_sessions')
      .where((eb) => eb.or([eb('expires_at', '<', tokensBefore), eb('ended_at', '<', tokensBefore)]))
      .returning('id')
      .execute();
    const mails = [
      ...signups.filter((s) => s.mail_id).map((s) => ({ id: s.mail_id as string, tenant_id: s.tenant_id })),
      ...oldLoginMails,
    ];
    if (mails.length > 0)
      await tx
        .deleteFrom('outbound_mails')
        .where(
          'id',
          'in',
          mails.map((m) => m.id),
        )
        .execute();
    return {
      signups: signups.length,
      tokens: tokens.length,
      sessions: sessions.length,
      mails,
    };
  });
  const byTenant = new Map<string, string[]>();
  for (const m of result.mails) byTenant.set(m.tenant_id, [...(byTenant.get(m.tenant_id) ?? []), m.id]);
  for (const [tenantId, mailIds] of byTenant) await deleteOutboxFiles(ctx, { tenantId, mailIds });
  return {
    signups: result.signups,
    loginTokens: result.tokens,
    sessions: result.sessions,
    mails: result.mails.length,
  };
};
