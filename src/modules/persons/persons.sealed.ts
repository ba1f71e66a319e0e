import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { openValue, sealValue, subjectKey, unwrapSubjectKey } from '../keys/keys.service.ts';

/**
 * Person columns stored only encrypted under the person's data key: free text and health data, and
 * the reason of a restriction (Art. 18, subject-rights).
 */
export const SEALED_PERSON_COLUMNS = ['notes', 'accessibility_needs', 'restriction_reason'] as const;
type SealedColumn = (typeof SEALED_PERSON_COLUMNS)[number];

const ref = (recordId: string, column: string) => ({ table: 'persons', recordId, column });

export const sealPersonColumns = <T extends Partial<Record<SealedColumn, string | null | undefined>>>(
  dataKey: Buffer,
  personId: string,
  values: T,
): T => {
  const out = { ...values };
  for (const column of SEALED_PERSON_COLUMNS) {
    if (column in out)
      (out as Record<string, unknown>)[column] = sealValue(dataKey, ref(personId, column), out[column]);
  }
  return out;
};

/** The row with its sealed columns opened (null where the key was shredded). */
export const openPersonRow = async <T extends { id: string } & Record<SealedColumn, string | null>>(
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  row: T,
): Promise<T> => {
  if (SEALED_PERSON_COLUMNS.every((c) => row[c] == null)) return row;
  // a row read with its wrapped key (findPersonWithTags) needs no second query for it
  const withKey = row as T & { wrapped_key?: string | null; master_key_id?: string | null };
  const dataKey =
    withKey.wrapped_key === undefined
      ? await subjectKey(tx, ctx, tenantId, row.id)
      : unwrapSubjectKey(ctx, {
          tenantId,
          subjectId: row.id,
          wrapped: withKey.wrapped_key,
          masterKeyId: withKey.master_key_id ?? null,
        });
  const out = { ...row };
  for (const column of SEALED_PERSON_COLUMNS)
    out[column] = openValue(dataKey, ref(row.id, column), row[column]) as T[SealedColumn];
  return out;
};
