import { Router, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { INCENTIVE_KINDS } from '../../integrity/types.js';
import {
  loadEmbedPolicy,
  loadWidgetReviews,
  loadWidgetWriteState,
  submitWidgetReview,
  verifiedParentOrigin,
  type EmbedPolicy,
} from '../../reviews/widget-reviews.js';
import { widgetThemeCss } from '../../reviews/widget-theme.js';
import { noteFrameRefusal, widgetStatus } from '../../merchants/widget-refusals.js';
import { widgetBundleReader } from '../../widget-bundle.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { reviewFormSchema } from '../schemas/review-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { themeCssQuerySchema, widgetFrameQuerySchema, widgetTargetSchema, widgetWriteQuerySchema, type WidgetWriteQuery } from '../schemas/widget-query.js';
import { INCENTIVE_LABELS } from '../view-models/format.js';
import { renderToString } from '../response-cache.js';
import { frameChrome, widgetBadgeView, widgetFrameView, writeHref } from '../view-models/widget.js';
import { postContextFrom } from '../post-context.js';
import { preparePhotos } from '../../reviews/review-photos.js';
import { uploadedPhotos } from '../middleware/photo-uploads.js';
import { photoAltSchema } from '../schemas/photo-forms.js';
import { photoFormView } from '../view-models/review-photos.js';

const MESSAGES = {
  frameTitle: 'Customer reviews',
  writeTitle: 'Write a review',
  alreadyReviewed: 'You have already reviewed this product.',
};
const POPUP_LAYOUT = '../widget/popup-layout';
const incentiveKinds = INCENTIVE_KINDS.map((kind) => ({ kind, label: INCENTIVE_LABELS[kind] }));

/**
 * The frame's own policy, replacing the site-wide one helmet set: only the merchant's allowed origins may frame
 * it ('none' when the merchant listed none or is unknown); scripts and styles only from Candor.
 */
function frameHeaders(policy: EmbedPolicy | null): Record<string, string> {
  // 'self' lets the merchant's install page show the real frame as its live preview.
  const ancestors = policy ? [...policy.allowedOrigins, "'self'"].join(' ') : "'none'";
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "form-action 'self'",
      "base-uri 'none'",
      "object-src 'none'",
      `frame-ancestors ${ancestors}`,
    ].join('; '),
    // Lets shops that use COEP embed the frame.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // Reviews change; a refresh after posting must show the new one (revalidated by ETag).
    'Cache-Control': 'no-cache',
  };
}

/**
 * The popup must keep its link to the shop page that opened it (window.opener, popup.closed). The site-wide
 * Cross-Origin-Opener-Policy: same-origin would cut that link on the first page load, so the popup's pages —
 * including sign-in and sign-up when they lead back into the popup — opt out.
 */
function keepOpener(res: Response): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
}

function leadsIntoPopup(next: unknown): boolean {
  return typeof next === 'string' && (next.startsWith('/widget/write?') || next.startsWith('/widget/ask?') || next.startsWith('/widget/answer?'));
}

/**
 * What shop pages load on every visit: /widget.js, the frame and its accent stylesheet. Mounted before the
 * static files and before sessions: an impression costs no session lookup or write, and the frame is the same for
 * everyone (on another site it would get no Candor cookie anyway; the popup is where people sign in).
 */
export function createWidgetPublicRouter(services: Services): Router {
  const router = Router();
  const bundle = widgetBundleReader();
  // A fresh clone started without `npm run build:widget`: build now rather than on the first shop visit.
  bundle().catch((error: unknown) => services.logger.error({ err: error }, 'could not build the widget loader'));

  router.get('/widget.js', async (req, res) => {
    const { body, etag } = await bundle();
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
    res.setHeader('ETag', etag);
    // Loaded by <script> on other sites: helmet's same-origin resource policy would block it.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.fresh) return res.status(304).end();
    res.send(body);
  });

  const selfOrigin = new URL(services.config.publicUrl).origin;
  /** The merchant's policy if the request names a known merchant: lets even error pages show inside the frame. */
  const embedTarget = async (req: Request) => {
    const target = widgetTargetSchema.safeParse(req.query);
    if (!target.success) return { policy: null, parentOrigin: null };
    const policy = await loadEmbedPolicy(services.db, target.data.merchant).catch((error: unknown) => {
      if (error instanceof UserFacingError) return null;
      throw error;
    });
    // Candor's own install page (the live preview) talks to its frame like an allowed shop page.
    const parentOrigin = policy ? (verifiedParentOrigin(policy, target.data.origin) ?? (target.data.origin === selfOrigin ? selfOrigin : null)) : null;
    return { policy, parentOrigin };
  };

  /** A frame the browser will not show (origin not allowed, shop unverified or suspended) is noted for the merchant. */
  const noteRefusal = async (req: Request) => {
    const target = widgetTargetSchema.safeParse(req.query);
    if (!target.success || !target.data.origin || target.data.origin === selfOrigin) return;
    await noteFrameRefusal(services.db, services.widgetRefusals, {
      merchantId: target.data.merchant,
      claimedOrigin: target.data.origin,
      at: services.clock(),
    }).catch((error: unknown) => services.logger.warn({ err: error }, 'could not record a widget refusal'));
  };

  // Asked by the loader when its frame never reported in: why, in words, for the embedding page's console.
  router.get('/widget/status', async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'no-store');
    const target = widgetTargetSchema.safeParse(req.query);
    if (!target.success) return res.status(400).json({ allowed: false, message: 'Say which merchant: merchant=ID and origin=ORIGIN.' });
    res.json(await widgetStatus(services.db, target.data.merchant, target.data.origin));
  });

  // The frame is the same for everyone: served from the response cache (headers included), which re-reads the
  // data whenever the database's content version moved.
  router.get('/widget/frame', async (req, res) => {
    // X-Frame-Options cannot list origins; frame-ancestors (in the frame's CSP) supersedes it in every browser.
    res.removeHeader('X-Frame-Options');
    await noteRefusal(req);
    await services.responseCache.send(req, res, `frame:${req.originalUrl}`, async () => {
      const { policy, parentOrigin } = await embedTarget(req);
      const headers = frameHeaders(policy);
      try {
        const query = parseInput(widgetFrameQuerySchema, req.query);
        if (!policy) await loadEmbedPolicy(services.db, query.merchant); // throws the "merchant not found" error
        const data = await loadWidgetReviews(services.db, {
          merchantId: query.merchant,
          sku: query.product,
          viewerId: null,
          stars: query.stars ?? null,
          page: query.page,
        });
        const body =
          query.variant === 'badge'
            ? await renderToString(res, 'widget/badge', {
                ...frameChrome(query, parentOrigin),
                title: `${MESSAGES.frameTitle}: ${data.product.name}`,
                badge: widgetBadgeView(data),
              })
            : await renderToString(res, 'widget/frame', {
                ...frameChrome(query, parentOrigin),
                title: `${MESSAGES.frameTitle}: ${data.product.name}`,
                widget: widgetFrameView(data, { ...query, origin: parentOrigin ?? undefined }, null),
              });
        return { type: 'html', body, headers };
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        const theme = widgetFrameQuerySchema.shape.theme.safeParse(req.query.theme);
        const body = await renderToString(res, 'widget/error', {
          ...frameChrome({ theme: theme.success ? theme.data : 'light' }, parentOrigin),
          title: MESSAGES.frameTitle,
          message: error.message,
          details: error instanceof InvalidInputError ? error.details : undefined,
        });
        return { type: 'html', body, headers, status: error.status };
      }
    });
  });

  router.get('/widget/theme.css', (req, res) => {
    const { accent } = parseInput(themeCssQuerySchema, req.query);
    res.type('text/css');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.send(widgetThemeCss(accent));
  });

  return router;
}

/** The write-a-review popup, on Candor's own origin. Mounted after sessions and CSRF, before the account routes. */
export function createWidgetPopupRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const deps = { db: services.db, integrity: services.integrity, photoFiles: services.photoFiles };

  router.use(['/signin', '/signup'], (req, res, next) => {
    if (leadsIntoPopup(req.method === 'GET' ? req.query.next : req.body?.next)) {
      keepOpener(res);
      // Inside the popup the site's header and links would let a shopper wander off: the popup's own layout.
      res.locals.layout = POPUP_LAYOUT;
    }
    next();
  });

  const popupQuery = (req: Request): WidgetWriteQuery => parseInput(widgetWriteQuerySchema, req.query);

  const renderForm = (res: Response, status: number, query: WidgetWriteQuery, view: Record<string, unknown>) =>
    res.status(status).render('pages/review-form', {
      layout: POPUP_LAYOUT,
      title: MESSAGES.writeTitle,
      incentiveKinds,
      action: writeHref(query),
      values: {},
      ...photoFormView(view.values),
      ...view,
    });

  router.get('/widget/write', async (req, res, next) => {
    keepOpener(res);
    const query = popupQuery(req);
    if (!req.user) return requireSignIn(req, res, next);
    const state = await loadWidgetWriteState(services.db, { merchantId: query.merchant, sku: query.product, accountId: req.user.id });
    if (state.existingReviewId) {
      return res.render('widget/posted', {
        layout: POPUP_LAYOUT,
        title: MESSAGES.alreadyReviewed,
        heading: MESSAGES.alreadyReviewed,
        editHref: `/reviews/${encodeURIComponent(state.existingReviewId)}/edit`,
        product: state.product,
      });
    }
    renderForm(res, 200, query, { product: state.product });
  });

  router.post('/widget/write', requireSignIn, limits.review, async (req, res) => {
    keepOpener(res);
    const query = popupQuery(req);
    const policy = await loadEmbedPolicy(services.db, query.merchant);
    try {
      const draft = parseInput(reviewFormSchema, req.body);
      const photos = await preparePhotos(uploadedPhotos(req), parseInput(photoAltSchema, req.body ?? {}), draft.title);
      const result = await submitWidgetReview(deps, {
        merchantId: query.merchant,
        sku: query.product,
        draft,
        post: postContextFrom(req, services.clock()),
        photos,
      });
      res.status(201).render('widget/posted', {
        layout: POPUP_LAYOUT,
        title: MESSAGES.writeTitle,
        product: result.product,
        state: result.state,
        published: result.state === 'published',
        rejected: result.state === 'rejected',
        message: result.message,
        // Only an origin the merchant allowed ever receives the message; otherwise the page just says thanks.
        parentOrigin: verifiedParentOrigin(policy, query.origin),
      });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      const { product } = await loadWidgetWriteState(services.db, { merchantId: query.merchant, sku: query.product, accountId: req.user!.id });
      renderForm(res, error.status, query, {
        product,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
        values: req.body,
      });
    }
  });

  return router;
}
