import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import { redact } from '../../domain/sensitive/detect.ts';
import {
  KIND_LABEL,
  type Locale,
  type SensitiveHit,
  type SensitiveKind,
} from '../../domain/sensitive/types.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scrubCopies } from './redaction.copies.ts';
import { readCategoryOf, toFinding, toHits } from './redaction.mapper.ts';
import * as repo from './redaction.repository.ts';
import type { RedactionListQueryInput, RedactionRedactInput } from './redaction.schemas.ts';
import { loadSource, type SourceText } from './redaction.sources.ts';

/** The redaction queue (ADR 0032): review, irreversible redaction, dismissal. */

const assertReviewer = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'redactions.review' })) throw new AppError('forbidden');
};

export const findOrThrow = async (tx: Tx, id: string) => {
  const row = await repo.findFinding(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'redaction' } });
  return row;
};

/** Whether the reviewer may read the field and every data category found in it. */
const mayRead = (actor: Actor, row: repo.FindingRow, source: SourceText) =>
  canRead({ role: actor.role, category: source.category }) &&
  row.categories.every((c) => canRead({ role: actor.role, category: readCategoryOf(c) }));

const sourceOf = (tx: Tx, ctx: AppContext, actor: Actor, row: repo.FindingRow) =>
  loadSource(tx, ctx, actor.tenantId, {
    kind: row.source_kind,
    id: row.source_id,
    field: row.field,
    personId: row.person_id,
  });

type Hidden = 'not_permitted' | 'source_gone' | 'stale' | 'decided';

const detail = async (tx: Tx, ctx: AppContext, actor: Actor, row: repo.FindingRow, audit = true) => {
  let text: string | null = null;
  let textHidden: Hidden | null = null;
  if (row.status !== 'open') textHidden = 'decided';
  else {
    const source = await sourceOf(tx, ctx, actor, row);
    if (!source) textHidden = 'source_gone';
    else if (source.text.length !== row.text_length) textHidden = 'stale';
    else if (!mayRead(actor, row, source)) textHidden = 'not_permitted';
    else text = source.text;
  }
  if (text != null && audit && row.person_id)
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'read',
      subject: { type: 'person', id: row.person_id },
      fields: [`${row.source_kind}.${row.field}`],
      note: `redaction finding ${row.id}`,
    });
  return { ...toFinding(row), hits: toHits(row.hits), text, textHidden };
};

export const listRedactions = (ctx: AppContext, actor: Actor, query: RedactionListQueryInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const rows = await repo.listFindings(tx, { status: query.status, limit: query.limit });
    return { items: rows.map(toFinding) };
  });

export const getRedaction = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    return detail(tx, ctx, actor, await findOrThrow(tx, id));
  });

const openFinding = async (tx: Tx, id: string) => {
  const row = await findOrThrow(tx, id);
  if (row.status !== 'open') throw new AppError('redaction_decided', { params: { status: row.status } });
  return row;
};

const chosenHits = (row: repo.FindingRow, spans: RedactionRedactInput['spans']) => {
  const hits = toHits(row.hits);
  if (!spans) return hits;
  return spans.map((s) => {
    const hit = hits.find((h) => h.kind === s.kind && h.start === s.start && h.end === s.end);
    if (!hit) throw new AppError('redaction_spans_invalid');
    return hit;
  });
};

/**
 * Removes the chosen hits for good: the source value is replaced by the redacted text and sealed
 * again (fresh nonce), and every other copy of the removed passages is destroyed or rewritten in the
 * same transaction (audit values, outbox, cached exports, letters). Nothing can bring them back.
 */
export const redactFinding = (ctx: AppContext, actor: Actor, id: string, input: RedactionRedactInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const row = await openFinding(tx, id);
    const source = await sourceOf(tx, ctx, actor, row);
    if (!source || source.text.length !== row.text_length) throw new AppError('redaction_stale');
    const hits = chosenHits(row, input.spans);
    const locale: Locale = row.locale === 'en' ? 'en' : 'de';
    const word = locale === 'de' ? 'entfernt' : 'removed';
    const redacted = redact({
      text: source.text,
      hits: hits.map((h) => ({ ...h, ruleId: '' }) as SensitiveHit),
      locale,
    });
    const removed = [
      ...new Map(
        hits
          .map((h) => ({
            text: source.text.slice(h.start, h.end),
            placeholder: `[${word}: ${KIND_LABEL[h.kind][locale]}]`,
          }))
          .filter((r) => r.text.trim().length > 0)
          .sort((a, b) => b.text.length - a.text.length)
          .map((r) => [r.text, r]),
      ).values(),
    ];
    await source.write(redacted);
    const scrubbed = await scrubCopies(tx, ctx, {
      tenantId: actor.tenantId,
      personId: row.person_id,
      removed,
    });
    const kinds = [...new Set(hits.map((h) => h.kind))] as SensitiveKind[];
    const decided = await repo.decideFinding(tx, id, {
      status: 'redacted',
      decided_at: ctx.now(),
      decided_by: actor.userId,
      redacted_kinds: kinds,
    });
    if (!decided) throw new AppError('redaction_decided', { params: { status: 'redacted' } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'redact',
      ...(row.person_id ? { subject: { type: 'person' as const, id: row.person_id } } : {}),
      fields: [`${row.source_kind}.${row.field}`],
      note: JSON.stringify({ finding: id, source: row.source_id, kinds, hits: hits.length, ...scrubbed }),
    });
    return { finding: await detail(tx, ctx, actor, await findOrThrow(tx, id), false), scrubbed };
  });

/** Keeps the text as it is: the reviewer found the hits harmless (a reviewer who may read it). */
export const dismissFinding = (ctx: AppContext, actor: Actor, id: string, input: { reason: string }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const row = await openFinding(tx, id);
    const source = await sourceOf(tx, ctx, actor, row);
    if (source && !mayRead(actor, row, source)) throw new AppError('forbidden');
    await repo.decideFinding(tx, id, {
      status: 'dismissed',
      decided_at: ctx.now(),
      decided_by: actor.userId,
      dismiss_reason: input.reason,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      ...(row.person_id ? { subject: { type: 'person' as const, id: row.person_id } } : {}),
      fields: ['redactionFinding'],
      note: JSON.stringify({ finding: id, dismissed: true, kinds: row.kinds }),
    });
    return detail(tx, ctx, actor, await findOrThrow(tx, id), false);
  });
