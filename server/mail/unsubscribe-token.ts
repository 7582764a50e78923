import { createHmac, timingSafeEqual } from 'node:crypto';

// PURE apart from crypto. One-click unsubscribe (RFC 8058): the link in an e-mail is the whole authorization, so it
// works without signing in. Token = "<account id>.<kind>.<HMAC-SHA256 base64url>": it can stop one kind of e-mail
// for one account and nothing else; an edited id or kind fails the signature. It does not expire: an old e-mail's
// unsubscribe link must keep working.

export function signUnsubscribeToken(key: Buffer, accountId: string, kind: string): string {
  return `${accountId}.${kind}.${mac(key, `${accountId}.${kind}`)}`;
}

export function parseUnsubscribeToken(key: Buffer, token: string): { accountId: string; kind: string } | null {
  const match = /^([a-z]{1,4}_[A-Za-z0-9_-]{1,60})\.([a-z-]{3,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, accountId, kind, given] = match;
  const expected = Buffer.from(mac(key, `${accountId}.${kind}`));
  const actual = Buffer.from(given!);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { accountId: accountId!, kind: kind! };
}

/** The kind carried by an invitation's link: it declines the invitation's one reminder (the subject is the invitation). */
export const INVITATION_REMINDER_KIND = 'invitation-reminder';

/** The link and the RFC 8058 headers for one subject and kind. */
export function unsubscribeHeaders(publicUrl: string, key: Buffer, subjectId: string, kind: string): { url: string; headers: Record<string, string> } {
  const url = `${publicUrl.replace(/\/$/, '')}/unsubscribe/${signUnsubscribeToken(key, subjectId, kind)}`;
  return { url, headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

function mac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(`unsubscribe:${text}`).digest('base64url');
}
