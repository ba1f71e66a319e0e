import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import {
  applyNotificationChange,
  type NotificationStatus,
} from '../../domain/requests/recipient-notifications.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { toNotification } from './recipients.mapper.ts';
import * as repo from './recipients.repository.ts';
import type { RecipientNotificationPatchInput } from './recipients.schemas.ts';

/**
 * Art. 19: one notification per recipient the person's data was disclosed to, and per active entry of
 * the system and processor register (not internal systems) that holds data for one of the person's
 * purposes, for a rectification, erasure or restriction. Must run before an erasure deletes the
 * disclosure log and the person's purposes. Owner: recipients.
 *
 * Runs in the caller's transaction (the request's fulfil). Each notification carries the union of the
 * categories disclosed to that recipient, archived recipients included (they still hold the data).
 * Idempotent: a second call for the same request and action creates none for a recipient that already
 * has one. Returns how many recipients the request has to notify of this action.
 */
export const notifyRecipients = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    personId: string;
    requestId: string;
    action: 'rectification' | 'erasure' | 'restriction';
  },
): Promise<number> => repo.insertNotifications(tx, { ...input, now: ctx.now() });

const assertDpo = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'requests.manage' })) throw new AppError('forbidden');
};

/** The notifications of one request, oldest first (requests.manage). */
export const listRequestNotifications = (ctx: AppContext, actor: Actor, requestId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertDpo(actor);
    if (!(await repo.requestExists(tx, requestId)))
      throw new AppError('not_found', { params: { entity: 'request' } });
    const now = ctx.now();
    return {
      items: (await repo.listNotificationsOfRequest(tx, requestId)).map((r) => toNotification(r, now)),
    };
  });

/** The DPO's Art. 19 worklist across all requests. */
export const listNotifications = (ctx: AppContext, actor: Actor, query: { status: 'open' | 'all' }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertDpo(actor);
    const now = ctx.now();
    return { items: (await repo.listNotifications(tx, query.status)).map((r) => toNotification(r, now)) };
  });

/**
 * Records that the recipient was told (sent), confirmed, or cannot be told (impossible, with the reason
 * as note). Confirmed and impossible are final. A note given replaces the previous one; none keeps it.
 * The note documents the dealings with the recipient and outlives an erasure of the person (the proof
 * of Art. 19), so it is stored as written and must hold no personal data of the data subject.
 */
export const resolveNotification = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: RecipientNotificationPatchInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertDpo(actor);
    const current = await repo.findNotification(tx, id);
    if (!current) throw new AppError('not_found', { params: { entity: 'notification' } });
    const from = current.status as NotificationStatus;
    const note = patch.note ?? current.note;
    const now = ctx.now();
    const next = applyNotificationChange({ status: from }, { status: patch.status, note }, now);
    const updated = await repo.updateNotification(tx, id, from, {
      status: next.status,
      note,
      resolved_at: next.resolvedAt,
      resolved_by: next.resolvedAt ? actor.userId : null,
    });
    // changed by someone else since it was read: decide again on what is there now
    if (!updated) throw new AppError('invalid_status_change', { params: { from, to: patch.status } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id: current.person_id },
      fields: ['recipientNotification.status', ...(patch.note ? ['recipientNotification.note'] : [])],
      note: `Art. 19 notification ${id} of request ${current.request_number} (${current.action}, recipient ${current.recipient_id}): ${from} → ${next.status}`,
    });
    const row = await repo.findNotification(tx, id);
    if (!row) throw new Error('notification vanished');
    return toNotification(row, now);
  });
