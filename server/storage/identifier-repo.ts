import type { Identifier } from '../integrity/types.js';
import type { Queryable } from './database.js';

/** Remembers where an account was seen from; the identity signals link accounts through these rows. */
export async function recordIdentifiers(db: Queryable, accountId: string, identifiers: Identifier[], at: Date) {
  if (identifiers.length === 0) return;
  await db.query(
    `INSERT INTO account_identifiers (kind, value, account_id, first_seen, last_seen)
     SELECT k, v, $3, $4, $4 FROM unnest($1::text[], $2::text[]) AS t(k, v)
     ON CONFLICT (kind, value, account_id) DO UPDATE SET
       last_seen = GREATEST(account_identifiers.last_seen, EXCLUDED.last_seen),
       first_seen = LEAST(account_identifiers.first_seen, EXCLUDED.first_seen)`,
    [identifiers.map((i) => i.kind), identifiers.map((i) => i.value), accountId, at],
  );
}
