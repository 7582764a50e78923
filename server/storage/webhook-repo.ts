import type { Queryable } from './database.js';

export interface WebhookEndpoint {
  id: string;
  merchantId: string;
  url: string;
  secret: string;
  createdAt: Date;
}

interface Row {
  id: string;
  merchant_id: string;
  url: string;
  secret: string;
  created_at: Date;
}

const toEndpoint = (r: Row): WebhookEndpoint => ({ id: r.id, merchantId: r.merchant_id, url: r.url, secret: r.secret, createdAt: new Date(r.created_at) });

export async function listWebhookEndpoints(db: Queryable, merchantId: string): Promise<WebhookEndpoint[]> {
  return (await db.query<Row>('SELECT * FROM webhook_endpoints WHERE merchant_id = $1 ORDER BY created_at', [merchantId])).rows.map(toEndpoint);
}

export async function insertWebhookEndpoint(db: Queryable, e: { id: string; merchantId: string; url: string; secret: string; at: Date }): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO webhook_endpoints (id, merchant_id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id, url) DO NOTHING RETURNING id`,
      [e.id, e.merchantId, e.url, e.secret, e.at],
    )
  ).rows;
  return rows.length === 1;
}

export async function deleteWebhookEndpoint(db: Queryable, merchantId: string, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND id = $2 RETURNING id', [merchantId, id])).rows.length === 1;
}

export interface ReviewEvent {
  auditId: number;
  at: Date;
  type: 'review.published' | 'reply.published';
  reviewId: string;
  merchantId: string;
  productSku: string;
  productName: string;
  rating: number;
  title: string;
  body: string;
  authorName: string;
  verified: boolean;
  createdAt: Date;
  reply: { body: string; at: Date } | null;
}

/**
 * Review events from the append-only audit log after `afterId`: a review's first move to published, and
 * merchant replies. Reads committed rows only, so a slow transaction's lower id is caught by the look-back.
 */
export async function readReviewEvents(db: Queryable, afterId: number, limit: number): Promise<ReviewEvent[]> {
  const rows = (
    await db.query<{
      audit_id: number;
      at: Date;
      action: string;
      review_id: string;
      merchant_id: string;
      sku: string;
      product_name: string;
      rating: number;
      title: string;
      body: string;
      author_name: string;
      order_id: string | null;
      created_at: Date;
      reply_body: string | null;
      reply_at: Date | null;
    }>(
      `SELECT l.id AS audit_id, l.at, l.action, r.id AS review_id, r.merchant_id, p.sku, p.name AS product_name, r.rating,
         r.title, r.body, a.display_name AS author_name, r.order_id, r.created_at, mr.body AS reply_body, mr.updated_at AS reply_at
       FROM audit_log l
       JOIN reviews r ON r.id = l.target_id
       JOIN products p ON p.id = r.product_id
       JOIN accounts a ON a.id = r.account_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       WHERE l.id > $1 AND l.target_kind = 'review' AND r.status = 'published'
         AND (l.action = 'merchant.reply'
              OR (l.after_state = 'published' AND NOT EXISTS (
                    SELECT 1 FROM audit_log e WHERE e.target_kind = 'review' AND e.target_id = l.target_id
                      AND e.after_state = 'published' AND e.id < l.id)))
       ORDER BY l.id LIMIT $2`,
      [afterId, limit],
    )
  ).rows;
  return rows.map((r) => ({
    auditId: Number(r.audit_id),
    at: new Date(r.at),
    type: r.action === 'merchant.reply' ? 'reply.published' : 'review.published',
    reviewId: r.review_id,
    merchantId: r.merchant_id,
    productSku: r.sku,
    productName: r.product_name,
    rating: r.rating,
    title: r.title,
    body: r.body,
    authorName: r.author_name,
    verified: r.order_id !== null,
    createdAt: new Date(r.created_at),
    reply: r.reply_body !== null ? { body: r.reply_body, at: new Date(r.reply_at!) } : null,
  }));
}

export async function lockEventCursor(db: Queryable, name: string): Promise<number> {
  const row = (await db.query<{ last_id: number }>('SELECT last_id FROM event_cursors WHERE name = $1 FOR UPDATE', [name])).rows[0];
  return row ? Number(row.last_id) : 0;
}

export async function advanceEventCursor(db: Queryable, name: string, lastId: number): Promise<void> {
  await db.query('UPDATE event_cursors SET last_id = GREATEST(last_id, $2) WHERE name = $1', [name, lastId]);
}

export async function listAllWebhookEndpointsFor(db: Queryable, merchantIds: string[]): Promise<WebhookEndpoint[]> {
  if (merchantIds.length === 0) return [];
  return (await db.query<Row>('SELECT * FROM webhook_endpoints WHERE merchant_id = ANY($1::text[])', [merchantIds])).rows.map(toEndpoint);
}

export async function findWebhookEndpoint(db: Queryable, id: string): Promise<WebhookEndpoint | null> {
  const row = (await db.query<Row>('SELECT * FROM webhook_endpoints WHERE id = $1', [id])).rows[0];
  return row ? toEndpoint(row) : null;
}
