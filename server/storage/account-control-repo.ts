import type { Queryable } from './database.js';

/** Writes behind the account page: name, address, password, confirmation, and the account's sessions. */

export async function updateDisplayName(db: Queryable, accountId: string, displayName: string): Promise<void> {
  await db.query('UPDATE accounts SET display_name = $2 WHERE id = $1 AND deleted_at IS NULL', [accountId, displayName]);
}

export async function updatePasswordHash(db: Queryable, accountId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE accounts SET password_hash = $2 WHERE id = $1 AND deleted_at IS NULL', [accountId, passwordHash]);
}

/** Confirms `email` for the account (a new address replaces the old one). False when the account is gone. */
export async function confirmEmail(db: Queryable, accountId: string, email: string, at: Date): Promise<boolean> {
  const result = await db.query('UPDATE accounts SET email = $2, email_verified_at = $3 WHERE id = $1 AND deleted_at IS NULL RETURNING id', [
    accountId,
    email,
    at,
  ]);
  return result.rows.length > 0;
}

/** Another account (not this one) that signs in with this address. */
export async function emailTakenByOther(db: Queryable, email: string, accountId: string): Promise<boolean> {
  return (
    (
      await db.query('SELECT 1 FROM accounts WHERE lower(email) = lower($1) AND id <> $2 AND password_hash IS NOT NULL AND deleted_at IS NULL', [
        email,
        accountId,
      ])
    ).rows.length > 0
  );
}

/** Sessions live in PostgreSQL (see session-store.ts); passport keeps the account id under passport.user. */
export async function deleteSessionsOf(db: Queryable, accountId: string, exceptSid: string | null = null): Promise<number> {
  const result = await db.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1 AND ($2::text IS NULL OR sid <> $2) RETURNING sid`, [
    accountId,
    exceptSid,
  ]);
  return result.rows.length;
}

export async function countSessionsOf(db: Queryable, accountId: string, at: Date): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE sess->'passport'->>'user' = $1 AND expires_at > $2`, [accountId, at]))
    .rows[0]!.n;
}
