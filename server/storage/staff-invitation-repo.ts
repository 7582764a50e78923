import type { Queryable } from './database.js';
import type { TeamRole } from './team-repo.js';

export interface StaffInvitation {
  id: string;
  merchantId: string;
  merchantName: string;
  email: string;
  invitedAt: Date;
  /** The team role offered; null when the invitation only declares staff. */
  role: TeamRole | null;
}

type Row = { id: string; merchant_id: string; merchant_name: string; email: string; invited_at: Date; role: TeamRole | null };
const toInvitation = (r: Row): StaffInvitation => ({
  id: r.id,
  merchantId: r.merchant_id,
  merchantName: r.merchant_name,
  email: r.email,
  invitedAt: new Date(r.invited_at),
  role: r.role,
});

/** Returns false when an invitation for this email is already pending at this merchant. */
export async function insertStaffInvitation(
  db: Queryable,
  inv: { id: string; merchantId: string; email: string; invitedBy: string; at: Date; role?: TeamRole | null },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO staff_invitations (id, merchant_id, email, invited_by, invited_at, role) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (merchant_id, lower(email)) WHERE status = 'pending' DO NOTHING RETURNING id`,
      [inv.id, inv.merchantId, inv.email, inv.invitedBy, inv.at, inv.role ?? null],
    )
  ).rows;
  return rows.length === 1;
}

const SELECT = `SELECT i.id, i.merchant_id, m.name AS merchant_name, i.email, i.invited_at, i.role
  FROM staff_invitations i JOIN merchants m ON m.id = i.merchant_id`;

export async function listPendingInvitationsForMerchant(db: Queryable, merchantId: string): Promise<StaffInvitation[]> {
  return (await db.query<Row>(`${SELECT} WHERE i.merchant_id = $1 AND i.status = 'pending' ORDER BY i.invited_at`, [merchantId])).rows.map(toInvitation);
}

export async function listPendingInvitationsForEmail(db: Queryable, email: string): Promise<StaffInvitation[]> {
  return (await db.query<Row>(`${SELECT} WHERE lower(i.email) = lower($1) AND i.status = 'pending' ORDER BY i.invited_at`, [email])).rows.map(toInvitation);
}

/** Locks a pending invitation addressed to this email; null when there is none (answered, withdrawn, someone else's). */
export async function lockPendingInvitation(db: Queryable, id: string, email: string): Promise<StaffInvitation | null> {
  const row = (await db.query<Row>(`${SELECT} WHERE i.id = $1 AND lower(i.email) = lower($2) AND i.status = 'pending' FOR UPDATE OF i`, [id, email])).rows[0];
  return row ? toInvitation(row) : null;
}

export async function answerInvitation(db: Queryable, id: string, status: 'accepted' | 'declined', accountId: string, at: Date): Promise<void> {
  await db.query(`UPDATE staff_invitations SET status = $2, answered_by = $3, answered_at = $4 WHERE id = $1`, [id, status, accountId, at]);
}

export async function withdrawInvitation(db: Queryable, merchantId: string, id: string, at: Date): Promise<boolean> {
  const rows = (
    await db.query(
      `UPDATE staff_invitations SET status = 'withdrawn', answered_at = $3 WHERE id = $1 AND merchant_id = $2 AND status = 'pending' RETURNING id`,
      [id, merchantId, at],
    )
  ).rows;
  return rows.length === 1;
}
