import { createHmac, timingSafeEqual } from 'node:crypto';

// PURE apart from crypto. Token = "<invitation id>.<expiry, unix seconds>.<HMAC-SHA256 base64url>": the id alone
// is unguessable already; the signature also lets a forged or edited link be refused before any lookup, and
// the expiry travels in the link so it can be shown even when the row is gone.

export function signInvitationToken(key: Buffer, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${id}.${exp}.${mac(key, `${id}.${exp}`)}`;
}

export function parseInvitationToken(key: Buffer, token: string): { id: string; expiresAt: Date } | null {
  const match = /^([a-z]{1,4}_[a-z0-9]{8,40})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, exp, given] = match;
  const expected = Buffer.from(mac(key, `${id}.${exp}`));
  const actual = Buffer.from(given!);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { id: id!, expiresAt: new Date(Number(exp) * 1000) };
}

function mac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}
