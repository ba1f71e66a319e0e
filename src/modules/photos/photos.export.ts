import type { Tx } from '../../db/tenant.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import { openImage } from './photos.crypto.ts';
import * as repo from './photos.repository.ts';

/**
 * The person's photo for the access and portability export (Art. 15, 20): its facts and the image
 * itself as base64 (null once the data key is shredded). Runs in the caller's transaction; the
 * section is left out when the person has no photo, and from a portability export unless the photo
 * rests on consent or a contract (Art. 20(1)(a): the person provided it). Called by subject-data.
 */
export const compilePhotoSection = async (
  tx: Tx,
  input: { personId: string; dataKey: Buffer | null; portable: boolean },
): Promise<{ person_photos?: Record<string, unknown>[] }> => {
  const row = await repo.findPhoto(tx, input.personId);
  if (!row || (input.portable && !['consent', 'contract'].includes(row.legal_basis))) return {};
  let image: string | null = null;
  try {
    image = input.dataKey
      ? openImage({
          dataKey: input.dataKey,
          personId: input.personId,
          sealed: Buffer.from(row.image_enc),
        }).toString('base64')
      : null;
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
  }
  return {
    person_photos: [
      {
        contentType: row.content_type,
        width: row.width,
        height: row.height,
        purpose: row.purpose_id,
        legalBasis: row.legal_basis,
        retentionUntil: row.retention_until,
        uploadedAt: row.uploaded_at.toISOString(),
        imageBase64: image,
      },
    ],
  };
};
