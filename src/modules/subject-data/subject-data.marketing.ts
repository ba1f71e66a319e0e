import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { listConsentsWithin } from '../consent/consent.ledger.ts';

/*
 * The access export's marketing sections (issue 6): the consent ledger with each wording's text,
 * campaign participations and responses, the mails sent to the person (by person or to their
 * address), their sign-ups, and a bounce of their address. Owner: consent (tables of migration 0010).
 */

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

export const compileMarketingSections = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; email: string | null },
): Promise<Record<string, Record<string, unknown>[]>> => {
  const { personId } = input;
  const email = input.email?.trim().toLowerCase() || null;
  const [consents, recipients, responses, mails, signups, bounces] = await Promise.all([
    listConsentsWithin(tx, ctx, { tenantId: input.tenantId, personId }),
    tx
      .selectFrom('campaign_recipients as r')
      .innerJoin('campaigns as c', (j) =>
        j.onRef('c.id', '=', 'r.campaign_id').onRef('c.tenant_id', '=', 'r.tenant_id'),
      )
      .select([
        'r.id',
        'r.campaign_id',
        'c.name as campaign_name',
        'c.kind',
        'c.purpose_id',
        'r.run_key',
        'r.basis',
        'r.consent_id',
        'r.status',
        'r.skip_reason',
        'r.created_at',
        'r.sent_at',
      ])
      .where('r.person_id', '=', personId)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
    tx
      .selectFrom('campaign_responses as x')
      .innerJoin('campaigns as c', (j) =>
        j.onRef('c.id', '=', 'x.campaign_id').onRef('c.tenant_id', '=', 'x.tenant_id'),
      )
      .select(['x.id', 'x.campaign_id', 'c.name as campaign_name', 'x.kind', 'x.occurred_at', 'x.order_id'])
      .where('x.person_id', '=', personId)
      .orderBy('x.occurred_at')
      .orderBy('x.id')
      .execute(),
    tx
      .selectFrom('outbound_mails')
      .select([
        'id',
        'kind',
        'to_address',
        'subject',
        'body_text',
        'status',
        'created_at',
        'sent_at',
        'campaign_id',
      ])
      .where((eb) =>
        email
          ? eb.or([eb('person_id', '=', personId), eb(sql`lower(to_address)`, '=', email)])
          : eb('person_id', '=', personId),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    tx
      .selectFrom('consent_signups')
      .select([
        'id',
        'form_id',
        'email',
        'first_name',
        'last_name',
        'language',
        'requested_at',
        'request_ip',
        'request_user_agent',
        'expires_at',
        'confirmed_at',
        'confirm_ip',
        'confirm_user_agent',
        'consent_id',
      ])
      .where((eb) =>
        email
          ? eb.or([eb('person_id', '=', personId), eb('email', '=', email)])
          : eb('person_id', '=', personId),
      )
      .orderBy('requested_at')
      .orderBy('id')
      .execute(),
    email
      ? tx
          .selectFrom('mail_bounces')
          .select(['address', 'bounced_at', 'reason'])
          .where('address', '=', email)
          .execute()
      : [],
  ]);
  return {
    consents: consents.map((c) => ({
      id: c.id,
      purposeId: c.purposeId,
      channel: c.channel,
      address: c.address,
      state: c.state,
      method: c.method,
      givenAt: c.givenAt,
      proof: c.proof,
      wordingVersion: c.wording.version,
      wordingLanguage: c.wording.language,
      wordingText: c.wording.text,
      wordingSha256: c.wording.textSha256,
      advertiser: c.wording.advertiser,
      productScope: c.wording.productScope,
      supersededAt: c.supersededAt,
      withdrawnAt: c.withdrawnAt,
      withdrawalMethod: c.withdrawalMethod,
      withdrawalNote: c.withdrawalNote,
      lastUsedAt: c.lastUsedAt,
      proofRetainedUntil: c.proofRetainedUntil,
    })),
    campaign_recipients: recipients.map((r) => ({
      campaignId: r.campaign_id,
      campaign: r.campaign_name,
      kind: r.kind,
      purposeId: r.purpose_id,
      run: r.run_key,
      basis: r.basis,
      consentId: r.consent_id,
      status: r.status,
      skipReason: r.skip_reason,
      createdAt: iso(r.created_at),
      sentAt: iso(r.sent_at),
    })),
    campaign_responses: responses.map((r) => ({
      campaignId: r.campaign_id,
      campaign: r.campaign_name,
      kind: r.kind,
      occurredAt: iso(r.occurred_at),
      orderId: r.order_id,
    })),
    outbound_mails: mails.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: m.to_address,
      subject: m.subject,
      text: m.body_text,
      status: m.status,
      campaignId: m.campaign_id,
      createdAt: iso(m.created_at),
      sentAt: iso(m.sent_at),
    })),
    consent_signups: signups.map((s) => ({
      formId: s.form_id,
      email: s.email,
      firstName: s.first_name,
      lastName: s.last_name,
      language: s.language,
      requestedAt: iso(s.requested_at),
      requestIp: s.request_ip,
      requestUserAgent: s.request_user_agent,
      expiresAt: iso(s.expires_at),
      confirmedAt: iso(s.confirmed_at),
      confirmIp: s.confirm_ip,
      confirmUserAgent: s.confirm_user_agent,
      consentId: s.consent_id,
    })),
    mail_bounces: bounces.map((b) => ({
      address: b.address,
      bouncedAt: iso(b.bounced_at),
      reason: b.reason,
    })),
  };
};
