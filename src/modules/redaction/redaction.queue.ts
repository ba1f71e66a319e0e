import type { Tx } from '../../db/tenant.ts';
import { detectSensitive } from '../../domain/sensitive/detect.ts';
import type { Locale, SensitiveKind } from '../../domain/sensitive/types.ts';
import type { AppContext } from '../../server/context.ts';
import * as repo from './redaction.repository.ts';

export type RedactionSourceKind = 'person_notes' | 'interaction' | 'case_message' | 'form_submission';
export type RedactionOrigin = 'entry' | 'import' | 'form';

export type QueueSensitiveTextInput = {
  tenantId: string;
  personId: string | null;
  source: { kind: RedactionSourceKind; id: string; field: string };
  origin: RedactionOrigin;
  text: string;
  locale?: Locale;
  /** the user who entered the text, if any (null for imports and forms) */
  userId?: string | null;
  /** kinds a field may lawfully hold (accessibility needs are health data with an Art. 9 basis) */
  ignoreKinds?: SensitiveKind[];
};

/** The placeholders of an earlier redaction ("[entfernt: Gesundheit]") are not findings themselves. */
const PLACEHOLDER = /\[(?:entfernt|removed): [^\]\n]{1,200}\]/g;
const placeholderSpans = (text: string) =>
  [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/**
 * Scans a free-text value for special-category data and identifiers and keeps one open finding per
 * source field in the redaction queue, inside the caller's transaction: a new scan replaces the
 * field's open finding, and a value without hits removes it. The finding holds kinds, categories and
 * offsets only — never the matched text. Returns the number of hits.
 */
export const queueSensitiveText = async (
  tx: Tx,
  ctx: AppContext,
  input: QueueSensitiveTextInput,
): Promise<number> => {
  const placeholders = placeholderSpans(input.text);
  const hits = (input.text ? detectSensitive({ text: input.text, locale: input.locale }) : []).filter(
    (h) =>
      !input.ignoreKinds?.includes(h.kind) && !placeholders.some((p) => h.start >= p.start && h.end <= p.end),
  );
  const key = { tenantId: input.tenantId, ...input.source };
  if (hits.length === 0) {
    await repo.deleteOpenFinding(tx, key);
    return 0;
  }
  const stored = hits.map((h) => ({
    kind: h.kind,
    category: h.category,
    start: h.start,
    end: h.end,
    confidence: h.confidence,
  }));
  await repo.upsertOpenFinding(tx, {
    tenant_id: input.tenantId,
    person_id: input.personId,
    source_kind: input.source.kind,
    source_id: input.source.id,
    field: input.source.field,
    origin: input.origin,
    locale: input.locale ?? null,
    hits: JSON.stringify(stored),
    kinds: [...new Set(stored.map((h) => h.kind))],
    categories: [...new Set(stored.map((h) => h.category))],
    text_length: input.text.length,
    detected_at: ctx.now(),
    detected_by: input.userId ?? null,
  });
  return hits.length;
};
