import type { Request } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { sendError } from '../respond.js';

interface LimitSpec {
  windowMs: number;
  limit: number;
  message: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Limits per action; counters are shared by every process through Postgres. */
export const LIMITS = {
  signup: { windowMs: HOUR, limit: 10, message: 'Too many sign-ups from your network. Please try again in an hour.' },
  signin: { windowMs: 15 * MINUTE, limit: 10, message: 'Too many sign-in attempts. Please wait 15 minutes and try again.' },
  review: { windowMs: HOUR, limit: 10, message: 'You are posting reviews very quickly. Please wait a while before posting again.' },
  // Counted before a photo upload is read (the review limit counts after): a refused upload costs no memory.
  photoUpload: { windowMs: HOUR, limit: 30, message: 'You are uploading photos very quickly. Please wait a while before trying again.' },
  comment: { windowMs: 10 * MINUTE, limit: 20, message: 'You are commenting very quickly. Please wait a few minutes.' },
  vote: { windowMs: MINUTE, limit: 60, message: 'Too many votes in a minute. Please slow down.' },
  report: { windowMs: HOUR, limit: 20, message: 'Too many reports in an hour. Thank you; please wait before reporting more.' },
  appeal: { windowMs: HOUR, limit: 10, message: 'Too many appeals in an hour. Please wait a while before appealing again.' },
  reply: { windowMs: HOUR, limit: 60, message: 'Too many replies in an hour. Please wait a while.' },
  merchantWrite: { windowMs: HOUR, limit: 300, message: 'Too many changes in the merchant area in an hour. Please wait a while.' },
  notifications: { windowMs: HOUR, limit: 60, message: 'Too many changes to e-mail settings in an hour. Please wait a while.' },
  // Accounts people control: e-mails asked for (reset, confirmation) per address; changes per account; links opened.
  accountMail: { windowMs: HOUR, limit: 5, message: 'Too many e-mails asked for in an hour. Please check your mailbox, or wait an hour and try again.' },
  accountChange: { windowMs: HOUR, limit: 10, message: 'Too many account changes in an hour. Please wait a while and try again.' },
  accountLink: { windowMs: 15 * MINUTE, limit: 20, message: 'Too many attempts with e-mail links. Please wait 15 minutes and try again.' },
  apiWrite: { windowMs: MINUTE, limit: 600, message: 'Too many API requests in a minute. Please slow down and retry after the time in the RateLimit header.' },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;
export type Limiters = Record<LimitName, RateLimitRequestHandler>;

/** Signed-in people are limited per account; everyone else per address (an IPv6 /56 counts as one). */
function clientKey(req: Request): string {
  const user = req.user as { id: string } | undefined;
  return user ? `account:${user.id}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/** storeFor gives each limit its own counter store (the wiring shares them through the database). */
export function createLimiters(storeFor: (prefix: string) => Store, overrides: Partial<Record<LimitName, number>> = {}): Limiters {
  const make = (name: LimitName): RateLimitRequestHandler => {
    const spec = LIMITS[name];
    return rateLimit({
      windowMs: spec.windowMs,
      limit: overrides[name] ?? spec.limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: storeFor(`${name}:`),
      keyGenerator: clientKey,
      handler: (req, res) => sendError(req, res, 429, spec.message),
    });
  };
  return Object.fromEntries(Object.keys(LIMITS).map((name) => [name, make(name as LimitName)])) as Limiters;
}
