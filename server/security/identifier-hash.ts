import { createHmac } from 'node:crypto';

/**
 * Keyed hashes of identity signals (addresses, network prefixes, browser builds, devices, mailboxes). The integrity
 * checks only ever ask "do two accounts hold the same value?", which a keyed hash answers as well as the raw value,
 * while someone who reads the database cannot turn it back into an address without the instance's key (kept in
 * instance_settings, like the session secret). Each identifier kind is hashed separately, and each prefix level is
 * its own kind, so "same /24" stays "same /24" after hashing.
 */
export const KEYED_PREFIX = 'k1:';

export function keyedIdentifier(key: string, kind: string, value: string): string {
  if (isKeyed(value)) return value;
  const mac = createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('base64url');
  // 132 bits: collisions between two real values are out of reach, and the column stays short.
  return `${KEYED_PREFIX}${mac.slice(0, 22)}`;
}

export function isKeyed(value: string): boolean {
  return value.startsWith(KEYED_PREFIX);
}
