import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { INCENTIVE_KINDS } from '../../integrity/types.js';
import { setHelpfulVote } from '../../reviews/helpful-vote.js';
import { replyToReview } from '../../reviews/merchant-reply.js';
import { postComment } from '../../reviews/post-comment.js';
import { commentOutcomeMessage, reviewOutcomeMessage } from '../../reviews/outcome-message.js';
import { reportContent } from '../../reviews/report-content.js';
import { loadReviewForEdit } from '../../reviews/review-for-edit.js';
import { tabPathFor } from '../../reviews/review-location.js';
import { editReview, submitReview, type PostContext } from '../../reviews/submit-review.js';
import { findProductForPosting } from '../../reviews/products.js';
import { preparePhotos } from '../../reviews/review-photos.js';
import { photoFormView } from '../view-models/review-photos.js';
import { uploadedPhotos } from '../middleware/photo-uploads.js';
import { photoAltSchema, photoRemovalSchema } from '../schemas/photo-forms.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { postContextFrom } from '../post-context.js';
import { wantsJson } from '../respond.js';
import { commentFormSchema, replyFormSchema, reportFormSchema, idempotencyKeySchema, reviewFormSchema, voteFormSchema } from '../schemas/review-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { INCENTIVE_LABELS } from '../view-models/format.js';

/** Route parameters are single path segments here; Express 5's types also allow arrays (for wildcards). */
function param(req: Request, name: string): string {
  return String(req.params[name]);
}

const MESSAGES = {
  reported: 'Thank you for the report. A moderator will look at it.',
};

function postContext(req: Request, services: Services): PostContext {
  return postContextFrom(req, services.clock());
}

const incentiveKinds = INCENTIVE_KINDS.map((kind) => ({ kind, label: INCENTIVE_LABELS[kind] }));

export function createReviewActionsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const deps = { db: services.db, integrity: services.integrity, photoFiles: services.photoFiles };

  const renderForm = (res: Response, status: number, view: Record<string, unknown>) =>
    res.status(status).render('pages/review-form', { title: 'Write a review', incentiveKinds, ...photoFormView(view.values), ...view });

  router.get('/products/:slug/reviews/new', requireSignIn, async (req, res) => {
    const product = await findProductForPosting(services.db, param(req, 'slug'), req.user!.id);
    if (product.existingReviewId) return res.redirect(303, `/reviews/${product.existingReviewId}/edit`);
    // A key per rendering of the form: sending this form twice (a retry after a timeout) stores one review.
    renderForm(res, 200, { product: product.product, action: `/products/${product.product.slug}/reviews`, values: { idempotencyKey: randomUUID() } });
  });

  router.post('/products/:slug/reviews', requireSignIn, limits.review, async (req, res) => {
    const { product } = await findProductForPosting(services.db, param(req, 'slug'), req.user!.id);
    try {
      const draft = parseInput(reviewFormSchema, req.body);
      const idempotencyKey = parseInput(idempotencyKeySchema, { key: req.get('idempotency-key') ?? req.body?.idempotencyKey }).key;
      // Every photo is checked and re-encoded before anything is stored: one bad file refuses the post.
      const photos = await preparePhotos(uploadedPhotos(req), parseInput(photoAltSchema, req.body ?? {}), draft.title);
      const result = await submitReview(deps, { productId: product.id, draft, post: postContext(req, services), idempotencyKey, photos });
      const status = result.verdict.decision;
      if (result.repeated) res.set('Idempotent-Replayed', 'true');
      if (wantsJson(req)) return res.status(201).json({ id: result.reviewId, status, labels: result.verdict.labels });
      req.session.flash = reviewOutcomeMessage(result.verdict, 'new');
      res.redirect(303, `/products/${product.slug}/reviews#review-${result.reviewId}`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      renderForm(res, error.status, {
        product,
        action: `/products/${product.slug}/reviews`,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
        values: req.body,
      });
    }
  });

  router.get('/reviews/:id/edit', requireSignIn, async (req, res) => {
    const { review, product, photos } = await loadReviewForEdit(services.db, param(req, 'id'), req.user!.id);
    const values = {
      rating: review.rating,
      title: review.title,
      body: review.body,
      incentive: review.incentive ? 'on' : '',
      incentiveKind: review.incentive?.kind ?? '',
    };
    renderForm(res, 200, { title: 'Edit your review', product, editing: true, action: `/reviews/${review.id}`, values, ...photoFormView(values, photos) });
  });

  router.post('/reviews/:id', requireSignIn, limits.review, async (req, res) => {
    const { review, product, photos: current } = await loadReviewForEdit(services.db, param(req, 'id'), req.user!.id);
    try {
      const draft = parseInput(reviewFormSchema, req.body);
      const remove = parseInput(photoRemovalSchema, req.body ?? {});
      // New photos are checked and re-encoded before anything is stored, as for a new review; the use case checks
      // the limit against what the review keeps.
      const add = await preparePhotos(uploadedPhotos(req), parseInput(photoAltSchema, req.body ?? {}), draft.title);
      const result = await editReview(deps, { reviewId: review.id, draft, post: postContext(req, services), photos: { remove, add } });
      if (wantsJson(req)) return res.json({ id: result.reviewId, status: result.verdict.decision, labels: result.verdict.labels });
      req.session.flash = reviewOutcomeMessage(result.verdict, 'edit');
      res.redirect(303, `/products/${product.slug}/reviews#review-${review.id}`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      renderForm(res, error.status, {
        title: 'Edit your review',
        product,
        editing: true,
        action: `/reviews/${review.id}`,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
        values: req.body,
        ...photoFormView(req.body, current),
      });
    }
  });

  /**
   * A person's mistake on the tab (a too-short comment, a second report) is shown next to the form they used,
   * with their text kept, instead of on a separate error page.
   */
  const backToFormWith = async (req: Request, res: Response, error: unknown, kind: 'comment' | 'report') => {
    if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
    const reviewId = param(req, 'id');
    const message = error instanceof InvalidInputError ? error.details.join(' ') : error.message;
    const body = typeof req.body?.body === 'string' ? req.body.body.slice(0, 2000) : '';
    const parentId = typeof req.body?.parentId === 'string' && req.body.parentId ? req.body.parentId : null;
    req.session.formNote = { reviewId, kind, parentId, message, body };
    res.redirect(303, `${await tabPathFor(services.db, { kind: 'review', id: reviewId })}#${parentId ? `comment-${parentId}` : `review-${reviewId}`}`);
  };

  router.post('/reviews/:id/comments', requireSignIn, limits.comment, async (req, res) => {
    try {
      const form = parseInput(commentFormSchema, req.body);
      const result = await postComment(deps, {
        reviewId: param(req, 'id'),
        parentId: form.parentId,
        body: form.body,
        post: postContext(req, services),
      });
      if (wantsJson(req)) return res.status(201).json({ id: result.commentId, status: result.verdict.decision });
      if (result.verdict.decision !== 'published') req.session.flash = commentOutcomeMessage(result.verdict);
      const anchor = result.verdict.decision === 'rejected' ? `review-${param(req, 'id')}` : `comment-${result.commentId}`;
      res.redirect(303, `${await tabPathFor(services.db, { kind: 'review', id: param(req, 'id') })}#${anchor}`);
    } catch (error) {
      await backToFormWith(req, res, error, 'comment');
    }
  });

  router.post('/reviews/:id/helpful', requireSignIn, limits.vote, async (req, res) => {
    const form = parseInput(voteFormSchema, req.body);
    const result = await setHelpfulVote(services.db, { reviewId: param(req, 'id'), helpful: form.helpful, post: postContext(req, services) });
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${await tabPathFor(services.db, { kind: 'review', id: param(req, 'id') })}#review-${param(req, 'id')}`);
  });

  const report = (targetKind: 'review' | 'comment') => async (req: Request, res: Response) => {
    try {
      const form = parseInput(reportFormSchema, req.body);
      const result = await reportContent(services.db, { targetKind, targetId: param(req, 'id'), accountId: req.user!.id, ...form });
      if (wantsJson(req)) return res.status(201).json({ id: result.reportId });
      req.session.flash = MESSAGES.reported;
      // Back to the reported item, not the top of the page.
      res.redirect(303, `${await tabPathFor(services.db, { kind: targetKind, id: param(req, 'id') })}#${targetKind}-${param(req, 'id')}`);
    } catch (error) {
      if (targetKind === 'comment' || !(error instanceof UserFacingError) || wantsJson(req)) throw error;
      await backToFormWith(req, res, error, 'report');
    }
  };
  router.post('/reviews/:id/report', requireSignIn, limits.report, report('review'));
  router.post('/comments/:id/report', requireSignIn, limits.report, report('comment'));

  router.post('/reviews/:id/reply', requireSignIn, limits.reply, async (req, res) => {
    const form = parseInput(replyFormSchema, req.body);
    await replyToReview(services.db, { reviewId: param(req, 'id'), accountId: req.user!.id, body: form.body, at: services.clock() });
    if (wantsJson(req)) return res.json({ ok: true });
    res.redirect(303, `${await tabPathFor(services.db, { kind: 'review', id: param(req, 'id') })}#review-${param(req, 'id')}`);
  });

  return router;
}
