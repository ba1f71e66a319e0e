import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { letterFooter, recipientLinks, renderCampaignText } from '../../domain/marketing/campaign-mail.ts';
import { SENDABLE_STATUSES, statusAfterRun } from '../../domain/marketing/campaign-rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { markConsentsUsedWithin } from '../consent/consent.ledger.ts';
import { newLinkToken } from '../consent/links.ts';
import { loadMarketingSettings } from '../mail/mail.service.ts';
import { type EligibleRecipient, eligibilityOfPersonsWithin } from '../segments/segments.evaluation.ts';
import { type CampaignLetter, renderCampaignLettersPdf } from './campaign-letters-pdf.ts';
import * as repo from './campaigns.repository.ts';
import { claimRun, reasonOf } from './campaigns.runner.ts';
import { assertMay, findCampaign } from './campaigns.service.ts';

/** Letter campaigns: printed on demand as one PDF, eligibility checked at print time. */

const letterAddress = (p: {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}) =>
  [
    p.street,
    [p.postalCode, p.city].filter(Boolean).join(' '),
    p.country && p.country !== 'DE' ? p.country : null,
  ].filter((l): l is string => Boolean(l?.trim()));

const formatDate = (at: Date, locale: 'de' | 'en') =>
  new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: 'Europe/Berlin',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);

/**
 * GET /campaigns/:id/letters.pdf: the letters of a letter campaign, one per eligible recipient. The
 * first call runs the campaign (eligibility checked right now; recipients marked printed); later calls
 * print the same recipients again, leaving out whoever withdrew or objected since. All in one
 * transaction.
 */
export const campaignLettersPdf = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const campaign = await findCampaign(tx, id);
    if (campaign.kind !== 'letter')
      throw new AppError('not_found', { params: { entity: 'letter campaign' } });
    const now = ctx.now();
    let people: { rowId: string; person: EligibleRecipient }[];
    if (SENDABLE_STATUSES.includes(campaign.status)) {
      const claimed = await claimRun(tx, ctx, {
        campaign,
        from: SENDABLE_STATUSES,
        actor,
        onEmpty: 'refuse',
        now,
      });
      if (!claimed) throw new AppError('campaign_not_editable');
      people = claimed.queue;
    } else if (
      campaign.status === 'sent' ||
      (campaign.status === 'scheduled' && campaign.recurrence !== 'none')
    ) {
      const printed = await repo.printedRecipients(tx, id);
      const persons = await tx
        .selectFrom('persons')
        .select(['id', 'first_name', 'last_name', 'street', 'postal_code', 'city', 'country', 'birth_date'])
        .where(
          'id',
          'in',
          printed.length ? printed.map((p) => p.person_id) : ['00000000-0000-0000-0000-000000000000'],
        )
        .execute();
      const byId = new Map(persons.map((p) => [p.id, p]));
      people = printed.flatMap((r) => {
        const p = byId.get(r.person_id);
        if (!p) return [];
        return [
          {
            rowId: r.id,
            person: {
              personId: p.id,
              basis: r.basis ?? 'consent',
              consentId: r.consent_id,
              firstName: p.first_name,
              lastName: p.last_name,
              email: null,
              phone: null,
              street: p.street,
              postalCode: p.postal_code,
              city: p.city,
              country: p.country,
              birthDate: p.birth_date,
            },
          },
        ];
      });
    } else throw new AppError('campaign_not_editable');

    const eligibility = await eligibilityOfPersonsWithin(tx, ctx, {
      tenantId: actor.tenantId,
      personIds: people.map((p) => p.person.personId),
      purposeId: campaign.purpose_id,
      channel: 'letter',
    });
    const settings = await loadMarketingSettings(tx, ctx, actor.tenantId);
    const letters: CampaignLetter[] = [];
    const skips: { id: string; reason: string }[] = [];
    const outcomes: Parameters<typeof repo.recordOutcomes>[1] = [];
    for (const { rowId, person } of people) {
      const e = eligibility.get(person.personId);
      if (!e?.eligible) {
        skips.push({ id: rowId, reason: reasonOf(e) ?? 'no_address' });
        continue;
      }
      const { token, hash } = newLinkToken();
      const links = recipientLinks(settings.publicUrl, token);
      const vars = {
        language: campaign.language,
        firstName: person.firstName,
        lastName: person.lastName,
        trackedUrl: campaign.link_url,
      };
      letters.push({
        recipient: { name: `${person.firstName} ${person.lastName}`.trim(), lines: letterAddress(person) },
        subject: renderCampaignText(campaign.subject, vars),
        body: `${renderCampaignText(campaign.body, vars).trimEnd()}\n\n${letterFooter(campaign.language, links.preferencesUrl)}`,
      });
      outcomes.push({
        id: rowId,
        status: 'printed',
        mailId: null,
        basis: e.basis,
        consentId: e.basis === 'consent' ? e.consentId : null,
        tokenHash: hash,
      });
    }
    // a reprint: rows already printed and no longer eligible are only left out of the PDF
    await repo.skipRecipients(tx, skips);
    if (letters.length === 0) throw new AppError('campaign_no_legal_basis');
    await repo.recordOutcomes(tx, outcomes, now);
    const used = outcomes.filter((o) => o.consentId).map((o) => o.consentId as string);
    if (used.length > 0) await markConsentsUsedWithin(tx, { consentIds: [...new Set(used)], at: now });
    const current = await findCampaign(tx, id);
    if (current.status === 'sending') {
      await repo.moveCampaign(tx, id, ['sending'], {
        status: statusAfterRun(current.recurrence),
        sent_at: now,
        updated_at: now,
      });
    }
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'export',
      fields: ['campaign.letters'],
      note: `campaign ${id}: ${letters.length} letters printed`,
    });
    const pdf = await renderCampaignLettersPdf({
      sender: settings.senderName,
      place: null,
      date: formatDate(now, campaign.language),
      locale: campaign.language,
      title: campaign.subject,
      letters,
    });
    return { pdf, name: campaign.name };
  });
