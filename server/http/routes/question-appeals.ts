import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { appealQuestionPost, type QuestionPostKind } from '../../questions/question-appeals.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { questionAppealFormSchema } from '../schemas/question-appeal-form.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';

const MESSAGES = { filed: 'Your appeal is sent. A moderator will look again; the outcome will show here.' };

/** The author of a held or rejected question or answer asks a person to look again, from the product's page. */
export function createQuestionAppealsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const tabPath = (slug: string) => `/products/${encodeURIComponent(slug)}/reviews`;

  const appeal = (kind: QuestionPostKind) => async (req: Request, res: Response) => {
    const slug = String(req.params.slug);
    const targetId = String(req.params.id);
    try {
      const form = parseInput(questionAppealFormSchema, req.body);
      const { appealId } = await appealQuestionPost(
        { db: services.db, clock: () => services.clock() },
        { accountId: req.user!.id, kind, targetId, message: form.message },
      );
      if (wantsJson(req)) return res.status(201).json({ id: appealId, status: 'open' });
      req.session.flash = MESSAGES.filed;
    } catch (error) {
      // A person's mistake (too short, already appealed) comes back as a note on the page, as with asking.
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      req.session.flash = error instanceof InvalidInputError ? error.details.join(' ') : error.message;
    }
    res.redirect(303, `${tabPath(slug)}#${kind}-${targetId}`);
  };
  router.post('/products/:slug/questions/:id/appeal', requireSignIn, limits.appeal, appeal('question'));
  router.post('/products/:slug/answers/:id/appeal', requireSignIn, limits.appeal, appeal('answer'));
  return router;
}
