import { inTenant, type Tx } from '../../db/tenant.ts';
import { type Jurisdiction, jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditKeyFor } from '../keys/keys.service.ts';
import * as repo from './erasure.repository.ts';
import { type SuppressionKind, suppressionHashes, suppressionKey } from './suppression-keys.ts';

const hashesFor = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; email?: string | null; phone?: string | null; jurisdiction?: Jurisdiction },
) => {
  if (!input.email?.trim() && !input.phone?.trim()) return [];
  const key = suppressionKey(await auditKeyFor(tx, ctx, input.tenantId), input.tenantId);
  const jurisdiction = input.jurisdiction ?? jurisdictionOf(await repo.tenantSettings(tx));
  return suppressionHashes(key, { email: input.email, phone: input.phone }, jurisdiction);
};

/**
 * Records suppression entries (keyed hashes) for an e-mail address and phone number; existing ones
 * stay. Returns the (kind, hash) pairs, for the erasure journal.
 */
export const recordSuppressions = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    email?: string | null;
    phone?: string | null;
    reason: 'erasure' | 'objection';
    requestId: string | null;
    jurisdiction?: Jurisdiction;
  },
) => {
  const hashes = await hashesFor(tx, ctx, input);
  await insertSuppressionHashes(tx, input.tenantId, hashes, input.reason, input.requestId);
  return hashes;
};

/** Inserts already computed hashes (re-applying the journal); existing entries stay. */
export const insertSuppressionHashes = (
  tx: Tx,
  tenantId: string,
  hashes: { kind: SuppressionKind; hash: string }[],
  reason: 'erasure' | 'objection',
  requestId: string | null,
) =>
  repo.insertSuppressions(
    tx,
    hashes.map((h) => ({ tenant_id: tenantId, kind: h.kind, hash: h.hash, reason, request_id: requestId })),
  );

/** Which of the e-mail address and phone number are on the suppression list. */
export const suppressedKinds = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; email?: string | null; phone?: string | null },
): Promise<SuppressionKind[]> => {
  const hashes = await hashesFor(tx, ctx, input);
  const found = await repo.findSuppressed(tx, hashes);
  return [...new Set(found.map((f) => f.kind as SuppressionKind))].sort();
};

/**
 * Refuses (409 subject_suppressed, params {kind}) an e-mail address or phone number of an erased
 * person, so a form, the API or an import cannot bring them back unnoticed. Called from
 * guardPersonWrite before every write of a person.
 */
export const assertNotSuppressed = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; email?: string | null; phone?: string | null },
): Promise<void> => {
  const kinds = await suppressedKinds(tx, ctx, input);
  const kind = kinds[0];
  if (kind) throw new AppError('subject_suppressed', { params: { kind } });
};

// ---- the HTTP side -------------------------------------------------------------------------------

export const listSuppressions = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'suppressions.manage' })) throw new AppError('forbidden');
    const rows = await repo.listSuppressions(tx);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as SuppressionKind,
        reason: r.reason as 'erasure' | 'objection',
        requestId: r.request_id,
        createdAt: r.created_at.toISOString(),
      })),
    };
  });

export const checkSuppression = (
  ctx: AppContext,
  actor: Actor,
  input: { email?: string | null; phone?: string | null },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'records.create' })) throw new AppError('forbidden');
    const kinds = await suppressedKinds(tx, ctx, { tenantId: actor.tenantId, ...input });
    return { suppressed: kinds.length > 0, kinds };
  });

/**
 * Lifts a suppression entry (e.g. the person came back of their own accord and wants to be a customer
 * again). Audited as a settings change by the DPO; the note names the entry, never the value.
 */
export const deleteSuppression = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'suppressions.manage' })) throw new AppError('forbidden');
    const gone = await repo.deleteSuppression(tx, id);
    if (!gone) throw new AppError('not_found', { params: { entity: 'suppression' } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['suppressions'],
      note: `suppression ${gone.id} (${gone.kind}, ${gone.reason}) lifted`,
    });
  });
