import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytesPooled } from './random.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM authenticated encryption. `context` is bound as associated data, so a ciphertext only
 * opens for the record (or purpose) it was sealed for. Output: `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export const seal = ({
  key,
  plaintext,
  context,
}: {
  key: Buffer;
  plaintext: string | Buffer;
  context: string;
}) => {
  const iv = randomBytesPooled(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
};

export class DecryptionError extends Error {
  constructor() {
    super('ciphertext cannot be opened with this key and context');
    this.name = 'DecryptionError';
  }
}

export const openSealed = ({
  key,
  sealed,
  context,
}: {
  key: Buffer;
  sealed: string;
  context: string;
}): Buffer => {
  const parts = sealed.split('.');
  const [version, iv, tag, ciphertext] = parts;
  // Exactly four parts in canonical base64url, a 12-byte IV and a full 16-byte tag: Node would
  // otherwise ignore extra parts and stray characters and accept a truncated (forgeable) tag.
  if (
    parts.length !== 4 ||
    version !== VERSION ||
    !iv ||
    !tag ||
    ciphertext === undefined ||
    !parts.slice(1).every((p) => Buffer.from(p, 'base64url').toString('base64url') === p)
  ) {
    throw new DecryptionError();
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
};
