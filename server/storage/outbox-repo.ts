import type { Queryable } from './database.js';

export type OutboxKind = 'email' | 'webhook';

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  merchantId: string | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

interface Row {
  id: number;
  kind: OutboxKind;
  merchant_id: string | null;
  payload: Record<string, unknown> | string;
  status: OutboxItem['status'];
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const toItem = (r: Row): OutboxItem => ({
  id: Number(r.id),
  kind: r.kind,
  merchantId: r.merchant_id,
  payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

/** Queues a message; a repeated dedupe key is ignored (returns false), which makes producers idempotent. */
export async function enqueueOutbox(
  db: Queryable,
  item: { kind: OutboxKind; merchantId: string | null; dedupeKey: string | null; payload: Record<string, unknown>; at: Date; maxAttempts?: number },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO outbox (kind, merchant_id, dedupe_key, payload, next_attempt_at, created_at, max_attempts)
       VALUES ($1, $2, $3, $4, $5, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [item.kind, item.merchantId, item.dedupeKey, JSON.stringify(item.payload), item.at, item.maxAttempts ?? 8],
    )
  ).rows;
  return rows.length === 1;
}

/**
 * Leases up to `limit` due items: their next attempt is pushed past the lease so that another worker does not
 * pick them up while this one is sending; attempts counts the try.
 */
export async function leaseDueOutbox(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<OutboxItem[]> {
  const rows = (
    await db.query<Row>(
      `UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, leaseUntil, limit],
    )
  ).rows;
  return rows.map(toItem).sort((a, b) => a.id - b.id);
}

export async function markOutboxSent(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query(`UPDATE outbox SET status = 'sent', sent_at = $2, last_error = NULL WHERE id = $1`, [id, at]);
}

export async function markOutboxFailed(db: Queryable, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE outbox SET last_error = $2, status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = COALESCE($3::timestamptz, next_attempt_at) WHERE id = $1`,
    [id, error.slice(0, 1000), retryAt],
  );
}

export async function findOutboxItem(db: Queryable, id: number): Promise<OutboxItem | null> {
  const row = (await db.query<Row>('SELECT * FROM outbox WHERE id = $1', [id])).rows[0];
  return row ? toItem(row) : null;
}

export async function listOutbox(db: Queryable, filter: { kind?: OutboxKind; merchantId?: string; limit: number }): Promise<OutboxItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) {
    params.push(filter.kind);
    where.push(`kind = $${params.length}`);
  }
  if (filter.merchantId) {
    params.push(filter.merchantId);
    where.push(`merchant_id = $${params.length}`);
  }
  params.push(filter.limit);
  const rows = (
    await db.query<Row>(`SELECT * FROM outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`, params)
  ).rows;
  return rows.map(toItem);
}
