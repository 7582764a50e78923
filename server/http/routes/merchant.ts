import { Router, type NextFunction, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { createApiKey, listKeys, revokeKey } from '../../merchants/api-keys.js';
import { createProduct, listCatalog, productForEdit, updateProduct } from '../../merchants/catalog.js';
import { loadDashboard } from '../../merchants/dashboard.js';
import { allowOrigin, disallowOrigin, listOrigins } from '../../merchants/embed-origins.js';
import { merchantsManagedBy, openMerchantScope, type MerchantScope } from '../../merchants/merchant-scope.js';
import { listReviewsToAnswer, replyAsMerchant } from '../../merchants/replies.js';
import { declareStaff, listStaffAccounts, removeStaff, withdrawStaffInvitation } from '../../merchants/staff.js';
import { listWebhooks, recentDeliveries, registerWebhook, removeWebhook } from '../../merchants/webhooks.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import {
  apiKeyFormSchema,
  merchantReplyFormSchema,
  originFormSchema,
  productFormSchema,
  repliesQuerySchema,
  staffFormSchema,
  webhookFormSchema,
} from '../schemas/merchant-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { merchantBase, merchantChrome, dateOrNever, type SectionKey } from '../view-models/merchant-area.js';
import { ratingsChart } from '../view-models/merchant-chart.js';
import { formatDate, starsText } from '../view-models/format.js';

const MESSAGES = {
  productCreated: 'Product added.',
  productSaved: 'Product saved.',
  originAdded: (o: string) => `${o} can now embed your reviews and read the API from the browser.`,
  originRemoved: 'Origin removed.',
  invitationWithdrawn: 'Invitation withdrawn.',
  staffRemoved: 'Staff account removed from the list.',
  keyRevoked: 'API key revoked. Requests with it are now refused.',
  replied: 'Your public reply is saved.',
  webhookRemoved: 'Webhook removed.',
};

declare module 'express-serve-static-core' {
  interface Locals {
    merchantScope?: MerchantScope;
  }
}

const p = (req: Request, name: string) => String(req.params[name]);

/** The merchant area: one router, every route under /merchant/:merchantId scoped by openMerchantScope. */
export function createMerchantRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;
  const scopeOf = (res: Response) => res.locals.merchantScope!;

  router.use('/merchant', requireSignIn);

  router.get('/merchant', async (req, res) => {
    const merchants = await merchantsManagedBy(db, req.user!.manages);
    if (merchants.length === 1) return res.redirect(303, `/merchant/${encodeURIComponent(merchants[0]!.id)}`);
    // No shop yet: the way in is creating one (routes/merchant-onboarding.ts).
    if (merchants.length === 0) return res.redirect(303, '/shops/new');
    res.render('merchant/choose', { title: 'Merchant area', merchants });
  });

  router.param('merchantId', async (req: Request, res: Response, next: NextFunction, id: string) => {
    try {
      res.locals.merchantScope = await openMerchantScope(db, req.user!.id, id);
      next();
    } catch (error) {
      next(error);
    }
  });

  /** Each section's page, loaded fresh: after an error the page is shown again with the message and the input. */
  const sections: Record<Exclude<SectionKey, 'dashboard'>, (scope: MerchantScope, req: Request) => Promise<Record<string, unknown>>> = {
    products: async (scope) => ({
      products: (await listCatalog(db, scope)).map((prod) => ({ ...prod, average: prod.averageRating?.toFixed(1) ?? '—' })),
    }),
    origins: async (scope) => ({
      origins: (await listOrigins(db, scope)).map((o) => ({ ...o, date: formatDate(o.createdAt) })),
    }),
    staff: async (scope) => {
      const { staff, pending } = await listStaffAccounts(db, scope);
      return {
        managers: staff.filter((s) => s.canManage),
        declared: staff.filter((s) => !s.canManage).map((s) => ({ ...s, date: formatDate(s.createdAt) })),
        pending: pending.map((i) => ({ ...i, date: formatDate(i.invitedAt) })),
      };
    },
    'api-keys': async (scope) => ({
      keys: (await listKeys(db, scope)).map((k) => ({
        ...k,
        created: dateOrNever(k.createdAt),
        lastUsed: dateOrNever(k.lastUsedAt),
        revoked: k.revokedAt ? dateOrNever(k.revokedAt) : null,
      })),
      apiBase: services.config.publicUrl.replace(/\/$/, ''),
    }),
    replies: async (scope, req) => {
      const query = parseInput(repliesQuerySchema, req.query);
      const list = await listReviewsToAnswer(db, scope, { page: query.page, unrepliedOnly: query.unreplied });
      const base = `${merchantBase(scope)}/replies${query.unreplied ? '?unreplied=1&' : '?'}`;
      return {
        unrepliedOnly: query.unreplied,
        total: list.total,
        reviews: list.rows.map((r) => ({
          ...r,
          stars: starsText(r.rating),
          date: formatDate(r.createdAt),
          replyDate: r.reply ? formatDate(r.reply.at) : null,
        })),
        prev: list.page > 1 ? `${base}page=${list.page - 1}` : null,
        next: list.page < list.pageCount ? `${base}page=${list.page + 1}` : null,
        page: list.page,
        pageCount: list.pageCount,
      };
    },
    webhooks: async (scope) => ({
      endpoints: (await listWebhooks(db, scope)).map((e) => ({ ...e, date: formatDate(e.createdAt) })),
      deliveries: (await recentDeliveries(db, scope)).map((d) => ({
        id: d.id,
        type: (d.payload.event as { type?: string } | undefined)?.type ?? '',
        status: d.status,
        attempts: d.attempts,
        lastError: d.lastError,
        next: d.status === 'pending' ? dateOrNever(d.nextAttemptAt) : null,
        created: dateOrNever(d.createdAt),
      })),
    }),
  };
  const TITLES: Record<string, string> = {
    products: 'Products',
    origins: 'Embed origins',
    staff: 'Declared staff',
    'api-keys': 'API keys',
    replies: 'Replies to reviews',
    webhooks: 'Webhooks',
  };

  const renderSection = async (req: Request, res: Response, section: keyof typeof sections, status = 200, extra: Record<string, unknown> = {}) => {
    const scope = scopeOf(res);
    const data = await sections[section](scope, req);
    res.status(status).render(`merchant/${section}`, {
      title: `${TITLES[section]} · ${scope.merchant.name}`,
      ...merchantChrome(scope, section),
      ...data,
      ...extra,
    });
  };

  /** A form post: on success flash and go back to the section; on a person's mistake show the section with it. */
  const formAction =
    (section: keyof typeof sections, act: (req: Request, scope: MerchantScope) => Promise<string | ((res: Response) => Promise<void>)>) =>
    async (req: Request, res: Response) => {
      const scope = scopeOf(res);
      try {
        const outcome = await act(req, scope);
        if (typeof outcome === 'function') return outcome(res);
        if (wantsJson(req)) return res.json({ ok: true, message: outcome });
        req.session.flash = outcome;
        res.redirect(303, `${merchantBase(scope)}${section === 'replies' ? '/replies' : `/${section}`}`);
      } catch (error) {
        if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
        const errors = error instanceof InvalidInputError ? error.details : [error.message];
        await renderSection(req, res, section, error.status, { errors, values: req.body });
      }
    };

  router.get('/merchant/:merchantId', async (_req, res) => {
    const scope = scopeOf(res);
    const dashboard = await loadDashboard(db, scope, services.clock());
    const t = dashboard.totals;
    res.render('merchant/dashboard', {
      title: `Dashboard · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'dashboard'),
      totals: {
        published: t.published,
        average: t.average === null ? '—' : t.average.toFixed(2),
        verifiedShare: t.published ? `${Math.round((t.verified / t.published) * 100)}%` : '—',
        replied: t.replied,
      },
      chart: ratingsChart(dashboard.series),
      table: dashboard.series.map((s) => ({ ...s, average: s.average === null ? '—' : s.average.toFixed(2) })),
    });
  });

  for (const section of Object.keys(sections) as (keyof typeof sections)[]) {
    router.get(`/merchant/:merchantId/${section}`, (req, res) => renderSection(req, res, section));
  }

  // Products
  router.post(
    '/merchant/:merchantId/products',
    limits.merchantWrite,
    formAction('products', async (req, scope) => {
      await createProduct(db, scope, parseInput(productFormSchema, req.body), services.clock());
      return MESSAGES.productCreated;
    }),
  );
  router.get('/merchant/:merchantId/products/:productId/edit', async (req, res) => {
    const scope = scopeOf(res);
    const product = await productForEdit(db, scope, p(req, 'productId'));
    res.render('merchant/product-edit', { title: `Edit ${product.name}`, ...merchantChrome(scope, 'products'), product, values: product });
  });
  router.post('/merchant/:merchantId/products/:productId', limits.merchantWrite, async (req, res) => {
    const scope = scopeOf(res);
    const product = await productForEdit(db, scope, p(req, 'productId'));
    try {
      await updateProduct(db, scope, product.id, parseInput(productFormSchema, req.body));
      if (wantsJson(req)) return res.json({ ok: true });
      req.session.flash = MESSAGES.productSaved;
      res.redirect(303, `${merchantBase(scope)}/products`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      res.status(error.status).render('merchant/product-edit', {
        title: `Edit ${product.name}`,
        ...merchantChrome(scope, 'products'),
        product,
        values: req.body,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
      });
    }
  });

  // Embed origins
  router.post(
    '/merchant/:merchantId/origins',
    limits.merchantWrite,
    formAction('origins', async (req, scope) => {
      const origin = await allowOrigin(db, scope, parseInput(originFormSchema, req.body).origin, services.clock());
      return MESSAGES.originAdded(origin);
    }),
  );
  router.post(
    '/merchant/:merchantId/origins/delete',
    limits.merchantWrite,
    formAction('origins', async (req, scope) => {
      await disallowOrigin(db, scope, parseInput(originFormSchema, req.body).origin);
      return MESSAGES.originRemoved;
    }),
  );

  // Staff
  router.post(
    '/merchant/:merchantId/staff',
    limits.merchantWrite,
    formAction('staff', async (req, scope) => {
      return declareStaff(
        db,
        scope,
        parseInput(staffFormSchema, req.body).email,
        services.clock(),
        `${services.config.publicUrl.replace(/\/$/, '')}/account/staff-invitations`,
      );
    }),
  );
  router.post(
    '/merchant/:merchantId/staff-invitations/:invitationId/withdraw',
    limits.merchantWrite,
    formAction('staff', async (req, scope) => {
      await withdrawStaffInvitation(db, scope, p(req, 'invitationId'), services.clock());
      return MESSAGES.invitationWithdrawn;
    }),
  );
  router.post(
    '/merchant/:merchantId/staff/:accountId/delete',
    limits.merchantWrite,
    formAction('staff', async (req, scope) => {
      await removeStaff(db, scope, p(req, 'accountId'));
      return MESSAGES.staffRemoved;
    }),
  );

  // API keys: the new key is rendered into this one response (never stored, never put in the session).
  router.post(
    '/merchant/:merchantId/api-keys',
    limits.merchantWrite,
    formAction('api-keys', async (req, scope) => {
      const created = await createApiKey(db, scope, parseInput(apiKeyFormSchema, req.body).label, services.clock());
      return async (res: Response) => {
        res.set('Cache-Control', 'no-store');
        if (wantsJson(req)) return void res.status(201).json({ id: created.id, key: created.key });
        await renderSection(req, res, 'api-keys', 201, { newKey: created.key });
      };
    }),
  );
  router.post(
    '/merchant/:merchantId/api-keys/:keyId/revoke',
    limits.merchantWrite,
    formAction('api-keys', async (req, scope) => {
      await revokeKey(db, scope, p(req, 'keyId'), services.clock());
      return MESSAGES.keyRevoked;
    }),
  );

  // Replies
  router.post(
    '/merchant/:merchantId/replies/:reviewId',
    limits.reply,
    formAction('replies', async (req, scope) => {
      await replyAsMerchant(db, scope, p(req, 'reviewId'), parseInput(merchantReplyFormSchema, req.body).body, services.clock());
      return MESSAGES.replied;
    }),
  );

  // Webhooks: the signing secret is shown on the page (merchant team only); it is needed to verify deliveries.
  router.post(
    '/merchant/:merchantId/webhooks',
    limits.merchantWrite,
    formAction('webhooks', async (req, scope) => {
      const created = await registerWebhook(db, scope, parseInput(webhookFormSchema, req.body).url, services.clock(), {
        allowLoopbackForTests: services.config.allowLoopbackWebhooksForTests,
      });
      return `Webhook registered for ${created.url}. Verify each delivery's Candor-Signature with the secret shown below.`;
    }),
  );
  router.post(
    '/merchant/:merchantId/webhooks/:webhookId/delete',
    limits.merchantWrite,
    formAction('webhooks', async (req, scope) => {
      await removeWebhook(db, scope, p(req, 'webhookId'));
      return MESSAGES.webhookRemoved;
    }),
  );

  return router;
}
