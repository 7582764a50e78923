import type { Queryable } from './database.js';

/** A team member's role in the merchant area (see migration 2200); declared staff have none. */
export type TeamRole = 'owner' | 'staff' | 'viewer';
export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'staff', 'viewer'];

// Rows written before roles existed (or by code that only sets can_manage) are owners.
export const EFFECTIVE_ROLE_SQL = `CASE WHEN s.can_manage THEN COALESCE(s.role, 'owner') END`;

export interface TeamMember {
  accountId: string;
  email: string;
  displayName: string;
  role: TeamRole;
  since: Date;
}

export async function listTeam(db: Queryable, merchantId: string): Promise<TeamMember[]> {
  const rows = (
    await db.query<{ account_id: string; email: string; display_name: string; role: TeamRole; created_at: Date }>(
      `SELECT s.account_id, a.email, a.display_name, ${EFFECTIVE_ROLE_SQL} AS role, s.created_at
       FROM merchant_staff s JOIN accounts a ON a.id = s.account_id
       WHERE s.merchant_id = $1 AND s.can_manage
       ORDER BY array_position(ARRAY['owner', 'staff', 'viewer'], ${EFFECTIVE_ROLE_SQL}), a.email`,
      [merchantId],
    )
  ).rows;
  return rows.map((r) => ({ accountId: r.account_id, email: r.email, displayName: r.display_name, role: r.role, since: new Date(r.created_at) }));
}

/** The account's role at this merchant, read fresh (null: not on the team, including removed members). */
export async function findTeamRole(db: Queryable, accountId: string, merchantId: string): Promise<TeamRole | null> {
  const row = (
    await db.query<{ role: TeamRole | null }>(`SELECT ${EFFECTIVE_ROLE_SQL} AS role FROM merchant_staff s WHERE s.account_id = $1 AND s.merchant_id = $2`, [
      accountId,
      merchantId,
    ])
  ).rows[0];
  return row?.role ?? null;
}

/** Locks the merchant's team rows (role changes and removals check "at least one owner stays" under this lock). */
export async function lockTeam(db: Queryable, merchantId: string): Promise<TeamMember[]> {
  await db.query('SELECT account_id FROM merchant_staff WHERE merchant_id = $1 FOR UPDATE', [merchantId]);
  return listTeam(db, merchantId);
}

/** Joins the team (or changes role); an existing declared-staff row is promoted, never duplicated. */
export async function upsertTeamMember(db: Queryable, merchantId: string, accountId: string, role: TeamRole, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO merchant_staff (merchant_id, account_id, can_manage, role, created_at) VALUES ($1, $2, true, $3, $4)
     ON CONFLICT (merchant_id, account_id) DO UPDATE SET can_manage = true, role = EXCLUDED.role`,
    [merchantId, accountId, role, at],
  );
}

export async function setTeamRole(db: Queryable, merchantId: string, accountId: string, role: TeamRole): Promise<boolean> {
  const rows = (
    await db.query('UPDATE merchant_staff SET role = $3 WHERE merchant_id = $1 AND account_id = $2 AND can_manage RETURNING account_id', [
      merchantId,
      accountId,
      role,
    ])
  ).rows;
  return rows.length === 1;
}

/**
 * Leaves the team: no area access from the next request on. The row stays as declared staff (an insider for the
 * integrity checks) until an owner removes the declaration too: a former employee's review is still an insider's.
 */
export async function removeTeamMember(db: Queryable, merchantId: string, accountId: string): Promise<boolean> {
  const rows = (
    await db.query('UPDATE merchant_staff SET can_manage = false, role = NULL WHERE merchant_id = $1 AND account_id = $2 AND can_manage RETURNING account_id', [
      merchantId,
      accountId,
    ])
  ).rows;
  return rows.length === 1;
}
