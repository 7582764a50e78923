// When a later re-check moves a published review back to held, the people who saw it published are told: its
// author (the review is no longer shown while a moderator looks at it) and, when the merchant replied to it, the
// merchant (their reply is hidden with it). Messages go through the outbox, in the re-check's transaction.
import { type NotificationLinks, queueNotification } from '../mail/notifications.js';
import type { Queryable } from '../storage/database.js';
import { heldNoticeRecipients } from '../storage/review-repo.js';
import type { ReassessmentNotices } from './integrity-gate.js';

const MESSAGES = {
  authorSubject: (product: string) => `Your review of ${product} is being checked again`,
  authorText: (name: string, product: string, title: string) =>
    `Hello ${name},\n\nnew information led our automatic checks to look again at your review of ${product} ("${title}"). ` +
    'It is hidden while a moderator reviews it. You do not need to do anything; you will hear from us when a moderator has decided, ' +
    'and you can appeal any decision from your account page.\n',
  merchantSubject: (product: string) => `A review of ${product} you replied to is being checked again`,
  merchantText: (product: string, title: string) =>
    `A review of ${product} ("${title}") that you replied to is hidden while a moderator checks it again after new information. ` +
    'Your reply is hidden with it and shown again if the review is published.\n',
};

export function heldNoticesByEmail(links: NotificationLinks): ReassessmentNotices {
  return {
    async movedToHeld(tx: Queryable, review: { id: string; title: string }, at: Date) {
      const to = await heldNoticeRecipients(tx, review.id);
      if (!to) return;
      // Notices like every other (a kind the person can switch off, a one-click unsubscribe); the dedupe key makes a
      // repeated re-check of the same verdict time send one message, not two.
      const key = `held-again:${review.id}:${at.toISOString()}`;
      if (to.author) {
        await queueNotification(tx, links, {
          accountId: to.author.id,
          to: to.author.email,
          kind: 'review-held',
          subject: MESSAGES.authorSubject(to.productName),
          text: MESSAGES.authorText(to.author.name, to.productName, review.title),
          dedupeKey: `${key}:author`,
          merchantId: null,
          at,
        });
      }
      if (to.replier) {
        await queueNotification(tx, links, {
          accountId: to.replier.id,
          to: to.replier.email,
          kind: 'merchant-reply-hidden',
          subject: MESSAGES.merchantSubject(to.productName),
          text: MESSAGES.merchantText(to.productName, review.title),
          dedupeKey: `${key}:merchant`,
          merchantId: to.merchantId,
          at,
        });
      }
    },
  };
}
