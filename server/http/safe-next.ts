/**
 * Where to send a person after signing in or up: only a path on this site. An open redirect would let a link
 * that looks like Candor's send people anywhere, so `//evil`, `/\evil`, absolute URLs and paths with control
 * characters (browsers drop tabs and newlines, turning "/\t/evil" into "//evil") all fall back to the home page.
 */
const BASE = 'http://candor.invalid';

export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return '/';
  const url = new URL(value, BASE);
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/** The sign-in address that brings the person back to `here` afterwards. */
export function signInHref(here: string, page: '/signin' | '/signup' = '/signin'): string {
  const next = safeNext(here);
  return next === '/' ? page : `${page}?next=${encodeURIComponent(next)}`;
}
