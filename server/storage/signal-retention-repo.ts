import { normalizeIp } from '../integrity/identity-keys.js';
import { isKeyed, keyedIdentifier } from '../security/identifier-hash.js';
import type { Database, Queryable } from './database.js';
import { addressBlock, identifierKey } from './identifier-repo.js';

// Any constant works; it only has to be the same in every Candor process sharing one database.
const RETENTION_LOCK_KEY = 7_246_313;
const BATCH = 500;

export interface RawSignalCounts {
  /** Identifier rows written before identifiers were hashed, now hashed. */
  legacyIdentifiers: number;
  /** Identifier rows whose readable value was dropped (the keyed hash stays). */
  identifiersCleared: number;
  /** Reviews, comments and accounts whose address and browser were replaced by keyed hashes. */
  reviews: number;
  comments: number;
  /** Questions and answers (checked by the same pipeline, so posted with an address and browser too). */
  questions: number;
  answers: number;
  accounts: number;
}

/**
 * Raw addresses and user agents are kept at most `keepMs` after they were last seen, then only keyed hashes remain
 * (they still say "same address as that account", which is what the checks and moderators need). Runs by one
 * process at a time (try-lock; a busy lock skips the round). Returns null when skipped.
 */
export async function hashExpiredSignals(db: Database, now: Date, keepMs: number): Promise<RawSignalCounts | null> {
  return db.transaction(async (tx) => {
    const lock = (await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [RETENTION_LOCK_KEY])).rows[0];
    if (!lock?.ok) return null;
    const key = await identifierKey(tx);
    const cutoff = new Date(now.getTime() - keepMs);
    const legacyIdentifiers = await hashLegacyIdentifiers(tx, key);
    const cleared = await tx.query(
      `WITH gone AS (UPDATE account_identifiers SET raw = NULL WHERE raw IS NOT NULL AND last_seen <= $1 RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    return {
      legacyIdentifiers,
      identifiersCleared: Number((cleared.rows[0] as { n: number }).n),
      reviews: await hashRows(tx, key, 'reviews', 'ip', 'user_agent', 'updated_at', cutoff),
      comments: await hashRows(tx, key, 'comments', 'ip', 'user_agent', 'updated_at', cutoff),
      questions: await hashRows(tx, key, 'product_questions', 'ip', 'user_agent', 'updated_at', cutoff),
      answers: await hashRows(tx, key, 'question_answers', 'ip', 'user_agent', 'updated_at', cutoff),
      accounts: await hashRows(tx, key, 'accounts', 'signup_ip', 'signup_user_agent', 'created_at', cutoff),
    };
  });
}

/** Rows stored raw by an older Candor: hashed in place (merged with a hashed twin when one exists). */
async function hashLegacyIdentifiers(tx: Queryable, key: string): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = (
      await tx.query<{ kind: string; value: string; account_id: string; first_seen: Date; last_seen: Date }>(
        `SELECT kind, value, account_id, first_seen, last_seen FROM account_identifiers WHERE value NOT LIKE 'k1:%' LIMIT ${BATCH}`,
      )
    ).rows;
    if (rows.length === 0) return total;
    await tx.query(
      `INSERT INTO account_identifiers (kind, value, account_id, first_seen, last_seen, raw, block)
       SELECT k, v, a, f, l, r, b
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[]) AS t(k, v, a, f, l, r, b)
       ON CONFLICT (kind, value, account_id) DO UPDATE SET
         first_seen = LEAST(account_identifiers.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(account_identifiers.last_seen, EXCLUDED.last_seen),
         raw = COALESCE(account_identifiers.raw, EXCLUDED.raw),
         block = COALESCE(account_identifiers.block, EXCLUDED.block)`,
      [
        rows.map((r) => r.kind),
        rows.map((r) => keyedIdentifier(key, r.kind, r.value)),
        rows.map((r) => r.account_id),
        rows.map((r) => r.first_seen),
        rows.map((r) => r.last_seen),
        rows.map((r) => r.value),
        rows.map((r) => addressBlock(key, r.kind, r.value)),
      ],
    );
    await tx.query(
      `DELETE FROM account_identifiers i USING unnest($1::text[], $2::text[], $3::text[]) AS t(k, v, a)
       WHERE i.kind = t.k AND i.value = t.v AND i.account_id = t.a`,
      [rows.map((r) => r.kind), rows.map((r) => r.value), rows.map((r) => r.account_id)],
    );
    total += rows.length;
  }
}

/** Replaces the raw address and user agent of rows older than the cutoff by keyed hashes, in batches. */
async function hashRows(
  tx: Queryable,
  key: string,
  table: 'reviews' | 'comments' | 'product_questions' | 'question_answers' | 'accounts',
  ipCol: string,
  uaCol: string,
  ageCol: string,
  cutoff: Date,
): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = (
      await tx.query<{ id: string; ip: string | null; ua: string | null }>(
        `SELECT id, ${ipCol} AS ip, ${uaCol} AS ua FROM ${table}
       WHERE ${ageCol} <= $1 AND ((${ipCol} IS NOT NULL AND ${ipCol} NOT LIKE 'k1:%') OR (${uaCol} IS NOT NULL AND ${uaCol} NOT LIKE 'k1:%'))
       LIMIT ${BATCH}`,
        [cutoff],
      )
    ).rows;
    if (rows.length === 0) return total;
    const hashIp = (ip: string | null) => (ip === null || isKeyed(ip) ? ip : keyedIdentifier(key, 'ip', normalizeIp(ip) ?? ip));
    const hashUa = (ua: string | null) => (ua === null || isKeyed(ua) ? ua : keyedIdentifier(key, 'user_agent', ua));
    await tx.query(
      `UPDATE ${table} x SET ${ipCol} = t.ip, ${uaCol} = t.ua FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, ip, ua) WHERE x.id = t.id`,
      [rows.map((r) => r.id), rows.map((r) => hashIp(r.ip)), rows.map((r) => hashUa(r.ua))],
    );
    total += rows.length;
  }
}
