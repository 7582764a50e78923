import type { ReviewPhotoRow } from '../../reviews/review-photos.js';

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
