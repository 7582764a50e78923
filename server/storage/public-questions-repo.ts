import type { AnswerBadge } from './question-repo.js';
import type { Queryable } from './database.js';

export interface PublicAnswerRow {
  id: string;
  authorName: string;
  body: string;
  badge: AnswerBadge | null;
  helpfulCount: number;
  createdAt: Date;
}

export interface PublicQuestionRow {
  id: string;
  authorName: string;
  body: string;
  createdAt: Date;
  answers: PublicAnswerRow[];
}

/**
 * A page of a product's published questions, newest first, each with its published answers (oldest first).
 * Whoever asks: held, pending, rejected and removed posts never appear. Three statements per page.
 */
export async function listPublishedQuestions(
  db: Queryable,
  productId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: PublicQuestionRow[]; total: number }> {
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM product_questions WHERE product_id = $1 AND status = 'published'`, [productId]))
    .rows[0]!.n;
  const questions = (
    await db.query<{ id: string; author_name: string; body: string; created_at: Date }>(
      `SELECT q.id, a.display_name AS author_name, q.body, q.created_at
       FROM product_questions q JOIN accounts a ON a.id = q.account_id
       WHERE q.product_id = $1 AND q.status = 'published'
       ORDER BY q.created_at DESC, q.id LIMIT $2 OFFSET $3`,
      [productId, page.limit, page.offset],
    )
  ).rows;
  if (questions.length === 0) return { rows: [], total };
  const answers = (
    await db.query<{ id: string; question_id: string; author_name: string; body: string; badge: AnswerBadge | null; helpful_count: number; created_at: Date }>(
      `SELECT x.id, x.question_id, a.display_name AS author_name, x.body, x.badge, x.helpful_count, x.created_at
       FROM question_answers x JOIN accounts a ON a.id = x.account_id
       WHERE x.question_id = ANY($1::text[]) AND x.status = 'published'
       ORDER BY x.created_at, x.id`,
      [questions.map((q) => q.id)],
    )
  ).rows;
  return {
    total,
    rows: questions.map((q) => ({
      id: q.id,
      authorName: q.author_name,
      body: q.body,
      createdAt: new Date(q.created_at),
      answers: answers
        .filter((x) => x.question_id === q.id)
        .map((x) => ({
          id: x.id,
          authorName: x.author_name,
          body: x.body,
          badge: x.badge,
          helpfulCount: x.helpful_count,
          createdAt: new Date(x.created_at),
        })),
    })),
  };
}
