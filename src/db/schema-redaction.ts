import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of migration 0020 (the redaction queue, ADR 0032); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

/** One hit as stored in redaction_findings.hits: offsets and kind, never the matched text. */
export type StoredHit = { kind: string; category: string; start: number; end: number; confidence: number };

export type RedactionFindingsTable = {
  id: Generated<string>;
  tenant_id: string;
  person_id: string | null;
  source_kind: string;
  source_id: string;
  field: string;
  origin: string;
  locale: string | null;
  status: Generated<string>;
  hits: ColumnType<StoredHit[], string, string>;
  kinds: TextArray;
  categories: TextArray;
  text_length: number;
  detected_at: Timestamp;
  detected_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  redacted_kinds: string[] | null;
  dismiss_reason: string | null;
  notice_sent_at: Timestamp | null;
  notice_sent_by: string | null;
  notice_mail_id: string | null;
  version: Generated<number>;
};

export type RedactionTables = {
  redaction_findings: RedactionFindingsTable;
};
