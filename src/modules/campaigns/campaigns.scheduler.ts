import { asSystem, inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { dueRun } from '../../domain/marketing/campaign-rules.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { tickDuplicateScans, tickMatchKeys } from '../duplicates/duplicates.scheduler.ts';
import { purgeStaleImports } from '../import/imports.service.ts';
import { tickRetentionSweeps } from '../retention/sweep.runner.ts';
import { eligibilityOfPersonsWithin, evaluateSegmentWithin } from '../segments/segments.evaluation.ts';
import { purgeExpired } from '../signups/housekeeping.ts';
import { purgeWebFormSubmissions } from '../web-forms/web-forms.housekeeping.ts';
import * as repo from './campaigns.repository.ts';
import { type Claimed, claimRun, deliver, reasonOf } from './campaigns.runner.ts';
import { transition } from './campaigns.service.ts';

/**
 * The scheduler: due one-off and recurring runs, interrupted runs resumed, and the housekeeping of
 * short-lived data; every minute in the server and as `custos campaigns run-due`.
 */

/** What a log line may say about an error: its kind and code, never its message (it may quote data). */
const errorName = (error: unknown) => {
  const e = error as { name?: string; code?: string };
  return [e?.name ?? 'Error', e?.code].filter(Boolean).join(' ');
};

/**
 * The scheduler: every scheduled e-mail campaign whose time has come (one-off) or that is due today
 * (birthday: daily; yearly: on its date), each at most once per run key. Returns what ran.
 */
export const runDueCampaigns = async (ctx: AppContext, options: { now?: Date } = {}) => {
  const now = options.now ?? ctx.now();
  const tenants = await asSystem(ctx.db.kysely, (tx) =>
    tx.selectFrom('campaigns').select('tenant_id').distinct().where('status', '=', 'scheduled').execute(),
  );
  const ran: { campaignId: string; runKey: string; recipients: number }[] = [];
  for (const { tenant_id: tenantId } of tenants) {
    const candidates = await inTenant(ctx.db.kysely, tenantId, (tx) => repo.scheduledCampaigns(tx, now));
    for (const candidate of candidates) {
      const due = dueRun(
        {
          status: candidate.status,
          kind: candidate.kind,
          recurrence: candidate.recurrence,
          recurrenceDate: candidate.recurrence_date,
          scheduledAt: candidate.scheduled_at ? new Date(candidate.scheduled_at) : null,
          lastRunKey: candidate.last_run_key,
        },
        now,
      );
      if (!due.due) continue;
      try {
        const claimed = await inTenant(ctx.db.kysely, tenantId, async (tx) => {
          const campaign = await repo.findCampaign(tx, candidate.id);
          if (campaign?.status !== 'scheduled') return null;
          try {
            return await claimRun(tx, ctx, {
              campaign,
              from: ['scheduled'],
              actor: null,
              onEmpty: 'note',
              now,
            });
          } catch (error) {
            if (error instanceof AppError && error.code === 'campaign_not_marketing') return null;
            throw error;
          }
        });
        if (!claimed) {
          // a one-off campaign with nobody eligible at its time: cancelled, nothing sent
          if (candidate.recurrence === 'none') await cancelEmptyRun(ctx, tenantId, candidate.id);
          continue;
        }
        await deliver(ctx, claimed, null);
        ran.push({ campaignId: candidate.id, runKey: claimed.runKey, recipients: claimed.queue.length });
      } catch (error) {
        // one campaign's failure does not stop the others; no personal data in the log
        console.error(`campaign ${candidate.id}: run failed: ${errorName(error)}`);
      }
    }
  }
  for (const resumed of await resumeInterruptedRuns(ctx, now)) ran.push(resumed);
  return ran;
};

/** A run in 'sending' that no batch has touched for this long was interrupted (the process ended). */
export const STALE_RUN_MS = 15 * 60_000;

/**
 * Resumes interrupted runs: the campaign is taken over (only by one runner: the `updated_at` guard),
 * the recipients still pending are re-checked against the segment and their eligibility right now,
 * sent, and the run is finished. Rows already sent stay sent: nobody gets the mail twice.
 */
const resumeInterruptedRuns = async (ctx: AppContext, now: Date) => {
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
  const stale = await asSystem(ctx.db.kysely, (tx) =>
    tx
      .selectFrom('campaigns')
      .select(['id', 'tenant_id'])
      .where('status', '=', 'sending')
      .where('kind', '=', 'email')
      .where('updated_at', '<', staleBefore)
      .execute(),
  );
  const resumed: { campaignId: string; runKey: string; recipients: number }[] = [];
  for (const { id, tenant_id: tenantId } of stale) {
    try {
      const claimed = await inTenant(ctx.db.kysely, tenantId, async (tx): Promise<Claimed | null> => {
        const [campaign] = await tx
          .updateTable('campaigns')
          .set({ updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .where('updated_at', '<', staleBefore)
          .returning('id')
          .execute();
        if (!campaign) return null;
        const c = (await repo.findCampaign(tx, id)) as repo.CampaignRow;
        const runKey = c.last_run_key ?? 'once';
        const evaluation = await evaluateSegmentWithin(tx, ctx, {
          tenantId,
          segmentId: c.segment_id,
          visibility: await repo.creatorVisibility(tx, c.created_by),
          purposeId: c.purpose_id,
          channel: c.kind,
          includeRecipients: true,
          birthdayOn: c.recurrence === 'birthday' ? runKey : undefined,
        });
        const eligible = new Map((evaluation.recipients ?? []).map((r) => [r.personId, r]));
        // rows whose mail was already handed over before the interruption are never sent again
        const settled = await repo.settleInterruptedRecipients(tx, id, runKey);
        const pending = (await repo.recipientsOfRun(tx, id, runKey)).filter((r) => r.status === 'pending');
        const queue: Claimed['queue'] = [];
        const left: typeof pending = [];
        for (const row of pending) {
          const person = eligible.get(row.person_id);
          if (person) queue.push({ rowId: row.id, person });
          else left.push(row);
        }
        if (left.length > 0) {
          const reasons = await eligibilityOfPersonsWithin(tx, ctx, {
            tenantId,
            personIds: left.map((r) => r.person_id),
            purposeId: c.purpose_id,
            channel: c.kind,
          });
          await repo.skipRecipients(
            tx,
            left.map((r) => ({ id: r.id, reason: reasonOf(reasons.get(r.person_id)) ?? 'not_in_segment' })),
          );
        }
        await recordAudit(tx, ctx, tenantId, {
          actor: null,
          action: 'update',
          fields: ['campaign.status'],
          note: `campaign ${id} run ${runKey} was interrupted; resumed with ${queue.length} pending recipients${
            Object.keys(settled).length > 0
              ? `; mails already handed over: ${Object.entries(settled)
                  .map(([k, v]) => `${v} ${k}`)
                  .join(', ')}`
              : ''
          }`,
        });
        return { campaign: c, runKey, queue };
      });
      if (!claimed) continue;
      await deliver(ctx, claimed, null);
      resumed.push({ campaignId: id, runKey: claimed.runKey, recipients: claimed.queue.length });
    } catch (error) {
      console.error(`campaign ${id}: resuming the run failed: ${errorName(error)}`);
    }
  }
  return resumed;
};

const cancelEmptyRun = (ctx: AppContext, tenantId: string, id: string) =>
  inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const campaign = await repo.findCampaign(tx, id);
    if (campaign?.status !== 'scheduled') return;
    await transition(tx, ctx, null, campaign, 'cancelled', { cancelled_at: ctx.now() });
    const skipped = await tx
      .updateTable('campaign_recipients')
      .set({ status: 'skipped', skip_reason: 'no_consent' })
      .where('campaign_id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
    await recordAudit(tx, ctx, tenantId, {
      actor: null,
      action: 'update',
      fields: ['campaign.status'],
      note: `campaign ${id}: nobody eligible at its time (${skipped.length} left out); cancelled`,
    });
  });

// ---- the scheduler in the server ------------------------------------------------------------------

/** Starts running due campaigns every minute (server); returns the stop function. */
export const startCampaignScheduler = (ctx: AppContext, intervalMs = 60_000) => {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // the daily retention sweep (after 02:00 Berlin) runs beside the campaigns, never holding them up
      tickRetentionSweeps(ctx);
      // the daily duplicate scan (suggestions only, never a merge), likewise beside the campaigns
      tickDuplicateScans(ctx);
      // blocking keys of persons an import wrote in bulk
      tickMatchKeys(ctx);
      await runDueCampaigns(ctx);
      await purgeExpired(ctx);
      await purgeStaleImports(ctx);
      await purgeWebFormSubmissions(ctx);
    } catch (error) {
      console.error(`campaign scheduler: ${errorName(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};
