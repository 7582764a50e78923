import { conflict, invalid, notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import { addEmbedOrigin, listEmbedOrigins, removeEmbedOrigin } from '../storage/merchant-repo.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayManage } from './member-permissions.js';

const MESSAGES = {
  invalid: 'Enter an origin as scheme://host or scheme://host:port, for example https://shop.example.com — no path, query, “;”, space or wildcard.',
  scheme: 'An origin must start with https:// (or http:// for local testing).',
  duplicate: 'This origin is already allowed.',
  limit: 'A merchant can allow at most 50 origins.',
};

// What a host may be once the URL parser has normalised it (IDNs are already punycode): DNS labels, an IPv4
// address or a bracketed IPv6 address. Anything else (";", "," or a space) could split a CSP header.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

/**
 * The one canonical form of an origin (what browsers send in `Origin`), used for what merchants store and for
 * what the widget compares and puts into frame-ancestors: parsed by the URL parser, lower-case scheme and host,
 * default ports dropped. Returns null for anything but `http(s)://host[:port]` (optionally with a bare "/"):
 * a path, query, fragment, credentials, wildcard, ";" or trailing-dot host.
 */
export function normalizeOrigin(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.trim();
  if (!/^https?:\/\/[^/?#@\s*;,\\]+\/?$/i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (!HOST.test(url.hostname)) return null;
  return url.origin;
}

export function listOrigins(db: Database, scope: MerchantScope) {
  return listEmbedOrigins(db, scope.merchant.id);
}

export async function allowOrigin(db: Database, scope: MerchantScope, input: string, at: Date): Promise<string> {
  await assertMayManage(db, scope);
  if (!/^https?:\/\//i.test(input.trim())) throw invalid(MESSAGES.scheme);
  const origin = normalizeOrigin(input);
  if (!origin) throw invalid(MESSAGES.invalid);
  return db.transaction(async (tx) => {
    const existing = await listEmbedOrigins(tx, scope.merchant.id);
    if (existing.length >= 50) throw invalid(MESSAGES.limit);
    if (!(await addEmbedOrigin(tx, scope.merchant.id, origin, at))) throw conflict(MESSAGES.duplicate);
    return origin;
  });
}

export async function disallowOrigin(db: Database, scope: MerchantScope, origin: string): Promise<void> {
  await assertMayManage(db, scope);
  if (!(await removeEmbedOrigin(db, scope.merchant.id, origin))) throw notFound('That origin');
}
