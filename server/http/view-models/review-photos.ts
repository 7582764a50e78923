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

/**
 * The photo part of the review form: its limits, and the descriptions typed so far (files cannot come back). On the
 * edit page, `current` are the review's photos: each can be removed, and the free slots can take new ones.
 */
export function photoFormView(values: unknown, current: ReviewPhotoRow[] | null = null) {
  const typed = (values ?? {}) as Record<string, unknown>;
  const photoAlts = Array.from({ length: PHOTO_LIMITS.maxPhotos }, (_, i) => {
    const name = `photoAlt${i + 1}`;
    return { n: i + 1, name, value: typeof typed[name] === 'string' ? typed[name] : '' };
  });
  const removing = new Set([typed.removePhoto ?? []].flat().filter((v): v is string => typeof v === 'string'));
  const currentPhotos = (current ?? []).map((photo, i) => ({
    ...reviewPhotosView([photo])[0]!,
    id: photo.id,
    n: i + 1,
    removing: removing.has(photo.id),
  }));
  return { photoLimits, photoAlts, currentPhotos: current ? currentPhotos : null, photoSlots: Math.max(0, PHOTO_LIMITS.maxPhotos - currentPhotos.length) };
}
