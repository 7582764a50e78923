import { Router } from 'express';
import { notificationSettings, readUnsubscribeLink, saveNotificationSettings, unsubscribeWithLink } from '../../accounts/notification-settings.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { notificationSettingsFormSchema, unsubscribeTokenSchema } from '../schemas/notification-forms.js';
import { parseInput } from '../schemas/validate.js';

/**
 * One-click unsubscribe (RFC 8058). Mounted before sessions and CSRF: a mail client POSTs
 * "List-Unsubscribe=One-Click" without cookies, and the signed link in the URL is the whole authorization (it can
 * switch off one kind of e-mail for one account, nothing else). GET only shows a confirmation button, because mail
 * scanners fetch links on their own and must not unsubscribe anyone.
 */
export function createUnsubscribeRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const token = (raw: unknown) => parseInput(unsubscribeTokenSchema, String(raw));

  router.get('/unsubscribe/:token', async (req, res) => {
    const link = await readUnsubscribeLink(services.db, services.unsubscribeKey, token(req.params.token));
    res.set('Cache-Control', 'no-store').render('pages/unsubscribe', { title: 'Stop these e-mails', label: link.label, action: req.originalUrl });
  });

  router.post('/unsubscribe/:token', limits.notifications, async (req, res) => {
    const message = await unsubscribeWithLink(services.db, services.unsubscribeKey, token(req.params.token), services.clock());
    res.set('Cache-Control', 'no-store');
    if (wantsJson(req)) return res.json({ ok: true, message });
    res.render('pages/unsubscribe', { title: 'Unsubscribed', done: message });
  });

  return router;
}

/** The e-mail settings on the account page (signed in, CSRF-protected form). */
export function createNotificationSettingsRouter(services: Services, limits: Limiters): Router {
  const router = Router();

  router.get('/account/notifications', requireSignIn, async (req, res) => {
    res.render('pages/notification-settings', { title: 'E-mail settings', settings: await notificationSettings(services.db, req.user!) });
  });

  router.post('/account/notifications', requireSignIn, limits.notifications, async (req, res) => {
    const form = parseInput(notificationSettingsFormSchema, req.body);
    const message = await saveNotificationSettings(services.db, req.user!, form.on, services.clock());
    if (wantsJson(req)) return res.json({ ok: true, message, settings: await notificationSettings(services.db, req.user!) });
    req.session.flash = message;
    res.redirect(303, '/account/notifications');
  });

  return router;
}
