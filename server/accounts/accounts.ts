import { hash, verify } from '@node-rs/argon2';
import { conflict, notFound } from '../domain-errors.js';
import { identifiersFor } from '../integrity/identity-keys.js';
import {
  addMerchantStaff,
  findAccountByEmail,
  findAccountById,
  insertAccount,
  type AccountRecord,
  type Role,
} from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';
import { recordIdentifiers } from '../storage/identifier-repo.js';
import { newId } from '../storage/ids.js';

const MESSAGES = {
  emailTaken: 'An account with this email already exists. Sign in instead.',
};

// OWASP's argon2id minimum (19 MiB, 2 passes): a sign-in costs ~20–40 ms here, which rate limits make affordable.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export interface SignUpInput {
  displayName: string;
  email: string;
  password: string;
  role?: Role;
  ip: string | null;
  userAgent: string | null;
  /** The browser's first-party device id, when signing up through the web app. */
  device?: string | null;
  at: Date;
  id?: string;
}

/** Creates an account and remembers where it signed up from: the identity signals need it. */
export async function signUp(db: Database, input: SignUpInput): Promise<AccountRecord> {
  const passwordHash = await hashPassword(input.password);
  return createAccount(db, { ...input, passwordHash });
}

export async function createAccount(
  db: Database,
  input: Omit<SignUpInput, 'password'> & { passwordHash: string | null },
): Promise<AccountRecord> {
  try {
    return await insertAccountWithIdentifiers(db, input);
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides, and the loser hears why.
    if ((error as { code?: string }).code === '23505') throw conflict(MESSAGES.emailTaken);
    throw error;
  }
}

async function insertAccountWithIdentifiers(
  db: Database,
  input: Omit<SignUpInput, 'password'> & { passwordHash: string | null },
): Promise<AccountRecord> {
  return db.transaction(async (tx) => {
    if (input.passwordHash !== null && (await findAccountByEmail(tx, input.email))) throw conflict(MESSAGES.emailTaken);
    const id = input.id ?? newId('a');
    await insertAccount(tx, {
      id,
      email: input.email.trim(),
      displayName: input.displayName.trim(),
      passwordHash: input.passwordHash,
      role: input.role ?? 'customer',
      createdAt: input.at,
      signupIp: input.ip,
      signupUserAgent: input.userAgent,
    });
    await recordIdentifiers(
      tx,
      id,
      identifiersFor({ email: input.email, ip: input.ip ?? undefined, userAgent: input.userAgent ?? undefined, device: input.device ?? undefined }),
      input.at,
    );
    const account = await findAccountById(tx, id);
    if (!account) throw notFound('The new account');
    return account;
  });
}

/** Returns the account when the password matches; the same null for an unknown email and a wrong password. */
export async function verifyCredentials(db: Database, email: string, password: string): Promise<AccountRecord | null> {
  const account = await findAccountByEmail(db, email);
  if (!account?.passwordHash) {
    // Spend the same time as a real check so response times do not reveal which emails have accounts.
    await verify(DUMMY_HASH, password).catch(() => false);
    return null;
  }
  const ok = await verify(account.passwordHash, password).catch(() => false);
  return ok ? account : null;
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0E0jGqQ1aO3kJQ6pVZpQ8kq3h1P9mB7sQm2T1S2V3b0';

export async function makeMerchantStaff(db: Database, merchantId: string, accountId: string, canManage: boolean) {
  await addMerchantStaff(db, merchantId, accountId, canManage);
}

export { findAccountById };
