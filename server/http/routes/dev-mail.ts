import { Router } from 'express';
import { listSentMailForDevelopment } from '../../mail/dev-mailbox.js';
import type { Services } from '../../wiring.js';
import { requireAdmin } from '../middleware/require-role.js';
import { formatDate } from '../view-models/format.js';

/**
 * Mounted only when asked for (CANDOR_DEV_MAIL=on, which `npm run dev` sets) and SMTP is not configured: the
 * outbox's email, for administrators only — it holds invitation links, which are worth a verified badge.
 */
export function createDevMailRouter(services: Services): Router {
  const router = Router();
  router.get('/dev/mail', requireAdmin, async (_req, res) => {
    const mails = await listSentMailForDevelopment(services.db);
    res.set('Cache-Control', 'no-store').render('pages/dev-mail', {
      title: 'Development mailbox',
      mails: mails.map((m) => ({
        ...m,
        date: `${formatDate(m.createdAt)} ${m.createdAt.toISOString().slice(11, 16)} UTC`,
        // Links in the text become clickable; everything else stays escaped text.
        parts: m.text.split(/(https?:\/\/\S+)/).map((part, i) => (i % 2 === 1 ? { link: part } : { text: part })),
      })),
    });
  });
  return router;
}
