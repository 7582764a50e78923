import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { answerFromWidget, askFromWidget, loadWidgetAnswerState, loadWidgetAskState } from '../../questions/widget-ask.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { postContextFrom } from '../post-context.js';
import { answerFormSchema, questionFormSchema } from '../schemas/question-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { widgetAnswerQuerySchema, widgetWriteQuerySchema, type WidgetAnswerQuery, type WidgetWriteQuery } from '../schemas/widget-query.js';
import { answerHref, askHref } from '../view-models/widget-ask.js';

const MESSAGES = { title: 'Ask a question', answerTitle: 'Answer a question' };
const BADGES = { owner: 'Owns it', seller: 'Seller' } as const;
const POPUP_LAYOUT = '../widget/popup-layout';

/**
 * The ask-a-question popup, on Candor's own origin (first-party: the session works without third-party cookies).
 * The widget frame opens it and the popup reports back to that frame, which shares its origin. Mounted after
 * sessions and CSRF, like the write-a-review popup; sign-in inside it keeps the popup's layout and opener.
 */
export function createWidgetAskRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const deps = { db: services.db, integrity: services.integrity };
  const popupQuery = (req: Request): WidgetWriteQuery => parseInput(widgetWriteQuerySchema, req.query);
  // The popup must keep its link to the frame that opened it (see keepOpener in widget.ts).
  const keepOpener = (res: Response) => res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');

  const renderForm = (res: Response, status: number, query: WidgetWriteQuery, view: Record<string, unknown>) =>
    res.status(status).render('widget/ask', { layout: POPUP_LAYOUT, title: MESSAGES.title, action: askHref(query), values: {}, ...view });

  router.get('/widget/ask', async (req, res, next) => {
    keepOpener(res);
    const query = popupQuery(req);
    if (!req.user) return requireSignIn(req, res, next);
    const { product } = await loadWidgetAskState(services.db, { merchantId: query.merchant, sku: query.product });
    renderForm(res, 200, query, { product });
  });

  router.post('/widget/ask', requireSignIn, limits.comment, async (req, res) => {
    keepOpener(res);
    const query = popupQuery(req);
    try {
      const form = parseInput(questionFormSchema, req.body);
      const result = await askFromWidget(deps, {
        merchantId: query.merchant,
        sku: query.product,
        body: form.body,
        post: postContextFrom(req, services.clock()),
      });
      res.status(201).render('widget/asked', {
        layout: POPUP_LAYOUT,
        title: MESSAGES.title,
        product: result.product,
        state: result.state,
        published: result.state === 'published',
        message: result.message,
      });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      // An unknown product or a shop that may not show the widget throws again here: an error page, not a form.
      const { product } = await loadWidgetAskState(services.db, { merchantId: query.merchant, sku: query.product });
      renderForm(res, error.status, query, { product, errors: error instanceof InvalidInputError ? error.details : [error.message], values: req.body });
    }
  });

  // Answering works the same way: the popup for one question, signed in on Candor's origin, the tab's use case.
  const answerQuery = (req: Request): WidgetAnswerQuery => parseInput(widgetAnswerQuerySchema, req.query);
  const renderAnswerForm = (res: Response, status: number, query: WidgetAnswerQuery, view: Record<string, unknown>) =>
    res.status(status).render('widget/answer', { layout: POPUP_LAYOUT, title: MESSAGES.answerTitle, action: answerHref(query), values: {}, ...view });

  router.get('/widget/answer', async (req, res, next) => {
    keepOpener(res);
    const query = answerQuery(req);
    if (!req.user) return requireSignIn(req, res, next);
    const { product, question } = await loadWidgetAnswerState(services.db, { merchantId: query.merchant, sku: query.product, questionId: query.question });
    renderAnswerForm(res, 200, query, { product, question });
  });

  router.post('/widget/answer', requireSignIn, limits.comment, async (req, res) => {
    keepOpener(res);
    const query = answerQuery(req);
    try {
      const form = parseInput(answerFormSchema, req.body);
      const result = await answerFromWidget(deps, {
        merchantId: query.merchant,
        sku: query.product,
        questionId: query.question,
        body: form.body,
        post: postContextFrom(req, services.clock()),
      });
      res.status(201).render('widget/answered', {
        layout: POPUP_LAYOUT,
        title: MESSAGES.answerTitle,
        product: result.product,
        question: result.question,
        state: result.state,
        published: result.state === 'published',
        badge: result.badge ? BADGES[result.badge] : null,
        message: result.message,
      });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      // An unknown question or product, or a shop that may not show the widget, throws again here: an error page.
      const { product, question } = await loadWidgetAnswerState(services.db, { merchantId: query.merchant, sku: query.product, questionId: query.question });
      renderAnswerForm(res, error.status, query, {
        product,
        question,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
        values: req.body,
      });
    }
  });

  return router;
}
