import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Every request Candor makes to an address a user gave (webhooks, any future fetch) goes only to public
 * unicast addresses. The check runs on the addresses the name resolves to at connection time, and the
 * connection uses exactly the checked address (the lookup below is the socket's lookup: no second query
 * an attacker's DNS could answer differently).
 */

export class BlockedDestinationError extends Error {
  constructor(
    readonly address: string,
    readonly range: string,
  ) {
    super(`refused to connect to ${address} (${range} address)`);
    this.name = 'BlockedDestinationError';
  }
}

export interface GuardOptions {
  /** Test suites only: loopback (and nothing else private) is allowed. */
  allowLoopbackForTests?: boolean;
}

// IPv6 ranges whose low 32 bits carry an IPv4 address (NAT64 well-known and local-use prefixes).
const NAT64 = [ipaddr.parseCIDR('64:ff9b::/96'), ipaddr.parseCIDR('64:ff9b:1::/48')] as const;

/** The range an address falls in after unwrapping any IPv4 it embeds; 'unicast' means public. */
export function classifyAddress(text: string): string {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return (parsed as ipaddr.IPv4).range();
  const v6 = parsed as ipaddr.IPv6;
  const bytes = v6.toByteArray();
  const embedded = (offset: number) => new ipaddr.IPv4(bytes.slice(offset, offset + 4));
  if (v6.isIPv4MappedAddress()) return embedded(12).range();
  if (NAT64.some(([net, bits]) => v6.match(net, bits))) return embedded(12).range();
  const range = v6.range();
  // 6to4 (2002:AABB:CCDD::/48) embeds the IPv4 in bits 16–48.
  if (range === '6to4') return embedded(2).range();
  // IPv4-compatible ::a.b.c.d (deprecated) and everything else in ::/96.
  if (bytes.slice(0, 12).every((b) => b === 0)) return range === 'unspecified' || range === 'loopback' ? range : 'ipv4Compatible';
  // Teredo obfuscates the client address; it is never a legitimate webhook endpoint.
  return range;
}

export function isAllowedDestination(address: string, options: GuardOptions = {}): boolean {
  const range = classifyAddress(address);
  if (range === 'unicast') return true;
  return options.allowLoopbackForTests === true && range === 'loopback';
}

/** Throws BlockedDestinationError unless the address is allowed. */
export function assertAllowedDestination(address: string, options: GuardOptions = {}): void {
  if (!isAllowedDestination(address, options)) throw new BlockedDestinationError(address, classifyAddress(address));
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A socket `lookup` that resolves every address of the name and refuses the connection if any is not allowed. */
export function guardedLookup(options: GuardOptions = {}) {
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { all: true, verbatim: true, family: lookupOptions.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      const blocked = addresses.find((a) => !isAllowedDestination(a.address, options));
      if (blocked) return callback(new BlockedDestinationError(blocked.address, classifyAddress(blocked.address)) as NodeJS.ErrnoException, []);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (lookupOptions.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** True when the URL's host is an IP literal (in any notation the URL parser accepts). */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : null;
}
