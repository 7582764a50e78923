import { assertTransition } from '../integrity/states.js';
import { actorRefusal, assertMayAct } from '../accounts/actor-policy.js';
import { conflict, forbidden, notFound } from '../domain-errors.js';
import type { IncentiveDisclosure, Submission, Verdict } from '../integrity/types.js';
import { lockAccount } from '../storage/account-repo.js';
import { findOrder, findOrderForReview, findProductById } from '../storage/catalog-repo.js';
import type { Database, Queryable } from '../storage/database.js';
import { identifierKey } from '../storage/identifier-repo.js';
import { batchQueries } from '../storage/query-batch.js';
import { newId } from '../storage/ids.js';
import { countInProductDaily, findByIdempotencyKey, findReview, findReviewByAuthor, insertPendingReview, updateReviewContent } from '../storage/review-repo.js';
import type { PhotoFiles } from '../storage/photo-files.js';
import { checkAndSettle, recordPostIdentifiers, submissionFromReview, type IntegrityDeps } from './integrity-gate.js';
import { attachPhotos, changeReviewPhotos, discardWrittenPhotos, type PhotoChanges, type PreparedPhoto } from './review-photos.js';

const MESSAGES = {
  alreadyReviewed: 'You have already reviewed this product. You can edit your review instead.',
  notYourReview: 'Only the author can edit this review.',
  orderMismatch: 'That order does not belong to you or is not for this product.',
  removed: 'This review was removed and can no longer be edited.',
  keyReused: 'This idempotency key was already used for a review of another product; send a new key for a new review.',
};

export interface ReviewDraft {
  rating: number;
  title: string;
  body: string;
  incentive: IncentiveDisclosure | null;
  /** "How likely are you to recommend this shop? 0–10": kept only on a verified review, for the merchant's NPS. */
  recommend?: number | null;
}

export interface PostContext {
  accountId: string;
  ip: string | null;
  userAgent: string | null;
  /** The browser's first-party device id, when the post came through the web app. */
  device?: string | null;
  at: Date;
}

export interface SubmitDeps {
  db: Database;
  integrity: IntegrityDeps;
  /** Where photos go when they are not kept in the database (CANDOR_PHOTO_STORAGE=directory); absent: database. */
  photoFiles?: PhotoFiles | null;
}

export interface SubmitResult {
  reviewId: string;
  verdict: Verdict;
  /** True when an earlier post with the same idempotency key already stored this review: its first outcome. */
  repeated?: boolean;
}

/**
 * Posting a review: stored as pending, checked by the integrity pipeline and settled as published or held in
 * one transaction with its verdict; earlier reviews it implicates are queued in that transaction and re-assessed by
 * the background worker, never inside the poster's request.
 * `id` and `orderId` are given by imports and the replay; the web form leaves them out.
 */
export async function submitReview(
  deps: SubmitDeps,
  input: {
    productId: string;
    draft: ReviewDraft;
    post: PostContext;
    id?: string;
    orderId?: string | null;
    /** The web form allows one review per product per account; a replayed or imported stream may not. */
    onePerProduct?: boolean;
    /** A retry (after a timeout, a double click) with the same key gets the first post's outcome, not a new review. */
    idempotencyKey?: string | null;
    /** Checked and re-encoded already (preparePhotos): stored with the review, in its transaction. */
    photos?: PreparedPhoto[];
  },
): Promise<SubmitResult> {
  // Photo files written for an attempt whose transaction then failed (or was retried) are removed again.
  const written: string[] = [];
  try {
    return await deps.db.transaction((tx) => submitInTransaction(tx, deps, input, written));
  } catch (error) {
    await discardWrittenPhotos(deps.photoFiles ?? null, written);
    throw error;
  }
}

async function submitInTransaction(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  deps: SubmitDeps,
  input: Parameters<typeof submitReview>[1],
  written: string[],
): Promise<SubmitResult> {
  // A transaction the database aborted and ran again (retryOnConflict) starts over: the first attempt's files go.
  if (written.length > 0) await discardWrittenPhotos(deps.photoFiles ?? null, written.splice(0));
  // Locking the author's row serialises their posts, so two quick submits cannot both pass the checks below. The
  // product, the order and the identifier key are read in the same round trip (query-batch.ts); what they decide is
  // checked below in the order it always was.
  const reads = batchQueries(tx);
  const [account, product, orderFound, key] = await Promise.all([
    lockAccount(reads, input.post.accountId),
    findProductById(reads, input.productId),
    lookUpOrder(reads, input.orderId, input.post.accountId, input.productId),
    identifierKey(reads),
  ]);
  if (!account) throw notFound('Your account');
  if (input.idempotencyKey) {
    // After the lock: a concurrent first attempt with this key has committed (or failed) by now.
    const earlier = await findByIdempotencyKey(tx, account.id, input.idempotencyKey);
    if (earlier && earlier.productId !== input.productId) throw conflict(MESSAGES.keyReused);
    if (earlier) return { reviewId: earlier.reviewId, verdict: earlier.verdict, repeated: true };
  }
  if (!product) throw notFound('The product');
  // The shared actor policy, asked with the row just locked (no second read on the busiest write path).
  const refusal = actorRefusal({ id: account.id, status: account.status, staffOf: [], manages: account.manages }, 'review', {
    merchantId: product.merchantId,
  });
  if (refusal) throw forbidden(refusal);
  if ((input.onePerProduct ?? true) && (await findReviewByAuthor(tx, product.id, account.id))) {
    throw conflict(MESSAGES.alreadyReviewed);
  }

  const order = resolveOrder(orderFound, input.orderId, account.id, product.id);
  const id = input.id ?? newId('r');
  const review = {
    id,
    productId: product.id,
    merchantId: product.merchantId,
    accountId: account.id,
    orderId: order?.id ?? null,
    rating: input.draft.rating,
    title: input.draft.title,
    body: input.draft.body,
    incentive: input.draft.incentive,
    ip: input.post.ip,
    userAgent: input.post.userAgent,
    at: input.post.at,
    idempotencyKey: input.idempotencyKey ?? null,
    recommendScore: order ? (input.draft.recommend ?? null) : null,
  };
  // Photos are stored with the review (they reference its row) before the check, which compares their hashes: such a
  // review is stored pending first. Without photos nothing of the new review is read by its own check, so it is
  // stored once, in the state the check gives it.
  const withPhotos = Boolean(input.photos?.length);
  if (withPhotos) {
    await insertPendingReview(tx, review);
    await attachPhotos(tx, deps.photoFiles ?? null, { reviewId: id, photos: input.photos!, at: input.post.at, written });
  }
  await recordPostIdentifiers(tx, account.id, input.post, key);
  // The new review, as the pipeline sees it, built from what is written rather than read back.
  const submission: Submission = {
    id,
    kind: 'review',
    accountId: account.id,
    productId: product.id,
    merchantId: product.merchantId,
    orderId: order?.id ?? null,
    orderAt: order?.orderedAt ?? null,
    rating: input.draft.rating,
    title: input.draft.title,
    body: input.draft.body,
    at: input.post.at,
    ip: input.post.ip,
    userAgent: input.post.userAgent,
    incentive: input.draft.incentive ? { kind: input.draft.incentive.kind, disclosed: input.draft.incentive.disclosed } : null,
  };
  // Without photos the review is stored by the check's own write, its day counted there too (after the check, so
  // the product's daily history the check saw did not include this review).
  const verdict = await checkAndSettle(tx, deps.integrity, submission, 'submit', withPhotos ? undefined : review);
  if (withPhotos) await countInProductDaily(tx, product.id, input.post.at, input.draft.rating, order !== null);
  return { reviewId: id, verdict };
}

/**
 * An edit is checked exactly like a new post: back to pending (its version bumped, so a moderator's decision on the
 * version before is refused), through the same pipeline. Photo changes (removed, added) are part of the edit: the
 * same transaction, the same check, which sees the photos as they will be.
 */
export async function editReview(
  deps: SubmitDeps,
  input: { reviewId: string; draft: ReviewDraft; post: PostContext; photos?: PhotoChanges },
): Promise<SubmitResult> {
  const files = deps.photoFiles ?? null;
  // Files written for an attempt that then failed are removed; files of removed photos go once the edit committed.
  const written: string[] = [];
  let filesToDelete: string[] = [];
  try {
    const result = await deps.db.transaction(async (tx) => {
      if (written.length > 0) await discardWrittenPhotos(files, written.splice(0));
      const review = await findReview(tx, input.reviewId, true);
      if (!review) throw notFound('The review');
      if (review.accountId !== input.post.accountId) throw forbidden(MESSAGES.notYourReview);
      if (review.status === 'removed' || review.status === 'rejected') throw forbidden(MESSAGES.removed);
      assertTransition(review.status, 'pending');
      const account = await assertMayAct(tx, input.post.accountId, 'edit', { merchantId: review.merchantId });
      if (input.photos && (input.photos.remove.length > 0 || input.photos.add.length > 0)) {
        ({ filesToDelete } = await changeReviewPhotos(tx, files, { reviewId: review.id, changes: input.photos, at: input.post.at, written }));
      }
      await updateReviewContent(tx, review.id, { ...input.draft, ip: input.post.ip, userAgent: input.post.userAgent, at: input.post.at });
      await recordPostIdentifiers(tx, account.id, input.post);
      const submission = submissionFromReview((await findReview(tx, review.id))!, input.post.at);
      const verdict = await checkAndSettle(tx, deps.integrity, submission, 'edit');
      return { reviewId: review.id, verdict };
    });
    await discardWrittenPhotos(files, filesToDelete);
    return result;
  } catch (error) {
    await discardWrittenPhotos(files, written);
    throw error;
  }
}

/** The order a post names (`orderId`), or, when it names none (undefined), the author's latest order of the product. */
async function lookUpOrder(db: Queryable, orderId: string | null | undefined, accountId: string, productId: string) {
  if (orderId === undefined) return { latest: await findOrderForReview(db, accountId, productId) };
  return { named: orderId === null ? null : await findOrder(db, orderId) };
}

/** The order that verifies the post: refused when the post names an order of another account or product. */
function resolveOrder(
  found: Awaited<ReturnType<typeof lookUpOrder>>,
  orderId: string | null | undefined,
  accountId: string,
  productId: string,
): { id: string; orderedAt: Date } | null {
  if ('latest' in found) return found.latest ?? null;
  if (orderId === null || orderId === undefined) return null;
  const order = found.named;
  if (!order || order.productId !== productId || (order.accountId !== null && order.accountId !== accountId)) {
    throw forbidden(MESSAGES.orderMismatch);
  }
  return { id: order.id, orderedAt: order.orderedAt };
}
