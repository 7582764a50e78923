import { Router } from 'express';
import { z } from 'zod';
import { fileAppeal } from '../../moderation/appeals.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { parseInput } from '../schemas/validate.js';

const MESSAGES = { filed: 'Your appeal is sent. A moderator will look at your review again; the outcome will show here.' };

const appealSchema = z.object({
  kind: z.enum(['review', 'comment'], { error: 'Only reviews and comments can be appealed.' }).default('review'),
  targetId: z.string({ error: 'Say which review you appeal.' }).regex(/^[\w-]{1,64}$/, 'That review id is not valid.'),
  message: z
    .string({ error: 'Tell the moderator why the decision is wrong.' })
    .transform((s) => s.replace(/\r\n/g, '\n').trim())
    .pipe(
      z.string().min(10, 'Tell the moderator in at least 10 characters why the decision is wrong.').max(2000, 'The message must be at most 2000 characters.'),
    ),
});

/** Authors appeal a hold or rejection of their own content, once per item. */
export function createAppealsRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  router.post('/appeals', requireSignIn, limits.appeal, async (req, res) => {
    const form = parseInput(appealSchema, req.body);
    const { appealId } = await fileAppeal(
      { db: services.db, clock: () => services.clock() },
      { accountId: req.user!.id, kind: form.kind, targetId: form.targetId, message: form.message },
    );
    if (wantsJson(req)) return res.status(201).json({ id: appealId, status: 'open' });
    req.session.flash = MESSAGES.filed;
    res.redirect(303, `/account#own-${form.targetId}`);
  });
  return router;
}
