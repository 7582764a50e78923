// Identifier normalisation shared by storage (account_identifier rows) and the pure checks, so that both
// sides agree on what "the same ip prefix" or "the same mailbox" means.
import type { Identifier } from './types.js';
import { hash32 } from './text-fingerprint.js';

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

function expandIpv6(ip: string): string[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // An embedded IPv4 tail counts as two groups.
  const v4 = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    s = s.slice(0, -v4[1].length) + ((p[0] << 8) | p[1]).toString(16) + ':' + ((p[2] << 8) | p[3]).toString(16);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array(missing).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

function parseIpv4(ip: string): number[] | null {
  const m = ip.trim().match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const p = m.slice(1).map(Number);
  return p.every((x) => x <= 255) ? p : null;
}

/** Canonical form of an address (IPv4-mapped IPv6 becomes IPv4), or null when it is not an address. */
export function normalizeIp(ip: string): string | null {
  const t = ip.trim();
  const v4 = parseIpv4(t);
  if (v4) return v4.join('.');
  const mapped = t.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped && parseIpv4(mapped[1])) return parseIpv4(mapped[1])!.join('.');
  const g = expandIpv6(t);
  return g ? g.join(':') : null;
}

/** "a.b.c.0/24" for IPv4, first four groups + "::/64" for IPv6; null when not an address. */
export function ipPrefix(ip: string): string | null {
  const n = normalizeIp(ip);
  if (!n) return null;
  const v4 = parseIpv4(n);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.0/24`;
  return `${n.split(':').slice(0, 4).join(':')}::/64`;
}

/** 12 hex characters, stable across processes; whitespace differences do not matter. */
export function uaHash(ua: string): string {
  const t = ua.trim().replace(/\s+/g, ' ');
  const a = hash32(t, 0x811c9dc5).toString(16).padStart(8, '0');
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
  }
  if (src.userAgent && src.userAgent.trim() !== '') out.push({ kind: 'ua', value: uaHash(src.userAgent) });
  if (src.email?.includes('@')) out.push({ kind: 'email_norm', value: normalizeEmail(src.email) });
  if (src.device && src.device.trim() !== '') out.push({ kind: 'device', value: src.device.trim() });
  return out;
}
