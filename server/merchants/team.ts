import { UserFacingError, conflict } from '../domain-errors.js';
import { findAccountByEmail } from '../storage/account-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';
import { insertStaffInvitation, listPendingInvitationsForMerchant } from '../storage/staff-invitation-repo.js';
import { listTeam, lockTeam, removeTeamMember, setTeamRole, type TeamRole } from '../storage/team-repo.js';
import { assertMayManage } from './member-permissions.js';
import type { MerchantScope } from './merchant-scope.js';

export const TEAM_MESSAGES = {
  // The same words whether or not the email has an account: the form must not reveal which.
  invited: (role: TeamRole) =>
    `Invitation recorded (${ROLE_LABELS[role]}). If a Candor account uses this email, its owner sees the invitation after signing in; they join once they accept.`,
  pendingExists: 'This email already has an invitation waiting for an answer. Withdraw it first to offer another role.',
  lastOwner: 'A shop keeps at least one owner: make someone else an owner first.',
  notMember: 'That account is not on this shop’s team.',
  roleChanged: (name: string, role: TeamRole) => `${name} is now ${ROLE_LABELS[role]}.`,
  removed: (name: string) =>
    `${name} left the team and can no longer open this area. They stay on the declared staff list (an insider for our checks) until you remove them there.`,
  mailSubject: (merchant: string) => `${merchant} invites you to its team on Candor`,
  mailText: (merchant: string, role: TeamRole, url: string) =>
    `Hello,\n\n${merchant} invites you to its team on Candor as ${ROLE_LABELS[role]}. To join, accept the invitation while signed in at ${url}.\nTeam members count as the shop's staff: your reviews of its products will say so. If you do not work with ${merchant}, decline it there or ignore this message.`,
};

export const ROLE_LABELS: Record<TeamRole, string> = {
  owner: 'owner (manages the team and settings)',
  staff: 'staff (replies to reviews)',
  viewer: 'viewer (reads only)',
};

export async function loadTeam(db: Database, scope: MerchantScope) {
  const [members, pending] = await Promise.all([listTeam(db, scope.merchant.id), listPendingInvitationsForMerchant(db, scope.merchant.id)]);
  return { members, pending: pending.filter((i) => i.role !== null) };
}

/**
 * An owner invites someone into the team with a role. Like a staff declaration it is only an invitation: nothing
 * changes until the person accepts while signed in (staff.ts answerStaffInvitation), and from then on they are
 * staff for the insider checks as well as a team member.
 */
export async function inviteMember(
  db: Database,
  scope: MerchantScope,
  input: { email: string; role: TeamRole },
  at: Date,
  accountUrl: string,
): Promise<string> {
  await assertMayManage(db, scope);
  const address = input.email.trim();
  await db.transaction(async (tx) => {
    const inserted = await insertStaffInvitation(tx, {
      id: newId('si'),
      merchantId: scope.merchant.id,
      email: address,
      invitedBy: scope.accountId,
      at,
      role: input.role,
    });
    if (!inserted) throw conflict(TEAM_MESSAGES.pendingExists);
    const account = await findAccountByEmail(tx, address);
    if (account) {
      await enqueueOutbox(tx, {
        kind: 'email',
        merchantId: null,
        dedupeKey: null,
        at,
        payload: {
          to: account.email,
          subject: TEAM_MESSAGES.mailSubject(scope.merchant.name),
          text: TEAM_MESSAGES.mailText(scope.merchant.name, input.role, accountUrl),
        },
      });
    }
    await appendAudit(tx, {
      at,
      actorId: scope.accountId,
      action: 'team.invited',
      targetKind: 'merchant',
      targetId: scope.merchant.id,
      beforeState: null,
      afterState: input.role,
      reason: null,
    });
  });
  return TEAM_MESSAGES.invited(input.role);
}

/** Changes a member's role or removes them, keeping at least one owner; effective on their next request. */
export async function changeMember(db: Database, scope: MerchantScope, input: { accountId: string; role: TeamRole | 'removed' }, at: Date): Promise<string> {
  await assertMayManage(db, scope);
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, scope.merchant.id);
    const member = team.find((m) => m.accountId === input.accountId);
    if (!member) throw new UserFacingError(404, TEAM_MESSAGES.notMember);
    const ownersLeft = team.filter((m) => m.role === 'owner' && m.accountId !== member.accountId).length;
    if (member.role === 'owner' && input.role !== 'owner' && ownersLeft === 0) throw new UserFacingError(409, TEAM_MESSAGES.lastOwner);
    const done =
      input.role === 'removed'
        ? await removeTeamMember(tx, scope.merchant.id, member.accountId)
        : await setTeamRole(tx, scope.merchant.id, member.accountId, input.role);
    if (!done) throw new UserFacingError(404, TEAM_MESSAGES.notMember);
    await appendAudit(tx, {
      at,
      actorId: scope.accountId,
      action: input.role === 'removed' ? 'team.removed' : 'team.role',
      targetKind: 'account',
      targetId: member.accountId,
      beforeState: member.role,
      afterState: input.role,
      reason: scope.merchant.id,
    });
    return input.role === 'removed' ? TEAM_MESSAGES.removed(member.displayName) : TEAM_MESSAGES.roleChanged(member.displayName, input.role);
  });
}
