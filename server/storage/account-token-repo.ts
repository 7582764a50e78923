import type { Queryable } from './database.js';

export type TokenPurpose = 'verify_email' | 'reset_password';

export async function insertAccountToken(
  db: Queryable,
  token: { id: string; accountId: string; purpose: TokenPurpose; tokenHash: string; email: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db.query(`INSERT INTO account_tokens (id, account_id, purpose, token_hash, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    token.id,
    token.accountId,
    token.purpose,
    token.tokenHash,
    token.email,
    token.createdAt,
    token.expiresAt,
  ]);
}

/** Older unused links of this purpose stop working when a new one is sent: only the latest e-mail counts. */
export async function retireAccountTokens(db: Queryable, accountId: string, purpose: TokenPurpose, at: Date): Promise<void> {
  await db.query('UPDATE account_tokens SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL', [accountId, purpose, at]);
}

/**
 * Marks the token used and returns it, in one statement: of two requests racing with one link, exactly one
 * gets the row. Expired, used and unknown tokens all return null.
 */
export async function useAccountToken(db: Queryable, purpose: TokenPurpose, tokenHash: string, at: Date): Promise<{ accountId: string; email: string } | null> {
  const row = (
    await db.query<{ account_id: string; email: string }>(
      `UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING account_id, email`,
      [tokenHash, purpose, at],
    )
  ).rows[0];
  return row ? { accountId: row.account_id, email: row.email } : null;
}

/** Whether a token is still usable (the page showing the form asks before the person types a new password). */
export async function accountTokenUsable(db: Queryable, purpose: TokenPurpose, tokenHash: string, at: Date): Promise<boolean> {
  return (
    (await db.query('SELECT 1 FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3', [tokenHash, purpose, at]))
      .rows.length > 0
  );
}
