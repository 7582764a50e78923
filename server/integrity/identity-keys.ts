// Identifier normalisation shared by storage (account_identifier rows) and the pure checks, so that both
// sides agree on what "the same ip prefix" or "the same mailbox" means.
import ipaddr from 'ipaddr.js';
import type { Identifier } from './types.js';
import { FNV_OFFSET, hash32 } from './text-tools.js';

// Providers known to ignore dots in the local part (and to deliver +tags to the same mailbox).
const DOT_BLIND_DOMAINS: Record<string, string> = {
  'gmail.com': 'gmail.com',
  'googlemail.com': 'gmail.com',
};

/** Lower-case; drop +tags everywhere; drop dots for providers that ignore them. Invalid input is returned trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  if (at <= 0 || at === e.length - 1) return e;
  let local = e.slice(0, at);
  let domain = e.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const canonical = DOT_BLIND_DOMAINS[domain];
  if (canonical) {
    domain = canonical;
    local = local.replace(/\./g, '');
  }
  return `${local}@${domain}`;
}

export function emailDomain(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  return at < 0 ? '' : e.slice(at + 1);
}

/** Canonical form of an address (IPv4-mapped IPv6 becomes IPv4), or null when it is not an address. */
export function normalizeIp(ip: string): string | null {
  // A zone ("%eth0") names the local interface, not the address: dropped, as two zones are one machine's address.
  const t = ip.trim().replace(/%.*$/, '');
  // Four plain decimal parts only: ipaddr.js alone would also read "10.1" or octal "010.0.0.1" as addresses.
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t).toString();
  if (!ipaddr.IPv6.isValid(t)) return null;
  const v6 = ipaddr.IPv6.parse(t);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  // Eight groups, no leading zeros, no "::" shortening: one spelling per address, so equal addresses match.
  return v6.toNormalizedString();
}

/** "a.b.c.0/24" for IPv4, first four groups + "::/64" for IPv6; null when not an address. */
export function ipPrefix(ip: string): string | null {
  const n = normalizeIp(ip);
  if (!n) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(n)) return `${n.split('.').slice(0, 3).join('.')}.0/24`;
  return `${n.split(':').slice(0, 4).join(':')}::/64`;
}

/**
 * The provider block an address belongs to: "a.b.0.0/16" for IPv4, first three groups + "::/48" for IPv6; null when
 * not an address. A dynamic residential line gets a new address within its provider's block after a router restart,
 * so one operator's accounts, opened weeks apart, stay in one block while their /24s differ. The block is never a
 * link on its own (a provider's block holds thousands of customers): only signals/neighbourhood-drip.ts reads it,
 * against the share of the shop's accounts that hold it.
 */
export function ipBlock(ip: string): string | null {
  const n = normalizeIp(ip);
  if (!n) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(n)) return `${n.split('.').slice(0, 2).join('.')}.0.0/16`;
  return `${n.split(':').slice(0, 3).join(':')}::/48`;
}

/** 12 hex characters, stable across processes; whitespace differences do not matter. */
export function uaHash(ua: string): string {
  const t = ua.trim().replace(/\s+/g, ' ');
  const a = hash32(t, FNV_OFFSET).toString(16).padStart(8, '0');
  const b = hash32(t, 0x2545f491).toString(16).padStart(8, '0');
  return (a + b).slice(0, 12);
}

export interface IdentitySource {
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  device?: string | null;
}

/** The identifier rows one observation of an account yields (account creation, a review, a login). */
export function identifiersFor(src: IdentitySource): Identifier[] {
  const out: Identifier[] = [];
  if (src.ip) {
    const ip = normalizeIp(src.ip);
    const prefix = ipPrefix(src.ip);
    if (ip) out.push({ kind: 'ip', value: ip });
    if (prefix) out.push({ kind: 'ip_prefix', value: prefix });
    const block = ipBlock(src.ip);
    if (block) out.push({ kind: 'ip_block', value: block });
  }
  if (src.userAgent && src.userAgent.trim() !== '') out.push({ kind: 'ua', value: uaHash(src.userAgent) });
  if (src.email?.includes('@')) out.push({ kind: 'email_norm', value: normalizeEmail(src.email) });
  if (src.device && src.device.trim() !== '') out.push({ kind: 'device', value: src.device.trim() });
  return out;
}
