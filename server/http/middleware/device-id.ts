import { randomBytes } from 'node:crypto';
import { parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    /** A random first-party id for this browser: accounts used from one device are linked by it. */
    deviceId?: string;
  }
}

export const DEVICE_COOKIE = 'candor.did';
const COOKIE = DEVICE_COOKIE;
const VALID = /^[A-Za-z0-9_-]{22}$/;

/** Whether this request already carries a device id (otherwise the middleware below sets one). */
export function hasValidDeviceId(cookies: Record<string, string | undefined>): boolean {
  const id = cookies[COOKIE];
  return id !== undefined && VALID.test(id);
}
const TWO_YEARS_MS = 2 * 365 * 86_400_000;

/** The cookie package parses the header (quoting, percent-encoding, duplicates) as the browsers wrote it. */
function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[name] : undefined;
}

/**
 * Gives each browser a random device id (no fingerprinting: just a first-party cookie). Sign-ups and posts
 * record it, so several accounts run from one browser are linked for the identity checks.
 */
export function deviceId(secure: true | 'auto') {
  return (req: Request, res: Response, next: NextFunction) => {
    let id = readCookie(req, COOKIE);
    if (!id || !VALID.test(id)) {
      id = randomBytes(16).toString('base64url');
      res.cookie(COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: secure === true || req.secure, maxAge: TWO_YEARS_MS });
    }
    req.deviceId = id;
    next();
  };
}
