import { Router, type NextFunction, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { openMerchantScope, type MerchantScope } from '../../merchants/merchant-scope.js';
import { memberAbilities } from '../../merchants/member-permissions.js';
import { ONBOARDING_MESSAGES, SHOP_CATEGORIES, createShop, publicRefusal, shopStanding, verificationUrl, verifyShop } from '../../merchants/onboarding.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { newShopFormSchema } from '../schemas/merchant-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { dateOrNever, merchantBase, merchantChrome } from '../view-models/merchant-area.js';

/** Creating a shop (/shops/new), its standing and its ownership verification (/merchant/:merchantId/shop). */
export function createMerchantOnboardingRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;

  router.use(['/merchant', '/shops'], requireSignIn);

  const renderNew = (res: Response, status = 200, extra: Record<string, unknown> = {}) =>
    res.status(status).render('merchant/new-shop', { title: 'Add your shop', categories: SHOP_CATEGORIES, values: {}, ...extra });

  router.get('/shops/new', (_req, res) => renderNew(res));
  router.post('/shops/new', limits.merchantWrite, async (req, res) => {
    try {
      const input = parseInput(newShopFormSchema, req.body);
      const shop = await createShop(db, { ...input, ownerId: req.user!.id, at: services.clock() });
      if (wantsJson(req)) return res.status(201).json({ ok: true, id: shop.id });
      req.session.flash = ONBOARDING_MESSAGES.created(input.name);
      res.redirect(303, `/merchant/${encodeURIComponent(shop.id)}/shop`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      renderNew(res, error.status, { errors: error instanceof InvalidInputError ? error.details : [error.message], values: req.body });
    }
  });
  router.param('merchantId', async (req: Request, res: Response, next: NextFunction, id: string) => {
    try {
      res.locals.merchantScope = await openMerchantScope(db, req.user!.id, id);
      next();
    } catch (error) {
      next(error);
    }
  });

  const render = async (res: Response, scope: MerchantScope, status = 200, errors: string[] = []) => {
    const standing = await shopStanding(db, scope.merchant.id);
    res.status(status).render('merchant/shop', {
      title: `Shop and verification · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'shop'),
      ...memberAbilities(scope),
      errors,
      origin: standing.websiteOrigin,
      category: standing.category,
      verified: standing.verifiedAt ? dateOrNever(standing.verifiedAt) : null,
      token: standing.verifiedAt ? null : standing.verificationToken,
      tokenUrl: verificationUrl(standing),
      refusal: publicRefusal(standing),
    });
  };

  router.get('/merchant/:merchantId/shop', async (_req, res) => render(res, res.locals.merchantScope!));

  router.post('/merchant/:merchantId/shop/verify', limits.merchantWrite, async (req, res) => {
    const scope = res.locals.merchantScope!;
    try {
      const message = await verifyShop(db, scope, services.fetchVerification, services.clock());
      if (wantsJson(req)) return res.json({ ok: true, message });
      req.session.flash = message;
      res.redirect(303, `${merchantBase(scope)}/shop`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      await render(res, scope, error.status, [error.message]);
    }
  });

  return router;
}
