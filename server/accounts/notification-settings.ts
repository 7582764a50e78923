import { UserFacingError } from '../domain-errors.js';
import { isNotificationKind, NOTIFICATION_KINDS, type NotificationKind } from '../mail/notifications.js';
import { INVITATION_REMINDER_KIND, parseUnsubscribeToken } from '../mail/unsubscribe-token.js';
import type { Database } from '../storage/database.js';
import { accountExists, addOptOut, declineInvitationReminder, invitationExists, listOptOuts, removeOptOut } from '../storage/notification-repo.js';

export const NOTIFICATION_SETTINGS_MESSAGES = {
  badLink:
    'This unsubscribe link is not valid. Please use the link from the e-mail exactly as it was sent, or change your e-mail settings on your account page.',
  saved: 'Your e-mail settings are saved.',
  reminderLabel: 'A reminder about this review invitation',
  unsubscribed: (label: string) => `Done: you will no longer get e-mails for “${label}”. You can switch it back on from your account page.`,
} as const;

/** Every kind with whether this account gets it; merchant kinds only for people in a shop's team. */
export async function notificationSettings(db: Database, account: { id: string; manages: string[] }) {
  const off = new Set(await listOptOuts(db, account.id));
  return (Object.entries(NOTIFICATION_KINDS) as [NotificationKind, (typeof NOTIFICATION_KINDS)[NotificationKind]][])
    .filter(([, k]) => k.audience === 'author' || account.manages.length > 0)
    .map(([kind, k]) => ({ kind, label: k.label, audience: k.audience, on: !off.has(kind) }));
}

/** Saves the account page's form: the kinds listed in `on` are sent, every other kind is switched off. */
export async function saveNotificationSettings(db: Database, account: { id: string; manages: string[] }, on: string[], at: Date): Promise<string> {
  const wanted = new Set(on.filter(isNotificationKind));
  const settings = await notificationSettings(db, account);
  await db.transaction(async (tx) => {
    for (const setting of settings) {
      if (wanted.has(setting.kind)) await removeOptOut(tx, account.id, setting.kind);
      else await addOptOut(tx, account.id, setting.kind, at);
    }
  });
  return NOTIFICATION_SETTINGS_MESSAGES.saved;
}

type UnsubscribeLink =
  | { subject: 'account'; accountId: string; kind: NotificationKind; label: string }
  | { subject: 'invitation'; invitationId: string; label: string };

/**
 * What a signed unsubscribe link stops: one kind of notice for one account, or the one reminder of one invitation
 * (its buyer may have no account). A forged, edited or unknown link is refused (400) before anything is written.
 */
export async function readUnsubscribeLink(db: Database, key: Buffer, token: string): Promise<UnsubscribeLink> {
  const parsed = parseUnsubscribeToken(key, token);
  if (parsed?.kind === INVITATION_REMINDER_KIND && (await invitationExists(db, parsed.accountId))) {
    return { subject: 'invitation', invitationId: parsed.accountId, label: NOTIFICATION_SETTINGS_MESSAGES.reminderLabel };
  }
  if (!parsed || !isNotificationKind(parsed.kind) || !(await accountExists(db, parsed.accountId))) {
    throw new UserFacingError(400, NOTIFICATION_SETTINGS_MESSAGES.badLink);
  }
  return { subject: 'account', accountId: parsed.accountId, kind: parsed.kind, label: NOTIFICATION_KINDS[parsed.kind].label };
}

/** One-click unsubscribe (RFC 8058): the signed link alone decides; repeating it changes nothing. */
export async function unsubscribeWithLink(db: Database, key: Buffer, token: string, at: Date): Promise<string> {
  const link = await readUnsubscribeLink(db, key, token);
  if (link.subject === 'invitation') await declineInvitationReminder(db, link.invitationId, at);
  else await addOptOut(db, link.accountId, link.kind, at);
  return NOTIFICATION_SETTINGS_MESSAGES.unsubscribed(link.label);
}
