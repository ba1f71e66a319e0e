import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { inTenant, type Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import * as repo from './mail.repository.ts';
import { classifySmtpError, renderRaw, smtpTransport } from './mail.transport.ts';

export type MailKind = 'double_opt_in' | 'portal_login' | 'campaign' | 'notice';

export type OutgoingMail = {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  personId?: string | null;
  campaignId?: string | null;
  /** extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) */
  headers?: Record<string, string>;
};

export type MailResult = {
  id: string;
  messageId: string;
  /** 'outbox': no SMTP configured, the mail waits in the outbox (UI and <dataDir>/outbox) */
  status: 'outbox' | 'sent' | 'bounced' | 'failed';
  error?: string;
};

export type MarketingSettings = {
  senderName: string;
  senderEmail: string;
  replyTo: string | null;
  postalAddress: string | null;
  /** base URL of links in mails, without a trailing slash */
  publicUrl: string;
};

/** The tenant's sender identity, with defaults (tenant name, CUSTOS_MAIL_FROM, CUSTOS_PUBLIC_URL). */
export const loadMarketingSettings = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
): Promise<MarketingSettings> => {
  const row = await repo.findSettings(tx, tenantId);
  return {
    senderName: row?.sender_name ?? (await repo.tenantName(tx, tenantId)),
    senderEmail: row?.sender_email ?? ctx.config.mailFrom,
    replyTo: row?.reply_to ?? null,
    postalAddress: row?.postal_address ?? null,
    publicUrl: (row?.public_url ?? ctx.config.publicUrl).replace(/\/+$/, ''),
  };
};

const outboxDir = (ctx: AppContext, tenantId: string) => path.join(ctx.config.dataDir, 'outbox', tenantId);

const domainOf = (email: string) => email.split('@')[1] || 'localhost';

/** Mails recorded in the outbox table and ready to go: `deliver()` hands them to SMTP. */
export type QueuedMails = {
  /** the outbox rows' ids and message ids, in order */
  queued: Array<{ id: string; messageId: string }>;
  deliver: () => Promise<MailResult[]>;
};

/**
 * Records mails in the outbox table (one transaction) and returns how to deliver them. Callers that
 * must not reveal by their response time whether a mail went out (the portal's magic link) answer
 * first and deliver afterwards; everyone else uses `sendMails`.
 */
export const queueMails = async (
  ctx: AppContext,
  input: { tenantId: string; mails: OutgoingMail[]; concurrency?: number },
): Promise<QueuedMails> => {
  const { tenantId, mails } = input;
  if (mails.length === 0) return { queued: [], deliver: async () => [] };
  const smtpUrl = ctx.config.smtpUrl;
  const now = ctx.now();
  const { settings, rows } = await inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const settings = await loadMarketingSettings(tx, ctx, tenantId);
    const rows: repo.MailRowInsert[] = mails.map((m) => ({
      id: randomUUID(),
      tenant_id: tenantId,
      kind: m.kind,
      person_id: m.personId ?? null,
      campaign_id: m.campaignId ?? null,
      to_address: m.to,
      from_address: settings.senderEmail,
      subject: m.subject,
      body_text: m.text,
      body_html: m.html ?? null,
      headers: JSON.stringify(m.headers ?? {}),
      message_id: `<${randomUUID()}@${domainOf(settings.senderEmail)}>`,
      status: smtpUrl ? 'queued' : 'outbox',
      created_at: now,
    }));
    await repo.insertMails(tx, rows);
    return { settings, rows };
  });
  const message = (row: repo.MailRowInsert, mail: OutgoingMail) => ({
    from: { name: settings.senderName, address: settings.senderEmail },
    to: row.to_address,
    replyTo: settings.replyTo ?? undefined,
    subject: row.subject,
    text: row.body_text,
    html: row.body_html ?? undefined,
    messageId: row.message_id,
    headers: mail.headers,
  });
  const queued = rows.map((r) => ({ id: r.id, messageId: r.message_id }));

  const deliver = async (): Promise<MailResult[]> => {
    if (!smtpUrl) {
      const dir = outboxDir(ctx, tenantId);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      for (const [i, row] of rows.entries()) {
        const raw = await renderRaw(message(row, mails[i] as OutgoingMail));
        await fs.writeFile(path.join(dir, `${row.id}.eml`), raw, { mode: 0o600 });
      }
      return rows.map((r) => ({ id: r.id, messageId: r.message_id, status: 'outbox' }));
    }

    const transport = smtpTransport(smtpUrl);
    const results: MailResult[] = new Array(rows.length);
    let next = 0;
    const worker = async () => {
      while (next < rows.length) {
        const i = next++;
        const row = rows[i] as repo.MailRowInsert;
        try {
          await transport.sendMail(message(row, mails[i] as OutgoingMail));
          results[i] = { id: row.id, messageId: row.message_id, status: 'sent' };
        } catch (error) {
          const { status, reason } = classifySmtpError(error);
          results[i] = { id: row.id, messageId: row.message_id, status, error: reason };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(input.concurrency ?? 8, rows.length) }, worker));

    const at = ctx.now();
    await inTenant(ctx.db.kysely, tenantId, async (tx) => {
      await repo.markSent(
        tx,
        results.filter((r) => r.status === 'sent').map((r) => r.id),
        at,
      );
      for (const [i, r] of results.entries()) {
        if (r.status === 'sent') continue;
        await repo.markFailed(tx, r.id, r.status as 'failed' | 'bounced', r.error ?? '');
        if (r.status === 'bounced')
          await repo.recordBounce(tx, {
            tenantId,
            address: (rows[i] as repo.MailRowInsert).to_address,
            at,
            reason: r.error ?? '',
            mailId: r.id,
          });
      }
    });
    return results;
  };
  return { queued, deliver };
};

/**
 * Sends mails: records each in the outbox table (one transaction), then delivers them through
 * SMTP (`SMTP_URL`, pooled) and records the outcome: sent, bounced (the server refused the
 * recipient: the address goes to `mail_bounces`) or failed (server unreachable). Without SMTP the
 * mails stay in the outbox (status 'outbox') and are also written as .eml files to
 * <dataDir>/outbox/<tenant>/<id>.eml. Returns one result per mail, in order.
 *
 * Call it after the transaction that decided to send has committed, so a rollback never leaves a
 * mail sent for a record that does not exist.
 */
export const sendMails = async (
  ctx: AppContext,
  input: { tenantId: string; mails: OutgoingMail[]; concurrency?: number },
): Promise<MailResult[]> => (await queueMails(ctx, input)).deliver();

/** Whether SMTP is configured (otherwise mail waits in the outbox). */
export const smtpConfigured = (ctx: AppContext) => Boolean(ctx.config.smtpUrl);

/** Addresses (lower case) among these that bounced before. */
export const bouncedAddresses = (tx: Tx, addresses: string[]) => repo.bouncedAmong(tx, addresses);

/** Number of mails of one kind sent to an address since a time (per-address throttling). */
export const recentMailsTo = (tx: Tx, input: { address: string; kind: MailKind; since: Date }) =>
  repo.countRecentTo(tx, input);

/** Removes the .eml files of these mails from the outbox folder (erasure). */
export const deleteOutboxFiles = async (ctx: AppContext, input: { tenantId: string; mailIds: string[] }) => {
  const dir = outboxDir(ctx, input.tenantId);
  await Promise.all(input.mailIds.map((id) => fs.rm(path.join(dir, `${id}.eml`), { force: true })));
};
