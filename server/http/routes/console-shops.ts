import { Router } from 'express';
import { listShopsForAdmins, setSuspension } from '../../merchants/onboarding.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireAdmin } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { shopSuspensionFormSchema } from '../schemas/merchant-forms.js';
import { parseInput } from '../schemas/validate.js';
import { formatDate } from '../view-models/format.js';

const MESSAGES = {
  suspended: (name: string) => `${name} is suspended: its widget and invitations are off, and its team sees the reason.`,
  reinstated: (name: string) => `${name} is reinstated.`,
};

/** Admins' list of shops with their standing, and suspending or reinstating one (as `npm run candor -- suspend-merchant`). */
export function createConsoleShopsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;
  router.use('/console/shops', requireAdmin);

  router.get('/console/shops', async (req, res) => {
    const shops = await listShopsForAdmins(db);
    if (wantsJson(req)) return res.json({ shops });
    res.render('console/shops', {
      title: 'Shops · moderation',
      consoleCss: true,
      shops: shops.map((s) => ({
        ...s,
        created: formatDate(s.createdAt),
        verified: s.verifiedAt ? formatDate(s.verifiedAt) : null,
        suspended: s.suspendedAt ? formatDate(s.suspendedAt) : null,
      })),
    });
  });

  router.post('/console/shops/:merchantId/suspension', limits.merchantWrite, async (req, res) => {
    const form = parseInput(shopSuspensionFormSchema, req.body);
    const merchantId = String(req.params.merchantId);
    await setSuspension(db, { adminId: req.user!.id, merchantId, suspend: form.action === 'suspend', reason: form.reason, at: services.clock() });
    const shop = (await listShopsForAdmins(db)).find((s) => s.id === merchantId);
    const message = form.action === 'suspend' ? MESSAGES.suspended(shop?.name ?? merchantId) : MESSAGES.reinstated(shop?.name ?? merchantId);
    if (wantsJson(req)) return res.json({ ok: true, message });
    req.session.flash = message;
    res.redirect(303, '/console/shops');
  });

  return router;
}
