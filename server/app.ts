import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response } from 'express';
import { engine } from 'express-handlebars';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { createPassport } from './auth/passport.js';
import { UserFacingError } from './domain-errors.js';
import { viewHelpers } from './http/view-helpers.js';
import { deviceId } from './http/middleware/device-id.js';
import { createLimiters, type LimitName } from './http/middleware/rate-limits.js';
import { sendError } from './http/respond.js';
import { createAccountRouter } from './http/routes/account.js';
import { createApiV1Router } from './http/routes/api-v1.js';
import { createDevMailRouter } from './http/routes/dev-mail.js';
import { createInvitationsRouter } from './http/routes/invitations.js';
import { createMerchantRouter } from './http/routes/merchant.js';
import { createAppealsRouter } from './http/routes/appeals.js';
import { createConsoleRouter } from './http/routes/console.js';
import { createPagesRouter } from './http/routes/pages.js';
import { createReviewActionsRouter } from './http/routes/review-actions.js';
import { createTransparencyRouter } from './http/routes/transparency.js';
import { createWidgetPopupRouter, createWidgetPublicRouter } from './http/routes/widget.js';
import { InvalidInputError } from './http/schemas/validate.js';
import { PostgresSessionStore } from './storage/session-store.js';
import type { Services } from './wiring.js';

declare module 'express-session' {
  interface SessionData {
    flash?: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MESSAGES = {
  csrf: 'This form has expired or was sent from another site. Please go back, reload the page and try again.',
  notFound: 'There is nothing at this address.',
  // Never "not saved": a failure after a commit (a lost connection, a crash while answering) cannot know. A review
  // form retried with its idempotency key is safe either way.
  server: 'Something went wrong on our side, and we could not confirm whether your input was saved. Please check before trying again.',
  tooLarge: 'What you sent is too large.',
  badJson: 'The request body is not valid.',
};

export interface AppOptions {
  /** Tests lower or raise limits to exercise them quickly. */
  rateLimits?: Partial<Record<LimitName, number>>;
}

/** Builds the Express app; it never listens (main.ts and tests do). */
export function createApp(services: Services, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (services.config.trustProxy) app.set('trust proxy', 1);

  app.engine('hbs', engine({ extname: '.hbs', defaultLayout: 'main', helpers: viewHelpers, layoutsDir: path.join(ROOT, 'views/layouts'), partialsDir: path.join(ROOT, 'views/partials') }));
  app.set('view engine', 'hbs');
  app.set('views', path.join(ROOT, 'views'));

  app.use(
    pinoHttp({
      logger: services.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
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
  // Before static files and sessions: /widget.js and the frame set their own cross-origin headers.
  app.use(createWidgetPublicRouter(services));
  app.use(express.static(path.join(ROOT, 'public'), { maxAge: services.config.production ? '1h' : 0 }));
  const limits = createLimiters(services.db, options.rateLimits);
  // The public API needs no session or CSRF token (API keys or plain GETs): mounted before both, so its
  // responses never set cookies and can be cached.
  app.use('/api', createApiV1Router(services, limits));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(express.json({ limit: '64kb' }));
  app.use(deviceId(services.config.production));

  const sessionStore = new PostgresSessionStore(services.db);
  app.use(
    session({
      name: 'candor.sid',
      secret: services.config.sessionSecret,
      store: sessionStore,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: services.config.production, maxAge: 14 * 86_400_000 },
    }),
  );
  const passport = createPassport(services.db);
  app.use(passport.session());

  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
    skipCsrfProtection: (req) => req.path.startsWith('/api/'),
  });
  app.use((req, res, next) => {
    res.locals.currentUser = req.user
      ? { ...req.user, isModerator: req.user.role === 'moderator' || req.user.role === 'admin', isMerchant: req.user.manages.length > 0 }
      : null;
    if (req.session) {
      res.locals.csrfToken = generateToken(req);
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
  app.use(createPagesRouter(services));
  app.use(createAccountRouter(services, passport, limits));
  app.use(createReviewActionsRouter(services, limits));
  app.use(createConsoleRouter(services));
  app.use(createTransparencyRouter(services));
  app.use(createAppealsRouter(services, limits));
  app.use(createMerchantRouter(services, limits));
  app.use(createInvitationsRouter(services, limits));
  if (services.outbound.devMailViewer) app.use(createDevMailRouter(services));

  app.use((req, res) => sendError(req, res, 404, MESSAGES.notFound));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof InvalidInputError) return sendError(req, res, 422, error.message, error.details);
    if (error instanceof UserFacingError) return sendError(req, res, error.status, error.message);
    const code = (error as { code?: string }).code;
    const type = (error as { type?: string }).type;
    if (code === 'EBADCSRFTOKEN') return sendError(req, res, 403, MESSAGES.csrf);
    if (type === 'entity.too.large') return sendError(req, res, 413 as 400, MESSAGES.tooLarge);
    if (type === 'entity.parse.failed') return sendError(req, res, 400, MESSAGES.badJson);
    req.log.error({ err: error }, 'unhandled error');
    sendError(req, res, 500, MESSAGES.server);
  });
  return app;
}
