import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import type { Verdict } from '../../integrity/types.js';
import { answerQuestion } from '../../questions/answer-question.js';
import { askQuestion } from '../../questions/ask-question.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { postContextFrom } from '../post-context.js';
import { wantsJson } from '../respond.js';
import { voteOnAnswer } from '../../questions/answer-vote.js';
import { reportQuestionContent } from '../../questions/report-question-content.js';
import { reportFormSchema } from '../schemas/review-forms.js';
import { answerFormSchema, answerVoteFormSchema, questionFormSchema } from '../schemas/question-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';

const MESSAGES = {
  questionHeld: 'Thank you. Your question is waiting for a moderator before others can see it.',
  answerHeld: 'Thank you. Your answer is waiting for a moderator before others can see it.',
  rejected: 'Your post was not published: it did not pass our checks.',
  reported: 'Thank you for the report. A moderator will look at it.',
};

function outcome(verdict: Verdict, held: string): string | null {
  if (verdict.decision === 'published') return null;
  return verdict.decision === 'held' ? held : MESSAGES.rejected;
}

/** Asking and answering from the tab (forms) or as JSON; both are plain posts with CSRF, sign-in and the comment limit. */
export function createQuestionsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const deps = { db: services.db, integrity: services.integrity };
  const tabPath = (slug: string) => `/products/${encodeURIComponent(slug)}/reviews`;

  // A person's mistake (a too-short question) comes back as a note above the questions, not as an error page.
  const backWith = (req: Request, res: Response, error: unknown, slug: string) => {
    if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
    req.session.flash = error instanceof InvalidInputError ? error.details.join(' ') : error.message;
    res.redirect(303, `${tabPath(slug)}#questions`);
  };

  router.post('/products/:slug/questions', requireSignIn, limits.comment, async (req, res) => {
    const slug = String(req.params.slug);
    try {
      const form = parseInput(questionFormSchema, req.body);
      const result = await askQuestion(deps, { productSlug: slug, body: form.body, post: postContextFrom(req, services.clock()) });
      if (wantsJson(req)) return res.status(201).json({ id: result.questionId, status: result.verdict.decision });
      const note = outcome(result.verdict, MESSAGES.questionHeld);
      if (note) req.session.flash = note;
      res.redirect(303, `${tabPath(slug)}#question-${result.questionId}`);
    } catch (error) {
      backWith(req, res, error, slug);
    }
  });

  router.post('/products/:slug/questions/:id/answers', requireSignIn, limits.comment, async (req, res) => {
    const slug = String(req.params.slug);
    try {
      const form = parseInput(answerFormSchema, req.body);
      const result = await answerQuestion(deps, { questionId: String(req.params.id), body: form.body, post: postContextFrom(req, services.clock()) });
      if (wantsJson(req)) return res.status(201).json({ id: result.answerId, status: result.verdict.decision, badge: result.badge });
      const note = outcome(result.verdict, MESSAGES.answerHeld);
      if (note) req.session.flash = note;
      res.redirect(303, `${tabPath(slug)}#answer-${result.answerId}`);
    } catch (error) {
      backWith(req, res, error, slug);
    }
  });

  router.post('/products/:slug/answers/:id/helpful', requireSignIn, limits.vote, async (req, res) => {
    const form = parseInput(answerVoteFormSchema, req.body);
    const answerId = String(req.params.id);
    const result = await voteOnAnswer(services.db, { answerId, helpful: form.helpful, post: postContextFrom(req, services.clock()) });
    if (wantsJson(req)) return res.json(result);
    res.redirect(303, `${tabPath(String(req.params.slug))}#answer-${answerId}`);
  });

  const report = (targetKind: 'question' | 'answer') => async (req: Request, res: Response) => {
    const slug = String(req.params.slug);
    const targetId = String(req.params.id);
    try {
      const form = parseInput(reportFormSchema, req.body);
      const result = await reportQuestionContent(services.db, { targetKind, targetId, accountId: req.user!.id, ...form });
      if (wantsJson(req)) return res.status(201).json({ id: result.reportId });
      req.session.flash = MESSAGES.reported;
      res.redirect(303, `${tabPath(slug)}#${targetKind}-${targetId}`);
    } catch (error) {
      backWith(req, res, error, slug);
    }
  };
  router.post('/products/:slug/questions/:id/report', requireSignIn, limits.report, report('question'));
  router.post('/products/:slug/answers/:id/report', requireSignIn, limits.report, report('answer'));

  return router;
}
