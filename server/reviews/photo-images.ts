import type { Metadata, Sharp } from 'sharp';
import { differenceHash, HASH_HEIGHT, HASH_WIDTH } from '../integrity/photo-hash.js';
import { UserFacingError } from '../domain-errors.js';

/**
 * Every uploaded photo is decoded and encoded again, never stored as sent: the new file carries no EXIF, GPS, XMP
 * or ICC block (sharp writes none unless asked), the orientation its EXIF asked for is applied to the pixels
 * first, and anything that is not a whole JPEG, PNG or WebP picture is refused before a byte is stored.
 */

export const PHOTO_LIMITS = {
  /** Photos one review can carry. */
  maxPhotos: 5,
  /** Bytes per uploaded file (checked while the upload streams in). */
  maxBytes: 8 * 1024 * 1024,
  /** Pixels per photo (width × height): a small file can declare a huge canvas (a "decompression bomb"). */
  maxPixels: 40_000_000,
  /** Longest side of the size shown when a photo is opened, and of the thumbnail in the review. */
  displaySide: 1600,
  thumbSide: 320,
  webpQuality: 80,
  /** Characters of the description (alt text) an author can give each photo. */
  altCharacters: 200,
} as const;

export const PHOTO_FORMATS = ['jpeg', 'png', 'webp'] as const;

const MESSAGES = {
  notImage: (name: string) => `“${name}” is not a photo we can read. Upload JPEG, PNG or WebP pictures.`,
  format: (name: string, format: string) => `“${name}” is a ${format.toUpperCase()} file. Upload JPEG, PNG or WebP pictures.`,
  pixels: (name: string) =>
    `“${name}” is too large a picture (more than ${PHOTO_LIMITS.maxPixels / 1_000_000} megapixels). Make it smaller and upload it again.`,
  broken: (name: string) => `“${name}” is damaged or incomplete (the picture ends early). Save it again and upload it once more.`,
};

export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface ProcessedPhoto {
  display: EncodedImage;
  thumb: EncodedImage;
  /** 64-bit perceptual hash (dHash, 16 hex digits) of the picture as shown. */
  phash: string;
}

/** One uploaded file → a clean display size, a thumbnail and a perceptual hash; a 4xx for anything unusable. */
export async function processPhoto(upload: { name: string; data: Buffer }): Promise<ProcessedPhoto> {
  const name = upload.name.slice(0, 80) || 'The file';
  // Loaded at the first photo, not at start-up: the native library takes about 0.1 s to load.
  const { default: sharp } = await import('sharp');
  // failOn 'truncated': a picture cut short is refused; a harmless decoder warning (odd padding) is not.
  const open = () => sharp(upload.data, { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: 'truncated' });
  let meta: Metadata;
  try {
    meta = await open().metadata();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new UserFacingError(422, MESSAGES.pixels(name));
    throw new UserFacingError(415, MESSAGES.notImage(name));
  }
  const format = meta.format;
  if (!format || !(PHOTO_FORMATS as readonly string[]).includes(format)) throw new UserFacingError(415, MESSAGES.format(name, format ?? 'unknown'));
  // The header's canvas size is known before any pixel is decoded: refuse a bomb without decoding it.
  if ((meta.width ?? 0) * (meta.height ?? 0) > PHOTO_LIMITS.maxPixels) throw new UserFacingError(422, MESSAGES.pixels(name));
  try {
    const display = await encode(open(), PHOTO_LIMITS.displaySide);
    const thumb = await encode(open(), PHOTO_LIMITS.thumbSide);
    const grey = await open()
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(HASH_WIDTH, HASH_HEIGHT, { fit: 'fill' })
      .extractChannel(0)
      .raw()
      .toBuffer();
    return { display, thumb, phash: differenceHash(new Uint8Array(grey)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) throw new UserFacingError(422, MESSAGES.pixels(name));
    throw new UserFacingError(422, MESSAGES.broken(name));
  }
}

/** Upright (EXIF orientation applied), at most `side` pixels on the longest side, never enlarged, WebP without metadata. */
async function encode(image: Sharp, side: number): Promise<EncodedImage> {
  const { data, info } = await image
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: PHOTO_LIMITS.webpQuality })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
