import { notFound, UserFacingError } from '../domain-errors.js';
import type { Queryable } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import type { PhotoFiles, PhotoVariant } from '../storage/photo-files.js';
import {
  countReviewPhotos,
  deleteAccountReviewPhotos,
  deleteReviewPhotos,
  findStoredPhoto,
  insertReviewPhoto,
  listReviewPhotos,
  type ReviewPhotoRow,
} from '../storage/photo-repo.js';
import { PHOTO_LIMITS, processPhoto, type ProcessedPhoto } from './photo-images.js';

export { PHOTO_LIMITS } from './photo-images.js';
export type { ReviewPhotoRow } from '../storage/photo-repo.js';
export type { PhotoVariant } from '../storage/photo-files.js';

const MESSAGES = {
  tooMany: `A review can carry at most ${PHOTO_LIMITS.maxPhotos} photos.`,
  tooManyNow: (kept: number) =>
    `A review can carry at most ${PHOTO_LIMITS.maxPhotos} photos: it keeps ${kept}, so you can add ${Math.max(0, PHOTO_LIMITS.maxPhotos - kept)} more (or remove some first).`,
  notThisReview: 'A photo you asked to remove is not one of this review’s photos. Reload the page and try again.',
  photo: 'The photo',
};

export interface PhotoUpload {
  /** The file name the browser sent: only used in messages, never to store anything. */
  name: string;
  data: Buffer;
}

export interface PreparedPhoto extends ProcessedPhoto {
  alt: string;
}

/**
 * Checks and re-encodes every uploaded photo before anything is written, so a bad file refuses the whole post with
 * a 4xx and nothing is stored. One at a time: libvips already uses the cores for one picture.
 */
export async function preparePhotos(uploads: PhotoUpload[], alts: (string | null)[], reviewTitle: string): Promise<PreparedPhoto[]> {
  if (uploads.length > PHOTO_LIMITS.maxPhotos) throw new UserFacingError(413, MESSAGES.tooMany);
  const prepared: PreparedPhoto[] = [];
  for (const [index, upload] of uploads.entries()) {
    const processed = await processPhoto(upload);
    prepared.push({ ...processed, alt: alts[index] || defaultAlt(index + 1, uploads.length, reviewTitle) });
  }
  return prepared;
}

/** Without a description from the author: which photo of which review (printed escaped, like every user text). */
export function defaultAlt(position: number, count: number, reviewTitle: string): string {
  const title = reviewTitle.replace(/\s+/g, ' ').trim().slice(0, 80);
  return count === 1 ? `Photo with the review “${title}”` : `Photo ${position} of ${count} with the review “${title}”`;
}

/**
 * Stores a review's photos inside the posting transaction (after its row, before its check, so the check sees their
 * hashes). With a photo directory the files are written first; the caller removes them if the transaction fails.
 */
export async function attachPhotos(
  tx: Queryable,
  files: PhotoFiles | null,
  input: { reviewId: string; photos: PreparedPhoto[]; at: Date; written: string[]; firstPosition?: number },
): Promise<void> {
  const first = input.firstPosition ?? 1;
  for (const [index, photo] of input.photos.entries()) {
    const id = newId('ph');
    if (files) {
      input.written.push(id);
      await files.write(id, 'display', photo.display.data);
      await files.write(id, 'thumb', photo.thumb.data);
    }
    await insertReviewPhoto(tx, {
      id,
      reviewId: input.reviewId,
      position: first + index,
      alt: photo.alt,
      storedIn: files ? 'directory' : 'database',
      display: { width: photo.display.width, height: photo.display.height, data: files ? null : photo.display.data },
      thumb: { width: photo.thumb.width, height: photo.thumb.height, data: files ? null : photo.thumb.data },
      phash: photo.phash,
      at: input.at,
    });
  }
}

export interface PhotoChanges {
  /** Ids of the review's photos to delete. */
  remove: string[];
  /** New photos, checked and re-encoded already (preparePhotos), added after the ones kept. */
  add: PreparedPhoto[];
}

/**
 * An edit's photo changes, inside the edit's transaction (the review row locked, before its check, so the check
 * sees the new hashes). The limit counts what the review will carry: kept plus added. Refused before anything is
 * written. Returns the ids whose files to delete once the transaction has committed.
 */
export async function changeReviewPhotos(
  tx: Queryable,
  files: PhotoFiles | null,
  input: { reviewId: string; changes: PhotoChanges; at: Date; written: string[] },
): Promise<{ filesToDelete: string[] }> {
  const remove = [...new Set(input.changes.remove)];
  const current = await listReviewPhotos(tx, [input.reviewId]);
  if (remove.some((id) => !current.some((photo) => photo.id === id))) throw new UserFacingError(422, MESSAGES.notThisReview);
  const kept = current.length - remove.length;
  if (kept + input.changes.add.length > PHOTO_LIMITS.maxPhotos) throw new UserFacingError(413, MESSAGES.tooManyNow(kept));
  const { files: filesToDelete } = await deleteReviewPhotos(tx, input.reviewId, remove);
  const firstPosition = (await countReviewPhotos(tx, input.reviewId)) + 1;
  await attachPhotos(tx, files, { reviewId: input.reviewId, photos: input.changes.add, at: input.at, written: input.written, firstPosition });
  return { filesToDelete };
}

/** Deletes the photos of an account's reviews (inside the caller's transaction); returns the ids kept as files. */
export function removeAccountReviewPhotos(tx: Queryable, accountId: string): Promise<string[]> {
  return deleteAccountReviewPhotos(tx, accountId);
}

/** Removes photo files: written for a post whose transaction did not commit, or of photos deleted since. */
export async function discardWrittenPhotos(files: PhotoFiles | null, written: string[]): Promise<void> {
  if (!files) return;
  await Promise.all(written.map((id) => files.remove(id)));
}

export interface PhotoViewer {
  id: string;
  role: string;
}

/**
 * A photo is public while its review is published. A held, pending, rejected or removed review's photos are seen
 * only by its author and by moderators; anyone else gets the same "not found" as for a photo that never existed.
 */
export async function loadPhotoForViewer(
  db: Queryable,
  files: PhotoFiles | null,
  input: { photoId: string; variant: PhotoVariant; viewer: PhotoViewer | null },
): Promise<{ data: Buffer; public: boolean }> {
  const photo = await findStoredPhoto(db, input.photoId, input.variant);
  if (!photo) throw notFound(MESSAGES.photo);
  const isPublic = photo.review.status === 'published';
  const viewer = input.viewer;
  const mayView = isPublic || (viewer !== null && (viewer.id === photo.review.accountId || viewer.role === 'moderator' || viewer.role === 'admin'));
  if (!mayView) throw notFound(MESSAGES.photo);
  const data = photo.storedIn === 'database' ? photo.data : files ? await files.read(photo.id, input.variant) : null;
  if (!data) throw notFound(MESSAGES.photo);
  return { data, public: isPublic };
}

/** The photos of each listed review, by review id. */
export async function photosByReview(db: Queryable, reviewIds: string[]): Promise<Map<string, ReviewPhotoRow[]>> {
  const map = new Map<string, ReviewPhotoRow[]>();
  for (const photo of await listReviewPhotos(db, reviewIds)) map.set(photo.reviewId, [...(map.get(photo.reviewId) ?? []), photo]);
  return map;
}
