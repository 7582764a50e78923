import { Router } from 'express';
import { notFound } from '../../domain-errors.js';
import { loadReviewerProfile } from '../../reviews/reviewer-record.js';
import type { Services } from '../../wiring.js';
import { renderToString } from '../response-cache.js';
import { reviewerIdSchema, reviewerPageQuerySchema } from '../schemas/reviewer-query.js';
import { parseInput } from '../schemas/validate.js';
import { reviewerProfileView } from '../view-models/reviewer-record.js';

const MESSAGES = { reviewer: 'The reviewer' };

/** A reviewer's public profile: their track record and published reviews. Public, the same for everyone. */
export function createReviewersRouter(services: Services): Router {
  const router = Router();

  router.get('/reviewers/:id', async (req, res) => {
    const id = reviewerIdSchema.safeParse(req.params.id);
    if (!id.success) throw notFound(MESSAGES.reviewer);
    const { page } = parseInput(reviewerPageQuerySchema, req.query);
    const locals = async () => {
      const profile = reviewerProfileView(await loadReviewerProfile(services.db, { accountId: id.data, page }));
      return {
        title: `Reviews by ${profile.record.name}`,
        description: `${profile.record.reviews} published ${profile.record.reviews === 1 ? 'review' : 'reviews'} by ${profile.record.name} on Candor.`,
        profile,
      };
    };
    // Nothing on the page depends on who is looking: cached until the database's content version moves (a review,
    // a vote or an account change anywhere bumps it), unless a flash note is waiting for this session.
    if (res.locals.flash) return res.render('pages/reviewer-profile', await locals());
    await services.responseCache.send(req, res, `reviewer:${req.originalUrl}`, async () => ({
      type: 'html',
      body: await renderToString(res, 'pages/reviewer-profile', await locals()),
    }));
  });

  return router;
}
