import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createPassport } from './auth/passport.js';
import { UserFacingError } from './domain-errors.js';
import { PrecompiledHandlebars } from './http/precompiled-views.js';
import { templateFunctions } from './http/template-functions.js';
import { tidyRenderedHtml } from './http/tidy-html.js';
import { deviceId } from './http/middleware/device-id.js';
import { createLimiters, type LimitName } from './http/middleware/rate-limits.js';
import { edgeErrorFor, formAndJsonBodies, rejectBadUrl } from './http/middleware/input-guard.js';
import { redactRequestForLog } from './http/log-redaction.js';
import { sendError } from './http/respond.js';
import { createStaticAssets } from './http/static-assets.js';
import { signInHref } from './http/safe-next.js';
import { createAccountRouter } from './http/routes/account.js';
import { createAccountControlRouter } from './http/routes/account-control.js';
import { createApiV1Router } from './http/routes/api-v1.js';
import { createDevMailRouter } from './http/routes/dev-mail.js';
import { createInvitationsRouter } from './http/routes/invitations.js';
import { createNotificationSettingsRouter, createUnsubscribeRouter } from './http/routes/notification-settings.js';
import { createMerchantInsightsRouter } from './http/routes/merchant-insights.js';
import { createFollowUpRouter } from './http/routes/follow-ups.js';
import { createMerchantRouter } from './http/routes/merchant.js';
import { createMerchantOnboardingRouter } from './http/routes/merchant-onboarding.js';
import { createMerchantTeamRouter } from './http/routes/merchant-team.js';
import { createMerchantInstallRouter } from './http/routes/merchant-install.js';
import { createConsoleShopsRouter } from './http/routes/console-shops.js';
import { createAppealsRouter } from './http/routes/appeals.js';
import { createConsoleRouter } from './http/routes/console.js';
import { createPagesRouter } from './http/routes/pages.js';
import { createReviewActionsRouter } from './http/routes/review-actions.js';
import { createReviewersRouter } from './http/routes/reviewers.js';
import { createReviewPhotosRouter } from './http/routes/review-photos.js';
import { reviewPhotoUploads } from './http/middleware/photo-uploads.js';
import { createQuestionsRouter } from './http/routes/questions.js';
import { createQuestionAppealsRouter } from './http/routes/question-appeals.js';
import { createTransparencyRouter } from './http/routes/transparency.js';
import { createWidgetPopupRouter, createWidgetPublicRouter } from './http/routes/widget.js';
import { createWidgetAskRouter } from './http/routes/widget-ask.js';
import { InvalidInputError } from './http/schemas/validate.js';
import { SESSION_COOKIE } from './http/cached-request-class.js';
import { PostgresSessionStore } from './storage/session-store.js';
import type { Services } from './wiring.js';
import { ROOT } from './root.js';

declare module 'express-session' {
  interface SessionData {
    flash?: string;
    /** A comment or report that could not be taken: shown in place on the tab, with the person's text kept. */
    formNote?: { reviewId: string; kind: 'comment' | 'report'; parentId: string | null; message: string; body: string };
  }
}

const MESSAGES = {
  csrf: 'This form has expired or was sent from another site. Please go back, reload the page and try again.',
  notFound: 'There is nothing at this address.',
  // Never "not saved": a failure after a commit (a lost connection, a crash while answering) cannot know. A review
  // form retried with its idempotency key is safe either way.
  server: 'Something went wrong on our side, and we could not confirm whether your input was saved. Please check before trying again.',
};

export interface AppOptions {
  /** Tests lower or raise limits to exercise them quickly. */
  rateLimits?: Partial<Record<LimitName, number>>;
}

/** The caller's request id when it is a sane one, so logs across services line up; otherwise a new one. */
function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** Express's own entry point, replaced below by one that first tries the response cache. */
type Handle = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

/** Builds the Express app; it never listens (main.ts and tests do). */
export function createApp(services: Services, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  serveStoredResponsesFirst(app, services);
  if (services.config.trustProxy) app.set('trust proxy', 1);

  const assets = createStaticAssets(path.join(ROOT, 'public'));
  // Compiled views from the build when there are (see precompiled-views.ts); otherwise compiled at first use.
  const handlebars = new PrecompiledHandlebars({
    extname: '.hbs',
    defaultLayout: 'main',
    helpers: { ...templateFunctions, asset: assets.asset },
    layoutsDir: path.join(ROOT, 'views/layouts'),
    partialsDir: path.join(ROOT, 'views/partials'),
  }).engine;
  // Rendered pages lose trailing whitespace (outside <textarea> and <pre>): validators flag it, and it is bytes for nothing.
  app.engine('hbs', (file, options, done) =>
    handlebars(file, options, (error: unknown, html?: string) => done(error, html === undefined ? html : tidyRenderedHtml(html))),
  );
  app.set('view engine', 'hbs');
  app.set('views', path.join(ROOT, 'views'));

  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: (req, res) => {
        // Already set when the request first went past the response cache (serveStoredResponsesFirst).
        const id = (res.getHeader('x-request-id') as string | undefined) ?? requestIdFor(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
      serializers: { req: redactRequestForLog, res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }) },
    }),
  );
  // Before anything reads the path or query: NUL and invalid UTF-8 are refused here, with a 400.
  app.use(rejectBadUrl);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
        },
      },
    }),
  );
  // gzip/brotli for text responses over 1 KiB; the response cache sends its own pre-compressed copies, which this
  // middleware leaves alone (they already carry Content-Encoding).
  app.use(compression({ threshold: 1024 }));
  // Before static files and sessions: /widget.js and the frame set their own cross-origin headers.
  app.use(createWidgetPublicRouter(services));
  const limits = createLimiters(services.rateLimitStore, options.rateLimits);
  // The public API needs no session or CSRF token (API keys or plain GETs): mounted before both, so its
  // responses never set cookies and can be cached; and before the static files, which would look on disk first.
  app.use('/api', createApiV1Router(services, limits));
  app.use(assets.router);
  app.use(express.static(path.join(ROOT, 'public'), { maxAge: services.config.production ? '1h' : 0 }));
  app.use(formAndJsonBodies());
  // Before sessions and CSRF: one-click unsubscribe comes from mail clients, without cookies (RFC 8058).
  app.use(createUnsubscribeRouter(services, limits));
  app.use(deviceId(services.config.secureCookies));

  const sessionStore = new PostgresSessionStore(services.db);
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: services.sessionSecret,
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: services.config.secureCookies, maxAge: 14 * 86_400_000 },
    }),
  );
  const passport = createPassport(services.db, { clock: services.clock, baseUrl: services.config.publicUrl });
  app.use(passport.session());
  // A review form with photos is multipart: read here (signed-in posters only) so the CSRF check below finds its token.
  app.use(reviewPhotoUploads(limits.photoUpload));

  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
    skipCsrfProtection: (req) => req.path.startsWith('/api/'),
  });
  app.use((req, res, next) => {
    // Sign-in links lead back to the page they were clicked on (not from the sign-in pages themselves).
    if (!req.user && req.method === 'GET' && !/^\/sign(in|up)\b/.test(req.path)) {
      res.locals.signInHref = signInHref(req.originalUrl);
      res.locals.signUpHref = signInHref(req.originalUrl, '/signup');
    }
    res.locals.currentUser = req.user
      ? { ...req.user, isModerator: req.user.role === 'moderator' || req.user.role === 'admin', isMerchant: req.user.manages.length > 0 }
      : null;
    if (req.session) {
      // Lazy: Handlebars calls a function it finds in the context, so the token (and the session row that keeps
      // it) is created only when a template renders a form. Anonymous reads therefore write nothing.
      res.locals.csrfToken = () => generateToken(req);
      if (req.session.flash) {
        res.locals.flash = req.session.flash;
        delete req.session.flash;
      }
    }
    next();
  });
  app.use(csrfSynchronisedProtection);

  // Before the account router: the widget popup adjusts the sign-in pages' opener policy.
  app.use(createWidgetPopupRouter(services, limits));
  app.use(createWidgetAskRouter(services, limits));
  app.use(createPagesRouter(services));
  app.use(createAccountRouter(services, passport, limits));
  app.use(createAccountControlRouter(services, limits));
  app.use(createReviewActionsRouter(services, limits));
  app.use(createReviewPhotosRouter(services));
  app.use(createQuestionsRouter(services, limits));
  app.use(createQuestionAppealsRouter(services, limits));
  app.use(createReviewersRouter(services));
  app.use(createConsoleRouter(services));
  app.use(createTransparencyRouter(services));
  app.use(createAppealsRouter(services, limits));
  app.use(createFollowUpRouter(services, limits));
  app.use(createMerchantInsightsRouter(services));
  app.use(createNotificationSettingsRouter(services, limits));
  app.use(createMerchantRouter(services, limits));
  app.use(createMerchantOnboardingRouter(services, limits));
  app.use(createMerchantTeamRouter(services, limits));
  app.use(createMerchantInstallRouter(services, limits));
  app.use(createConsoleShopsRouter(services, limits));
  app.use(createInvitationsRouter(services, limits));
  if (services.outbound.devMailViewer) app.use(createDevMailRouter(services));

  app.use((req, res) => sendError(req, res, 404, MESSAGES.notFound));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof InvalidInputError) return sendError(req, res, 422, error.message, error.details);
    const edge = edgeErrorFor(error);
    if (edge) return sendError(req, res, edge.status, edge.message);
    if (error instanceof UserFacingError) return sendError(req, res, error.status, error.message);
    const code = (error as { code?: string }).code;
    if (code === 'EBADCSRFTOKEN') return sendError(req, res, 403, MESSAGES.csrf);
    req.log.error({ err: error }, 'unhandled error');
    sendError(req, res, 500, MESSAGES.server);
  });
  return app;
}

/**
 * Public reads answered from the response cache skip Express entirely (routing, helmet, sessions, request
 * logging middleware): the cache replays the exact headers and bytes Express sent for the same request at the
 * same content version (ResponseCache.serveStored). Everything else, and every cache miss, goes to Express. A
 * replayed answer keeps the request id and the request log line that pino-http would have written.
 */
function serveStoredResponsesFirst(app: express.Express, services: Services): void {
  const viaExpress = (app as unknown as { handle: Handle }).handle.bind(app);
  const log = services.logger;
  (app as unknown as { handle: Handle }).handle = (req, res, next) => {
    const started = performance.now();
    res.setHeader('x-request-id', requestIdFor(req));
    const served = services.responseCache.serveStored(req, res);
    if (!served) return viaExpress(req, res, next);
    if (log.isLevelEnabled('info')) {
      log.info(
        {
          reqId: res.getHeader('x-request-id'),
          req: { method: req.method, url: req.url },
          res: { statusCode: served.status },
          responseTime: Math.round(performance.now() - started),
          cached: true,
        },
        'request completed',
      );
    }
  };
}
