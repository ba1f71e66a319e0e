import type { Tx } from '../../db/tenant.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { queueSensitiveText } from './redaction.queue.ts';

/**
 * The scans at entry (origin 'entry'), called by the services that store free text, in their own
 * transaction. A value left out (undefined) was not changed and is not scanned again.
 */
export const scanPersonText = async (
  tx: Tx,
  ctx: AppContext,
  {
    actor,
    personId,
    notes,
    accessibilityNeeds,
  }: { actor: Actor; personId: string; notes?: string | null; accessibilityNeeds?: string | null },
) => {
  const base = { tenantId: actor.tenantId, personId, origin: 'entry' as const, userId: actor.userId };
  if (notes !== undefined)
    await queueSensitiveText(tx, ctx, {
      ...base,
      source: { kind: 'person_notes', id: personId, field: 'notes' },
      text: notes ?? '',
    });
  if (accessibilityNeeds !== undefined)
    await queueSensitiveText(tx, ctx, {
      ...base,
      source: { kind: 'person_notes', id: personId, field: 'accessibility_needs' },
      text: accessibilityNeeds ?? '',
      // the field exists for health data held under an Art. 9 basis; anything else in it is a finding
      ignoreKinds: ['health'],
    });
};

export const scanInteractionText = async (
  tx: Tx,
  ctx: AppContext,
  {
    actor,
    personId,
    interactionId,
    subject,
    body,
  }: { actor: Actor; personId: string; interactionId: string; subject?: string; body?: string | null },
) => {
  const base = { tenantId: actor.tenantId, personId, origin: 'entry' as const, userId: actor.userId };
  if (subject !== undefined)
    await queueSensitiveText(tx, ctx, {
      ...base,
      source: { kind: 'interaction', id: interactionId, field: 'subject' },
      text: subject,
    });
  if (body !== undefined)
    await queueSensitiveText(tx, ctx, {
      ...base,
      source: { kind: 'interaction', id: interactionId, field: 'body' },
      text: body ?? '',
    });
};

export const scanCaseMessage = (
  tx: Tx,
  ctx: AppContext,
  {
    actor,
    personId,
    messageId,
    body,
  }: { actor: Actor; personId: string | null; messageId: string; body: string },
) =>
  queueSensitiveText(tx, ctx, {
    tenantId: actor.tenantId,
    personId,
    origin: 'entry',
    userId: actor.userId,
    source: { kind: 'case_message', id: messageId, field: 'body' },
    text: body,
  });
