import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fieldContext } from '../../domain/crypto/envelope.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';

/**
 * Images are sealed as bytes, not as the base64url text of `secret-box` (a third smaller in the
 * bytea column): version byte 1, 12-byte IV, 16-byte GCM tag, ciphertext. AES-256-GCM under the
 * person's data key, with `person_photos:<person id>:image` as associated data, so a ciphertext only
 * opens for the person it was sealed for. The benchmark baseline's empty key stores the image as is.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

export const photoContext = (personId: string) =>
  fieldContext({ table: 'person_photos', recordId: personId, column: 'image' });

export const sealImage = (input: { dataKey: Buffer; personId: string; image: Buffer }): Buffer => {
  if (input.dataKey.length === 0) return input.image;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', input.dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(photoContext(input.personId), 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(input.image), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
};

/** Opens a sealed image; throws DecryptionError for a wrong key, person or a tampered ciphertext. */
export const openImage = (input: { dataKey: Buffer; personId: string; sealed: Buffer }): Buffer => {
  if (input.dataKey.length === 0) return input.sealed;
  const { sealed } = input;
  if (sealed.length < HEADER || sealed[0] !== VERSION) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', input.dataKey, sealed.subarray(1, 1 + IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(photoContext(input.personId), 'utf8'));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
};
