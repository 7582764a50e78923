import type { Request } from 'express';
import type { PostContext } from '../reviews/submit-review.js';

/** Who posts, from where and with what: the facts every write hands to the integrity checks. */
export function postContextFrom(req: Request, at: Date): PostContext {
  return { accountId: req.user!.id, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, device: req.deviceId ?? null, at };
}
