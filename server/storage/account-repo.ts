import type { Queryable } from './database.js';
import { EFFECTIVE_ROLE_SQL } from './team-repo.js';

export type Role = 'customer' | 'moderator' | 'admin';

export interface AccountRecord {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  status: 'active' | 'suspended';
  createdAt: Date;
  /** When the address was confirmed from its mailbox; null until then (web sign-ups start unconfirmed). */
  emailVerifiedAt: Date | null;
  /** Set when the person deleted the account: only the id and this date remain. */
  deletedAt: Date | null;
  /** Merchants whose area this account may manage. */
  manages: string[];
}

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: Role;
  status: 'active' | 'suspended';
  created_at: Date;
  email_verified_at: Date | null;
  deleted_at: Date | null;
  manages: string[] | null;
}

const SELECT_ACCOUNT = `SELECT a.id, a.email, a.display_name, a.password_hash, a.role, a.status, a.created_at, a.email_verified_at, a.deleted_at,
  (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s
    WHERE s.account_id = a.id AND s.can_manage) AS manages
  FROM accounts a`;

function toAccount(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    status: row.status,
    createdAt: new Date(row.created_at),
    emailVerifiedAt: row.email_verified_at ? new Date(row.email_verified_at) : null,
    deletedAt: row.deleted_at ? new Date(row.deleted_at) : null,
    manages: row.manages ?? [],
  };
}

export async function findAccountById(db: Queryable, id: string): Promise<AccountRecord | null> {
  const row = (await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.id = $1`, [id])).rows[0];
  return row ? toAccount(row) : null;
}

/** Reads the account and locks its row until the transaction ends. */
export async function lockAccount(db: Queryable, id: string): Promise<AccountRecord | null> {
  // One statement: the row read is the row locked (the staff subquery reads other tables and locks nothing).
  const row = (await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE a.id = $1 FOR NO KEY UPDATE OF a`, [id])).rows[0];
  return row ? toAccount(row) : null;
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<AccountRecord | null> {
  const row = (
    await db.query<AccountRow>(`${SELECT_ACCOUNT} WHERE lower(a.email) = lower($1) ORDER BY (a.password_hash IS NOT NULL) DESC, a.created_at LIMIT 1`, [email])
  ).rows[0];
  return row ? toAccount(row) : null;
}

export async function insertAccount(
  db: Queryable,
  account: {
    id: string;
    email: string;
    displayName: string;
    passwordHash: string | null;
    role: Role;
    createdAt: Date;
    signupIp: string | null;
    signupUserAgent: string | null;
    emailVerifiedAt?: Date | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO accounts (id, email, display_name, password_hash, role, created_at, signup_ip, signup_user_agent, email_verified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      account.id,
      account.email,
      account.displayName,
      account.passwordHash,
      account.role,
      account.createdAt,
      account.signupIp,
      account.signupUserAgent,
      account.emailVerifiedAt ?? null,
    ],
  );
}

export async function addMerchantStaff(db: Queryable, merchantId: string, accountId: string, canManage: boolean) {
  await db.query(
    `INSERT INTO merchant_staff (merchant_id, account_id, can_manage) VALUES ($1, $2, $3)
     ON CONFLICT (merchant_id, account_id) DO UPDATE SET can_manage = merchant_staff.can_manage OR EXCLUDED.can_manage`,
    [merchantId, accountId, canManage],
  );
}

/** What the actor policy needs: status and every merchant the account is staff of (managers and accepted declarations). */
export async function findActorFacts(
  db: Queryable,
  accountId: string,
): Promise<{ id: string; status: 'active' | 'suspended'; role: Role; staffOf: string[]; manages: string[]; replies: string[]; owns: string[] } | null> {
  const row = (
    await db.query<{
      id: string;
      status: 'active' | 'suspended';
      role: Role;
      staff_of: string[] | null;
      manages: string[] | null;
      replies: string[] | null;
      owns: string[] | null;
    }>(
      `SELECT a.id, a.status, a.role,
         (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s WHERE s.account_id = a.id) AS staff_of,
         (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s WHERE s.account_id = a.id AND s.can_manage) AS manages,
         (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s
           WHERE s.account_id = a.id AND ${EFFECTIVE_ROLE_SQL} IN ('owner', 'staff')) AS replies,
         (SELECT array_agg(s.merchant_id ORDER BY s.merchant_id) FROM merchant_staff s
           WHERE s.account_id = a.id AND ${EFFECTIVE_ROLE_SQL} = 'owner') AS owns
       FROM accounts a WHERE a.id = $1`,
      [accountId],
    )
  ).rows[0];
  return row
    ? {
        id: row.id,
        status: row.status,
        role: row.role,
        staffOf: row.staff_of ?? [],
        manages: row.manages ?? [],
        replies: row.replies ?? [],
        owns: row.owns ?? [],
      }
    : null;
}
