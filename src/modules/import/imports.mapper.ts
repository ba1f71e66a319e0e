import type { StoredFinding } from '../../db/schema-imports.ts';
import { type ColumnMapping, suggestMapping } from '../../domain/import/mapping.ts';
import { hasBlockingFindings } from '../../domain/import/types.ts';
import type { ImportRow } from './imports.repository.ts';
import type { ImportRowOutcomeOut, PersonImportOut } from './imports.schemas.ts';

type SavedMapping = { id: string; columns: string[]; mapping: Record<string, string> };

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** A saved mapping whose columns are the file's columns (the newest first), else one guessed from headers. */
export const suggestionFor = (columns: string[], saved: SavedMapping[]) => {
  const match = saved.find((m) => sameColumns(m.columns, columns));
  if (match) {
    const mapping = match.mapping as ColumnMapping;
    return {
      mapping,
      unmapped: columns.filter((c) => mapping[c] === undefined),
      savedMappingId: match.id,
    };
  }
  return { ...suggestMapping({ columns }), savedMappingId: null };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toPersonImport = (
  row: ImportRow,
  extra: { saved: SavedMapping[]; preview?: PersonImportOut['preview'] },
): PersonImportOut => ({
  id: row.id,
  status: row.status as PersonImportOut['status'],
  fileName: row.file_name,
  fileSize: Number(row.file_size),
  format: row.format as PersonImportOut['format'],
  encoding: row.encoding as PersonImportOut['encoding'],
  delimiter: row.delimiter,
  sheet: row.sheet,
  columns: row.columns,
  rowCount: row.row_count,
  findings: row.findings as PersonImportOut['findings'],
  findingCounts: row.finding_counts,
  blockingFindings: hasBlockingFindings({ findingCounts: row.finding_counts as never }),
  suggestedMapping: suggestionFor(row.columns, extra.saved),
  mapping: (row.mapping as PersonImportOut['mapping']) ?? null,
  droppedColumns: row.dropped_columns as PersonImportOut['droppedColumns'],
  personKind: row.person_kind as PersonImportOut['personKind'],
  legalBasis: row.legal_basis as PersonImportOut['legalBasis'],
  purposes: row.purposes,
  source: row.source_kind
    ? { kind: row.source_kind as NonNullable<PersonImportOut['source']>['kind'], detail: row.source_detail }
    : null,
  departmentIds: row.department_ids,
  counts: row.counts,
  checkedAt: iso(row.checked_at),
  createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
  committedAt: iso(row.committed_at),
  discardedAt: iso(row.discarded_at),
  preview: extra.preview ?? [],
  version: row.version,
});

export const toRowOutcome = (r: {
  row_number: number;
  status: string | null;
  reasons: string[];
  duplicate_of: string | null;
  duplicate_row: number | null;
  score: number | null;
  sensitive: boolean;
  person_id: string | null;
}): ImportRowOutcomeOut => ({
  rowNumber: r.row_number,
  status: (r.status ?? 'valid') as ImportRowOutcomeOut['status'],
  reasons: r.reasons,
  duplicateOf: r.duplicate_of ? { personId: r.duplicate_of, score: r.score ?? 0 } : null,
  duplicateOfRow: r.duplicate_row,
  sensitive: r.sensitive,
  personId: r.person_id,
});

export type { StoredFinding };
