import { Router, type NextFunction, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { allowPageOrigin, loadInstall } from '../../merchants/install-check.js';
import { memberAbilities } from '../../merchants/member-permissions.js';
import { openMerchantScope, type MerchantScope } from '../../merchants/merchant-scope.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { installOriginFormSchema, installQuerySchema, type InstallQuery } from '../schemas/install-query.js';
import { parseInput } from '../schemas/validate.js';
import { dateOrNever, merchantBase, merchantChrome } from '../view-models/merchant-area.js';
import { installSnippet, previewFrameSrc } from '../view-models/install-snippet.js';

const MESSAGES = {
  originAdded: (origin: string) => `${origin} is now allowed: the widget shows on its pages.`,
};

/** The install page: the tag to paste, a live preview, the allowed-origins check and recent refusals. */
export function createMerchantInstallRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;
  const publicBase = services.config.publicUrl.replace(/\/$/, '');
  const selfOrigin = new URL(services.config.publicUrl).origin;

  router.use('/merchant', requireSignIn);
  router.param('merchantId', async (req: Request, res: Response, next: NextFunction, id: string) => {
    try {
      res.locals.merchantScope = await openMerchantScope(db, req.user!.id, id);
      next();
    } catch (error) {
      next(error);
    }
  });

  const render = async (res: Response, scope: MerchantScope, query: InstallQuery, status = 200, errors: string[] = []) => {
    const data = await loadInstall(db, scope, query.page ?? null);
    const sku = data.products.some((p) => p.sku === query.product) ? query.product! : (data.products[0]?.sku ?? 'YOUR-SKU');
    const choice = { merchantId: scope.merchant.id, sku, theme: query.theme, accent: query.accent, variant: query.variant };
    res.status(status).render('merchant/install', {
      title: `Install the widget · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'install'),
      ...memberAbilities(scope),
      errors,
      widgetUrl: `${publicBase}/widget.js`,
      snippet: installSnippet({ widgetUrl: `${publicBase}/widget.js`, ...choice }),
      previewSrc: data.products.length && !data.refusal ? previewFrameSrc({ ...choice, selfOrigin }) : null,
      products: data.products.map((p) => ({ sku: p.sku, name: p.name, selected: p.sku === sku })),
      themes: (['light', 'dark', 'auto'] as const).map((t) => ({ value: t, selected: t === query.theme })),
      badge: query.variant === 'badge',
      accent: query.accent ?? '',
      page: query.page ?? '',
      refusal: data.refusal,
      origins: data.origins,
      check: data.check,
      refusals: data.refusals.map((r) => ({ ...r, last: dateOrNever(r.lastSeen) })),
    });
  };

  router.get('/merchant/:merchantId/install', async (req, res) => {
    await render(res, res.locals.merchantScope!, parseInput(installQuerySchema, req.query));
  });

  // "Add it": allows the checked page's origin and comes back to the install page with the check done again.
  router.post('/merchant/:merchantId/install/origins', limits.merchantWrite, async (req, res) => {
    const scope = res.locals.merchantScope!;
    const { page } = parseInput(installOriginFormSchema, req.body);
    try {
      const origin = await allowPageOrigin(db, scope, page, services.clock());
      if (wantsJson(req)) return res.json({ ok: true, origin });
      req.session.flash = MESSAGES.originAdded(origin);
      res.redirect(303, `${merchantBase(scope)}/install?${new URLSearchParams({ page })}`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req) || error.status === 403) throw error;
      await render(res, scope, parseInput(installQuerySchema, { page }), error.status, [error.message]);
    }
  });

  return router;
}
