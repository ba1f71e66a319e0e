import { asSystem } from '../../src/db/tenant.ts';
import { createToken } from '../../src/modules/tokens/tokens.service.ts';
import type { startE2eServer } from './server.ts';

type E2eServer = Awaited<ReturnType<typeof startE2eServer>>;

/** An admin API token, as a colleague would use to enter the data the portal then shows. */
export const adminApi = async (server: E2eServer) => {
  const { tenantId, adminId } = await asSystem(server.ctx.db.kysely, async (tx) => ({
    tenantId: (await tx.selectFrom('tenants').select('id').executeTakeFirstOrThrow()).id,
    adminId: (await tx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
  }));
  const { token } = await createToken(server.ctx, { tenantId, userId: adminId, name: 'e2e portal seed' });
  const call = async <T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!expected.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  return { tenantId, call };
};

export type AdminApi = Awaited<ReturnType<typeof adminApi>>;

/** A customer as sales entered them from a business card. */
export const seedCustomer = (api: AdminApi, person: Record<string, unknown>) =>
  api.call<{ id: string }>('POST', '/persons', {
    kind: 'customer',
    legalBasis: 'contract',
    purposes: ['sales'],
    source: { kind: 'business_card', detail: 'Messe' },
    ...person,
  });

/** A newsletter consent given on the web form, with the wording the person saw. */
export const seedNewsletterConsent = async (
  api: AdminApi,
  personId: string,
  { language, text }: { language: 'de' | 'en'; text: string },
) => {
  const wording = await api.call<{ id: string; version: number }>('POST', '/consent-wordings', {
    purposeId: 'newsletter',
    channel: 'email',
    language,
    text,
    advertiser: 'Muster GmbH',
  });
  const consent = await api.call<{ id: string }>('POST', `/persons/${personId}/consents`, {
    purposeId: 'newsletter',
    channel: 'email',
    wordingId: wording.id,
    method: 'web_form',
    givenAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    proof: { formUrl: 'https://muster.example/newsletter' },
  });
  return { wording, consent };
};

/**
 * The e2e server has no SMTP: mails stay in the outbox table. Returns the path and query of the
 * link in the newest mail of that kind to the address (the link's host is the configured public URL).
 */
export const newestMailLink = async (
  server: E2eServer,
  { to, kind, path }: { to: string; kind: 'portal_login' | 'double_opt_in' | 'campaign'; path: string },
): Promise<string> => {
  const mail = await asSystem(server.ctx.db.kysely, (tx) =>
    tx
      .selectFrom('outbound_mails')
      .select(['body_text', 'created_at'])
      .where('kind', '=', kind)
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
  );
  if (!mail) throw new Error(`no ${kind} mail to ${to} in the outbox`);
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`https?://[^\\s/]+(${escaped}[^\\s>"')]*)`).exec(mail.body_text);
  if (!match?.[1]) throw new Error(`no ${path} link in the newest ${kind} mail to ${to}`);
  return match[1];
};

/** Counts the mails of a kind to an address (to wait until a new one is in the outbox). */
export const mailCount = (server: E2eServer, to: string, kind: string) =>
  asSystem(server.ctx.db.kysely, async (tx) =>
    Number(
      (
        await tx
          .selectFrom('outbound_mails')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('kind', '=', kind as 'portal_login')
          .where('to_address', '=', to)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

/** Lets every unused portal sign-in link run out (as if 15 minutes had passed). */
export const expirePortalLinks = (server: E2eServer) =>
  asSystem(server.ctx.db.kysely, (tx) =>
    tx
      .updateTable('portal_login_tokens')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('used_at', 'is', null)
      .execute(),
  );
