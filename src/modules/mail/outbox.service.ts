import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import * as repo from './outbox.repository.ts';

/** The outbox: every mail Custos sent or, without SMTP, would send (outbox.read). */

const assertMay = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'outbox.read' })) throw new AppError('forbidden');
};

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

type Row = Awaited<ReturnType<typeof repo.listMails>>[number];
const toItem = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  to: r.to_address,
  subject: r.subject,
  status: r.status,
  error: r.error,
  createdAt: new Date(r.created_at).toISOString(),
  sentAt: iso(r.sent_at),
  personId: r.person_id,
  campaignId: r.campaign_id,
});

const encodeCursor = (r: Row) =>
  Buffer.from(`${new Date(r.created_at).toISOString()}|${r.id}`).toString('base64url');
const decodeCursor = (cursor: string) => {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime()))
    throw new AppError('validation_failed', { params: { detail: 'cursor' } });
  return { createdAt, id };
};

export const listOutbox = (
  ctx: AppContext,
  actor: Actor,
  query: {
    kind?: repo.OutboxFilter['kind'];
    status?: repo.OutboxFilter['status'];
    cursor?: string;
    limit: number;
  },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor);
    const rows = await repo.listMails(tx, {
      kind: query.kind,
      status: query.status,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  });

export const getOutboxMail = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor);
    const row = await repo.findMail(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'mail' } });
    return {
      ...toItem(row),
      text: row.body_text,
      html: row.body_html,
      headers: (row.headers ?? {}) as Record<string, string>,
      messageId: row.message_id,
    };
  });
