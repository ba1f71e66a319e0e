import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** SQL of the system and processor register (0013). Row-level security is on `tx`. */

/** Stores the signed AVV (replacing an earlier one). */
export const storeAvv = (tx: Tx, id: string, values: { fileName: string; file: Buffer; uploadedAt: Date }) =>
  tx
    .updateTable('recipients')
    .set({
      avv_file_name: values.fileName,
      avv_file: values.file,
      avv_uploaded_at: values.uploadedAt,
      updated_at: values.uploadedAt,
    })
    .where('id', '=', id)
    .execute();

export const findAvv = (tx: Tx, id: string) =>
  tx
    .selectFrom('recipients')
    .select(['id', 'name', 'avv_file_name', 'avv_file'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The register facts of the active entries (no documents, no contact). */
const registerQuery = (tx: Tx) =>
  tx
    .selectFrom('recipients')
    .select([
      'id',
      'name',
      'kind',
      'location',
      'country',
      'purposes',
      'data_categories',
      'subject_groups',
      'transfer_mechanism',
      'scc_module',
      'tia_date',
      'dpf_checked_on',
      'avv_signed_on',
      'avv_file_name',
      'toms',
    ])
    .where('archived_at', 'is', null);

export const listActiveEntries = (tx: Tx) =>
  registerQuery(tx).orderBy(sql`lower(name)`).orderBy('id').execute();
export type RegisterRow = Awaited<ReturnType<typeof listActiveEntries>>[number];

/**
 * The active entries, other than internal systems, holding data for at least one of the purposes:
 * the recipients of a person's data by the register (Art. 15(1)(c), Art. 19).
 */
export const listEntriesForPurposes = (tx: Tx, purposes: readonly string[]) =>
  purposes.length === 0
    ? Promise.resolve([] as RegisterRow[])
    : registerQuery(tx)
        .where('kind', '<>', 'internal_system')
        .where(sql<boolean>`purposes && ${sql.val([...purposes])}::text[]`)
        .orderBy(sql`lower(name)`)
        .orderBy('id')
        .execute();
