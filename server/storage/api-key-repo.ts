import type { Queryable } from './database.js';

export interface ApiKeyRecord {
  id: string;
  merchantId: string;
  label: string;
  keyPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface Row {
  id: string;
  merchant_id: string;
  label: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const toKey = (r: Row): ApiKeyRecord => ({
  id: r.id,
  merchantId: r.merchant_id,
  label: r.label,
  keyPrefix: r.key_prefix,
  createdAt: new Date(r.created_at),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

export async function insertApiKey(
  db: Queryable,
  key: { id: string; merchantId: string; label: string; keyPrefix: string; keyHash: string; createdBy: string; at: Date },
): Promise<void> {
  await db.query(`INSERT INTO api_keys (id, merchant_id, label, key_prefix, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    key.id,
    key.merchantId,
    key.label,
    key.keyPrefix,
    key.keyHash,
    key.createdBy,
    key.at,
  ]);
}

export async function listApiKeys(db: Queryable, merchantId: string): Promise<ApiKeyRecord[]> {
  const rows = (
    await db.query<Row>(
      `SELECT id, merchant_id, label, key_prefix, created_at, last_used_at, revoked_at FROM api_keys
       WHERE merchant_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC`,
      [merchantId],
    )
  ).rows;
  return rows.map(toKey);
}

export async function revokeApiKey(db: Queryable, merchantId: string, keyId: string, at: Date): Promise<boolean> {
  const rows = (
    await db.query('UPDATE api_keys SET revoked_at = $3 WHERE merchant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id', [merchantId, keyId, at])
  ).rows;
  return rows.length === 1;
}

/** Finds an active key by its hash and records its use in the same statement. */
export async function useApiKey(db: Queryable, keyHash: string, at: Date): Promise<ApiKeyRecord | null> {
  const row = (
    await db.query<Row>(
      `UPDATE api_keys SET last_used_at = $2 WHERE key_hash = $1 AND revoked_at IS NULL
       RETURNING id, merchant_id, label, key_prefix, created_at, last_used_at, revoked_at`,
      [keyHash, at],
    )
  ).rows[0];
  return row ? toKey(row) : null;
}
