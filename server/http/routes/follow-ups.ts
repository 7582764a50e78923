import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { MAKE_GOOD_KINDS, rewardGrammarLimits } from '../../merchants/make-good-policy.js';
import { followUpInbox, offerFollowUp } from '../../merchants/follow-ups.js';
import { openMerchantScope } from '../../merchants/merchant-scope.js';
import { answerFollowUp } from '../../reviews/follow-up-answer.js';
import { tabPathFor } from '../../reviews/review-location.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { followUpAnswerFormSchema, followUpFormSchema } from '../schemas/follow-up-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { merchantBase, merchantChrome } from '../view-models/merchant-area.js';
import { formatDate, starsText } from '../view-models/format.js';

const MESSAGES = { offered: 'Your public answer is saved; the author is told and may say whether it was resolved.' };

const p = (req: Request, name: string) => String(req.params[name]);

/** Hours or days, for "waiting 3 days": the inbox is read at a glance. */
function waiting(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return `${Math.floor(hours / 24)} days`;
}

/** The follow-up inbox (merchant area) and the author's resolved/not-resolved answer. */
export function createFollowUpRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;

  const renderInbox = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const scope = await openMerchantScope(db, req.user!.id, p(req, 'merchantId'));
    const rows = await followUpInbox(db, scope, services.clock());
    res.status(status).render('merchant/follow-ups', {
      title: `Follow-up inbox · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'replies'),
      kinds: MAKE_GOOD_KINDS,
      reviews: rows.map((r) => ({ ...r, stars: starsText(r.rating), date: formatDate(r.createdAt), waiting: waiting(r.waitingMs) })),
      ...extra,
    });
  };

  router.get('/merchant/:merchantId/follow-ups', requireSignIn, (req, res) => renderInbox(req, res));

  router.post('/merchant/:merchantId/follow-ups/:reviewId', requireSignIn, limits.reply, async (req, res) => {
    const scope = await openMerchantScope(db, req.user!.id, p(req, 'merchantId'));
    try {
      const form = parseInput(followUpFormSchema, req.body);
      const reviewId = p(req, 'reviewId');
      await offerFollowUp(
        db,
        scope,
        { reviewId, reply: form.reply, makeGood: form.makeGood, note: form.note, at: services.clock() },
        rewardGrammarLimits(services.integrity.policy),
      );
      if (wantsJson(req)) return res.json({ ok: true, message: MESSAGES.offered });
      req.session.flash = MESSAGES.offered;
      res.redirect(303, `${merchantBase(scope)}/follow-ups`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      await renderInbox(req, res, error.status, { errors: error instanceof InvalidInputError ? error.details : [error.message], values: req.body });
    }
  });

  router.post('/reviews/:reviewId/follow-up', requireSignIn, limits.reply, async (req, res) => {
    const form = parseInput(followUpAnswerFormSchema, req.body);
    const message = await answerFollowUp(db, {
      accountId: req.user!.id,
      reviewId: p(req, 'reviewId'),
      outcome: form.outcome,
      note: form.note,
      at: services.clock(),
    });
    if (wantsJson(req)) return res.json({ ok: true, message });
    req.session.flash = message;
    res.redirect(303, await tabPathFor(db, { kind: 'review', id: p(req, 'reviewId') }));
  });

  return router;
}
