import { Router } from 'express';
import { checkHealth } from '../../operations/health-check.js';
import { describeChecks } from '../../integrity/policy.js';
import { INCENTIVE_KINDS } from '../../integrity/types.js';
import { publicFollowUpFigures } from '../../merchants/follow-ups.js';
import { withQuestionsJsonLd } from '../../api/questions-json-ld.js';
import { loadProductQuestions } from '../../questions/product-questions.js';
import { questionAppealStates } from '../../questions/question-appeals.js';
import { withQuestionAppeals } from '../view-models/question-appeals.js';
import { questionsView } from '../view-models/product-questions.js';
import { RELEVANCE } from '../../reviews/review-relevance.js';
import { RATING_ESTIMATE } from '../../reviews/rating-estimate.js';
import { findProductForPage, loadReviewsTab } from '../../reviews/reviews-tab.js';
import { followUpFiguresView } from '../view-models/follow-up-figures.js';
import { listProducts } from '../../reviews/products.js';
import { REPORT_REASONS } from '../../reviews/report-content.js';
import type { Services } from '../../wiring.js';
import { parseInput } from '../schemas/validate.js';
import { tabQuerySchema } from '../schemas/review-forms.js';
import { reviewsTabView } from '../view-models/reviews-tab.js';
import { renderToString } from '../response-cache.js';
import { productJsonLd, serializeJsonLd } from '../../api/json-ld.js';
import { INCENTIVE_LABELS } from '../view-models/format.js';

/** Thrown while building the tab when the asked page is past the last one; answered with a redirect, never cached. */
class PastLastPage {
  constructor(readonly location: string) {}
}

export function createPagesRouter(services: Services): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const products = await listProducts(services.db);
    const categories = new Map<string, typeof products>();
    for (const p of products) categories.set(p.category, [...(categories.get(p.category) ?? []), p]);
    res.render('pages/home', {
      title: 'Reviews you can trust',
      categories: [...categories.entries()].map(([name, items]) => ({
        name,
        products: items.map((p) => ({ ...p, average: p.averageRating?.toFixed(1) ?? null })),
      })),
    });
  });

  router.get('/products/:slug', async (req, res) => {
    const product = await findProductForPage(services.db, String(req.params.slug));
    res.redirect(301, `/products/${encodeURIComponent(product.slug)}/reviews`);
  });

  router.get('/products/:slug/reviews', async (req, res) => {
    const query = parseInput(tabQuerySchema, req.query);
    const viewerId = req.user?.id ?? null;
    const tabLocals = async () => {
      const tab = await loadReviewsTab(services.db, {
        slug: req.params.slug,
        viewerId,
        sort: query.sort,
        stars: query.stars ?? null,
        verifiedOnly: query.verified,
        page: query.page,
        search: query.q ?? null,
      });
      // Past the last page (an old link, a hand-edited address): go to the last page rather than show an empty one.
      if (tab.page > tab.pageCount) {
        const params = new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
        if (tab.pageCount > 1) params.set('page', String(tab.pageCount));
        else params.delete('page');
        throw new PastLastPage(`/products/${encodeURIComponent(tab.product.slug)}/reviews${params.size ? `?${params}` : ''}`);
      }
      const questions = await loadProductQuestions(services.db, { productId: tab.product.id, viewerId });
      const productUrl = `${services.config.publicUrl.replace(/\/$/, '')}/products/${encodeURIComponent(tab.product.slug)}/reviews`;
      const publishedQuestions = questions
        .filter((q) => q.status === 'published')
        .map((q) => ({ ...q, answers: q.answers.filter((a) => a.status === 'published') }));
      // Structured data for search engines: published reviews on this page only, never the viewer's held ones.
      const jsonLd = serializeJsonLd(
        withQuestionsJsonLd(
          productJsonLd({
            name: tab.product.name,
            sku: tab.product.sku,
            description: tab.product.description,
            url: `${services.config.publicUrl.replace(/\/$/, '')}/products/${encodeURIComponent(tab.product.slug)}/reviews`,
            merchantName: tab.product.merchantName,
            count: tab.summary.count,
            average: tab.summary.average,
            reviews: tab.reviews,
          }),
          productUrl,
          publishedQuestions,
        ),
      );
      const view = reviewsTabView(tab, { sort: query.sort, stars: query.stars ?? null, verifiedOnly: query.verified, search: query.q ?? null }, viewerId);
      const note = req.session?.formNote;
      if (note) {
        delete req.session.formNote;
        const review = view.reviews.find((r) => r.id === note.reviewId);
        const comment = review?.comments.find((c) => c.id === note.parentId);
        if (note.kind === 'report' && review) Object.assign(review, { reportNote: note.message });
        else if (note.parentId && comment) Object.assign(comment, { replyNote: note });
        else if (review) Object.assign(review, { commentNote: note });
      }
      return {
        title: `${tab.product.name} reviews`,
        description: `${tab.summary.count} ${tab.summary.count === 1 ? 'review' : 'reviews'} of ${tab.product.name}, sold by ${tab.product.merchantName}, each checked before it is published.`,
        jsonLd,
        tab: view,
        followUp: followUpFiguresView(await publicFollowUpFigures(services.db, tab.product.merchantId)),
        questions: withQuestionAppeals(
          questionsView(questions, tab.product.slug, viewerId),
          await questionAppealStates(services.db, viewerId, questions),
          tab.product.slug,
        ),
        incentiveKinds: INCENTIVE_KINDS.map((kind) => ({ kind, label: INCENTIVE_LABELS[kind] })),
        reportReasons: Object.entries(REPORT_REASONS).map(([key, label]) => ({ key, label })),
        posted: req.query.posted === '1',
      };
    };
    try {
      // Signed-in people see their own held reviews, vote state, forms and notes: rendered for them alone. Everyone
      // else sees the same page, served from the response cache until the database's content version moves.
      // Searches bypass it too: every query string would be a new entry, crowding out the pages everyone reads.
      if (viewerId || res.locals.flash || req.session?.formNote || query.q) return res.render('pages/reviews-tab', await tabLocals());
      await services.responseCache.send(req, res, `tab:${req.originalUrl}`, async () => ({
        type: 'html',
        body: await renderToString(res, 'pages/reviews-tab', await tabLocals()),
      }));
    } catch (error) {
      if (error instanceof PastLastPage) return res.redirect(302, error.location);
      throw error;
    }
  });

  // Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
  router.get('/favicon.ico', (_req, res) => {
    res.redirect(301, '/favicon.svg');
  });

  router.get('/how-we-check', (_req, res) => {
    res.render('pages/how-we-check', {
      title: 'How we check reviews',
      checks: describeChecks(services.integrity.policy),
      policyVersion: services.integrity.policy.version,
      rawSignalDays: services.config.rawSignalDays,
      ratingEstimate: RATING_ESTIMATE,
      relevance: RELEVANCE,
    });
  });

  router.get('/healthz', async (_req, res) => {
    res.json(await checkHealth(services.db));
  });

  return router;
}
