import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

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
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
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
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
};
