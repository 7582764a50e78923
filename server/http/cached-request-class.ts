import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseCookie } from 'cookie';
import { deviceIdCookie, hasValidDeviceId, newDeviceId } from './middleware/device-id.js';

/** The session cookie's name (express-session in app.ts). */
export const SESSION_COOKIE = 'candor.sid';

/** How the response cache sorts a request; `prepare` runs just before it answers one early. */
export interface RequestClass {
  key: string;
  prepare?: (res: ServerResponse) => void;
}

/**
 * Sorts requests for the response cache's early path (see ResponseCache.serveStored): requests of one class, URL
 * and Origin get the same response from the app. The app looks at two cookies on public reads: a session (someone
 * signed in, or a flash message) makes the page personal, so such requests always go through the app. A browser
 * without a device id is given one by the app (device-id.ts), and otherwise gets the same page as one that has
 * it: so it is answered early like a browser with a device id, with the same Set-Cookie the app would send.
 */
export function cachedRequestClass(config: { trustProxy: boolean; secureCookies: true | 'auto' }): (req: IncomingMessage) => RequestClass | null {
  return (req) => {
    const header = req.headers.cookie;
    const cookies = header ? parseCookie(header) : {};
    if (cookies[SESSION_COOKIE] !== undefined) return null;
    if (hasValidDeviceId(cookies)) return { key: 'device' };
    return { key: 'device', prepare: (res) => res.setHeader('Set-Cookie', deviceIdCookie(newDeviceId(), isSecure(req, config))) };
  };
}

/** What Express's `req.secure` says for this request (app.ts trusts one proxy hop when TRUST_PROXY is on). */
function isSecure(req: IncomingMessage, config: { trustProxy: boolean; secureCookies: true | 'auto' }): boolean {
  if (config.secureCookies === true) return true;
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  if (!config.trustProxy) return encrypted;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (typeof forwarded === 'string' && forwarded) || (encrypted ? 'https' : 'http');
  return proto.split(',')[0]!.trim() === 'https';
}
