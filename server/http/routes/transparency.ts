import { Router } from 'express';
import { buildTransparencyReport } from '../../moderation/transparency.js';
import type { Services } from '../../wiring.js';
import { wantsJson } from '../respond.js';
import { transparencyPageView } from '../view-models/console-transparency.js';

/** Public: the transparency report as a page and as JSON (same numbers). */
export function createTransparencyRouter(services: Services): Router {
  const router = Router();

  router.get('/transparency.json', async (_req, res) => {
    res.json(await buildTransparencyReport(services.db, services.clock()));
  });

  router.get('/transparency', async (req, res) => {
    const report = await buildTransparencyReport(services.db, services.clock());
    if (wantsJson(req)) return res.json(report);
    res.render('pages/transparency', { title: 'Transparency report', consoleCss: true, ...transparencyPageView(report) });
  });

  return router;
}
