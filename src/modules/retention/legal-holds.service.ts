import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './legal-holds.repository.ts';
import type { HoldObjectType, LegalHoldCreateInput, LegalHoldListQueryInput } from './legal-holds.schemas.ts';

/**
 * Legal holds (DIN 66398 deviation; § 147 Abs. 3 S. 3 AO Ablaufhemmung, pending lawsuits): a hold on
 * a record, or on a person or organisation (everything about them), pauses its deletion by the
 * retention sweep until released or until its last day. Placing and releasing is for the DPO, the
 * admin and accounting (tax audits); the DPO and admin also read them with retention.read. The held
 * record must exist and be visible to the actor. A released hold stays documented (no delete grant).
 * A hold on an invoice also sets the invoice's own legal_hold flag, which erasure (Art. 17) respects.
 */

/** The data category that decides whether the actor may see a held record at all. */
const CATEGORY: Record<HoldObjectType, DataCategory> = {
  person: 'identity',
  organization: 'organization',
  invoice: 'billing',
  quote: 'contract',
  order: 'contract',
  deal: 'contract',
  case: 'service',
  interaction: 'communication',
  consent: 'contact',
};

const ENTITY: Record<HoldObjectType, string> = {
  person: 'person',
  organization: 'organization',
  invoice: 'invoice',
  quote: 'quote',
  order: 'order',
  deal: 'deal',
  case: 'case',
  interaction: 'interaction',
  consent: 'consent',
};

const today = (ctx: AppContext) => isoDay(berlinDay(ctx.now()));

const mayRead = (actor: Actor) =>
  canDo({ role: actor.role, action: 'legal_holds.manage' }) ||
  canDo({ role: actor.role, action: 'retention.read' });

const assertMayManage = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'legal_holds.manage' })) throw new AppError('forbidden');
};

/** Which of the held records the actor sees, with their names or numbers. */
const visibleLabels = async (
  tx: Tx,
  actor: Actor,
  rows: { object_type: HoldObjectType; object_id: string }[],
) => {
  const labels = new Map<string, string | null>();
  for (const objectType of new Set(rows.map((r) => r.object_type))) {
    if (!canRead({ role: actor.role, category: CATEGORY[objectType] })) continue;
    const ids = [...new Set(rows.filter((r) => r.object_type === objectType).map((r) => r.object_id))];
    const found = await repo.visibleObjects(tx, { objectType, ids, visibility: visibilityOf(actor) });
    for (const [id, label] of found) labels.set(`${objectType}:${id}`, label);
  }
  return labels;
};

const toHold = (row: repo.HoldRow, label: string | null, day: string) => ({
  id: row.id,
  objectType: row.object_type,
  objectId: row.object_id,
  objectLabel: label,
  reason: row.reason,
  reference: row.reference,
  until: row.until,
  placedAt: row.placed_at.toISOString(),
  placedBy: row.placed_by ? { id: row.placed_by, name: row.placed_by_name ?? '' } : null,
  releasedAt: row.released_at ? row.released_at.toISOString() : null,
  releasedBy: row.released_by ? { id: row.released_by, name: row.released_by_name ?? '' } : null,
  active: row.released_at === null && (row.until === null || row.until >= day),
});

export const listHolds = (ctx: AppContext, actor: Actor, query: LegalHoldListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!mayRead(actor)) throw new AppError('forbidden');
    const day = today(ctx);
    const rows = await repo.listHolds(tx, {
      objectType: query.objectType,
      objectId: query.objectId,
      active: query.active === undefined ? undefined : query.active === 'true',
      today: day,
    });
    const labels = await visibleLabels(tx, actor, rows);
    return {
      items: rows
        .filter((r) => labels.has(`${r.object_type}:${r.object_id}`))
        .map((r) => toHold(r, labels.get(`${r.object_type}:${r.object_id}`) ?? null, day)),
    };
  });

const auditSubject = (objectType: HoldObjectType, objectId: string) =>
  objectType === 'person' || objectType === 'organization' ? { type: objectType, id: objectId } : undefined;

export const placeHold = (ctx: AppContext, actor: Actor, input: LegalHoldCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayManage(actor);
    const day = today(ctx);
    const labels = await visibleLabels(tx, actor, [
      { object_type: input.objectType, object_id: input.objectId },
    ]);
    if (!labels.has(`${input.objectType}:${input.objectId}`))
      throw new AppError('not_found', { params: { entity: ENTITY[input.objectType] } });
    if (input.until && input.until < day)
      throw new AppError('invalid_date_range', { params: { detail: 'until must not lie in the past' } });
    const { id } = await repo.insertHold(tx, {
      tenant_id: actor.tenantId,
      object_type: input.objectType,
      object_id: input.objectId,
      reason: input.reason,
      reference: input.reference ?? null,
      until: input.until ?? null,
      placed_by: actor.userId,
      placed_at: ctx.now(),
    });
    if (input.objectType === 'invoice') await repo.setInvoiceHoldFlag(tx, { id: input.objectId, held: true });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: auditSubject(input.objectType, input.objectId),
      fields: ['legal_hold'],
      note: `legal hold ${id} placed on ${input.objectType} ${input.objectId} (${input.reason})`,
    });
    const row = await repo.findHold(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'legal_hold' } });
    return toHold(row, labels.get(`${input.objectType}:${input.objectId}`) ?? null, day);
  });

export const releaseHold = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMayManage(actor);
    const day = today(ctx);
    const found = await repo.findHold(tx, id);
    const labels = found ? await visibleLabels(tx, actor, [found]) : new Map();
    if (!found || !labels.has(`${found.object_type}:${found.object_id}`))
      throw new AppError('not_found', { params: { entity: 'legal_hold' } });
    if (found.released_at || !(await repo.releaseHold(tx, { id, at: ctx.now(), by: actor.userId })))
      throw new AppError('legal_hold_released');
    if (
      found.object_type === 'invoice' &&
      !(await repo.otherActiveHold(tx, { objectType: 'invoice', objectId: found.object_id, today: day }))
    )
      await repo.setInvoiceHoldFlag(tx, { id: found.object_id, held: false });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: auditSubject(found.object_type, found.object_id),
      fields: ['legal_hold'],
      note: `legal hold ${id} released on ${found.object_type} ${found.object_id}`,
    });
    const row = await repo.findHold(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'legal_hold' } });
    return toHold(row, labels.get(`${found.object_type}:${found.object_id}`) ?? null, day);
  });
