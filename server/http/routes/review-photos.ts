import { Router } from 'express';
import { loadPhotoForViewer } from '../../reviews/review-photos.js';
import type { Services } from '../../wiring.js';
import { sendError } from '../respond.js';

const MESSAGES = { noSuchSize: 'There is no such photo: photos come as display.webp and thumb.webp.' };

/** A published review's photo never changes (a new photo gets a new id): caches may keep it for a year. */
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';
// Held, removed or pending reviews' photos are for their author and moderators only: no cache keeps a copy.
const PRIVATE_CACHE = 'private, no-store';

export function createReviewPhotosRouter(services: Services): Router {
  const router = Router();
  router.get('/photos/:id/:variant', async (req, res) => {
    const match = /^(display|thumb)\.webp$/.exec(String(req.params.variant));
    if (!match) return sendError(req, res, 404, MESSAGES.noSuchSize);
    const photo = await loadPhotoForViewer(services.db, services.photoFiles, {
      photoId: String(req.params.id),
      variant: match[1] as 'display' | 'thumb',
      viewer: req.user ? { id: req.user.id, role: req.user.role } : null,
    });
    res.set('Cache-Control', photo.public ? PUBLIC_CACHE : PRIVATE_CACHE);
    // A published photo may be shown by the shops that read the public API (helmet's default allows same-origin only).
    res.set('Cross-Origin-Resource-Policy', photo.public ? 'cross-origin' : 'same-origin');
    res.set('Content-Disposition', 'inline');
    res.type('image/webp').send(photo.data);
  });
  return router;
}
