import type { Queryable } from './database.js';

export interface InvitationRecord {
  id: string;
  merchantId: string;
  orderId: string;
  productId: string;
  email: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
}

interface Row {
  id: string;
  merchant_id: string;
  order_id: string;
  product_id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
}

const toInvitation = (r: Row): InvitationRecord => ({
  id: r.id,
  merchantId: r.merchant_id,
  orderId: r.order_id,
  productId: r.product_id,
  email: r.email,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  usedAt: r.used_at ? new Date(r.used_at) : null,
  usedBy: r.used_by,
});

export async function findOrderByExternalRef(db: Queryable, merchantId: string, externalRef: string) {
  const row = (
    await db.query<{ id: string; product_id: string; email: string | null; ordered_at: Date; invitation_id: string | null; expires_at: Date | null }>(
      `SELECT o.id, o.product_id, o.email, o.ordered_at, i.id AS invitation_id, i.expires_at
       FROM orders o LEFT JOIN invitations i ON i.order_id = o.id
       WHERE o.merchant_id = $1 AND o.external_ref = $2`,
      [merchantId, externalRef],
    )
  ).rows[0];
  return row
    ? {
        id: row.id,
        productId: row.product_id,
        email: row.email,
        orderedAt: new Date(row.ordered_at),
        invitationId: row.invitation_id,
        invitationExpiresAt: row.expires_at ? new Date(row.expires_at) : null,
      }
    : null;
}

/** Returns false when another request recorded the same external reference first. */
export async function insertExternalOrder(
  db: Queryable,
  order: { id: string; merchantId: string; productId: string; email: string; orderedAt: Date; externalRef: string; at: Date },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO orders (id, merchant_id, product_id, account_id, email, ordered_at, external_ref, created_at)
       VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)
       ON CONFLICT (merchant_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING RETURNING id`,
      [order.id, order.merchantId, order.productId, order.email, order.orderedAt, order.externalRef, order.at],
    )
  ).rows;
  return rows.length === 1;
}

export async function insertInvitation(
  db: Queryable,
  inv: { id: string; merchantId: string; orderId: string; productId: string; email: string; at: Date; expiresAt: Date },
): Promise<void> {
  await db.query(`INSERT INTO invitations (id, merchant_id, order_id, product_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    inv.id,
    inv.merchantId,
    inv.orderId,
    inv.productId,
    inv.email,
    inv.at,
    inv.expiresAt,
  ]);
}

export async function findInvitation(db: Queryable, id: string): Promise<InvitationRecord | null> {
  const row = (await db.query<Row>('SELECT * FROM invitations WHERE id = $1', [id])).rows[0];
  return row ? toInvitation(row) : null;
}

/** Claims the invitation for one account; false when it was already used (single use, race-safe). */
export async function claimInvitation(db: Queryable, id: string, accountId: string, at: Date): Promise<boolean> {
  const rows = (
    await db.query('UPDATE invitations SET used_at = $3, used_by = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $3 RETURNING id', [id, accountId, at])
  ).rows;
  return rows.length === 1;
}

/** Gives a claimed invitation back when the review it was claimed for could not be saved. */
export async function releaseInvitation(db: Queryable, id: string, accountId: string): Promise<void> {
  await db.query('UPDATE invitations SET used_at = NULL, used_by = NULL WHERE id = $1 AND used_by = $2', [id, accountId]);
}

/** Links the order to the buyer's account, unless it is already linked to someone else. */
export async function linkOrderToAccount(db: Queryable, orderId: string, accountId: string): Promise<boolean> {
  const rows = (
    await db.query('UPDATE orders SET account_id = $2 WHERE id = $1 AND (account_id IS NULL OR account_id = $2) RETURNING id', [orderId, accountId])
  ).rows;
  return rows.length === 1;
}
