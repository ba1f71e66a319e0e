import { createHmac } from 'node:crypto';
import { randomBytesPooled } from './random.ts';
import { openSealed, seal } from './secret-box.ts';

/**
 * Envelope encryption: every subject (person) has its own 256-bit data key, stored only wrapped by
 * the installation master key. Field values are sealed with the data key and bound to
 * `table:recordId:column`, so a ciphertext cannot be moved to another record or column.
 * Destroying the wrapped data key (crypto-shredding) makes every copy unreadable, backups included.
 */
export const newDataKey = (): Buffer => randomBytesPooled(32);

const wrapContext = (tenantId: string, subjectId: string) => `dek:${tenantId}:${subjectId}`;

export const wrapDataKey = ({
  masterKey,
  dataKey,
  tenantId,
  subjectId,
}: {
  masterKey: Buffer;
  dataKey: Buffer;
  tenantId: string;
  subjectId: string;
}): string => seal({ key: masterKey, plaintext: dataKey, context: wrapContext(tenantId, subjectId) });

export const unwrapDataKey = ({
  masterKey,
  wrapped,
  tenantId,
  subjectId,
}: {
  masterKey: Buffer;
  wrapped: string;
  tenantId: string;
  subjectId: string;
}): Buffer => openSealed({ key: masterKey, sealed: wrapped, context: wrapContext(tenantId, subjectId) });

export const fieldContext = ({
  table,
  recordId,
  column,
}: {
  table: string;
  recordId: string;
  column: string;
}) => `${table}:${recordId}:${column}`;

export const encryptField = ({
  dataKey,
  value,
  context,
}: {
  dataKey: Buffer;
  value: string;
  context: string;
}) => seal({ key: dataKey, plaintext: value, context });

export const decryptField = ({
  dataKey,
  sealed,
  context,
}: {
  dataKey: Buffer;
  sealed: string;
  context: string;
}) => openSealed({ key: dataKey, sealed, context }).toString('utf8');

/** A public identifier of a master key (HMAC, reveals nothing about the key). */
export const keyFingerprint = (masterKey: Buffer): string =>
  createHmac('sha256', masterKey).update('custos-master-key-id').digest('hex').slice(0, 16);

/** A derived key for one use (e.g. the audit chain), so the master key itself signs nothing. */
export const deriveKey = (masterKey: Buffer, use: string): Buffer =>
  createHmac('sha256', masterKey).update(`custos:${use}`).digest();
