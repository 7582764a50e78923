import type { IncomingMessage } from 'node:http';
import { parseCookie } from 'cookie';
import { hasValidDeviceId } from './middleware/device-id.js';

/** The session cookie's name (express-session in app.ts). */
export const SESSION_COOKIE = 'candor.sid';

/**
 * Sorts requests for the response cache's early path (see ResponseCache.serveStored): two requests of one class,
 * URL and Origin get the same response from the app. The app looks at two cookies on public reads: a session
 * (someone signed in, or a flash message) makes the page personal, so such requests always go through the app;
 * a missing or malformed device id makes the app set one (a Set-Cookie is never replayed, so those requests go
 * through the app too, once per browser).
 */
export function cachedRequestClass(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return 'none';
  const cookies = parseCookie(header);
  if (cookies[SESSION_COOKIE] !== undefined) return null;
  return hasValidDeviceId(cookies) ? 'device' : 'cookies';
}
