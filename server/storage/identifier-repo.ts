import { randomBytes } from 'node:crypto';
import { ipBlock } from '../integrity/identity-keys.js';
import type { Identifier } from '../integrity/types.js';
import { keyedIdentifier } from '../security/identifier-hash.js';
import type { Queryable } from './database.js';
import { ensureInstanceSetting } from './settings-repo.js';

const IDENTIFIER_KEY = 'identifier_key';

/**
 * The instance's key for identifier hashes: created once (first writer wins) and shared by every process. Read
 * per call (one primary-key row) rather than cached in a module, so two apps in one process never mix keys.
 */
export async function identifierKey(db: Queryable): Promise<string> {
  const row = (await db.query<{ value: string }>('SELECT value FROM instance_settings WHERE name = $1', [IDENTIFIER_KEY])).rows[0];
  return row?.value ?? ensureInstanceSetting(db, IDENTIFIER_KEY, randomBytes(32).toString('base64url'));
}

/** The keyed provider block of an address row (the 'ip_block' value of the same address), null for other kinds. */
export function addressBlock(key: string, kind: string, value: string): string | null {
  if (kind !== 'ip') return null;
  const block = ipBlock(value);
  return block ? keyedIdentifier(key, 'ip_block', block) : null;
}

/**
 * Remembers where an account was seen from; the identity signals link accounts through these rows. The value is
 * stored as a keyed hash (equality is all the checks use); the readable value is kept beside it in `raw` until
 * the retention window clears it. An address row also carries its provider block's keyed hash (`block`).
 */
export async function recordIdentifiers(db: Queryable, accountId: string, identifiers: Identifier[], at: Date, knownKey?: string) {
  if (identifiers.length === 0) return;
  // `knownKey`: the caller read the key already (with its other reads, in one round trip).
  const key = knownKey ?? (await identifierKey(db));
  await db.query(
    `INSERT INTO account_identifiers (kind, value, account_id, first_seen, last_seen, raw, block)
     SELECT k, v, $3, $4, $4, r, b FROM unnest($1::text[], $2::text[], $5::text[], $6::text[]) AS t(k, v, r, b)
     ON CONFLICT (kind, value, account_id) DO UPDATE SET
       last_seen = GREATEST(account_identifiers.last_seen, EXCLUDED.last_seen),
       first_seen = LEAST(account_identifiers.first_seen, EXCLUDED.first_seen),
       raw = EXCLUDED.raw,
       block = COALESCE(account_identifiers.block, EXCLUDED.block)`,
    [
      identifiers.map((i) => i.kind),
      identifiers.map((i) => keyedIdentifier(key, i.kind, i.value)),
      accountId,
      at,
      identifiers.map((i) => i.value),
      identifiers.map((i) => addressBlock(key, i.kind, i.value)),
    ],
  );
}
