import type { IncentiveDisclosure, Label, ReviewState, Verdict } from '../integrity/types.js';
import type { Queryable } from './database.js';
import { countTextKeysCtes } from './text-stats-repo.js';

export interface ReviewRecord {
  id: string;
  productId: string;
  merchantId: string;
  accountId: string;
  orderId: string | null;
  orderAt: Date | null;
  rating: number;
  title: string;
  body: string;
  status: ReviewState;
  labels: Label[];
  score: number;
  incentive: IncentiveDisclosure | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ReviewRecordRow {
  id: string;
  product_id: string;
  merchant_id: string;
  account_id: string;
  order_id: string | null;
  order_at: Date | null;
  rating: number;
  title: string;
  body: string;
  status: ReviewState;
  labels: Label[];
  score: number;
  incentive_kind: IncentiveDisclosure['kind'] | null;
  incentive_disclosed: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(row: ReviewRecordRow): ReviewRecord {
  return {
    id: row.id,
    productId: row.product_id,
    merchantId: row.merchant_id,
    accountId: row.account_id,
    orderId: row.order_id,
    orderAt: row.order_at ? new Date(row.order_at) : null,
    rating: row.rating,
    title: row.title,
    body: row.body,
    status: row.status,
    labels: row.labels,
    score: row.score,
    incentive: row.incentive_kind ? { kind: row.incentive_kind, disclosed: row.incentive_disclosed } : null,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export async function findReview(db: Queryable, id: string, forUpdate = false): Promise<ReviewRecord | null> {
  const rows = (
    await db.query<ReviewRecordRow>(
      `SELECT r.*, o.ordered_at AS order_at FROM reviews r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.id = $1 ${forUpdate ? 'FOR NO KEY UPDATE OF r' : ''}`,
      [id],
    )
  ).rows;
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The state, labels and score of many reviews in one round trip (the replay's verdicts at the end of a stream). */
export async function reviewStates(db: Queryable, ids: string[]): Promise<Map<string, Pick<ReviewRecord, 'status' | 'labels' | 'score'>>> {
  const rows = (
    await db.query<{ id: string; status: ReviewState; labels: Label[]; score: number }>(
      'SELECT id, status, labels, score FROM reviews WHERE id = ANY($1::text[])',
      [ids],
    )
  ).rows;
  return new Map(rows.map((row) => [row.id, { status: row.status, labels: row.labels, score: row.score }]));
}

export async function findReviewByAuthor(db: Queryable, productId: string, accountId: string) {
  const rows = (
    await db.query<ReviewRecordRow>(
      `SELECT r.*, o.ordered_at AS order_at FROM reviews r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.product_id = $1 AND r.account_id = $2 ORDER BY r.created_at DESC LIMIT 1`,
      [productId, accountId],
    )
  ).rows;
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface NewReview {
  id: string;
  productId: string;
  merchantId: string;
  accountId: string;
  orderId: string | null;
  rating: number;
  title: string;
  body: string;
  incentive: IncentiveDisclosure | null;
  ip: string | null;
  userAgent: string | null;
  at: Date;
  /** The client's key for this post: a retry with the same key finds this review instead of adding one. */
  idempotencyKey?: string | null;
  /** The optional 0–10 "would you recommend this shop" answer of a verified review (NPS only; never a rating). */
  recommendScore?: number | null;
}

export async function insertPendingReview(db: Queryable, review: NewReview): Promise<void> {
  await insertReview(db, review, { state: 'pending', labels: [], score: 0 });
}

/** The review row's own columns, as $1–$15 of both insert statements (same order in both). */
function reviewRowParams(review: NewReview): unknown[] {
  return [
    review.id,
    review.productId,
    review.merchantId,
    review.accountId,
    review.orderId,
    review.rating,
    review.title,
    review.body,
    review.incentive?.kind ?? null,
    review.incentive?.disclosed ?? false,
    review.ip,
    review.userAgent,
    review.at,
    review.idempotencyKey ?? null,
    review.recommendScore ?? null,
  ];
}

async function insertReview(db: Queryable, review: NewReview, settled: { state: ReviewState; labels: Label[]; score: number }): Promise<void> {
  await db.query(
    `INSERT INTO reviews (id, product_id, merchant_id, account_id, order_id, rating, title, body, status, labels, score,
       incentive_kind, incentive_disclosed, ip, user_agent, created_at, updated_at, idempotency_key, recommend_score)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $16, $17, $18, $9, $10, $11, $12, $13, $13, $14, $15)`,
    [...reviewRowParams(review), settled.state, settled.labels, settled.score],
  );
}

/**
 * Everything a new review's first check writes, in ONE statement (data-modifying CTEs on different tables): the
 * review in its settled state, its LSH bands, its counted text keys with their scopes' totals (as replaceTextKeyStats
 * counts them), the re-checks its verdict queues (as enqueueReassessment), the verdict, the audit entry, and the
 * product's and the shop's day counts (as countInProductDaily). The same rows as those functions write one after the
 * other; on PGlite each statement costs a round trip into its WebAssembly backend, which bounds the replay.
 * Foreign keys to the new review are checked at the end of the statement, when its row is there.
 */
export async function insertCheckedReview(
  db: Queryable,
  review: NewReview,
  settled: {
    state: ReviewState;
    verdict: Verdict;
    bands: string[];
    textKeys: string[];
    reopenReason: string;
    audit: { action: string; beforeState: string; reason: string | null; details: Record<string, unknown> };
  },
): Promise<void> {
  const { verdict } = settled;
  await db.query(
    `WITH review AS (
       INSERT INTO reviews (id, product_id, merchant_id, account_id, order_id, rating, title, body, status, labels, score,
         incentive_kind, incentive_disclosed, ip, user_agent, created_at, updated_at, idempotency_key, recommend_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $16, $17, $18, $9, $10, $11, $12, $13, $13, $14, $15)),
     bands AS (
       INSERT INTO review_text_bands (band, review_id) SELECT DISTINCT b, $1 FROM unnest($19::text[]) AS b
       ON CONFLICT DO NOTHING),
     ${countTextKeysCtes('$1', '$2', '$20')},
     jobs AS (
       INSERT INTO reassessment_jobs (review_id, reason, as_of)
       SELECT r.id, $21, $13 FROM unnest($22::text[]) WITH ORDINALITY AS q(id, n) JOIN reviews r ON r.id = q.id
       WHERE r.status IN ('published', 'held')
       ORDER BY q.n
       ON CONFLICT (review_id) WHERE started_at IS NULL AND done_at IS NULL DO NOTHING),
     recheck AS (
       INSERT INTO integrity_rechecks (review_id, due_at) SELECT $1, $33::timestamptz WHERE $33::timestamptz IS NOT NULL
       ON CONFLICT (review_id) DO NOTHING),
     verdict AS (
       INSERT INTO verdicts (target_kind, target_id, decision, labels, score, reasons, policy_version, model_version,
         trigger, decided_at) VALUES ('review', $1, $23, $17, $18, $24, $25, $26, 'submit', $13)),
     audit AS (
       INSERT INTO audit_log (at, actor_id, action, target_kind, target_id, before_state, after_state, reason, details)
       VALUES ($13, NULL, $27, 'review', $1, $28, $16, $29, $30)),
     product AS (
       INSERT INTO product_daily (product_id, day, count, rating_sum, verified_count) VALUES ($2, $31::date, 1, $6, $32)
       ON CONFLICT (product_id, day) DO UPDATE SET count = product_daily.count + 1,
         rating_sum = product_daily.rating_sum + EXCLUDED.rating_sum,
         verified_count = product_daily.verified_count + EXCLUDED.verified_count)
     INSERT INTO shop_daily (day, count) VALUES ($31::date, 1) ON CONFLICT (day) DO UPDATE SET count = shop_daily.count + 1`,
    [
      ...reviewRowParams(review),
      settled.state,
      verdict.labels,
      verdict.score,
      [...new Set(settled.bands)],
      [...new Set(settled.textKeys)],
      settled.reopenReason,
      verdict.reopen,
      verdict.decision,
      JSON.stringify(verdict.reasons),
      verdict.policyVersion,
      verdict.modelVersion,
      settled.audit.action,
      settled.audit.beforeState,
      settled.audit.reason,
      JSON.stringify(settled.audit.details),
      review.at.toISOString().slice(0, 10),
      review.orderId !== null ? 1 : 0,
      verdict.recheckAt ?? null,
    ],
  );
}

/** The review an earlier post with this key created, and the verdict it got then (its first outcome). */
export async function findByIdempotencyKey(db: Queryable, accountId: string, key: string) {
  const row = (
    await db.query<{
      id: string;
      product_id: string;
      decision: string;
      labels: Label[];
      score: number;
      reasons: Verdict['reasons'] | string;
      policy_version: string;
      model_version: string | null;
    }>(
      `SELECT r.id, r.product_id, v.decision, v.labels, v.score, v.reasons, v.policy_version, v.model_version
       FROM reviews r JOIN LATERAL (
         SELECT * FROM verdicts WHERE target_kind = 'review' AND target_id = r.id AND trigger = 'submit' ORDER BY id LIMIT 1
       ) v ON true
       WHERE r.account_id = $1 AND r.idempotency_key = $2`,
      [accountId, key],
    )
  ).rows[0];
  if (!row) return null;
  const verdict: Verdict = {
    decision: row.decision as Verdict['decision'],
    labels: row.labels,
    score: row.score,
    reasons: typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons,
    reopen: [],
    policyVersion: row.policy_version,
    modelVersion: row.model_version,
  };
  return { reviewId: row.id, productId: row.product_id, verdict };
}

export async function updateReviewContent(
  db: Queryable,
  id: string,
  edit: Pick<NewReview, 'rating' | 'title' | 'body' | 'incentive' | 'ip' | 'userAgent' | 'at'>,
): Promise<void> {
  await db.query(
    `UPDATE reviews SET rating = $2, title = $3, body = $4, incentive_kind = $5, incentive_disclosed = $6,
       ip = $7, user_agent = $8, updated_at = $9, status = 'pending', version = version + 1 WHERE id = $1`,
    [id, edit.rating, edit.title, edit.body, edit.incentive?.kind ?? null, edit.incentive?.disclosed ?? false, edit.ip, edit.userAgent, edit.at],
  );
}

export async function setReviewState(db: Queryable, id: string, state: ReviewState, labels: Label[], score: number): Promise<void> {
  // Every visible state change bumps the version: a moderator's decision names the version they saw (decisions.ts).
  // Settling a pending review does not: pending is never shown, and the write that made it pending already bumped.
  await db.query(
    `UPDATE reviews SET status = $2, labels = $3, score = $4,
       version = version + CASE WHEN status = 'pending' THEN 0 ELSE 1 END WHERE id = $1`,
    [id, state, labels, score],
  );
}

/** `fresh`: the review was inserted in this transaction, so it has no bands yet to remove (one statement fewer). */
export async function replaceTextBands(db: Queryable, reviewId: string, bands: string[], fresh = false): Promise<void> {
  if (!fresh) await db.query('DELETE FROM review_text_bands WHERE review_id = $1', [reviewId]);
  if (bands.length === 0) return;
  await db.query(
    `INSERT INTO review_text_bands (band, review_id) SELECT DISTINCT b, $2 FROM unnest($1::text[]) AS b
     ON CONFLICT DO NOTHING`,
    [bands, reviewId],
  );
}

export async function countInProductDaily(db: Queryable, productId: string, at: Date, rating: number, verified: boolean) {
  // The product's day and the shop's day in one statement (two tables, so the two inserts cannot collide).
  await db.query(
    `WITH product AS (
       INSERT INTO product_daily (product_id, day, count, rating_sum, verified_count) VALUES ($1, $2::date, 1, $3, $4)
       ON CONFLICT (product_id, day) DO UPDATE SET count = product_daily.count + 1,
         rating_sum = product_daily.rating_sum + EXCLUDED.rating_sum,
         verified_count = product_daily.verified_count + EXCLUDED.verified_count)
     INSERT INTO shop_daily (day, count) VALUES ($2::date, 1) ON CONFLICT (day) DO UPDATE SET count = shop_daily.count + 1`,
    [productId, at.toISOString().slice(0, 10), rating, verified ? 1 : 0],
  );
}

export async function recordVerdict(
  db: Queryable,
  target: { kind: 'review' | 'comment' | 'question' | 'answer'; id: string },
  verdict: Verdict,
  trigger: 'submit' | 'edit' | 'reassessment',
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO verdicts (target_kind, target_id, decision, labels, score, reasons, policy_version, model_version,
       trigger, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      target.kind,
      target.id,
      verdict.decision,
      verdict.labels,
      verdict.score,
      JSON.stringify(verdict.reasons),
      verdict.policyVersion,
      verdict.modelVersion,
      trigger,
      at,
    ],
  );
}

export interface LatestVerdict {
  decision: string;
  labels: Label[];
  score: number;
  reasons: Verdict['reasons'];
  policyVersion: string;
  modelVersion: string | null;
  trigger: string;
  decidedAt: Date;
}

export async function latestVerdicts(db: Queryable, kind: 'review' | 'comment', ids: string[]): Promise<Map<string, LatestVerdict>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await db.query<{
      target_id: string;
      decision: string;
      labels: Label[];
      score: number;
      reasons: Verdict['reasons'] | string;
      policy_version: string;
      model_version: string | null;
      trigger: string;
      decided_at: Date;
    }>(
      `SELECT DISTINCT ON (target_id) target_id, decision, labels, score, reasons, policy_version, model_version,
         trigger, decided_at
       FROM verdicts WHERE target_kind = $1 AND target_id = ANY($2::text[]) ORDER BY target_id, id DESC`,
      [kind, ids],
    )
  ).rows;
  return new Map(
    rows.map((row) => [
      row.target_id,
      {
        decision: row.decision,
        labels: row.labels,
        score: row.score,
        reasons: typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons,
        policyVersion: row.policy_version,
        modelVersion: row.model_version,
        trigger: row.trigger,
        decidedAt: new Date(row.decided_at),
      },
    ]),
  );
}

/**
 * Queues published and held reviews for another check (held ones only have their labels brought up to date; see
 * runReassessments, which also skips anything a moderator decided). One pending job per review: a review already
 * waiting keeps its single job (ON CONFLICT DO NOTHING takes no row lock, so concurrent posters never wait on or
 * deadlock over each other's jobs; the worker checks with the evidence known when it runs, so nothing is missed).
 * Jobs are added in the order given (the queue is first in, first out). Returns how many jobs were added.
 */
export async function enqueueReassessment(db: Queryable, reviewIds: string[], reason: string, asOf: Date): Promise<number> {
  if (reviewIds.length === 0) return 0;
  const rows = (
    await db.query<{ id: number }>(
      `INSERT INTO reassessment_jobs (review_id, reason, as_of)
       SELECT r.id, $2, $3 FROM unnest($1::text[]) WITH ORDINALITY AS q(id, n) JOIN reviews r ON r.id = q.id
       WHERE r.status IN ('published', 'held')
       ORDER BY q.n
       ON CONFLICT (review_id) WHERE started_at IS NULL AND done_at IS NULL DO NOTHING
       RETURNING id`,
      [reviewIds, reason, asOf],
    )
  ).rows;
  return rows.length;
}

/** Asks for a review to be checked again at `dueAt` (Verdict.recheckAt); a review already waiting keeps its time. */
export async function scheduleRecheck(db: Queryable, reviewId: string, dueAt: Date): Promise<void> {
  await db.query('INSERT INTO integrity_rechecks (review_id, due_at) VALUES ($1, $2) ON CONFLICT (review_id) DO NOTHING', [reviewId, dueAt]);
}

/**
 * Moves up to `limit` re-checks due at `now` into the job queue (earliest first, as enqueueReassessment queues: only
 * reviews still published or held, one pending job per review), as one worker's share (SKIP LOCKED), and says when
 * the next one falls due. One statement, so it is atomic without a transaction: the worker runs it on every tick.
 * `promoted` is how many rows left integrity_rechecks (a full `limit` means more may be due already).
 */
export async function promoteDueRechecks(db: Queryable, now: Date, limit = 500): Promise<{ promoted: number; queued: number; nextDue: Date | null }> {
  const row = (
    await db.query<{ promoted: number; queued: number; next_due: Date | null }>(
      `WITH due AS (
         DELETE FROM integrity_rechecks WHERE review_id IN (
           SELECT review_id FROM integrity_rechecks WHERE due_at <= $1 ORDER BY due_at, review_id COLLATE "C" LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING review_id, due_at),
       queued AS (
         INSERT INTO reassessment_jobs (review_id, reason, as_of)
         SELECT r.id, $3, $1 FROM due JOIN reviews r ON r.id = due.review_id
         WHERE r.status IN ('published', 'held')
         ORDER BY due.due_at, due.review_id COLLATE "C"
         ON CONFLICT (review_id) WHERE started_at IS NULL AND done_at IS NULL DO NOTHING
         RETURNING id)
       SELECT (SELECT count(*) FROM due)::int AS promoted, (SELECT count(*) FROM queued)::int AS queued,
         (SELECT min(c.due_at) FROM integrity_rechecks c WHERE c.review_id NOT IN (SELECT review_id FROM due)) AS next_due`,
      [now, limit, 'its window has closed'],
    )
  ).rows[0]!;
  return { promoted: Number(row.promoted), queued: Number(row.queued), nextDue: row.next_due ? new Date(row.next_due) : null };
}

export interface ClaimedJob {
  id: number;
  reviewId: string;
  reason: string;
  asOf: Date;
}

/**
 * Claims up to `limit` pending jobs, oldest first, for one worker: several processes may claim at once and never
 * get the same job (SKIP LOCKED). A claimed job is no longer "pending", so new evidence about its review queues a
 * fresh job instead of being folded into one already running. Jobs claimed by a worker that died (started more
 * than `staleAfterMs` ago and never finished) are claimed again.
 */
export async function claimReassessmentJobs(db: Queryable, limit: number, now: Date, staleAfterMs = 5 * 60_000): Promise<ClaimedJob[]> {
  const rows = (
    await db.query<{ id: number; review_id: string; reason: string; as_of: Date }>(
      `UPDATE reassessment_jobs SET started_at = $2 WHERE id IN (
         SELECT id FROM reassessment_jobs
         WHERE done_at IS NULL AND (started_at IS NULL OR started_at < $3)
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, review_id, reason, as_of`,
      [limit, now, new Date(now.getTime() - staleAfterMs)],
    )
  ).rows;
  return rows.map((row) => ({ id: Number(row.id), reviewId: row.review_id, reason: row.reason, asOf: new Date(row.as_of) })).sort((a, b) => a.id - b.id);
}

export async function finishReassessmentJob(db: Queryable, id: number, at: Date) {
  await db.query('UPDATE reassessment_jobs SET done_at = $2 WHERE id = $1', [id, at]);
}

export async function countPendingReassessments(db: Queryable): Promise<number> {
  const row = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reassessment_jobs WHERE done_at IS NULL')).rows[0];
  return Number(row?.n ?? 0);
}

/** Where a review is shown: its product's reviews tab. */
export async function findReviewTabPath(db: Queryable, target: { kind: 'review' | 'comment'; id: string }): Promise<string | null> {
  const row = (
    await db.query<{ slug: string; review_id: string }>(
      target.kind === 'review'
        ? 'SELECT p.slug, r.id AS review_id FROM reviews r JOIN products p ON p.id = r.product_id WHERE r.id = $1'
        : 'SELECT p.slug, r.id AS review_id FROM comments c JOIN reviews r ON r.id = c.review_id JOIN products p ON p.id = r.product_id WHERE c.id = $1',
      [target.id],
    )
  ).rows[0];
  return row ? `/products/${encodeURIComponent(row.slug)}/reviews` : null;
}

/** Who is told when a review goes back to held: its author, and the merchant staff member who replied, if any. */
export async function heldNoticeRecipients(db: Queryable, reviewId: string) {
  const row = (
    await db.query<{
      author_id: string;
      author_email: string;
      author_name: string;
      author_deleted: boolean;
      product_name: string;
      merchant_id: string;
      reply_account_id: string | null;
      reply_email: string | null;
    }>(
      `SELECT a.id AS author_id, a.email AS author_email, a.display_name AS author_name, (a.deleted_at IS NOT NULL) AS author_deleted,
              p.name AS product_name, r.merchant_id, ra.id AS reply_account_id, ra.email AS reply_email
       FROM reviews r JOIN accounts a ON a.id = r.account_id JOIN products p ON p.id = r.product_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id LEFT JOIN accounts ra ON ra.id = mr.account_id AND ra.deleted_at IS NULL
       WHERE r.id = $1`,
      [reviewId],
    )
  ).rows[0];
  return row
    ? {
        // A deleted account keeps only a placeholder address: nobody to write to.
        author: row.author_deleted ? null : { id: row.author_id, email: row.author_email, name: row.author_name },
        productName: row.product_name,
        merchantId: row.merchant_id,
        replier: row.reply_account_id && row.reply_email ? { id: row.reply_account_id, email: row.reply_email } : null,
      }
    : null;
}
