import { randomBytes } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
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

/** A new device id. */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

/** The Set-Cookie header that gives a browser its device id (the middleware below and the response cache's early path). */
export function deviceIdCookie(id: string, secure: boolean): string {
  return stringifySetCookie({
    name: COOKIE,
    value: id,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: TWO_YEARS_MS / 1000,
    expires: new Date(Date.now() + TWO_YEARS_MS),
  });
}

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
      id = newDeviceId();
      res.append('Set-Cookie', deviceIdCookie(id, secure === true || req.secure));
    }
    req.deviceId = id;
    next();
  };
}
