import type { Logger } from 'pino';
import { pumpReviewEvents, signWebhookBody } from '../merchants/webhooks.js';
import type { Database } from '../storage/database.js';
import { leaseDueOutbox, markOutboxFailed, markOutboxSent, type OutboxItem } from '../storage/outbox-repo.js';
import { findWebhookEndpoint } from '../storage/webhook-repo.js';
import { isOptedOut } from '../storage/notification-repo.js';
import { pumpNotifications, sendInvitationReminders, type NotificationLinks } from '../mail/notifications.js';
import type { MailTransport } from '../mail/transport.js';
import type { WebhookPoster } from '../webhooks/webhook-poster.js';

export interface OutboxDeps {
  db: Database;
  clock: () => Date;
  mail: MailTransport;
  mailFrom: string;
  postWebhook: WebhookPoster;
  logger?: Logger;
  /**
   * Links for notices (mail/notifications.ts): with them, each pass also turns new audit entries into notices and
   * sends due invitation reminders. The app's worker always passes them; a test may drain without.
   */
  notifications?: NotificationLinks;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
// Longer than any single send may take (webhook timeout 10 s, SMTP a few seconds): a crashed worker's lease expires.
const LEASE_MS = 5 * 60_000;

/** 30 s, 1 min, 2 min, 4 min … capped at 6 h: attempt n waits 30 s · 2^(n−1). */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One pass of the outbox: turn new review events into webhook deliveries, then send what is due. Safe to run
 * from several processes: items are leased with SKIP LOCKED before anything is sent.
 */
export async function drainOutbox(deps: OutboxDeps, limit = 50): Promise<DrainResult> {
  await pumpReviewEvents(deps.db, deps.clock());
  if (deps.notifications) {
    await pumpNotifications(deps.db, deps.notifications, deps.clock());
    await sendInvitationReminders(deps.db, deps.notifications, deps.clock());
  }
  const now = deps.clock();
  const items = await leaseDueOutbox(deps.db, now, new Date(now.getTime() + LEASE_MS), limit);
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  for (const item of items) {
    try {
      await deliver(deps, item);
      await markOutboxSent(deps.db, item.id, deps.clock());
      result.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = item.attempts >= item.maxAttempts;
      const retryAt = giveUp ? null : new Date(deps.clock().getTime() + backoffMs(item.attempts));
      await markOutboxFailed(deps.db, item.id, message, retryAt);
      deps.logger?.warn({ outboxId: item.id, kind: item.kind, attempts: item.attempts, err: message, giveUp }, 'outbox delivery failed');
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

async function deliver(deps: OutboxDeps, item: OutboxItem): Promise<void> {
  if (item.kind === 'email') {
    const p = item.payload as {
      to: string;
      subject: string;
      text: string;
      headers?: Record<string, string>;
      notification?: { accountId: string; kind: string };
    };
    // Switched off after it was queued: not sent (and not retried).
    if (p.notification && (await isOptedOut(deps.db, p.notification.accountId, p.notification.kind))) return;
    await deps.mail.send({ from: deps.mailFrom, to: p.to, subject: p.subject, text: p.text, headers: p.headers });
    return;
  }
  const p = item.payload as { endpointId: string; event: { type: string } };
  const endpoint = await findWebhookEndpoint(deps.db, p.endpointId);
  if (!endpoint) throw new Error('the webhook endpoint was removed');
  const body = JSON.stringify(p.event);
  const timestamp = Math.floor(deps.clock().getTime() / 1000);
  await deps.postWebhook(endpoint.url, body, {
    'candor-signature': signWebhookBody(endpoint.secret, body, timestamp),
    'candor-event': p.event.type,
    'candor-delivery': String(item.id),
  });
}

export function outboxDepsFrom(services: {
  db: Database;
  clock: () => Date;
  logger: Logger;
  outbound: { mail: MailTransport; mailFrom: string; postWebhook: WebhookPoster };
  config: { publicUrl: string };
  unsubscribeKey: Buffer;
  invitationKey: Buffer;
}): OutboxDeps {
  return {
    notifications: { publicUrl: services.config.publicUrl, unsubscribeKey: services.unsubscribeKey, invitationKey: services.invitationKey },
    db: services.db,
    clock: services.clock,
    logger: services.logger,
    mail: services.outbound.mail,
    mailFrom: services.outbound.mailFrom,
    postWebhook: services.outbound.postWebhook,
  };
}
