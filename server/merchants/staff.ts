import { UserFacingError, notFound } from '../domain-errors.js';
import { findAccountByEmail, findAccountById } from '../storage/account-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { deleteDeclaredStaff, insertDeclaredStaff, listStaff } from '../storage/merchant-repo.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';
import {
  answerInvitation,
  insertStaffInvitation,
  listPendingInvitationsForEmail,
  listPendingInvitationsForMerchant,
  lockPendingInvitation,
  withdrawInvitation,
} from '../storage/staff-invitation-repo.js';
import { upsertTeamMember } from '../storage/team-repo.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayManage } from './member-permissions.js';

export const STAFF_MESSAGES = {
  // The same words whether or not the email has an account: the form must not reveal which.
  invited: 'Invitation recorded. If a Candor account uses this email, its owner sees the invitation after signing in; it counts only once they accept.',
  notDeclared: 'That account is not on your declared staff list (team members who manage this area are not removed here).',
  accepted: (merchant: string) => `You are now listed as staff of ${merchant}. Your reviews of its products will say so.`,
  joined: (merchant: string) => `You joined the team of ${merchant}: its merchant area is in the header. Your reviews of its products will say you are staff.`,
  declined: 'Invitation declined. Nothing changed.',
  mailSubject: (merchant: string) => `${merchant} lists you as staff on Candor`,
  mailText: (merchant: string, url: string) =>
    `Hello,\n\n${merchant} says you work for them or on their behalf. If that is true, please confirm it while signed in at ${url}; your reviews of their products will then show that you are staff.\nIf it is not true, decline it there or ignore this message: until you accept, nothing changes.`,
};

export async function listStaffAccounts(db: Database, scope: MerchantScope) {
  const [staff, pending] = await Promise.all([listStaff(db, scope.merchant.id), listPendingInvitationsForMerchant(db, scope.merchant.id)]);
  // Team invitations (with a role) are listed on the team page.
  return { staff, pending: pending.filter((i) => i.role === null) };
}

/**
 * Declared staff (employees, contractors, agencies) are insiders: their reviews of this merchant's products
 * are labelled and weighed by the insider signal. A declaration is only an invitation: it changes nothing until
 * the person accepts it while signed in, so a merchant cannot brand a customer (or their reviews) as staff.
 */
export async function declareStaff(db: Database, scope: MerchantScope, email: string, at: Date, accountUrl: string): Promise<string> {
  await assertMayManage(db, scope);
  const address = email.trim();
  await db.transaction(async (tx) => {
    const inserted = await insertStaffInvitation(tx, { id: newId('si'), merchantId: scope.merchant.id, email: address, invitedBy: scope.accountId, at });
    const account = inserted ? await findAccountByEmail(tx, address) : null;
    // Told by email only when there is an account; the merchant sees the same answer either way.
    if (account) {
      await enqueueOutbox(tx, {
        kind: 'email',
        merchantId: null,
        dedupeKey: null,
        at,
        payload: {
          to: account.email,
          subject: STAFF_MESSAGES.mailSubject(scope.merchant.name),
          text: STAFF_MESSAGES.mailText(scope.merchant.name, accountUrl),
        },
      });
    }
  });
  return STAFF_MESSAGES.invited;
}

export async function withdrawStaffInvitation(db: Database, scope: MerchantScope, invitationId: string, at: Date): Promise<void> {
  await assertMayManage(db, scope);
  if (!(await withdrawInvitation(db, scope.merchant.id, invitationId, at))) throw notFound('That invitation');
}

export async function removeStaff(db: Database, scope: MerchantScope, accountId: string): Promise<void> {
  await assertMayManage(db, scope);
  if (!(await deleteDeclaredStaff(db, scope.merchant.id, accountId))) throw new UserFacingError(404, STAFF_MESSAGES.notDeclared);
}

/** The invitations waiting for this signed-in person (matched on their account's email). */
export async function pendingStaffInvitations(db: Database, accountId: string) {
  const account = await findAccountById(db, accountId);
  return account ? listPendingInvitationsForEmail(db, account.email) : [];
}

/** The person answers an invitation addressed to their own account's email; accepting makes them declared staff. */
export async function answerStaffInvitation(db: Database, input: { accountId: string; invitationId: string; accept: boolean; at: Date }): Promise<string> {
  return db.transaction(async (tx) => {
    const account = await findAccountById(tx, input.accountId);
    if (!account) throw notFound('Your account');
    const invitation = await lockPendingInvitation(tx, input.invitationId, account.email);
    if (!invitation) throw notFound('That invitation');
    await answerInvitation(tx, invitation.id, input.accept ? 'accepted' : 'declined', account.id, input.at);
    // A team invitation joins the team with its role (and so is staff); a declaration only lists them as staff.
    if (input.accept && invitation.role) await upsertTeamMember(tx, invitation.merchantId, account.id, invitation.role, input.at);
    else if (input.accept) await insertDeclaredStaff(tx, invitation.merchantId, account.id, input.at);
    await appendAudit(tx, {
      at: input.at,
      actorId: account.id,
      action: input.accept ? 'staff.accepted' : 'staff.declined',
      targetKind: 'merchant',
      targetId: invitation.merchantId,
      beforeState: null,
      afterState: invitation.role,
      reason: null,
    });
    if (!input.accept) return STAFF_MESSAGES.declined;
    return invitation.role ? STAFF_MESSAGES.joined(invitation.merchantName) : STAFF_MESSAGES.accepted(invitation.merchantName);
  });
}
