import type { PhotoFacts, ReviewState } from '../integrity/types.js';
import { hashBands } from '../integrity/photo-hash.js';
import type { Queryable } from './database.js';
import type { PhotoVariant } from './photo-files.js';

export interface NewReviewPhoto {
  id: string;
  reviewId: string;
  position: number;
  alt: string;
  storedIn: 'database' | 'directory';
  display: { width: number; height: number; data: Buffer | null };
  thumb: { width: number; height: number; data: Buffer | null };
  phash: string;
  at: Date;
}

export async function insertReviewPhoto(db: Queryable, photo: NewReviewPhoto): Promise<void> {
  const bands = hashBands(photo.phash);
  await db.query(
    `INSERT INTO review_photos (id, review_id, position, alt, stored_in, display_width, display_height, thumb_width, thumb_height,
       display_data, thumb_data, phash, phash_band0, phash_band1, phash_band2, phash_band3, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      photo.id,
      photo.reviewId,
      photo.position,
      photo.alt,
      photo.storedIn,
      photo.display.width,
      photo.display.height,
      photo.thumb.width,
      photo.thumb.height,
      photo.display.data,
      photo.thumb.data,
      photo.phash,
      ...bands,
      photo.at,
    ],
  );
}

export interface ReviewPhotoRow {
  id: string;
  reviewId: string;
  position: number;
  alt: string;
  displayWidth: number;
  displayHeight: number;
  thumbWidth: number;
  thumbHeight: number;
}

/** The photos of these reviews, in their order (no bytes). */
export async function listReviewPhotos(db: Queryable, reviewIds: string[]): Promise<ReviewPhotoRow[]> {
  if (reviewIds.length === 0) return [];
  const rows = await db.query<{
    id: string;
    review_id: string;
    position: number;
    alt: string;
    display_width: number;
    display_height: number;
    thumb_width: number;
    thumb_height: number;
  }>(
    `SELECT id, review_id, position, alt, display_width, display_height, thumb_width, thumb_height
     FROM review_photos WHERE review_id = ANY($1::text[]) ORDER BY review_id, position`,
    [reviewIds],
  );
  return rows.rows.map((row) => ({
    id: row.id,
    reviewId: row.review_id,
    position: row.position,
    alt: row.alt,
    displayWidth: row.display_width,
    displayHeight: row.display_height,
    thumbWidth: row.thumb_width,
    thumbHeight: row.thumb_height,
  }));
}

export interface StoredPhoto {
  id: string;
  storedIn: 'database' | 'directory';
  /** The bytes when kept in the database; null when they are in the photo directory. */
  data: Buffer | null;
  review: { id: string; accountId: string; status: ReviewState };
}

/** One photo's bytes (one size) with what deciding who may see it needs: its review's author and state. */
export async function findStoredPhoto(db: Queryable, photoId: string, variant: PhotoVariant): Promise<StoredPhoto | null> {
  const column = variant === 'display' ? 'display_data' : 'thumb_data';
  const row = (
    await db.query<{ id: string; stored_in: 'database' | 'directory'; data: Uint8Array | null; review_id: string; account_id: string; status: ReviewState }>(
      `SELECT p.id, p.stored_in, p.${column} AS data, r.id AS review_id, r.account_id, r.status
       FROM review_photos p JOIN reviews r ON r.id = p.review_id WHERE p.id = $1`,
      [photoId],
    )
  ).rows[0];
  if (!row) return null;
  return {
    id: row.id,
    storedIn: row.stored_in,
    data: row.data ? Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null,
    review: { id: row.review_id, accountId: row.account_id, status: row.status },
  };
}

/**
 * For the integrity check of one review: its own photos' hashes and the photos of other reviews (other accounts' and
 * the author's own) that share a quarter of a hash with one of them (every photo within 3 bits of one of them does;
 * see photo-hash.ts), each with its review. Indexed lookups only; `cap` + 1 rows at most, so `capped` is honest.
 */
export async function loadPhotoFacts(
  db: Queryable,
  review: { id: string },
  asOf: Date,
  cap: number,
): Promise<{ facts: PhotoFacts | undefined; capped: boolean }> {
  const own = (await db.query<{ phash: string }>('SELECT phash FROM review_photos WHERE review_id = $1 ORDER BY position', [review.id])).rows.map(
    (row) => row.phash,
  );
  // A review without photos has no photo facts at all (as in the in-memory reference context).
  if (own.length === 0) return { facts: undefined, capped: false };
  const bands = own.map(hashBands);
  const column = (i: number) => bands.map((b) => b[i]!);
  const rows = (
    await db.query<{ phash: string; review_id: string; account_id: string; product_id: string; status: ReviewState; created_at: Date }>(
      `SELECT p.phash, r.id AS review_id, r.account_id, r.product_id, r.status, r.created_at
       FROM review_photos p JOIN reviews r ON r.id = p.review_id
       WHERE (p.phash_band0 = ANY($1::int[]) OR p.phash_band1 = ANY($2::int[]) OR p.phash_band2 = ANY($3::int[]) OR p.phash_band3 = ANY($4::int[]))
         AND r.id <> $5 AND r.status <> 'pending' AND r.created_at <= $6
       ORDER BY r.created_at DESC, p.id LIMIT $7`,
      [column(0), column(1), column(2), column(3), review.id, asOf, cap + 1],
    )
  ).rows;
  return {
    facts: {
      hashes: own,
      others: rows.slice(0, cap).map((row) => ({
        hash: row.phash,
        reviewId: row.review_id,
        accountId: row.account_id,
        productId: row.product_id,
        status: row.status,
        at: new Date(row.created_at),
      })),
    },
    capped: rows.length > cap,
  };
}

/** The photos of an account's reviews without their bytes (the account export lists them; the addresses serve them). */
export async function listAccountReviewPhotos(db: Queryable, accountId: string): Promise<Record<string, unknown>[]> {
  return (
    await db.query<Record<string, unknown>>(
      `SELECT p.id, p.review_id, p.position, p.alt, p.stored_in, p.display_width, p.display_height, p.thumb_width, p.thumb_height,
         p.phash, p.created_at
       FROM review_photos p JOIN reviews r ON r.id = p.review_id WHERE r.account_id = $1 ORDER BY p.review_id, p.position`,
      [accountId],
    )
  ).rows;
}

/** Deletes the photos of an account's reviews; returns the ids whose files are in the photo directory. */
export async function deleteAccountReviewPhotos(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await db.query<{ id: string; stored_in: string }>(
    `DELETE FROM review_photos p USING reviews r WHERE r.id = p.review_id AND r.account_id = $1 RETURNING p.id, p.stored_in`,
    [accountId],
  );
  return rows.rows.filter((row) => row.stored_in === 'directory').map((row) => row.id);
}

/** How many photos a review has now (read inside the edit's transaction, after its row is locked). */
export async function countReviewPhotos(db: Queryable, reviewId: string): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM review_photos WHERE review_id = $1', [reviewId])).rows[0]!.n;
}

/**
 * Deletes these photos of this review (ids of another review are not touched) and closes the gaps, so positions
 * stay 1..n in their old order. Returns the ids deleted, and those whose files are in the photo directory.
 */
export async function deleteReviewPhotos(db: Queryable, reviewId: string, photoIds: string[]): Promise<{ deleted: string[]; files: string[] }> {
  if (photoIds.length === 0) return { deleted: [], files: [] };
  const rows = (
    await db.query<{ id: string; stored_in: string }>('DELETE FROM review_photos WHERE review_id = $1 AND id = ANY($2::text[]) RETURNING id, stored_in', [
      reviewId,
      photoIds,
    ])
  ).rows;
  const left = (await db.query<{ id: string; position: number }>('SELECT id, position FROM review_photos WHERE review_id = $1 ORDER BY position', [reviewId]))
    .rows;
  // One row at a time, lowest first: each moves down into a slot already free, so (review_id, position) stays unique.
  for (const [index, photo] of left.entries()) {
    if (photo.position !== index + 1) await db.query('UPDATE review_photos SET position = $2 WHERE id = $1', [photo.id, index + 1]);
  }
  return { deleted: rows.map((r) => r.id), files: rows.filter((r) => r.stored_in === 'directory').map((r) => r.id) };
}
