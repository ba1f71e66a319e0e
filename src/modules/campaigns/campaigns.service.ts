import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { unknownPlaceholders } from '../../domain/marketing/campaign-mail.ts';
import {
  type CampaignRecurrence,
  type CampaignStatus,
  canTransition,
  isEditable,
  isValidRecurrenceDate,
} from '../../domain/marketing/campaign-rules.ts';
import { isAdvertisingPurpose } from '../../domain/marketing/eligibility.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { LegalBasis } from '../../domain/privacy/legal-bases.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { resolveRecipientLink } from '../consent/links.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import * as repo from './campaigns.repository.ts';
import type { CampaignCreateInput, CampaignPatchInput, CampaignResponseInput } from './campaigns.schemas.ts';

/**
 * Campaigns: e-mail or letter campaigns to a segment, for a declared advertising purpose. Drafts are
 * edited, scheduled or sent now (campaigns.runner.ts); responses (clicked, replied, ordered) feed the
 * report by customer group. marketing.read reads, marketing.manage writes, campaigns.respond records
 * replies and orders.
 */

export const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

export const findCampaign = async (tx: Tx, id: string) => {
  const row = await repo.findCampaign(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'campaign' } });
  return row;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type Stats = { recipients: number; sent: number; skipped: number; bounced: number; failed: number };
const emptyStats = (): Stats => ({ recipients: 0, sent: 0, skipped: 0, bounced: 0, failed: 0 });

const statsByCampaign = async (tx: Tx, ids: string[]) => {
  const out = new Map<string, Stats>();
  for (const row of await repo.statsOf(tx, ids)) {
    const s = out.get(row.campaign_id) ?? emptyStats();
    const n = Number(row.n);
    s.recipients += n;
    if (row.status === 'sent' || row.status === 'printed') s.sent += n;
    if (row.status === 'skipped') s.skipped += n;
    if (row.status === 'bounced') s.bounced += n;
    if (row.status === 'failed') s.failed += n;
    out.set(row.campaign_id, s);
  }
  return out;
};

export const toCampaign = (row: repo.CampaignRow, stats: Stats = emptyStats()) => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  occasion: row.occasion,
  segmentId: row.segment_id,
  purposeId: row.purpose_id,
  language: row.language,
  subject: row.subject,
  body: row.body,
  linkUrl: row.link_url,
  status: row.status,
  recurrence: row.recurrence,
  recurrenceDate: row.recurrence_date,
  scheduledAt: iso(row.scheduled_at),
  sentAt: iso(row.sent_at),
  version: row.version,
  stats,
});

/** The campaign as the API shows it, with its recipient counts. */
export const campaignView = async (tx: Tx, id: string) => {
  const row = await findCampaign(tx, id);
  return toCampaign(row, (await statsByCampaign(tx, [id])).get(id));
};

/** The purpose's legal bases; refuses an unknown purpose and one that cannot carry advertising. */
export const advertisingBases = async (tx: Tx, purposeId: string): Promise<LegalBasis[]> => {
  const bases = await repo.purposeBases(tx, purposeId);
  if (!bases) throw new AppError('unknown_purpose', { params: { purpose: purposeId } });
  if (!isAdvertisingPurpose(bases as LegalBasis[])) throw new AppError('campaign_not_marketing');
  return bases as LegalBasis[];
};

type Content = {
  segmentId: string;
  purposeId: string;
  subject: string;
  body: string;
  recurrence: CampaignRecurrence;
  recurrenceDate: string | null;
};

const checkContent = async (tx: Tx, c: Content) => {
  await advertisingBases(tx, c.purposeId);
  if (!(await repo.segmentUsable(tx, c.segmentId)))
    throw new AppError('not_found', { params: { entity: 'segment' } });
  for (const text of [c.subject, c.body]) {
    const unknown = unknownPlaceholders(text)[0];
    if (unknown) throw new AppError('invalid_template', { params: { placeholder: `{{${unknown}}}` } });
  }
  if (c.recurrence === 'yearly' && !c.recurrenceDate)
    throw new AppError('validation_failed', {
      details: [{ path: 'recurrenceDate', message: 'required for yearly campaigns (MM-DD)' }],
    });
  if (c.recurrenceDate && !isValidRecurrenceDate(c.recurrenceDate))
    throw new AppError('validation_failed', {
      details: [{ path: 'recurrenceDate', message: 'not a calendar day (MM-DD)' }],
    });
};

export const listCampaigns = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    const rows = await repo.listCampaigns(tx);
    const stats = await statsByCampaign(
      tx,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toCampaign(r, stats.get(r.id))) };
  });

export const getCampaign = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    return campaignView(tx, id);
  });

export const createCampaign = (ctx: AppContext, actor: Actor, input: CampaignCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const recurrenceDate = input.recurrence === 'yearly' ? (input.recurrenceDate ?? null) : null;
    await checkContent(tx, { ...input, recurrenceDate });
    const id = randomUUID();
    const now = ctx.now();
    await repo.insertCampaign(tx, {
      id,
      tenant_id: actor.tenantId,
      name: input.name,
      kind: input.kind,
      occasion: input.occasion,
      segment_id: input.segmentId,
      purpose_id: input.purposeId,
      language: input.language,
      subject: input.subject,
      body: input.body,
      link_url: input.linkUrl ?? null,
      status: 'draft',
      recurrence: input.recurrence,
      recurrence_date: recurrenceDate,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['campaign'],
      note: `campaign ${id} created (${input.kind}, ${input.purposeId}, segment ${input.segmentId})`,
    });
    return campaignView(tx, id);
  });

export const updateCampaign = (ctx: AppContext, actor: Actor, id: string, patch: CampaignPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const current = await findCampaign(tx, id);
    if (!isEditable(current.status)) throw new AppError('campaign_not_editable');
    if (current.version !== patch.version) throw new AppError('version_conflict');
    const recurrence = patch.recurrence ?? current.recurrence;
    const merged: Content = {
      segmentId: patch.segmentId ?? current.segment_id,
      purposeId: patch.purposeId ?? current.purpose_id,
      subject: patch.subject ?? current.subject,
      body: patch.body ?? current.body,
      recurrence,
      recurrenceDate:
        recurrence === 'yearly'
          ? patch.recurrenceDate !== undefined
            ? patch.recurrenceDate
            : current.recurrence_date
          : null,
    };
    await checkContent(tx, merged);
    const values = {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      occasion: patch.occasion ?? current.occasion,
      segment_id: merged.segmentId,
      purpose_id: merged.purposeId,
      language: patch.language ?? current.language,
      subject: merged.subject,
      body: merged.body,
      link_url: patch.linkUrl !== undefined ? patch.linkUrl : current.link_url,
      recurrence,
      recurrence_date: merged.recurrenceDate,
      updated_at: ctx.now(),
    };
    if (!(await repo.updateCampaignAt(tx, id, patch.version, values))) throw new AppError('version_conflict');
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: Object.keys(patch)
        .filter((k) => k !== 'version')
        .map((k) => `campaign.${k}`),
      note: `campaign ${id} changed`,
    });
    return campaignView(tx, id);
  });

/** Moves a campaign to another status, only along the allowed transitions. */
export const transition = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor | null,
  campaign: repo.CampaignRow,
  to: CampaignStatus,
  values: Record<string, unknown> = {},
) => {
  if (!canTransition(campaign.status, to, campaign.recurrence))
    throw new AppError('invalid_status_change', { params: { from: campaign.status, to } });
  const moved = await repo.moveCampaign(tx, campaign.id, [campaign.status], {
    status: to,
    updated_at: ctx.now(),
    ...values,
  });
  if (!moved) throw new AppError('version_conflict');
  await recordAudit(tx, ctx, campaign.tenant_id, {
    actor,
    action: 'update',
    fields: ['campaign.status'],
    note: `campaign ${campaign.id}: ${campaign.status} → ${to}`,
  });
  return moved;
};

export const cancelCampaign = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const current = await findCampaign(tx, id);
    await transition(tx, ctx, actor, current, 'cancelled', { cancelled_at: ctx.now() });
    return campaignView(tx, id);
  });

// ---- recipients, responses, report --------------------------------------------------------------

export const listCampaignRecipients = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: { status?: typeof import('./campaigns.schemas.ts').RECIPIENT_STATUSES[number] },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    await findCampaign(tx, id);
    const rows = await repo.listRecipients(tx, id, visibilityOf(actor), query.status);
    return {
      items: rows.map((r) => ({
        id: r.id,
        personId: r.person_id,
        name: `${r.first_name} ${r.last_name}`.trim(),
        runKey: r.run_key,
        status: r.status,
        skipReason: r.skip_reason,
        basis: r.basis,
        sentAt: iso(r.sent_at),
      })),
    };
  });

const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const recordResponse = (ctx: AppContext, actor: Actor, id: string, input: CampaignResponseInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'campaigns.respond');
    const campaign = await findCampaign(tx, id);
    await assertPersonVisible(tx, actor, input.personId);
    const recipient = await repo.recipientOfPerson(tx, id, input.personId);
    if (!recipient)
      throw new AppError('unknown_record', { params: { entity: 'recipient', id: input.personId } });
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > ctx.now().getTime() + FUTURE_TOLERANCE_MS)
      throw new AppError('invalid_date_range', { params: { detail: 'occurredAt lies in the future' } });
    if (input.orderId && !(await repo.orderOfPerson(tx, input.orderId, input.personId)))
      throw new AppError('unknown_record', { params: { entity: 'order', id: input.orderId } });
    const responseId = randomUUID();
    await repo.insertResponse(tx, {
      id: responseId,
      tenant_id: actor.tenantId,
      campaign_id: campaign.id,
      recipient_id: recipient.id,
      person_id: input.personId,
      kind: input.kind,
      occurred_at: occurredAt,
      order_id: input.orderId ?? null,
      recorded_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id: input.personId },
      fields: ['campaign_response'],
      note: `campaign ${campaign.id}: ${input.kind}`,
    });
    return {
      id: responseId,
      campaignId: campaign.id,
      personId: input.personId,
      kind: input.kind,
      occurredAt: occurredAt.toISOString(),
      orderId: input.orderId ?? null,
    };
  });

export const campaignReport = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    await findCampaign(tx, id);
    const stats = (await statsByCampaign(tx, [id])).get(id) ?? emptyStats();
    const responses = Object.fromEntries(
      (await repo.responseTotals(tx, id)).map((r) => [r.kind, Number(r.n)]),
    ) as Partial<Record<'clicked' | 'replied' | 'ordered' | 'unsubscribed', number>>;
    const groups = (await repo.reportRows(tx, id)).rows.map((r) => {
      const recipients = Number(r.recipients);
      const responded = Number(r.responded);
      return {
        customerGroupId: r.customer_group_id,
        // the UI translates the "no group" row by its null id
        name: r.customer_group_id ? (r.name ?? '') : 'no group',
        recipients,
        responded,
        clicked: Number(r.clicked),
        replied: Number(r.replied),
        ordered: Number(r.ordered),
        responseRate: recipients > 0 ? Math.round((responded / recipients) * 10_000) / 10_000 : 0,
      };
    });
    groups.sort((a, b) =>
      a.customerGroupId === null
        ? 1
        : b.customerGroupId === null
          ? -1
          : b.recipients - a.recipients || a.name.localeCompare(b.name),
    );
    return {
      campaignId: id,
      totals: {
        recipients: stats.recipients,
        sent: stats.sent,
        skipped: stats.skipped,
        bounced: stats.bounced,
        clicked: responses.clicked ?? 0,
        replied: responses.replied ?? 0,
        ordered: responses.ordered ?? 0,
        unsubscribed: responses.unsubscribed ?? 0,
      },
      byCustomerGroup: groups,
    };
  });

/**
 * The tracked link of a campaign mail: records 'clicked' once per recipient and returns where to
 * go. Public: the token is the only key (looked up by its hash). Null for an unknown token or a
 * campaign without a link.
 */
export const followTrackedLink = async (ctx: AppContext, db: Kysely<DB>, token: string) => {
  const link = await resolveRecipientLink(db, token);
  if (!link?.linkUrl) return null;
  await inTenant(db, link.tenantId, async (tx) => {
    const recorded = await repo.insertResponse(tx, {
      id: randomUUID(),
      tenant_id: link.tenantId,
      campaign_id: link.campaignId,
      recipient_id: link.recipientId,
      person_id: link.personId,
      kind: 'clicked',
      occurred_at: ctx.now(),
      order_id: null,
      recorded_by: null,
    });
    if (recorded)
      await recordAudit(tx, ctx, link.tenantId, {
        actor: null,
        action: 'create',
        subject: { type: 'person', id: link.personId },
        fields: ['campaign_response'],
        note: `campaign ${link.campaignId}: clicked (tracked link)`,
      });
  });
  return link.linkUrl;
};
