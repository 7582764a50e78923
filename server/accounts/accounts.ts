import { hash, verify } from '@node-rs/argon2';
import { conflict, invalid, notFound } from '../domain-errors.js';
import { identifiersFor } from '../integrity/identity-keys.js';
import { addMerchantStaff, findAccountByEmail, findAccountById, insertAccount, type AccountRecord, type Role } from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';
import { recordIdentifiers } from '../storage/identifier-repo.js';
import { newId } from '../storage/ids.js';
import { listMerchantNames } from '../storage/merchant-repo.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';
import type { Queryable } from '../storage/database.js';
import { displayNameProblem } from './display-name.js';

const MESSAGES = {
  emailTaken: 'An account with this email already exists. Sign in instead.',
  welcomeSubject: 'Your Candor account is ready',
  welcome: (name: string, signIn: string) =>
    `Hello ${name},\n\nYour Candor account was created with this email address. You can sign in at ${signIn}.\n\nIf you did not create it, reply to this message and we will close it.`,
  takenSubject: 'Someone tried to create a Candor account with your email',
  taken: (signIn: string) =>
    `Hello,\n\nSomeone (perhaps you) tried to create a Candor account with this email address, which already has one. No new account was made.\n\nIf it was you, sign in at ${signIn}. If it was not, you can ignore this message; your account is unchanged.`,
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
    return insertAccountRows(tx, input);
  });
}

async function insertAccountRows(tx: Queryable, input: Omit<SignUpInput, 'password'> & { passwordHash: string | null }): Promise<AccountRecord> {
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
}

/**
 * Sign-up from the web form. The answer never says whether the email already has an account: a free email
 * gets the account (and a welcome email), a taken one gets nothing but an email to its owner. Display names
 * that pass for staff, a moderator or a shop are refused (administrators grant such names through the CLI).
 */
export async function signUpFromWeb(db: Database, input: Omit<SignUpInput, 'role' | 'id'> & { signInUrl: string }): Promise<{ account: AccountRecord | null }> {
  const problem = displayNameProblem(input.displayName, await listMerchantNames(db));
  if (problem) throw invalid(problem);
  // Hashed in both cases, so the time taken says nothing about the email either.
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim();
  const notifyOwner = (tx: Queryable) =>
    enqueueOutbox(tx, {
      kind: 'email',
      merchantId: null,
      dedupeKey: null,
      payload: { to: email, subject: MESSAGES.takenSubject, text: MESSAGES.taken(input.signInUrl) },
      at: input.at,
    });
  try {
    return await db.transaction(async (tx) => {
      if (await findAccountByEmail(tx, email)) {
        await notifyOwner(tx);
        return { account: null };
      }
      const account = await insertAccountRows(tx, { ...input, email, passwordHash, role: 'customer' });
      await enqueueOutbox(tx, {
        kind: 'email',
        merchantId: null,
        dedupeKey: `welcome:${account.id}`,
        payload: { to: email, subject: MESSAGES.welcomeSubject, text: MESSAGES.welcome(account.displayName, input.signInUrl) },
        at: input.at,
      });
      return { account };
    });
  } catch (error) {
    // The same email signed up at the same moment: the unique index decided; the owner hears about the other try.
    if ((error as { code?: string }).code !== '23505') throw error;
    await notifyOwner(db);
    return { account: null };
  }
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
