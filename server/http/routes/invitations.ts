import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { INCENTIVE_KINDS } from '../../integrity/types.js';
import { openInvitation, reviewThroughInvitation } from '../../merchants/invitations.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { wantsJson } from '../respond.js';
import { reviewFormSchema } from '../schemas/review-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { INCENTIVE_LABELS } from '../view-models/format.js';
import { postContextFrom } from '../post-context.js';
import { reviewOutcomeMessage } from '../../reviews/outcome-message.js';

const MESSAGES = {
  published: 'Thank you! Your review is published with the verified-purchase badge.',
};

const incentiveKinds = INCENTIVE_KINDS.map((kind) => ({ kind, label: INCENTIVE_LABELS[kind] }));

/** The link in an invitation email: sign up or sign in, then write the review that carries the verified badge. */
export function createInvitationsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const token = (req: Request) => String(req.params.token);

  const renderProblem = (res: Response, error: UserFacingError) =>
    res.status(error.status).render('merchant/invitation', { title: 'Review invitation', problem: error.message });

  router.get('/invitations/:token', async (req, res) => {
    let opened;
    try {
      opened = await openInvitation(services.db, services.invitationKey, token(req), services.clock(), req.user?.id ?? null);
    } catch (error) {
      if (error instanceof UserFacingError && !wantsJson(req)) return renderProblem(res, error);
      throw error;
    }
    const here = `/invitations/${encodeURIComponent(token(req))}`;
    if (!req.user) {
      return res.render('merchant/invitation', {
        title: 'Review invitation',
        product: opened.product,
        signupHref: `/signup?next=${encodeURIComponent(here)}`,
        signinHref: `/signin?next=${encodeURIComponent(here)}`,
      });
    }
    if (opened.existingReviewId) {
      return res.render('merchant/invitation', { title: 'Review invitation', product: opened.product, existingReviewId: opened.existingReviewId });
    }
    res.render('pages/review-form', { title: 'Write a review', incentiveKinds, product: opened.product, action: here, values: {}, invited: true });
  });

  router.post('/invitations/:token', limits.review, async (req, res) => {
    if (!req.user) return res.redirect(303, `/signin?next=${encodeURIComponent(`/invitations/${token(req)}`)}`);
    try {
      const draft = parseInput(reviewFormSchema, req.body);
      const result = await reviewThroughInvitation(
        { db: services.db, integrity: services.integrity, invitationKey: services.invitationKey },
        { token: token(req), draft, post: postContextFrom(req, services.clock()) },
      );
      if (wantsJson(req)) return res.status(201).json({ id: result.reviewId, status: result.verdict.decision, verified: true });
      req.session.flash = result.verdict.decision === 'published' ? MESSAGES.published : reviewOutcomeMessage(result.verdict, 'new');
      res.redirect(303, `/products/${result.product.slug}/reviews#review-${result.reviewId}`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      if (error instanceof InvalidInputError) {
        const opened = await openInvitation(services.db, services.invitationKey, token(req), services.clock(), req.user.id).catch(() => null);
        if (opened) {
          return res.status(422).render('pages/review-form', {
            title: 'Write a review',
            incentiveKinds,
            product: opened.product,
            action: `/invitations/${encodeURIComponent(token(req))}`,
            errors: error.details,
            values: req.body,
            invited: true,
          });
        }
      }
      renderProblem(res, error);
    }
  });

  return router;
}
