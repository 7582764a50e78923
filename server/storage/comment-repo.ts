import type { Label, ReviewState } from '../integrity/types.js';
import type { Queryable } from './database.js';

export interface CommentRecord {
  id: string;
  reviewId: string;
  parentId: string | null;
  accountId: string;
  body: string;
  status: ReviewState;
  createdAt: Date;
}

export async function insertPendingComment(
  db: Queryable,
  comment: { id: string; reviewId: string; parentId: string | null; accountId: string; body: string; ip: string | null; userAgent: string | null; at: Date },
) {
  await db.query(
    `INSERT INTO comments (id, review_id, parent_id, account_id, body, status, ip, user_agent, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $8)`,
    [comment.id, comment.reviewId, comment.parentId, comment.accountId, comment.body, comment.ip, comment.userAgent, comment.at],
  );
}

export async function findComment(db: Queryable, id: string): Promise<CommentRecord | null> {
  const row = (
    await db.query<{ id: string; review_id: string; parent_id: string | null; account_id: string; body: string; status: ReviewState; created_at: Date }>(
      'SELECT id, review_id, parent_id, account_id, body, status, created_at FROM comments WHERE id = $1',
      [id],
    )
  ).rows[0];
  return row
    ? {
        id: row.id,
        reviewId: row.review_id,
        parentId: row.parent_id,
        accountId: row.account_id,
        body: row.body,
        status: row.status,
        createdAt: new Date(row.created_at),
      }
    : null;
}

export async function setCommentState(db: Queryable, id: string, state: ReviewState, labels: Label[], score: number) {
  await db.query(
    `UPDATE comments SET status = $2, labels = $3, score = $4,
       version = version + CASE WHEN status = 'pending' THEN 0 ELSE 1 END WHERE id = $1`,
    [id, state, labels, score],
  );
}
