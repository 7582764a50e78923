import type { Queryable } from './database.js';

/** One audit-log entry about a review (or a comment on one), with what a notice about it needs. */
export interface NotificationEvent {
  auditId: number;
  at: Date;
  action: string;
  targetKind: 'review' | 'comment';
  afterState: string | null;
  /** True when the review was published before this entry (so this is not its first publication). */
  publishedBefore: boolean;
  reviewId: string;
  rating: number;
  title: string;
  merchantId: string;
  merchantName: string;
  productName: string;
  productSlug: string;
  author: { id: string; email: string; name: string; canSignIn: boolean };
  /** The comment's author, for comment events. */
  commenterId: string | null;
  outcomeNote: string;
  /** The make-good currently offered on the review (apology, replacement, refund, other), if any. */
  makeGood: string | null;
}

/**
 * Audit entries after `afterId` about reviews and comments, oldest first. Reads committed rows only, so a slow
 * transaction's lower id is caught by the caller's look-back (the outbox's dedupe keys make a re-read harmless).
 */
export async function readNotificationEvents(db: Queryable, afterId: number, limit: number): Promise<NotificationEvent[]> {
  const rows = (
    await db.query<{
      audit_id: number;
      at: Date;
      action: string;
      target_kind: 'review' | 'comment';
      after_state: string | null;
      published_before: boolean;
      review_id: string;
      rating: number;
      title: string;
      merchant_id: string;
      merchant_name: string;
      product_name: string;
      product_slug: string;
      author_id: string;
      author_email: string;
      author_name: string;
      author_can_sign_in: boolean;
      commenter_id: string | null;
      outcome_note: string | null;
      make_good: string | null;
    }>(
      `SELECT l.id AS audit_id, l.at, l.action, l.target_kind, l.after_state,
         (l.target_kind = 'review' AND EXISTS (SELECT 1 FROM audit_log e WHERE e.target_kind = 'review' AND e.target_id = l.target_id
            AND e.after_state = 'published' AND e.id < l.id)) AS published_before,
         r.id AS review_id, r.rating, r.title, r.merchant_id, m.name AS merchant_name, p.name AS product_name, p.slug AS product_slug,
         a.id AS author_id, a.email AS author_email, a.display_name AS author_name, a.password_hash IS NOT NULL AS author_can_sign_in,
         c.account_id AS commenter_id, f.outcome_note, f.make_good
       FROM audit_log l
       LEFT JOIN comments c ON l.target_kind = 'comment' AND c.id = l.target_id
       JOIN reviews r ON r.id = (CASE WHEN l.target_kind = 'comment' THEN c.review_id ELSE l.target_id END)
       JOIN products p ON p.id = r.product_id
       JOIN merchants m ON m.id = r.merchant_id
       JOIN accounts a ON a.id = r.account_id
       LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE l.id > $1 AND l.target_kind IN ('review', 'comment')
       ORDER BY l.id LIMIT $2`,
      [afterId, limit],
    )
  ).rows;
  return rows.map((r) => ({
    auditId: Number(r.audit_id),
    at: new Date(r.at),
    action: r.action,
    targetKind: r.target_kind,
    afterState: r.after_state,
    publishedBefore: r.published_before,
    reviewId: r.review_id,
    rating: r.rating,
    title: r.title,
    merchantId: r.merchant_id,
    merchantName: r.merchant_name,
    productName: r.product_name,
    productSlug: r.product_slug,
    author: { id: r.author_id, email: r.author_email, name: r.author_name, canSignIn: r.author_can_sign_in },
    commenterId: r.commenter_id,
    outcomeNote: r.outcome_note ?? '',
    makeGood: r.make_good,
  }));
}

/** The merchant's team members who manage its area (and sign in): they hear about poor reviews and resolutions. */
export async function merchantRecipients(db: Queryable, merchantId: string): Promise<{ id: string; email: string }[]> {
  return (
    await db.query<{ id: string; email: string }>(
      `SELECT a.id, a.email FROM merchant_staff s JOIN accounts a ON a.id = s.account_id
       WHERE s.merchant_id = $1 AND s.can_manage AND a.status = 'active' AND a.password_hash IS NOT NULL ORDER BY a.id`,
      [merchantId],
    )
  ).rows;
}

/** Which of these outbox dedupe keys are queued (or sent) already. */
export async function alreadyQueued(db: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = (await db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM outbox WHERE dedupe_key = ANY($1::text[])', [keys])).rows;
  return new Set(rows.map((r) => r.dedupe_key));
}

export async function isOptedOut(db: Queryable, accountId: string, kind: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM notification_opt_outs WHERE account_id = $1 AND kind = $2', [accountId, kind])).rows.length > 0;
}

export async function listOptOuts(db: Queryable, accountId: string): Promise<string[]> {
  return (await db.query<{ kind: string }>('SELECT kind FROM notification_opt_outs WHERE account_id = $1 ORDER BY kind', [accountId])).rows.map((r) => r.kind);
}

export async function addOptOut(db: Queryable, accountId: string, kind: string, at: Date): Promise<void> {
  await db.query('INSERT INTO notification_opt_outs (account_id, kind, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [accountId, kind, at]);
}

export async function removeOptOut(db: Queryable, accountId: string, kind: string): Promise<void> {
  await db.query('DELETE FROM notification_opt_outs WHERE account_id = $1 AND kind = $2', [accountId, kind]);
}

export async function accountExists(db: Queryable, accountId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).rows.length > 0;
}

export interface ReminderDue {
  id: string;
  email: string;
  productName: string;
  merchantName: string;
  merchantId: string;
  expiresAt: Date;
}

/**
 * Invitations due their one reminder: unused, not expired, not reminded, sent before `sentBefore`. Claimed with
 * SKIP LOCKED so two workers never remind the same buyer twice; the caller marks them in the same transaction.
 * Nothing about a rating is read here: there is none yet, and the reminder goes to every buyer alike.
 */
export async function claimDueReminders(db: Queryable, now: Date, sentBefore: Date, limit: number): Promise<ReminderDue[]> {
  const rows = (
    await db.query<{ id: string; email: string; product_name: string; merchant_name: string; merchant_id: string; expires_at: Date }>(
      `SELECT i.id, i.email, p.name AS product_name, m.name AS merchant_name, i.merchant_id, i.expires_at
       FROM invitations i JOIN products p ON p.id = i.product_id JOIN merchants m ON m.id = i.merchant_id
       WHERE i.used_at IS NULL AND i.reminded_at IS NULL AND i.reminder_declined_at IS NULL AND i.expires_at > $1 AND i.created_at <= $2
       ORDER BY i.created_at, i.id LIMIT $3 FOR UPDATE OF i SKIP LOCKED`,
      [now, sentBefore, limit],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    productName: r.product_name,
    merchantName: r.merchant_name,
    merchantId: r.merchant_id,
    expiresAt: new Date(r.expires_at),
  }));
}

export async function markReminded(db: Queryable, invitationId: string, at: Date): Promise<void> {
  await db.query('UPDATE invitations SET reminded_at = $2 WHERE id = $1', [invitationId, at]);
}

export async function invitationExists(db: Queryable, invitationId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM invitations WHERE id = $1', [invitationId])).rows.length > 0;
}

/** The buyer does not want the invitation's reminder (one-click link in the invitation e-mail). */
export async function declineInvitationReminder(db: Queryable, invitationId: string, at: Date): Promise<void> {
  await db.query('UPDATE invitations SET reminder_declined_at = COALESCE(reminder_declined_at, $2) WHERE id = $1', [invitationId, at]);
}

/** Moves the notifications cursor to the end of the audit log: what happened so far is not news to anyone. */
export async function skipNotificationHistory(db: Queryable): Promise<void> {
  await db.query(`UPDATE event_cursors SET last_id = GREATEST(last_id, (SELECT COALESCE(max(id), 0) FROM audit_log)) WHERE name = 'notifications'`);
}
