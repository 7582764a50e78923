import { hash, verify } from '@node-rs/argon2';
import { conflict, invalid, notFound } from '../domain-errors.js';
import { identifiersFor } from '../integrity/identity-keys.js';
import { addMerchantStaff, findAccountByEmail, findAccountById, insertAccount, type AccountRecord, type Role } from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';
import { recordIdentifiers } from '../storage/identifier-repo.js';
import { newId } from '../storage/ids.js';
import { listMerchantNames } from '../storage/merchant-repo.js';
import type { Queryable } from '../storage/database.js';
import { sendAddressTaken, sendConfirmation } from './account-emails.js';
import { issueLink } from './account-links.js';
import { displayNameProblem } from './display-name.js';

const MESSAGES = {
  emailTaken: 'An account with this email already exists. Sign in instead.',
  unconfirmed: 'Please confirm your e-mail address first: we have sent a new link to it. Open the link, then sign in.',
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

export async function createAccount(db: Database, input: Omit<SignUpInput, 'password'> & { passwordHash: string | null }): Promise<AccountRecord> {
  try {
    return await insertAccountWithIdentifiers(db, input);
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides, and the loser hears why.
    if ((error as { code?: string }).code === '23505') throw conflict(MESSAGES.emailTaken);
    throw error;
  }
}

async function insertAccountWithIdentifiers(db: Database, input: Omit<SignUpInput, 'password'> & { passwordHash: string | null }): Promise<AccountRecord> {
  return db.transaction(async (tx) => {
    if (input.passwordHash !== null && (await findAccountByEmail(tx, input.email))) throw conflict(MESSAGES.emailTaken);
    // Made by an administrator (CLI), the demo or an import: the address counts as confirmed.
    return insertAccountRows(tx, { ...input, emailVerifiedAt: input.at });
  });
}

async function insertAccountRows(
  tx: Queryable,
  input: Omit<SignUpInput, 'password'> & { passwordHash: string | null; emailVerifiedAt: Date | null },
): Promise<AccountRecord> {
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
    emailVerifiedAt: input.emailVerifiedAt,
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
}

/**
 * Sign-up from the web form. The answer never says whether the email already has an account: a free email
 * gets an unconfirmed account and a confirmation link, a taken one gets nothing but an email to its owner. Display
 * names that pass for staff, a moderator or a shop are refused (administrators grant such names through the CLI).
 */
export async function signUpFromWeb(
  db: Database,
  // `next`: a safe path on this site (checked by the caller), where signing in leads after the confirmation.
  input: Omit<SignUpInput, 'role' | 'id'> & { baseUrl: string; next?: string },
): Promise<{ account: AccountRecord | null }> {
  const problem = displayNameProblem(input.displayName, await listMerchantNames(db));
  if (problem) throw invalid(problem);
  // Hashed in both cases, so the time taken says nothing about the email either.
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim();
  const place = { at: input.at, baseUrl: input.baseUrl };
  try {
    return await db.transaction(async (tx) => {
      if (await findAccountByEmail(tx, email)) {
        await sendAddressTaken({ tx, ...place }, email);
        return { account: null };
      }
      const account = await insertAccountRows(tx, { ...input, email, passwordHash, role: 'customer', emailVerifiedAt: null });
      const token = await issueLink(tx, { accountId: account.id, purpose: 'verify_email', email, at: input.at });
      await sendConfirmation({ tx, ...place }, email, account.displayName, token, input.next);
      return { account };
    });
  } catch (error) {
    // The same email signed up at the same moment: the unique index decided; the owner hears about the other try.
    if ((error as { code?: string }).code !== '23505') throw error;
    await db.transaction((tx) => sendAddressTaken({ tx, ...place }, email));
    return { account: null };
  }
}

/**
 * Sign-in: the password first (the same null for an unknown email and a wrong password), then the rules for who may
 * sign in. An unconfirmed address is told so only after the right password, and gets a fresh link.
 */
export async function checkSignIn(
  db: Database,
  input: { email: string; password: string; at: Date; baseUrl: string },
): Promise<{ account: AccountRecord } | { refusal: string } | null> {
  const account = await verifyCredentials(db, input.email, input.password);
  if (!account || account.deletedAt) return null;
  if (account.emailVerifiedAt) return { account };
  await db.transaction(async (tx) => {
    const token = await issueLink(tx, { accountId: account.id, purpose: 'verify_email', email: account.email, at: input.at });
    await sendConfirmation({ tx, at: input.at, baseUrl: input.baseUrl }, account.email, account.displayName, token);
  });
  return { refusal: MESSAGES.unconfirmed };
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
export type { AccountRecord };
