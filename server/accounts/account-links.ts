import { createHash, randomBytes } from 'node:crypto';
import { accountTokenUsable, insertAccountToken, retireAccountTokens, useAccountToken, type TokenPurpose } from '../storage/account-token-repo.js';
import type { Queryable } from '../storage/database.js';
import { newId } from '../storage/ids.js';

/**
 * One-use links sent by e-mail (confirming an address, resetting a password). Only a sha256 of the token is
 * stored, so a copy of the database opens no account; a link works once, until it expires, and sending a new
 * one retires the older ones.
 */
export const LINK_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3_600_000,
  reset_password: 3_600_000,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stores a new link for the account and returns its token (to be put only into the e-mail). */
export async function issueLink(tx: Queryable, input: { accountId: string; purpose: TokenPurpose; email: string; at: Date }): Promise<string> {
  await retireAccountTokens(tx, input.accountId, input.purpose, input.at);
  const token = randomBytes(32).toString('base64url');
  await insertAccountToken(tx, {
    id: newId('t'),
    accountId: input.accountId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    email: input.email,
    createdAt: input.at,
    expiresAt: new Date(input.at.getTime() + LINK_LIFETIME_MS[input.purpose]),
  });
  return token;
}

/** Uses the link once: the account and address it was sent for, or null (unknown, used or expired). */
export function redeemLink(tx: Queryable, purpose: TokenPurpose, token: string, at: Date) {
  return useAccountToken(tx, purpose, hashToken(token), at);
}

export function linkUsable(db: Queryable, purpose: TokenPurpose, token: string, at: Date) {
  return accountTokenUsable(db, purpose, hashToken(token), at);
}
