import type { ColumnType } from 'kysely';

/** Kysely table types of migration 0021 (person photos, ADR 0034); part of `DB` in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type PersonPhotosTable = {
  tenant_id: string;
  person_id: string;
  content_type: string;
  /** AES-256-GCM under the person's data key (photos.crypto.ts) */
  image_enc: Buffer;
  byte_size: number;
  width: number;
  height: number;
  purpose_id: string;
  legal_basis: string;
  /** 'YYYY-MM-DD' */
  retention_until: ColumnType<string | null, string | null | undefined, string | null>;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
};

export type PhotoTables = { person_photos: PersonPhotosTable };
