/**
 * Staged import rows are personal data before any person exists: each row's values are sealed
 * (AES-256-GCM) under a data key of the batch, wrapped by the master key and stored on the batch.
 * Commit, discard and expiry destroy the rows' ciphertext and the wrapped key together.
 */
import {
  decryptField,
  encryptField,
  fieldContext,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../../domain/crypto/envelope.ts';
import type { AppContext } from '../../server/context.ts';
import { masterKeyById } from '../keys/keys.service.ts';

const subjectOf = (importId: string) => `person-import:${importId}`;
const rowContext = (importId: string, rowNumber: number) =>
  fieldContext({ table: 'person_import_rows', recordId: `${importId}:${rowNumber}`, column: 'data' });

/** A new batch key, wrapped by the master key the database names current (`wrappingKey`). */
export const createBatchKey = (input: {
  master: { key: Buffer; id: string };
  tenantId: string;
  importId: string;
}) => {
  const dataKey = newDataKey();
  return {
    dataKey,
    wrapped: wrapDataKey({
      masterKey: input.master.key,
      dataKey,
      tenantId: input.tenantId,
      subjectId: subjectOf(input.importId),
    }),
    masterKeyId: input.master.id,
  };
};

/** The batch key, or null once the staged rows were destroyed. */
export const openBatchKey = (
  ctx: AppContext,
  input: { tenantId: string; importId: string; wrapped: string | null; masterKeyId: string | null },
): Buffer | null =>
  input.wrapped
    ? unwrapDataKey({
        masterKey: masterKeyById(ctx, input.masterKeyId),
        wrapped: input.wrapped,
        tenantId: input.tenantId,
        subjectId: subjectOf(input.importId),
      })
    : null;

export const sealRow = (input: {
  dataKey: Buffer;
  importId: string;
  rowNumber: number;
  values: Record<string, string>;
}) =>
  encryptField({
    dataKey: input.dataKey,
    value: JSON.stringify(input.values),
    context: rowContext(input.importId, input.rowNumber),
  });

export const openRow = (input: {
  dataKey: Buffer;
  importId: string;
  rowNumber: number;
  sealed: string;
}): Record<string, string> =>
  JSON.parse(
    decryptField({
      dataKey: input.dataKey,
      sealed: input.sealed,
      context: rowContext(input.importId, input.rowNumber),
    }),
  ) as Record<string, string>;
