import type { Request, Response } from 'express';
import { signInHref } from './safe-next.js';

/** Browsers that submitted a form get an HTML page; scripts that asked for JSON get JSON. */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json' || req.is('application/json') === 'application/json';
}

export function sendError(req: Request, res: Response, status: number, message: string, details?: string[]): void {
  if (res.headersSent) return;
  res.status(status);
  if (wantsJson(req)) {
    res.json({ error: message, ...(details?.length ? { details } : {}) });
    return;
  }
  // A signed-out visitor refused a page is offered the sign-in that leads back to it.
  const offerSignIn = (status === 401 || status === 403) && !req.user && req.method === 'GET';
  res.render('pages/error', {
    title: titleFor(status),
    status,
    message,
    details,
    back: req.get('referer'),
    signIn: offerSignIn ? signInHref(req.originalUrl) : null,
  });
}

function titleFor(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 403) return 'Not allowed';
  if (status === 429) return 'Slow down';
  if (status >= 500) return 'Something went wrong';
  return 'Please check your input';
}
