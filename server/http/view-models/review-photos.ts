import { PHOTO_LIMITS, type ReviewPhotoRow } from '../../reviews/review-photos.js';

/** A review's photos as thumbnails that open the display size; width and height let the page keep their space. */
export function reviewPhotosView(photos: ReviewPhotoRow[]) {
  return photos.map((photo) => ({
    thumbSrc: `/photos/${encodeURIComponent(photo.id)}/thumb.webp`,
    displaySrc: `/photos/${encodeURIComponent(photo.id)}/display.webp`,
    alt: photo.alt,
    width: photo.thumbWidth,
    height: photo.thumbHeight,
  }));
}

const photoLimits = {
  count: PHOTO_LIMITS.maxPhotos,
  megabytes: PHOTO_LIMITS.maxBytes / (1024 * 1024),
  megapixels: PHOTO_LIMITS.maxPixels / 1_000_000,
  altCharacters: PHOTO_LIMITS.altCharacters,
};

/** The photo part of the review form: its limits, and the descriptions typed so far (files cannot come back). */
export function photoFormView(values: unknown) {
  const typed = (values ?? {}) as Record<string, unknown>;
  const photoAlts = Array.from({ length: PHOTO_LIMITS.maxPhotos }, (_, i) => {
    const name = `photoAlt${i + 1}`;
    return { n: i + 1, name, value: typeof typed[name] === 'string' ? typed[name] : '' };
  });
  return { photoLimits, photoAlts };
}
