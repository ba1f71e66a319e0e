import type { Tx } from '../../db/tenant.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import { openValue } from '../keys/keys.service.ts';

const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/**
 * Art. 15 for merges: every record merged into the person, with when, the field choices, the merged
 * record's provenance and its values (the snapshot sealed under the person's key, opened here).
 */
export const compileMergeSection = async (tx: Tx, input: { personId: string; dataKey: Buffer | null }) => {
  const rows = await tx
    .selectFrom('person_merges')
    .selectAll()
    .where('survivor_id', '=', input.personId)
    .orderBy('merged_at')
    .execute();
  return {
    person_merges: rows.map((r) => {
      let values: unknown = null;
      try {
        const plain = openValue(
          input.dataKey,
          { table: 'person_merges', recordId: r.id, column: 'snapshot' },
          r.snapshot_enc,
        );
        values = plain == null ? null : JSON.parse(plain);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
      }
      return {
        id: r.id,
        mergedPersonId: r.merged_person_id,
        mergedAt: r.merged_at.toISOString(),
        fieldChoices: parse(r.field_choices),
        provenance: parse(r.provenance),
        values,
      };
    }),
  };
};
