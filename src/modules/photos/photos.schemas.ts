import { z } from 'zod';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES } from '../../domain/photos/photo-rules.ts';
import { LEGAL_BASES } from '../../domain/privacy/legal-bases.ts';

/**
 * base64 of 1.5 × the photo limit: a file a little over the limit gets 413 photo_too_large from the
 * service, a much larger body 413 payload_too_large from the route's body limit (never 422).
 */
export const PHOTO_MAX_BASE64 = Math.ceil((PHOTO_MAX_BYTES * 1.5) / 3) * 4;
/** The route's body limit: the base64 plus the JSON around it. */
export const PHOTO_BODY_LIMIT = PHOTO_MAX_BASE64 + 64 * 1024;

export const PhotoUpload = z
  .strictObject({
    image: z
      .string()
      .min(4)
      .max(PHOTO_MAX_BASE64)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .describe(
        'The image, base64-encoded: JPEG, PNG or WebP (by its magic bytes; 415 photo_type_not_accepted otherwise), at most 5 MiB (413 photo_too_large). It is re-encoded without metadata (EXIF, GPS) and scaled to fit 1024 × 1024 pixels.',
      ),
    purpose: z
      .string()
      .min(1)
      .max(64)
      .describe(
        'Purpose id from the catalogue the photo is kept for; a purpose naming biometric identification is refused (photo_biometric_purpose)',
      ),
    legalBasis: z
      .enum(LEGAL_BASES)
      .describe('Legal basis under Art. 6(1) GDPR, one the purpose allows (consent is typical)'),
    retentionUntil: z.iso
      .date()
      .optional()
      .describe(
        'Last day the photo is kept, if earlier than the deletion concept period (data type "Personenfotos"); must be after today',
      ),
  })
  .meta({ id: 'PhotoUpload' });
export type PhotoUploadInput = z.infer<typeof PhotoUpload>;

export const PersonPhoto = z
  .strictObject({
    personId: z.uuid(),
    contentType: z.enum(PHOTO_CONTENT_TYPES).describe('Type of the stored (re-encoded) image'),
    byteSize: z.number().int().describe('Size of the stored image in bytes'),
    width: z.number().int(),
    height: z.number().int(),
    purpose: z.string().describe('Purpose id the photo is kept for'),
    legalBasis: z.enum(LEGAL_BASES),
    retentionUntil: z.iso
      .date()
      .nullable()
      .describe('Explicit last day, or null: the data type period applies'),
    uploadedAt: z.iso.datetime(),
  })
  .meta({ id: 'PersonPhoto', description: 'A person photo, without the image (GET /persons/{id}/photo)' });
export type PersonPhotoOutput = z.infer<typeof PersonPhoto>;
