import { normalizeIp } from '../integrity/identity-keys.js';
import { isKeyed, keyedIdentifier } from '../security/identifier-hash.js';
import type { Queryable } from './database.js';
import { identifierKey } from './identifier-repo.js';
import { listAccountReviewPhotos } from './photo-repo.js';

/**
 * Everything held about one account, for the person's own export and for deletion. The export walks the schema
 * (every column that references accounts) rather than a hand-kept list, so a table added later is exported too.
 */

/** Columns that are secrets, not data about the person: never exported. */
const SECRET_COLUMNS = new Set(['password_hash', 'token_hash', 'key_hash', 'secret', 'verification_token']);

/**
 * References that make a row someone else's record rather than the person's: a vote another account cast that the
 * checks linked to this one. Exporting it would hand integrity evidence about other people to each account.
 */
const NOT_THEIRS = new Set(['helpful_votes.linked_to']);

export interface AccountDataSection {
  table: string;
  /** The column that points at the account (a table can point at it in several ways: author, decider…). */
  column: string;
  rows: Record<string, unknown>[];
}

/** Every (table, column) that references accounts(id), from the catalogue. */
async function accountReferences(db: Queryable): Promise<{ table: string; column: string }[]> {
  const rows = (
    await db.query<{ table_name: string; column_name: string }>(
      `SELECT kcu.table_name, kcu.column_name
         FROM information_schema.referential_constraints rc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name AND ccu.constraint_schema = rc.constraint_schema
        WHERE rc.constraint_schema = current_schema() AND ccu.table_name = 'accounts' AND ccu.column_name = 'id'
        ORDER BY 1, 2`,
    )
  ).rows;
  return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

const withoutSecrets = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([k]) => !SECRET_COLUMNS.has(k)));

export async function readAccountData(db: Queryable, accountId: string): Promise<{ account: Record<string, unknown> | null; sections: AccountDataSection[] }> {
  const account = (await db.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(a) AS row FROM accounts a WHERE id = $1', [accountId])).rows[0]?.row;
  const sections: AccountDataSection[] = [];
  for (const ref of await accountReferences(db)) {
    if (NOT_THEIRS.has(`${ref.table}.${ref.column}`)) continue;
    // Identifiers come from the catalogue, not from a person, and are quoted.
    const rows = (await db.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM "${ref.table}" t WHERE t."${ref.column}" = $1`, [accountId]))
      .rows;
    if (rows.length > 0) sections.push({ ...ref, rows: rows.map((r) => withoutSecrets(r.row)) });
  }
  // Review photos point at the reviews, not the account: listed through them, without their bytes.
  const photos = await listAccountReviewPhotos(db, accountId);
  if (photos.length > 0) sections.push({ table: 'review_photos', column: 'reviews.account_id', rows: photos });
  // Sessions reference the account inside their JSON; their ids are the sign-in itself and are not shown.
  const sessions = (
    await db.query<{ expires_at: Date; created: string | null }>(
      `SELECT expires_at, sess -> 'cookie' ->> 'originalMaxAge' AS created FROM sessions WHERE sess -> 'passport' ->> 'user' = $1 ORDER BY expires_at`,
      [accountId],
    )
  ).rows;
  sections.push({ table: 'sessions', column: 'passport.user', rows: sessions.map((s) => ({ expires_at: new Date(s.expires_at).toISOString() })) });
  return { account: account ? withoutSecrets(account) : null, sections };
}

export interface ErasedPerson {
  email: string;
  displayName: string;
}

/**
 * Deletion (inside the caller's transaction): the account keeps its id, which reviews, votes and the audit log
 * point at, and nothing that names or locates the person. Addresses and browsers the integrity checks compare
 * become keyed hashes (the same kinds the retention job writes), so links to other accounts still hold.
 */
export async function eraseAccountData(tx: Queryable, accountId: string, input: { at: Date; removeContent: boolean }): Promise<ErasedPerson | null> {
  const person = (
    await tx.query<{ email: string; display_name: string }>('SELECT email, display_name FROM accounts WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [
      accountId,
    ])
  ).rows[0];
  if (!person) return null;
  const key = await identifierKey(tx);
  const hashIp = (ip: string | null) => (ip === null || isKeyed(ip) ? ip : keyedIdentifier(key, 'ip', normalizeIp(ip) ?? ip));
  const hashUa = (ua: string | null) => (ua === null || isKeyed(ua) ? ua : keyedIdentifier(key, 'user_agent', ua));
  const email = person.email;

  // Raw addresses the person used, before their readable copies go: rate-limit counters are keyed by them.
  const rawIps = (
    await tx.query<{ raw: string }>(`SELECT DISTINCT raw FROM account_identifiers WHERE account_id = $1 AND kind = 'ip' AND raw IS NOT NULL`, [accountId])
  ).rows.map((r) => r.raw);
  await tx.query('UPDATE account_identifiers SET raw = NULL WHERE account_id = $1', [accountId]);
  for (const table of ['reviews', 'comments', 'product_questions', 'question_answers']) {
    const rows = (
      await tx.query<{ id: string; ip: string | null; user_agent: string | null }>(`SELECT id, ip, user_agent FROM ${table} WHERE account_id = $1`, [accountId])
    ).rows;
    for (const r of rows) rawIps.push(...(r.ip && !isKeyed(r.ip) ? [r.ip] : []));
    if (rows.length > 0) {
      await tx.query(`UPDATE ${table} x SET ip = t.ip, user_agent = t.ua FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, ip, ua) WHERE x.id = t.id`, [
        rows.map((r) => r.id),
        rows.map((r) => hashIp(r.ip)),
        rows.map((r) => hashUa(r.user_agent)),
      ]);
    }
  }
  if (input.removeContent) {
    // Asked for: the words go too. The rows stay (votes, replies and verdicts point at them) as removed and empty.
    await tx.query(`UPDATE reviews SET status = 'removed', title = '', body = '', updated_at = $2 WHERE account_id = $1`, [accountId, input.at]);
    for (const table of ['comments', 'product_questions', 'question_answers']) {
      await tx.query(`UPDATE ${table} SET status = 'removed', body = '', updated_at = $2 WHERE account_id = $1`, [accountId, input.at]);
    }
  }
  const account = (
    await tx.query<{ signup_ip: string | null; signup_user_agent: string | null }>('SELECT signup_ip, signup_user_agent FROM accounts WHERE id = $1', [
      accountId,
    ])
  ).rows[0]!;
  if (account.signup_ip && !isKeyed(account.signup_ip)) rawIps.push(account.signup_ip);
  await tx.query(
    `UPDATE accounts SET email = $2, display_name = $3, password_hash = NULL, role = 'customer', email_verified_at = NULL, deleted_at = $4,
       signup_ip = $5, signup_user_agent = $6 WHERE id = $1`,
    [accountId, `deleted-${accountId}@deleted.invalid`, FORMER_CUSTOMER, input.at, hashIp(account.signup_ip), hashUa(account.signup_user_agent)],
  );

  await tx.query('DELETE FROM account_tokens WHERE account_id = $1', [accountId]);
  await tx.query(`DELETE FROM sessions WHERE sess -> 'passport' ->> 'user' = $1`, [accountId]);
  // Mail to the person (sent or waiting) holds their address and name; the mail itself is theirs, not ours to keep.
  await tx.query(`DELETE FROM outbox WHERE kind = 'email' AND lower(payload ->> 'to') = lower($1)`, [email]);
  // Orders and invitations are the shop's records of a sale: they stay, without the buyer's address.
  await tx.query('UPDATE orders SET email = NULL WHERE account_id = $1 OR lower(email) = lower($2)', [accountId, email]);
  const hashedEmail = keyedIdentifier(key, 'email', email.trim().toLowerCase());
  await tx.query('UPDATE invitations SET email = $3 WHERE used_by = $1 OR lower(email) = lower($2)', [accountId, email, hashedEmail]);
  await tx.query('UPDATE staff_invitations SET email = $3 WHERE answered_by = $1 OR lower(email) = lower($2)', [accountId, email, hashedEmail]);
  // Rate-limit counters are keyed by "<limit>:account:<id>" or "<limit>:ip:<address>" and last an hour at most.
  await tx.query(`DELETE FROM rate_limit_hits WHERE key LIKE '%:account:' || $1 OR split_part(key, ':ip:', 2) = ANY ($2::text[])`, [accountId, rawIps]);
  const quoted = [
    { needle: email, by: '[deleted address]' },
    { needle: person.display_name, by: FORMER_CUSTOMER },
  ];
  await scrubQuotes(tx, { table: 'audit_log', key: 'id', textColumns: ['before_state', 'after_state', 'reason'], jsonColumns: ['details'] }, quoted);
  await scrubQuotes(tx, { table: 'outbox', key: 'id', textColumns: [], jsonColumns: ['payload'] }, quoted);
  return { email, displayName: person.display_name };
}

export const FORMER_CUSTOMER = 'A former customer';

/**
 * Text that quoted the person after the account is gone: the audit log (append-only for decisions, but a deleted
 * person's address and name must not outlive the account in it) and the outbox (mail to other people and webhook
 * payloads name the author). Each occurrence, as a whole word, is replaced; the entry itself stays.
 */
async function scrubQuotes(
  tx: Queryable,
  target: { table: string; key: string; textColumns: string[]; jsonColumns: string[] },
  replacements: { needle: string; by: string }[],
): Promise<void> {
  const wanted = replacements.filter((r) => r.needle.trim().length >= 3);
  if (wanted.length === 0) return;
  const columns = [...target.textColumns, ...target.jsonColumns];
  const rows = (
    await tx.query<{ id: string; row: Record<string, unknown> | string }>(
      `SELECT ${target.key}::text AS id, jsonb_build_object(${columns.map((c) => `'${c}', ${c}`).join(', ')}) AS row FROM ${target.table} t
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(v) WHERE strpos(lower(to_jsonb(t)::text), n.v) > 0)`,
      [wanted.map((r) => r.needle.toLowerCase())],
    )
  ).rows;
  const patterns = wanted.map((r) => ({
    re: new RegExp(`(?<![\\p{L}\\p{N}])${r.needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'),
    by: r.by,
  }));
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return patterns.reduce((text, p) => text.replace(p.re, p.by), value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  for (const r of rows) {
    const clean = scrub(typeof r.row === 'string' ? JSON.parse(r.row) : r.row) as Record<string, unknown>;
    await tx.query(`UPDATE ${target.table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE ${target.key}::text = $1`, [
      r.id,
      ...target.textColumns.map((c) => clean[c] ?? null),
      ...target.jsonColumns.map((c) => JSON.stringify(clean[c] ?? {})),
    ]);
  }
}
