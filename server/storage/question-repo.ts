import { loadPeopleIdentities, type VoterIdentityRow } from './engagement-repo.js';
import type { Label, ReviewState } from '../integrity/types.js';
import type { Queryable } from './database.js';

export type AnswerBadge = 'owner' | 'seller';

export interface QuestionRecord {
  id: string;
  productId: string;
  merchantId: string;
  accountId: string;
  body: string;
  status: ReviewState;
}

export async function insertPendingQuestion(
  db: Queryable,
  q: { id: string; productId: string; merchantId: string; accountId: string; body: string; ip: string | null; userAgent: string | null; at: Date },
) {
  await db.query(
    `INSERT INTO product_questions (id, product_id, merchant_id, account_id, body, status, ip, user_agent, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $8)`,
    [q.id, q.productId, q.merchantId, q.accountId, q.body, q.ip, q.userAgent, q.at],
  );
}

export async function insertPendingAnswer(
  db: Queryable,
  a: { id: string; questionId: string; accountId: string; body: string; badge: AnswerBadge | null; ip: string | null; userAgent: string | null; at: Date },
) {
  await db.query(
    `INSERT INTO question_answers (id, question_id, account_id, body, badge, status, ip, user_agent, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $8)`,
    [a.id, a.questionId, a.accountId, a.body, a.badge, a.ip, a.userAgent, a.at],
  );
}

export async function findQuestion(db: Queryable, id: string): Promise<QuestionRecord | null> {
  const row = (
    await db.query<{ id: string; product_id: string; merchant_id: string; account_id: string; body: string; status: ReviewState }>(
      'SELECT id, product_id, merchant_id, account_id, body, status FROM product_questions WHERE id = $1',
      [id],
    )
  ).rows[0];
  return row ? { id: row.id, productId: row.product_id, merchantId: row.merchant_id, accountId: row.account_id, body: row.body, status: row.status } : null;
}

export async function setQuestionState(db: Queryable, id: string, state: ReviewState, labels: Label[], score: number) {
  await db.query(
    `UPDATE product_questions SET status = $2, labels = $3, score = $4,
       version = version + CASE WHEN status = 'pending' THEN 0 ELSE 1 END WHERE id = $1`,
    [id, state, labels, score],
  );
}

export async function setAnswerState(db: Queryable, id: string, state: ReviewState, labels: Label[], score: number) {
  await db.query(
    `UPDATE question_answers SET status = $2, labels = $3, score = $4,
       version = version + CASE WHEN status = 'pending' THEN 0 ELSE 1 END WHERE id = $1`,
    [id, state, labels, score],
  );
}

/** Whether the account bought this product (a verified order), and whether it is staff of the merchant. */
export async function answererStanding(db: Queryable, accountId: string, productId: string, merchantId: string): Promise<{ owns: boolean; staff: boolean }> {
  const row = (
    await db.query<{ owns: boolean; staff: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM orders o WHERE o.account_id = $1 AND o.product_id = $2) AS owns,
              EXISTS (SELECT 1 FROM merchant_staff s WHERE s.account_id = $1 AND s.merchant_id = $3) AS staff`,
      [accountId, productId, merchantId],
    )
  ).rows[0]!;
  return { owns: row.owns, staff: row.staff };
}

/** The same account's earlier questions and answers: what the duplicate check compares a new one with. */
export async function accountQaTexts(db: Queryable, accountId: string, excludeId: string, asOf: Date, cap: number) {
  return (
    await db.query<{ id: string; account_id: string; body: string; created_at: Date; status: ReviewState }>(
      `(SELECT id, account_id, body, created_at, status FROM product_questions
          WHERE account_id = $1 AND id <> $2 AND status <> 'pending' AND created_at <= $3)
       UNION ALL
       (SELECT id, account_id, body, created_at, status FROM question_answers
          WHERE account_id = $1 AND id <> $2 AND status <> 'pending' AND created_at <= $3)
       ORDER BY created_at DESC LIMIT $4`,
      [accountId, excludeId, asOf, cap],
    )
  ).rows;
}

export interface TabAnswerRow {
  id: string;
  questionId: string;
  accountId: string;
  authorName: string;
  body: string;
  badge: AnswerBadge | null;
  status: ReviewState;
  createdAt: Date;
  helpfulCount: number;
  votedByViewer: boolean;
}

export interface TabQuestionRow {
  id: string;
  accountId: string;
  authorName: string;
  body: string;
  status: ReviewState;
  createdAt: Date;
  answers: TabAnswerRow[];
}

/** Published questions and answers of a product, newest question first, plus the viewer's own held ones. */
export async function listProductQuestions(db: Queryable, productId: string, viewerId: string | null, limit: number): Promise<TabQuestionRow[]> {
  const visible = (alias: string) => `(${alias}.status = 'published' OR (${alias}.account_id = $2 AND ${alias}.status IN ('pending', 'held', 'rejected')))`;
  const questions = (
    await db.query<{ id: string; account_id: string; author_name: string; body: string; status: ReviewState; created_at: Date }>(
      `SELECT q.id, q.account_id, a.display_name AS author_name, q.body, q.status, q.created_at
       FROM product_questions q JOIN accounts a ON a.id = q.account_id
       WHERE q.product_id = $1 AND ${visible('q')}
       ORDER BY q.created_at DESC, q.id LIMIT $3`,
      [productId, viewerId ?? '', limit],
    )
  ).rows;
  if (questions.length === 0) return [];
  const answers = (
    await db.query<{
      id: string;
      question_id: string;
      account_id: string;
      author_name: string;
      body: string;
      badge: AnswerBadge | null;
      status: ReviewState;
      created_at: Date;
      helpful_count: number;
      voted: boolean;
    }>(
      `SELECT x.id, x.question_id, x.account_id, a.display_name AS author_name, x.body, x.badge, x.status, x.created_at,
              x.helpful_count, EXISTS (SELECT 1 FROM answer_votes v WHERE v.answer_id = x.id AND v.account_id = $2) AS voted
       FROM question_answers x JOIN accounts a ON a.id = x.account_id
       WHERE x.question_id = ANY($1::text[]) AND ${visible('x')}
       ORDER BY x.created_at, x.id`,
      [questions.map((q) => q.id), viewerId ?? ''],
    )
  ).rows;
  return questions.map((q) => ({
    id: q.id,
    accountId: q.account_id,
    authorName: q.author_name,
    body: q.body,
    status: q.status,
    createdAt: new Date(q.created_at),
    answers: answers
      .filter((x) => x.question_id === q.id)
      .map((x) => ({
        id: x.id,
        questionId: x.question_id,
        accountId: x.account_id,
        authorName: x.author_name,
        body: x.body,
        badge: x.badge,
        status: x.status,
        createdAt: new Date(x.created_at),
        helpfulCount: x.helpful_count,
        votedByViewer: x.voted,
      })),
  }));
}

export interface AnswerRecord {
  id: string;
  questionId: string;
  accountId: string;
  merchantId: string;
  status: ReviewState;
}

export async function findAnswer(db: Queryable, id: string): Promise<AnswerRecord | null> {
  const row = (
    await db.query<{ id: string; question_id: string; account_id: string; merchant_id: string; status: ReviewState }>(
      `SELECT x.id, x.question_id, x.account_id, q.merchant_id, x.status
       FROM question_answers x JOIN product_questions q ON q.id = x.question_id WHERE x.id = $1 FOR NO KEY UPDATE OF x`,
      [id],
    )
  ).rows[0];
  return row ? { id: row.id, questionId: row.question_id, accountId: row.account_id, merchantId: row.merchant_id, status: row.status } : null;
}

/** Adds or withdraws one account's vote and returns the answer's new count (the count and the vote in one statement pair). */
/**
 * Records (or withdraws) one account's helpful vote on an answer; `counted` false keeps a linked account's vote for
 * moderators without counting it. Returns the answer's counted total.
 */
export async function setAnswerVote(
  db: Queryable,
  vote: {
    answerId: string;
    accountId: string;
    helpful: boolean;
    at: Date;
    counted?: boolean;
    linkedTo?: string | null;
    linkReason?: string | null;
    linkEvidence?: string | null;
  },
): Promise<number> {
  if (vote.helpful) {
    await db.query(
      `INSERT INTO answer_votes (answer_id, account_id, created_at, counted, linked_to, link_reason, link_evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [vote.answerId, vote.accountId, vote.at, vote.counted ?? true, vote.linkedTo ?? null, vote.linkReason ?? null, vote.linkEvidence ?? null],
    );
  } else {
    await db.query('DELETE FROM answer_votes WHERE answer_id = $1 AND account_id = $2', [vote.answerId, vote.accountId]);
  }
  const row = (
    await db.query<{ helpful_count: number }>(
      'UPDATE question_answers SET helpful_count = (SELECT count(*)::int FROM answer_votes WHERE answer_id = $1 AND counted) WHERE id = $1 RETURNING helpful_count',
      [vote.answerId],
    )
  ).rows[0]!;
  return row.helpful_count;
}

export async function hasAnswerVote(db: Queryable, answerId: string, accountId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM answer_votes WHERE answer_id = $1 AND account_id = $2', [answerId, accountId])).rows.length > 0;
}

export async function countAnswerVotesSince(db: Queryable, answerId: string, since: Date): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_votes WHERE answer_id = $1 AND created_at >= $2', [answerId, since])).rows[0]!.n;
}

/** The answer's author, its counted voters and this voter, each with the identifiers a vote link is judged on. */
export function loadAnswerVoteIdentities(db: Queryable, answerId: string, voterId: string): Promise<VoterIdentityRow[]> {
  return loadPeopleIdentities(
    db,
    `SELECT account_id FROM answer_votes WHERE answer_id = $1 AND counted
     UNION SELECT account_id FROM question_answers WHERE id = $1
     UNION SELECT $2::text`,
    answerId,
    voterId,
  );
}
