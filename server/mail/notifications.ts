// Notices by e-mail, through the outbox. Authors hear when their review is published, held, decided by a moderator or
// answered by the merchant (with any make-good), and when someone comments on it; the merchant's team hears of new
// 1–2★ reviews and of the authors' resolutions. Every notice names its kind, carries a one-click unsubscribe for that
// kind (List-Unsubscribe + List-Unsubscribe-Post, RFC 8058) and is not queued for someone who switched the kind off.
// Events are read from the audit log behind a cursor (like the webhooks), so every way a review moves (web, API,
// console, worker) is noticed without each use case having to remember to send mail.
import { FOLLOW_UP_MESSAGES } from '../merchants/follow-ups.js';
import { signInvitationToken } from '../merchants/invitation-token.js';
import type { Database, Queryable } from '../storage/database.js';
import {
  alreadyQueued,
  claimDueReminders,
  isOptedOut,
  markReminded,
  merchantRecipients,
  readNotificationEvents,
  type NotificationEvent,
} from '../storage/notification-repo.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';
import { advanceEventCursor, lockEventCursor } from '../storage/webhook-repo.js';
import { INVITATION_REMINDER_KIND, unsubscribeHeaders } from './unsubscribe-token.js';

export const NOTIFICATION_KINDS = {
  'review-published': { audience: 'author', label: 'My review was published' },
  'review-held': { audience: 'author', label: 'My review is held for a moderator' },
  'review-decided': { audience: 'author', label: 'A moderator decided about my review' },
  'review-answered': { audience: 'author', label: 'The shop answered my review (or offered a make-good)' },
  'review-comment': { audience: 'author', label: 'Someone commented on my review' },
  'merchant-poor-review': { audience: 'merchant', label: 'A new 1–2★ review of a shop I manage' },
  'merchant-resolution': { audience: 'merchant', label: 'A customer said whether a follow-up resolved their problem' },
  'merchant-reply-hidden': { audience: 'merchant', label: 'A review I replied to is hidden while it is checked again' },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, kind);
}

/** What a notice needs to build its links: the public address and the keys that sign them. */
export interface NotificationLinks {
  publicUrl: string;
  unsubscribeKey: Buffer;
  invitationKey: Buffer;
}

const DECISION_WORDS: Record<string, string> = {
  'moderator.publish': 'published it',
  'moderator.reject': 'decided not to publish it',
  'moderator.remove': 'removed it',
};

const MESSAGES = {
  footer: (label: string, unsubscribe: string, settings: string) =>
    `\n--\nYou get this e-mail because of the setting “${label}”.\nStop these e-mails (one click): ${unsubscribe}\nAll e-mail settings: ${settings}\n`,
  published: (e: NotificationEvent, url: string) => ({
    subject: `Your review of ${e.productName} is published`,
    text: `Hello ${e.author.name},\n\nyour review “${e.title}” of ${e.productName} is published: ${url}\n`,
  }),
  held: (e: NotificationEvent, url: string) => ({
    subject: `Your review of ${e.productName} is waiting for a moderator`,
    text:
      `Hello ${e.author.name},\n\nour automatic checks asked a moderator to look at your review “${e.title}” of ${e.productName} before it is shown. ` +
      `You do not need to do anything; you will hear from us when a moderator has decided. Your account page shows why: ${url}\n`,
  }),
  decided: (e: NotificationEvent, words: string, url: string) => ({
    subject: `A moderator decided about your review of ${e.productName}`,
    text: `Hello ${e.author.name},\n\na moderator looked at your review “${e.title}” of ${e.productName} and ${words}. You can read the reason and appeal from your account page: ${url}\n`,
  }),
  answered: (e: NotificationEvent, url: string) => ({
    subject: `${e.merchantName} answered your review`,
    text: `Hello ${e.author.name},\n\n${e.merchantName} answered your review “${e.title}” of ${e.productName} publicly: ${url}\nYour review stays exactly as you wrote it.\n`,
  }),
  comment: (e: NotificationEvent, url: string) => ({
    subject: `A new comment on your review of ${e.productName}`,
    text: `Hello ${e.author.name},\n\nsomeone commented on your review “${e.title}” of ${e.productName}: ${url}\n`,
  }),
  poorReview: (e: NotificationEvent, url: string) => ({
    subject: `A new ${e.rating}★ review of ${e.productName}`,
    text:
      `A customer published a ${e.rating}★ review of ${e.productName} (“${e.title}”): ${url}\n` +
      'You can answer it publicly, and offer a make-good, from your follow-up inbox. A make-good may never depend on the review.\n',
  }),
  resolution: (e: NotificationEvent, resolved: boolean, url: string) => ({
    subject: `${resolved ? 'Resolved' : 'Not resolved'}: the ${e.rating}★ review of ${e.productName}`,
    text:
      `The author of the review “${e.title}” of ${e.productName} says your follow-up ${resolved ? 'resolved' : 'did not resolve'} their problem.` +
      `${e.outcomeNote ? `\nTheir note: “${e.outcomeNote}”` : ''}\n${url}\n`,
  }),
  reminderSubject: (product: string) => `A reminder: how is your ${product}?`,
  reminderText: (product: string, merchant: string, link: string, expires: string) =>
    [
      'Hello,',
      '',
      `A few days ago ${merchant} asked Candor to invite you to review ${product}. This is the only reminder you will get.`,
      'Every genuine review is published, whether it is good or bad, and nobody is rewarded for a rating.',
      '',
      `Write your review: ${link}`,
      '',
      `The link works once and expires on ${expires}. If you do not want to write a review, you can ignore this email.`,
    ].join('\n'),
};

const base = (links: NotificationLinks) => links.publicUrl.replace(/\/$/, '');

/**
 * Queues one notice for one account unless that account switched the kind off. The unsubscribe link goes in the
 * List-Unsubscribe header (one-click POST) and in the text. False when it was not queued (switched off, or queued
 * already under this dedupe key).
 */
export async function queueNotification(
  tx: Queryable,
  links: NotificationLinks,
  n: { accountId: string; to: string; kind: NotificationKind; subject: string; text: string; dedupeKey: string; merchantId: string | null; at: Date },
): Promise<boolean> {
  if (await isOptedOut(tx, n.accountId, n.kind)) return false;
  const { url: unsubscribe, headers } = unsubscribeHeaders(links.publicUrl, links.unsubscribeKey, n.accountId, n.kind);
  return enqueueOutbox(tx, {
    kind: 'email',
    merchantId: n.merchantId,
    dedupeKey: n.dedupeKey,
    at: n.at,
    payload: {
      to: n.to,
      subject: n.subject,
      text: `${n.text}${MESSAGES.footer(NOTIFICATION_KINDS[n.kind].label, unsubscribe, `${base(links)}/account/notifications`)}`,
      headers,
      notification: { accountId: n.accountId, kind: n.kind },
    },
  });
}

/** Which notices one audit entry gives rise to (none for most). */
function noticesFor(
  e: NotificationEvent,
  links: NotificationLinks,
): { kind: NotificationKind; accountId: string; to: string; subject: string; text: string }[] {
  const tab = `${base(links)}/products/${encodeURIComponent(e.productSlug)}/reviews#review-${e.reviewId}`;
  const account = `${base(links)}/account`;
  const toAuthor = (kind: NotificationKind, m: { subject: string; text: string }) =>
    e.author.canSignIn ? [{ kind, accountId: e.author.id, to: e.author.email, ...m }] : [];
  if (e.targetKind === 'comment') {
    // A comment reaching the tab (at once or after a moderator), never the author's own.
    const published = e.afterState === 'published' && (e.action === 'integrity.submit' || e.action === 'moderator.publish');
    return published && e.commenterId !== e.author.id ? toAuthor('review-comment', MESSAGES.comment(e, tab)) : [];
  }
  if (e.action === 'integrity.submit' || e.action === 'integrity.edit') {
    if (e.afterState === 'published') return toAuthor('review-published', MESSAGES.published(e, tab));
    if (e.afterState === 'held') return toAuthor('review-held', MESSAGES.held(e, account));
    return [];
  }
  // A re-check that moves a published review back to held already tells its author (held-notices.ts).
  const words = DECISION_WORDS[e.action];
  if (words) return toAuthor('review-decided', MESSAGES.decided(e, words, account));
  if (e.action === 'merchant.reply') return toAuthor('review-answered', MESSAGES.answered(e, tab));
  if (e.action === 'merchant.follow_up') {
    // The follow-up's own words (follow-ups.ts): the make-good, and the link where the author says if it was resolved.
    return toAuthor('review-answered', {
      subject: FOLLOW_UP_MESSAGES.mailSubject(e.merchantName),
      text: FOLLOW_UP_MESSAGES.mailText(e.merchantName, e.makeGood, tab),
    });
  }
  return [];
}

/** The merchant-side notices of one entry: a poor review's first publication, or the author's answer to a follow-up. */
function merchantNoticeFor(e: NotificationEvent, links: NotificationLinks): { kind: NotificationKind; subject: string; text: string } | null {
  if (e.targetKind !== 'review') return null;
  const followUps = `${base(links)}/merchant/${encodeURIComponent(e.merchantId)}/follow-ups`;
  if (e.afterState === 'published' && !e.publishedBefore && e.rating <= 2) return { kind: 'merchant-poor-review', ...MESSAGES.poorReview(e, followUps) };
  if (e.action === 'review.follow_up_resolved' || e.action === 'review.follow_up_not_resolved') {
    const tab = `${base(links)}/products/${encodeURIComponent(e.productSlug)}/reviews#review-${e.reviewId}`;
    return { kind: 'merchant-resolution', ...MESSAGES.resolution(e, e.action === 'review.follow_up_resolved', tab) };
  }
  return null;
}

const CURSOR = 'notifications';
// Entries re-read behind the cursor: a transaction that took an id and committed late is still seen.
const LOOKBACK = 200;

/** Turns new audit entries into queued notices; one transaction, so the cursor moves with what it queued. */
export async function pumpNotifications(db: Database, links: NotificationLinks, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const cursor = await lockEventCursor(tx, CURSOR);
    const events = await readNotificationEvents(tx, Math.max(0, cursor - LOOKBACK), 500);
    type Notice = Parameters<typeof queueNotification>[2];
    const notices: Notice[] = [];
    for (const e of events) {
      for (const n of noticesFor(e, links)) notices.push({ ...n, dedupeKey: `notify:${e.auditId}:${n.kind}:${n.accountId}`, merchantId: null, at });
      const forMerchant = merchantNoticeFor(e, links);
      if (!forMerchant) continue;
      for (const member of await merchantRecipients(tx, e.merchantId)) {
        const dedupeKey = `notify:${e.auditId}:${forMerchant.kind}:${member.id}`;
        notices.push({ ...forMerchant, accountId: member.id, to: member.email, dedupeKey, merchantId: e.merchantId, at });
      }
    }
    // The look-back re-reads entries already handled: one query finds their notices, so only new ones cost work.
    const done = await alreadyQueued(
      tx,
      notices.map((n) => n.dedupeKey),
    );
    let queued = 0;
    for (const n of notices) if (!done.has(n.dedupeKey) && (await queueNotification(tx, links, n))) queued++;
    if (events.length) await advanceEventCursor(tx, CURSOR, Math.max(...events.map((e) => e.auditId)));
    return queued;
  });
}

/** Days after the invitation before its one reminder; the invitation's own expiry still applies. */
export const REMINDER_AFTER_MS = 7 * 86_400_000;

/**
 * The one neutral reminder per invitation: the same words for every buyer (there is no rating yet to look at),
 * sent once (claimed and marked in one transaction, with a dedupe key), and never after the invitation was used.
 */
export async function sendInvitationReminders(db: Database, links: NotificationLinks, now: Date, limit = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await claimDueReminders(tx, now, new Date(now.getTime() - REMINDER_AFTER_MS), limit);
    for (const r of due) {
      const link = `${base(links)}/invitations/${signInvitationToken(links.invitationKey, r.id, r.expiresAt)}`;
      const unsubscribe = unsubscribeHeaders(links.publicUrl, links.unsubscribeKey, r.id, INVITATION_REMINDER_KIND);
      await enqueueOutbox(tx, {
        kind: 'email',
        merchantId: r.merchantId,
        dedupeKey: `invitation-reminder:${r.id}`,
        at: now,
        payload: {
          to: r.email,
          subject: MESSAGES.reminderSubject(r.productName),
          text: MESSAGES.reminderText(r.productName, r.merchantName, link, r.expiresAt.toISOString().slice(0, 10)),
          headers: unsubscribe.headers,
          invitationId: r.id,
        },
      });
      await markReminded(tx, r.id, now);
    }
    return due.length;
  });
}
