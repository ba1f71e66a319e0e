import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { listConsentsWithin, withdrawConsentWithin } from '../consent/consent.ledger.ts';
import { type RecipientLink, resolveRecipientLink } from '../consent/links.ts';
import { recordObjectionBySubject } from '../subject-rights/subject-objection.ts';
import * as repo from './signups.repository.ts';

/**
 * Withdrawal as easy as giving (Art. 7(3)): the one-click link of every marketing mail (RFC 8058) and
 * the preference page behind the same personal link token. Both take effect at once, in the request.
 */

const linkOf = async (ctx: AppContext, token: string) => {
  const link = await resolveRecipientLink(ctx.db.kysely, token);
  if (!link) throw new AppError('link_invalid');
  return link;
};

const noteUnsubscribed = (tx: Tx, ctx: AppContext, link: RecipientLink) =>
  repo.recordUnsubscribed(tx, {
    tenant_id: link.tenantId,
    campaign_id: link.campaignId,
    recipient_id: link.recipientId,
    person_id: link.personId,
    occurred_at: ctx.now(),
  });

const mailChannel = (link: RecipientLink) => (link.channel === 'letter' ? 'letter' : 'email');

/**
 * RFC 8058 one-click: a mail sent on consent withdraws every valid consent of the person for the
 * campaign's purpose and channel; one sent on legitimate interest (or none) records an objection to
 * direct marketing. Idempotent: a second click answers the same.
 */
export const unsubscribe = async (ctx: AppContext, token: string) => {
  const link = await linkOf(ctx, token);
  return inTenant(ctx.db.kysely, link.tenantId, async (tx) => {
    let status: 'withdrawn' | 'objected';
    if (link.basis === 'consent') {
      const ids = await repo.validConsentIds(tx, {
        personId: link.personId,
        purposeId: link.purposeId,
        channel: mailChannel(link),
      });
      for (const consentId of ids)
        await withdrawConsentWithin(tx, ctx, {
          tenantId: link.tenantId,
          personId: link.personId,
          consentId,
          method: 'one_click',
          note: `one-click link of campaign ${link.campaignId}`,
          actorUserId: null,
        });
      status = 'withdrawn';
    } else {
      await recordObjectionBySubject(tx, ctx, {
        tenantId: link.tenantId,
        personId: link.personId,
        via: 'one_click',
      });
      status = 'objected';
    }
    await noteUnsubscribed(tx, ctx, link);
    return { status };
  });
};

const preferencesWithin = async (tx: Tx, ctx: AppContext, link: RecipientLink) => {
  const person = await repo.findPersonFacts(tx, link.personId);
  if (!person) throw new AppError('link_invalid');
  const language = await repo.campaignLanguage(tx, link.campaignId);
  const consents = (
    await listConsentsWithin(tx, ctx, { tenantId: link.tenantId, personId: link.personId })
  ).filter((c) => c.state !== 'superseded');
  const labels = await repo.purposeLabels(
    tx,
    consents.map((c) => c.purposeId),
  );
  return {
    firstName: person.first_name,
    language,
    consents: consents.map((c) => ({
      id: c.id,
      purpose: { id: c.purposeId, label: labels.get(c.purposeId)?.[language] ?? c.purposeId },
      channel: c.channel,
      givenAt: c.givenAt,
      state: c.state,
    })),
    marketingObjection: person.marketing_objection_at !== null,
  };
};

export const getPreferences = async (ctx: AppContext, token: string) => {
  const link = await linkOf(ctx, token);
  return inTenant(ctx.db.kysely, link.tenantId, (tx) => preferencesWithin(tx, ctx, link));
};

/** Withdraws one consent of the person from the preference page. */
export const withdrawFromPreferences = async (ctx: AppContext, token: string, consentId: string) => {
  const link = await linkOf(ctx, token);
  return inTenant(ctx.db.kysely, link.tenantId, async (tx) => {
    const consent = await withdrawConsentWithin(tx, ctx, {
      tenantId: link.tenantId,
      personId: link.personId,
      consentId,
      method: 'preference_page',
      note: `preference page of campaign ${link.campaignId}`,
      actorUserId: null,
    });
    if (consent.purposeId === link.purposeId) await noteUnsubscribed(tx, ctx, link);
    return preferencesWithin(tx, ctx, link);
  });
};

/** Objects to all direct marketing (Art. 21(2)) from the preference page. */
export const objectFromPreferences = async (ctx: AppContext, token: string) => {
  const link = await linkOf(ctx, token);
  return inTenant(ctx.db.kysely, link.tenantId, async (tx) => {
    await recordObjectionBySubject(tx, ctx, {
      tenantId: link.tenantId,
      personId: link.personId,
      via: 'preference_page',
    });
    await noteUnsubscribed(tx, ctx, link);
    return preferencesWithin(tx, ctx, link);
  });
};
