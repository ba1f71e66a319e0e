import type { StoredHit } from '../../db/schema-redaction.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import type { SensitiveKind } from '../../domain/sensitive/types.ts';
import type { FindingRow } from './redaction.repository.ts';

type Kind = SensitiveKind;

/** A finding row as the API lists it: kinds, source and person, never text. */
export const toFinding = (row: FindingRow) => ({
  id: row.id,
  status: row.status as 'open' | 'redacted' | 'dismissed',
  source: {
    kind: row.source_kind as 'person_notes' | 'interaction' | 'case_message' | 'form_submission',
    id: row.source_id,
    field: row.field,
  },
  origin: row.origin as 'entry' | 'import' | 'form',
  person: row.person_id
    ? {
        id: row.person_id,
        name: [row.first_name, row.last_name].filter(Boolean).join(' '),
        hasEmail: Boolean(row.email),
      }
    : null,
  kinds: row.kinds as Kind[],
  categories: row.categories,
  hitCount: row.hits.length,
  detectedAt: row.detected_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
  redactedKinds: (row.redacted_kinds as Kind[] | null) ?? null,
  dismissReason: row.dismiss_reason,
  noticeSentAt: row.notice_sent_at?.toISOString() ?? null,
});

export const toHits = (hits: StoredHit[]) =>
  hits.map((h) => ({
    kind: h.kind as Kind,
    category: h.category,
    start: h.start,
    end: h.end,
    confidence: h.confidence,
  }));

/**
 * The product data category whose read right a reviewer needs to see a hit: every special category of
 * Art. 9 is guarded like health data (no role may read one without the other); identifiers map onto
 * billing and identity.
 */
export const readCategoryOf = (category: string): DataCategory =>
  category.startsWith('special_') ? 'special_health' : (category as DataCategory);
