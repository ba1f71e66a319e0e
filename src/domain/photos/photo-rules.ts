/**
 * Person photos (issue 8, ADR 0034): what is accepted, and what a photo may not be used for. Pure
 * rules; the module (src/modules/photos) re-encodes, seals and stores.
 */

/** The largest image accepted (the upload, before re-encoding). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

/** The stored image fits into this square (data minimisation: a CRM needs a recognisable portrait). */
export const PHOTO_MAX_EDGE = 1024;

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The image type by its magic bytes (never by a name or a declared type): JPEG (FF D8 FF), PNG
 * (the 8-byte signature) or WebP (RIFF....WEBP); null for anything else (GIF, SVG, HEIC, PDF, ...).
 */
export const detectPhotoType = (bytes: Uint8Array): PhotoContentType | null => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
};

/**
 * Words that name biometric identification (Art. 4(14), Art. 9(1) GDPR): a photo processed to
 * uniquely identify a person is special-category data. Custos stores photos to show them, never to
 * match faces, so a purpose saying otherwise is refused.
 */
const BIOMETRIC =
  /biometri|gesichtserkennung|gesichtsabgleich|gesichtsvergleich|face[\s-]?(recognition|matching|id\b|verification)|facial[\s-]?(recognition|matching|verification)/i;

export const isBiometricPurpose = (purpose: {
  id: string;
  labelDe: string;
  labelEn: string;
  descriptionDe: string;
  descriptionEn: string;
}): boolean =>
  [
    purpose.id.replaceAll('_', ' '),
    purpose.labelDe,
    purpose.labelEn,
    purpose.descriptionDe,
    purpose.descriptionEn,
  ].some((text) => BIOMETRIC.test(text));

/** An explicit end of a photo's retention must lie after today (both 'YYYY-MM-DD', Berlin days). */
export const isValidRetentionUntil = (input: { retentionUntil: string; today: string }): boolean =>
  input.retentionUntil > input.today;
