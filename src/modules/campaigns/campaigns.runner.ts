import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import {
  completeFooter,
  composeMailText,
  listUnsubscribeHeaders,
  recipientLinks,
  renderCampaignText,
} from '../../domain/marketing/campaign-mail.ts';
import {
  birthdayOfRun,
  type CampaignStatus,
  runKeyOf,
  SENDABLE_STATUSES,
  statusAfterRun,
} from '../../domain/marketing/campaign-rules.ts';
import type { Eligibility } from '../../domain/marketing/eligibility.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { type AuditActor, recordAudit } from '../audit/audit.service.ts';
import { markConsentsUsedWithin } from '../consent/consent.ledger.ts';
import { newLinkToken } from '../consent/links.ts';
import { loadMarketingSettings, type OutgoingMail, sendMails } from '../mail/mail.service.ts';
import { renderMailTemplate } from '../mail/mail-templates.ts';
import {
  type EligibleRecipient,
  eligibilityOfPersonsWithin,
  evaluateSegmentWithin,
} from '../segments/segments.evaluation.ts';
import * as repo from './campaigns.repository.ts';
import { advertisingBases, assertMay, campaignView, findCampaign, transition } from './campaigns.service.ts';

/**
 * Runs of a campaign: evaluate the segment for the campaign's purpose and channel (e-mail campaign →
 * 'email', letter → 'letter'), claim the run (status → sending, only from draft or scheduled and only
 * once per run key), record a recipient row per eligible person, then send in batches, re-checking
 * each batch's eligibility right before sending (a withdrawal or objection since the evaluation
 * takes effect at once), and finish: sent, or scheduled again for a recurring campaign.
 */

export const BATCH_SIZE = 200;

export type Claimed = {
  campaign: repo.CampaignRow;
  runKey: string;
  /** eligible persons by id with the recipient row of this run */
  queue: { rowId: string; person: EligibleRecipient }[];
};

/** Zero eligible persons: what the caller wants then. */
type OnEmpty = 'refuse' | 'note';

/**
 * Phase 1 (one transaction): evaluate, claim, record the recipient rows. Null when another run holds
 * the campaign or (onEmpty 'note') nobody is eligible today.
 */
export const claimRun = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    campaign: repo.CampaignRow;
    from: readonly CampaignStatus[];
    actor: AuditActor;
    onEmpty: OnEmpty;
    now: Date;
  },
): Promise<Claimed | null> => {
  const { campaign: c, now } = input;
  await advertisingBases(tx, c.purpose_id);
  const runKey = runKeyOf(c.recurrence, now);
  const channel = c.kind;
  const evaluation = await evaluateSegmentWithin(tx, ctx, {
    tenantId: c.tenant_id,
    segmentId: c.segment_id,
    visibility: await repo.creatorVisibility(tx, c.created_by),
    purposeId: c.purpose_id,
    channel,
    includeRecipients: true,
    birthdayOn: birthdayOfRun(c.recurrence, now),
  });
  const eligible = evaluation.recipients ?? [];
  if (eligible.length === 0) {
    if (input.onEmpty === 'refuse') throw new AppError('campaign_no_legal_basis');
    // nobody to greet today (or nobody with a basis): the run key is noted, nothing is sent
    await tx
      .updateTable('campaigns')
      .set({ last_run_key: runKey, updated_at: now })
      .where('id', '=', c.id)
      .where('status', 'in', input.from)
      .execute();
    return null;
  }
  const claimed = await repo.claimRun(tx, c.id, { from: input.from, runKey, at: now });
  if (!claimed) return null;

  const existing = new Map((await repo.recipientsOfRun(tx, c.id, runKey)).map((r) => [r.person_id, r]));
  const inserts: repo.RecipientInsert[] = [];
  const queue: Claimed['queue'] = [];
  const evaluated = new Set<string>();
  for (const person of eligible) {
    evaluated.add(person.personId);
    const row = existing.get(person.personId);
    if (row) {
      if (row.status === 'pending') queue.push({ rowId: row.id, person });
      continue;
    }
    const id = randomUUID();
    inserts.push({
      id,
      tenant_id: c.tenant_id,
      campaign_id: c.id,
      run_key: runKey,
      person_id: person.personId,
      basis: person.basis,
      consent_id: person.consentId,
      status: 'pending',
      created_at: now,
    });
    queue.push({ rowId: id, person });
  }
  const inserted = new Set(await repo.insertRecipients(tx, inserts));
  // pending rows of persons the evaluation no longer returns: left out, with the reason as of now
  const gone = [...existing.values()].filter((r) => r.status === 'pending' && !evaluated.has(r.person_id));
  if (gone.length > 0) {
    const now2 = await eligibilityOfPersonsWithin(tx, ctx, {
      tenantId: c.tenant_id,
      personIds: gone.map((r) => r.person_id),
      purposeId: c.purpose_id,
      channel,
    });
    await repo.skipRecipients(
      tx,
      gone.map((r) => ({ id: r.id, reason: reasonOf(now2.get(r.person_id)) ?? 'not_in_segment' })),
    );
  }
  await recordAudit(tx, ctx, c.tenant_id, {
    actor: input.actor,
    action: 'update',
    fields: ['campaign.status'],
    note: `campaign ${c.id} run ${runKey} started: ${queue.length} recipients (matched ${evaluation.matched}, eligible ${evaluation.eligible})`,
  });
  return {
    campaign: claimed,
    runKey,
    queue: queue.filter((q) => inserted.has(q.rowId) || existing.has(q.person.personId)),
  };
};

export const reasonOf = (e: Eligibility | undefined): string | null =>
  e === undefined ? 'no_consent' : e.eligible ? null : e.reason;

/** The footer template rendered once per run with markers, filled per recipient. */
const MARK = { unsubscribe: '\u2063U\u2063', preferences: '\u2063P\u2063', firstName: '\u2063F\u2063' };

const footerRenderer = async (tx: Tx, ctx: AppContext, c: repo.CampaignRow) => {
  const settings = await loadMarketingSettings(tx, ctx, c.tenant_id);
  const rendered = await renderMailTemplate(tx, ctx, {
    tenantId: c.tenant_id,
    key: 'marketing_footer',
    language: c.language,
    vars: {
      unsubscribeLink: MARK.unsubscribe,
      preferencesLink: MARK.preferences,
      firstName: MARK.firstName,
      senderName: settings.senderName,
      postalAddress: settings.postalAddress ?? '',
    },
  });
  return {
    settings,
    footer: (links: { unsubscribeUrl: string; preferencesUrl: string }, firstName: string) =>
      completeFooter(
        rendered.text
          .split(MARK.unsubscribe)
          .join(links.unsubscribeUrl)
          .split(MARK.preferences)
          .join(links.preferencesUrl)
          .split(MARK.firstName)
          .join(firstName),
        { language: c.language, ...links },
      ),
  };
};

/** Phase 2: one batch, re-checked right before it is sent. */
const sendBatch = async (
  ctx: AppContext,
  claimed: Claimed,
  batch: Claimed['queue'],
  render: Awaited<ReturnType<typeof footerRenderer>>,
) => {
  const c = claimed.campaign;
  const prepared = await inTenant(ctx.db.kysely, c.tenant_id, async (tx) => {
    const now = await eligibilityOfPersonsWithin(tx, ctx, {
      tenantId: c.tenant_id,
      personIds: batch.map((b) => b.person.personId),
      purposeId: c.purpose_id,
      channel: 'email',
    });
    const skips: { id: string; reason: string }[] = [];
    const out: {
      rowId: string;
      basis: 'consent' | 'legitimate_interest';
      consentId: string | null;
      tokenHash: string;
      mail: OutgoingMail;
    }[] = [];
    for (const { rowId, person } of batch) {
      const e = now.get(person.personId);
      if (!e?.eligible || !person.email) {
        skips.push({ id: rowId, reason: reasonOf(e) ?? 'no_address' });
        continue;
      }
      const { token, hash } = newLinkToken();
      const links = recipientLinks(render.settings.publicUrl, token);
      const vars = {
        language: c.language,
        firstName: person.firstName,
        lastName: person.lastName,
        trackedUrl: c.link_url ? links.trackedUrl : null,
      };
      out.push({
        rowId,
        basis: e.basis,
        consentId: e.basis === 'consent' ? e.consentId : null,
        tokenHash: hash,
        mail: {
          kind: 'campaign',
          to: person.email,
          subject: renderCampaignText(c.subject, vars).replace(/\s+/g, ' ').trim(),
          text: composeMailText(renderCampaignText(c.body, vars), render.footer(links, person.firstName)),
          personId: person.personId,
          campaignId: c.id,
          headers: listUnsubscribeHeaders(links.unsubscribeUrl),
        },
      });
    }
    await repo.skipRecipients(tx, skips);
    // the token works from the moment the mail can arrive
    await repo.setTokenHashes(
      tx,
      out.map((o) => ({ id: o.rowId, tokenHash: o.tokenHash })),
    );
    return out;
  });
  if (prepared.length === 0) return;
  const results = await sendMails(ctx, { tenantId: c.tenant_id, mails: prepared.map((p) => p.mail) });
  await inTenant(ctx.db.kysely, c.tenant_id, async (tx) => {
    const at = ctx.now();
    const outcomes = prepared.map((p, i) => {
      const r = results[i];
      const status = !r ? 'failed' : r.status === 'outbox' ? 'sent' : r.status;
      return {
        id: p.rowId,
        status,
        mailId: r?.id ?? null,
        basis: p.basis,
        consentId: p.consentId,
        tokenHash: p.tokenHash,
      } as const;
    });
    await repo.recordOutcomes(tx, outcomes, at);
    // the run is alive: a run untouched for STALE_RUN_MS counts as interrupted and is resumed
    await tx.updateTable('campaigns').set({ updated_at: at }).where('id', '=', c.id).execute();
    const used = outcomes.filter((o) => o.status === 'sent' && o.consentId).map((o) => o.consentId as string);
    if (used.length > 0) await markConsentsUsedWithin(tx, { consentIds: [...new Set(used)], at });
  });
};

/** Phase 3: the run is over. */
const finishRun = (ctx: AppContext, claimed: Claimed, actor: AuditActor) =>
  inTenant(ctx.db.kysely, claimed.campaign.tenant_id, async (tx) => {
    const c = claimed.campaign;
    const at = ctx.now();
    await repo.moveCampaign(tx, c.id, ['sending'], {
      status: statusAfterRun(c.recurrence),
      sent_at: at,
      updated_at: at,
    });
    await recordAudit(tx, ctx, c.tenant_id, {
      actor,
      action: 'update',
      fields: ['campaign.status'],
      note: `campaign ${c.id} run ${claimed.runKey} finished`,
    });
  });

/** Sends the queue of a claimed e-mail run in batches and finishes it. */
export const deliver = async (ctx: AppContext, claimed: Claimed, actor: AuditActor) => {
  try {
    const render = await inTenant(ctx.db.kysely, claimed.campaign.tenant_id, (tx) =>
      footerRenderer(tx, ctx, claimed.campaign),
    );
    for (let i = 0; i < claimed.queue.length; i += BATCH_SIZE)
      await sendBatch(ctx, claimed, claimed.queue.slice(i, i + BATCH_SIZE), render);
  } finally {
    // a failure mid-run leaves the rows not yet sent 'pending' (visible) and ends the run
    await finishRun(ctx, claimed, actor);
  }
};

/**
 * POST /campaigns/:id/send: an e-mail campaign goes out now (draft or scheduled). 409
 * campaign_no_legal_basis when nobody in the segment may be reached (nothing sent, nothing recorded),
 * 409 campaign_not_editable when it was sent, cancelled or is being sent by another run.
 */
export const sendCampaignNow = async (ctx: AppContext, actor: Actor, id: string) => {
  const claimed = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const campaign = await findCampaign(tx, id);
    if (campaign.kind !== 'email') throw new AppError('not_found', { params: { entity: 'e-mail campaign' } });
    if (!SENDABLE_STATUSES.includes(campaign.status)) throw new AppError('campaign_not_editable');
    const run = await claimRun(tx, ctx, {
      campaign,
      from: SENDABLE_STATUSES,
      actor,
      onEmpty: campaign.recurrence === 'none' ? 'refuse' : 'note',
      now: ctx.now(),
    });
    if (!run && campaign.recurrence === 'none') throw new AppError('campaign_not_editable');
    return run;
  });
  if (claimed) await deliver(ctx, claimed, actor);
  return inTenant(ctx.db.kysely, actor.tenantId, (tx) => campaignView(tx, id));
};

/**
 * POST /campaigns/:id/schedule: a draft is scheduled for `at` (in the future). A one-off e-mail
 * campaign's segment is evaluated now and its eligible persons recorded as pending recipients (what
 * the scheduler will send to, each re-checked at send time); nobody eligible is 409
 * campaign_no_legal_basis.
 */
export const scheduleCampaign = (ctx: AppContext, actor: Actor, id: string, input: { at: string }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const campaign = await findCampaign(tx, id);
    if (campaign.status !== 'draft') throw new AppError('campaign_not_editable');
    const at = new Date(input.at);
    if (at.getTime() <= ctx.now().getTime())
      throw new AppError('invalid_date_range', { params: { detail: 'at must lie in the future' } });
    await advertisingBases(tx, campaign.purpose_id);
    if (campaign.recurrence === 'none') {
      const evaluation = await evaluateSegmentWithin(tx, ctx, {
        tenantId: actor.tenantId,
        segmentId: campaign.segment_id,
        visibility: await repo.creatorVisibility(tx, campaign.created_by),
        purposeId: campaign.purpose_id,
        channel: campaign.kind,
        includeRecipients: true,
      });
      const eligible = evaluation.recipients ?? [];
      if (eligible.length === 0) throw new AppError('campaign_no_legal_basis');
      const now = ctx.now();
      await repo.insertRecipients(
        tx,
        eligible.map((p) => ({
          id: randomUUID(),
          tenant_id: actor.tenantId,
          campaign_id: id,
          run_key: 'once',
          person_id: p.personId,
          basis: p.basis,
          consent_id: p.consentId,
          status: 'pending',
          created_at: now,
        })),
      );
    }
    await transition(tx, ctx, actor, campaign, 'scheduled', { scheduled_at: at });
    return campaignView(tx, id);
  });
