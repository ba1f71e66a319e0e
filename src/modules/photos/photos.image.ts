import sharp from 'sharp';
import { AppError } from '../../domain/errors.ts';
import {
  detectPhotoType,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_EDGE,
  type PhotoContentType,
} from '../../domain/photos/photo-rules.ts';

/** A decompression bomb guard: 40 megapixels is more than any camera photo of a person needs. */
const MAX_INPUT_PIXELS = 40_000_000;

export type CleanImage = { image: Buffer; contentType: PhotoContentType; width: number; height: number };

/**
 * Checks an uploaded photo (size, type by magic bytes) and re-encodes it in its own format: the
 * pixels turned upright by the EXIF orientation, scaled to fit PHOTO_MAX_EDGE, and written without
 * any metadata (sharp keeps none unless asked: no EXIF, GPS, XMP, IPTC, ICC, comments).
 */
export const cleanPhoto = async (input: { bytes: Buffer }): Promise<CleanImage> => {
  const { bytes } = input;
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new AppError('photo_too_large', { params: { maxMb: PHOTO_MAX_BYTES / 1024 / 1024 } });
  const contentType = detectPhotoType(bytes);
  if (!contentType) throw new AppError('photo_type_not_accepted');
  try {
    let pipeline = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true });
    pipeline =
      contentType === 'image/jpeg'
        ? pipeline.jpeg({ quality: 85 })
        : contentType === 'image/png'
          ? pipeline.png({ compressionLevel: 9 })
          : pipeline.webp({ quality: 85 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { image: data, contentType, width: info.width, height: info.height };
  } catch {
    throw new AppError('photo_unreadable');
  }
};
