import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { conflict, invalid, notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { enqueueOutbox, listOutbox } from '../storage/outbox-repo.js';
import {
  advanceEventCursor,
  deleteWebhookEndpoint,
  insertWebhookEndpoint,
  listAllWebhookEndpointsFor,
  listWebhookEndpoints,
  lockEventCursor,
  readReviewEvents,
  type ReviewEvent,
} from '../storage/webhook-repo.js';
import { ipLiteralOf, isAllowedDestination, type GuardOptions } from '../security/outbound-guard.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayManage } from './member-permissions.js';

const MESSAGES = {
  url: 'Enter a full http:// or https:// URL without a user name, password or #fragment.',
  privateHost: 'Webhook URLs must point to a public host.',
  duplicate: 'This URL is already registered.',
  limit: 'A merchant can register at most 5 webhook URLs.',
};

const CURSOR = 'webhooks';
// Rows of the audit log re-read behind the cursor: a transaction that took an id and committed late is still seen.
const LOOKBACK = 200;

export function validateWebhookUrl(input: string, guard: GuardOptions = {}): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid(MESSAGES.url);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.hash || input.length > 2000) {
    throw invalid(MESSAGES.url);
  }
  // An early, friendly refusal for addresses that are plainly not public (the URL parser has already turned
  // 127.1, 2130706433 or 0x7f.1 into 127.0.0.1). The real guard runs at delivery, on the resolved addresses.
  const literal = ipLiteralOf(url);
  if (literal && !isAllowedDestination(literal, guard)) throw invalid(MESSAGES.privateHost);
  if (!literal && /(^|\.)localhost\.?$/i.test(url.hostname) && !guard.allowLoopbackForTests) throw invalid(MESSAGES.privateHost);
  return url.toString();
}

/** Signing secrets are for owners only (they set up the receiving end); others see that one exists. */
export async function listWebhooks(db: Database, scope: MerchantScope) {
  const endpoints = await listWebhookEndpoints(db, scope.merchant.id);
  return scope.role === 'owner' ? endpoints : endpoints.map((e) => ({ ...e, secret: '(shown to owners only)' }));
}

export function recentDeliveries(db: Database, scope: MerchantScope) {
  return listOutbox(db, { kind: 'webhook', merchantId: scope.merchant.id, limit: 20 });
}

export async function registerWebhook(db: Database, scope: MerchantScope, input: string, at: Date, guard: GuardOptions = {}) {
  await assertMayManage(db, scope);
  const url = validateWebhookUrl(input, guard);
  return db.transaction(async (tx) => {
    if ((await listWebhookEndpoints(tx, scope.merchant.id)).length >= 5) throw invalid(MESSAGES.limit);
    const id = newId('wh');
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    if (!(await insertWebhookEndpoint(tx, { id, merchantId: scope.merchant.id, url, secret, at }))) throw conflict(MESSAGES.duplicate);
    return { id, url, secret };
  });
}

export async function removeWebhook(db: Database, scope: MerchantScope, id: string): Promise<void> {
  await assertMayManage(db, scope);
  if (!(await deleteWebhookEndpoint(db, scope.merchant.id, id))) throw notFound('The webhook');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the timestamp is signed too, so replays can be refused. */
export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** What a merchant's server does with a delivery (also used by the tests). */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function eventPayload(event: ReviewEvent) {
  return {
    id: `evt_${event.auditId}`,
    type: event.type,
    created: event.at.toISOString(),
    data: {
      merchant_id: event.merchantId,
      sku: event.productSku,
      product_name: event.productName,
      review: {
        id: event.reviewId,
        rating: event.rating,
        title: event.title,
        body: event.body,
        author: event.authorName,
        verified_purchase: event.verified,
        created_at: event.createdAt.toISOString(),
      },
      reply: event.reply ? { body: event.reply.body, updated_at: event.reply.at.toISOString() } : null,
    },
  };
}

/**
 * Turns new review events in the audit log into one queued delivery per event and endpoint. Endpoints only
 * get events from after they were registered. One transaction: the cursor moves with the deliveries it queued.
 */
export async function pumpReviewEvents(db: Database, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const cursor = await lockEventCursor(tx, CURSOR);
    const events = await readReviewEvents(tx, Math.max(0, cursor - LOOKBACK), 500);
    if (events.length === 0) return 0;
    const endpoints = await listAllWebhookEndpointsFor(tx, [...new Set(events.map((e) => e.merchantId))]);
    let queued = 0;
    for (const event of events) {
      for (const endpoint of endpoints) {
        if (endpoint.merchantId !== event.merchantId || event.at < endpoint.createdAt) continue;
        const added = await enqueueOutbox(tx, {
          kind: 'webhook',
          merchantId: endpoint.merchantId,
          dedupeKey: `webhook:${endpoint.id}:${event.auditId}`,
          payload: { endpointId: endpoint.id, event: eventPayload(event) },
          at,
        });
        if (added) queued++;
      }
    }
    await advanceEventCursor(tx, CURSOR, Math.max(...events.map((e) => e.auditId)));
    return queued;
  });
}
