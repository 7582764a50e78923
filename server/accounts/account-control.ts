import { verify } from '@node-rs/argon2';
import { UserFacingError, invalid, notFound } from '../domain-errors.js';
import { identifiersFor } from '../integrity/identity-keys.js';
import { recordIdentifiers } from '../storage/identifier-repo.js';
import type { TokenPurpose } from '../storage/account-token-repo.js';
import { confirmEmail, deleteSessionsOf, emailTakenByOther, updateDisplayName, updatePasswordHash } from '../storage/account-control-repo.js';
import { findAccountByEmail, findAccountById } from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';
import { listMerchantNames } from '../storage/merchant-repo.js';
import { hashPassword } from './accounts.js';
import { sendAddressTaken, sendChangeConfirmation, sendPasswordChanged, sendReset } from './account-emails.js';
import { issueLink, linkUsable, redeemLink } from './account-links.js';
import { displayNameProblem } from './display-name.js';

/**
 * What a person can change about their own account. Changes that could lock the owner out or hand the account to
 * someone else (address, password, signing out everywhere, deletion) ask for the current password again, so a
 * session left open on a shared computer is not enough. Answers about other people's addresses never differ.
 */
export const ACCOUNT_MESSAGES = {
  badLink: 'This link does not work any more: it was used already, it has expired, or a newer one was sent. You can ask for a new one.',
  emailConfirmed: 'Thank you: your e-mail address is confirmed.',
  resetRequested: 'If an account uses that address, we have sent it a link to choose a new password. The link works for one hour.',
  passwordReset: 'Your password is changed and every device was signed out. Please sign in with the new password.',
  wrongPassword: 'Your current password is not right.',
  nameChanged: 'Your display name is changed.',
  emailChangeSent: 'We have sent a link to the new address. Your account uses it once you open that link; until then it keeps the old one.',
  sameEmail: 'That is already your e-mail address.',
  passwordChanged: 'Your password is changed. Every other device was signed out.',
  signedOutEverywhere: 'You are signed out everywhere, on this device too.',
  addressTaken: 'That address cannot be used for this account any more. Please ask for a new link from your account page.',
} as const;

interface Place {
  at: Date;
  baseUrl: string;
}

/** Re-authentication: the current password, checked like a sign-in (argon2, same time whatever the outcome). */
export async function requireCurrentPassword(db: Database, accountId: string, password: string) {
  const account = await findAccountById(db, accountId);
  if (!account || account.deletedAt) throw notFound('Your account');
  const ok = account.passwordHash ? await verify(account.passwordHash, password).catch(() => false) : false;
  if (!ok) throw new UserFacingError(403, ACCOUNT_MESSAGES.wrongPassword);
  return account;
}

/** Opens a confirmation link: the address it was sent to becomes the account's confirmed address. */
export async function confirmEmailLink(db: Database, token: string, at: Date): Promise<string> {
  return db.transaction(async (tx) => {
    const link = await redeemLink(tx, 'verify_email', token, at);
    if (!link) throw new UserFacingError(400, ACCOUNT_MESSAGES.badLink);
    // An address change confirmed after someone else took the address meanwhile: the unique index would refuse.
    if (await emailTakenByOther(tx, link.email, link.accountId)) throw new UserFacingError(409, ACCOUNT_MESSAGES.addressTaken);
    if (!(await confirmEmail(tx, link.accountId, link.email, at))) throw new UserFacingError(400, ACCOUNT_MESSAGES.badLink);
    // A new address is an identity signal like the first one: the checks link accounts that share a mailbox.
    await recordIdentifiers(tx, link.accountId, identifiersFor({ email: link.email }), at);
    return ACCOUNT_MESSAGES.emailConfirmed;
  });
}

/** Whether a link from an e-mail still works (the page asks before the person types a new password). */
export function linkIsUsable(db: Database, purpose: TokenPurpose, token: string, at: Date): Promise<boolean> {
  return linkUsable(db, purpose, token, at);
}

/** The same answer whether or not the address has an account; only the mailbox learns which. */
export async function requestPasswordReset(db: Database, email: string, place: Place): Promise<string> {
  await db.transaction(async (tx) => {
    const account = await findAccountByEmail(tx, email.trim());
    if (!account?.passwordHash) return;
    const token = await issueLink(tx, { accountId: account.id, purpose: 'reset_password', email: account.email, at: place.at });
    await sendReset({ tx, ...place }, account.email, token);
  });
  return ACCOUNT_MESSAGES.resetRequested;
}

/** Sets the new password, signs out every session of the account, and (the mailbox was reached) confirms the address. */
export async function resetPassword(db: Database, input: { token: string; password: string } & Place): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const link = await redeemLink(tx, 'reset_password', input.token, input.at);
    if (!link) throw new UserFacingError(400, ACCOUNT_MESSAGES.badLink);
    const account = await findAccountById(tx, link.accountId);
    if (!account || account.email.toLowerCase() !== link.email.toLowerCase()) throw new UserFacingError(400, ACCOUNT_MESSAGES.badLink);
    await updatePasswordHash(tx, account.id, passwordHash);
    if (!account.emailVerifiedAt) await confirmEmail(tx, account.id, account.email, input.at);
    await deleteSessionsOf(tx, account.id);
    await sendPasswordChanged({ tx, at: input.at, baseUrl: input.baseUrl }, account.email, account.displayName);
    return ACCOUNT_MESSAGES.passwordReset;
  });
}

export async function changeDisplayName(db: Database, accountId: string, displayName: string): Promise<string> {
  // The same rules as at sign-up: a new name may not pass for staff, a moderator or a shop either.
  const problem = displayNameProblem(displayName, await listMerchantNames(db));
  if (problem) throw invalid(problem);
  await updateDisplayName(db, accountId, displayName.trim());
  return ACCOUNT_MESSAGES.nameChanged;
}

/** A new address takes effect only once confirmed from its own mailbox; a taken address gets its owner told instead. */
export async function changeEmail(db: Database, input: { accountId: string; password: string; email: string } & Place): Promise<string> {
  const account = await requireCurrentPassword(db, input.accountId, input.password);
  const email = input.email.trim();
  if (email.toLowerCase() === account.email.toLowerCase()) return ACCOUNT_MESSAGES.sameEmail;
  await db.transaction(async (tx) => {
    if (await emailTakenByOther(tx, email, account.id)) return sendAddressTaken({ tx, ...input }, email);
    const token = await issueLink(tx, { accountId: account.id, purpose: 'verify_email', email, at: input.at });
    await sendChangeConfirmation({ tx, ...input }, email, account.displayName, token);
  });
  return ACCOUNT_MESSAGES.emailChangeSent;
}

/** Keeps the session the change was made from; every other session of the account ends. */
export async function changePassword(
  db: Database,
  input: { accountId: string; currentPassword: string; newPassword: string; currentSid: string | null } & Place,
): Promise<string> {
  const account = await requireCurrentPassword(db, input.accountId, input.currentPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updatePasswordHash(tx, account.id, passwordHash);
    await deleteSessionsOf(tx, account.id, input.currentSid);
    await sendPasswordChanged({ tx, ...input }, account.email, account.displayName);
  });
  return ACCOUNT_MESSAGES.passwordChanged;
}

export async function signOutEverywhere(db: Database, input: { accountId: string; password: string }): Promise<string> {
  await requireCurrentPassword(db, input.accountId, input.password);
  await deleteSessionsOf(db, input.accountId);
  return ACCOUNT_MESSAGES.signedOutEverywhere;
}
