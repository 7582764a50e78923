import type { Label, ReviewState, Verdict } from '../integrity/types.js';
import type { Queryable } from './database.js';
import type { LatestVerdict } from './review-repo.js';

export type QueueTab = 'reviews' | 'comments' | 'reports' | 'appeals';
export type ItemKind = 'review' | 'comment' | 'question' | 'answer';
const ITEM_TABLES: Record<ItemKind, string> = { review: 'reviews', comment: 'comments', question: 'product_questions', answer: 'question_answers' };

export interface QueueFilter {
  tab: QueueTab;
  sort: 'newest' | 'score';
  label: Label | null;
  merchantId: string | null;
  productId: string | null;
  /** Only items queued at or after this moment (null: no lower bound). */
  queuedAfter: Date | null;
  /** Only items queued before this moment (null: no upper bound). */
  queuedBefore: Date | null;
  limit: number;
  offset: number;
}

export interface QueueRow {
  kind: ItemKind;
  id: string;
  title: string;
  body: string;
  rating: number | null;
  labels: Label[];
  score: number;
  status: ReviewState;
  version: number;
  createdAt: Date;
  queuedAt: Date;
  productId: string;
  productName: string;
  merchantId: string;
  merchantName: string;
  authorId: string;
  authorName: string;
  reportCount: number;
  reportReasons: string[];
  appealId: string | null;
  appealMessage: string | null;
}

// Reviews and comments under one shape, so the four tabs share filters and ordering.
const ITEMS = `(
  SELECT 'review'::text AS kind, r.id, r.title, r.body, r.rating::int AS rating, r.labels, r.score, r.status, r.version,
         r.created_at, r.product_id, r.account_id FROM reviews r
  UNION ALL
  SELECT 'comment'::text, c.id, ''::text, c.body, NULL::int, c.labels, c.score, c.status, c.version,
         c.created_at, rv.product_id, c.account_id FROM comments c JOIN reviews rv ON rv.id = c.review_id
  UNION ALL
  SELECT 'question'::text, q.id, ''::text, q.body, NULL::int, q.labels, q.score, q.status, q.version,
         q.created_at, q.product_id, q.account_id FROM product_questions q
  UNION ALL
  SELECT 'answer'::text, x.id, ''::text, x.body, NULL::int, x.labels, x.score, x.status, x.version,
         x.created_at, qq.product_id, x.account_id FROM question_answers x JOIN product_questions qq ON qq.id = x.question_id
)`;

const OPEN_REPORTS = `(SELECT target_kind, target_id, count(*)::int AS n, min(created_at) AS first_at,
  array_agg(DISTINCT reason ORDER BY reason) AS reasons FROM reports WHERE status = 'open' GROUP BY target_kind, target_id)`;

function tabSource(tab: QueueTab): { from: string; where: string; queuedAt: string; extra: string } {
  switch (tab) {
    case 'reviews':
      return {
        from: `${ITEMS} i`,
        where: `i.kind = 'review' AND i.status = 'held'`,
        queuedAt: 'i.created_at',
        extra: '0 AS report_count, NULL::text[] AS report_reasons, NULL::text AS appeal_id, NULL::text AS appeal_message',
      };
    case 'comments':
      return {
        from: `${ITEMS} i`,
        where: `i.kind IN ('comment', 'question', 'answer') AND i.status = 'held'`,
        queuedAt: 'i.created_at',
        extra: '0 AS report_count, NULL::text[] AS report_reasons, NULL::text AS appeal_id, NULL::text AS appeal_message',
      };
    case 'reports':
      return {
        from: `${ITEMS} i JOIN ${OPEN_REPORTS} o ON o.target_kind = i.kind AND o.target_id = i.id`,
        where: `i.status = 'published'`,
        queuedAt: 'o.first_at',
        extra: 'o.n AS report_count, o.reasons AS report_reasons, NULL::text AS appeal_id, NULL::text AS appeal_message',
      };
    case 'appeals':
      return {
        from: `${ITEMS} i JOIN appeals ap ON ap.target_kind = i.kind AND ap.target_id = i.id AND ap.status = 'open'`,
        where: 'TRUE',
        queuedAt: 'ap.created_at',
        extra: '0 AS report_count, NULL::text[] AS report_reasons, ap.id AS appeal_id, ap.message AS appeal_message',
      };
  }
}

function filtered(filter: Omit<QueueFilter, 'limit' | 'offset' | 'sort'>): { sql: string; params: unknown[]; queuedAt: string; extra: string } {
  const src = tabSource(filter.tab);
  const params: unknown[] = [];
  const where = [src.where];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.label) add((p) => `${p} = ANY(i.labels)`, filter.label);
  if (filter.merchantId) add((p) => `p.merchant_id = ${p}`, filter.merchantId);
  if (filter.productId) add((p) => `p.id = ${p}`, filter.productId);
  if (filter.queuedAfter) add((p) => `${src.queuedAt} >= ${p}`, filter.queuedAfter);
  if (filter.queuedBefore) add((p) => `${src.queuedAt} < ${p}`, filter.queuedBefore);
  return {
    sql: `FROM ${src.from} JOIN products p ON p.id = i.product_id JOIN merchants m ON m.id = p.merchant_id
          JOIN accounts au ON au.id = i.account_id WHERE ${where.join(' AND ')}`,
    params,
    queuedAt: src.queuedAt,
    extra: src.extra,
  };
}

export async function listQueue(db: Queryable, filter: QueueFilter): Promise<QueueRow[]> {
  const f = filtered(filter);
  const order = filter.sort === 'score' ? `${filter.tab === 'reports' ? 'report_count DESC, ' : ''}i.score DESC, queued_at DESC, i.id` : 'queued_at DESC, i.id';
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT i.kind, i.id, i.title, i.body, i.rating, i.labels, i.score, i.status, i.version, i.created_at,
              ${f.queuedAt} AS queued_at, p.id AS product_id, p.name AS product_name, m.id AS merchant_id,
              m.name AS merchant_name, au.id AS author_id, au.display_name AS author_name, ${f.extra}
       ${f.sql} ORDER BY ${order} LIMIT ${Math.max(1, Math.min(200, filter.limit))} OFFSET ${Math.max(0, filter.offset)}`,
      f.params,
    )
  ).rows;
  return rows.map((r) => ({
    kind: r.kind as ItemKind,
    id: r.id as string,
    title: r.title as string,
    body: r.body as string,
    rating: (r.rating as number | null) ?? null,
    labels: (r.labels as Label[]) ?? [],
    score: Number(r.score),
    status: r.status as ReviewState,
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
    queuedAt: new Date(r.queued_at as string),
    productId: r.product_id as string,
    productName: r.product_name as string,
    merchantId: r.merchant_id as string,
    merchantName: r.merchant_name as string,
    authorId: r.author_id as string,
    authorName: r.author_name as string,
    reportCount: Number(r.report_count ?? 0),
    reportReasons: (r.report_reasons as string[] | null) ?? [],
    appealId: (r.appeal_id as string | null) ?? null,
    appealMessage: (r.appeal_message as string | null) ?? null,
  }));
}

export async function countQueue(db: Queryable, filter: Omit<QueueFilter, 'limit' | 'offset' | 'sort'>): Promise<number> {
  const f = filtered(filter);
  const row = (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${f.sql}`, f.params)).rows[0];
  return Number(row?.n ?? 0);
}

export async function listFilterOptions(db: Queryable) {
  const merchants = (await db.query<{ id: string; name: string }>('SELECT id, name FROM merchants ORDER BY name LIMIT 500')).rows;
  const products = (await db.query<{ id: string; name: string }>('SELECT id, name FROM products ORDER BY name LIMIT 1000')).rows;
  return { merchants, products };
}

// ---------------------------------------------------------------------------------------------------------
// Items and decisions

export interface ModerationItem {
  kind: ItemKind;
  id: string;
  title: string;
  body: string;
  rating: number | null;
  labels: Label[];
  score: number;
  status: ReviewState;
  version: number;
  createdAt: Date;
  accountId: string;
  productId: string;
  merchantId: string;
  reviewId: string | null;
  incentiveKind: string | null;
  incentiveDisclosed: boolean;
  orderId: string | null;
}

export async function findItem(db: Queryable, kind: ItemKind, id: string, forUpdate = false): Promise<ModerationItem | null> {
  // NO KEY UPDATE: serialises decisions on the item without blocking rows that merely reference it (jobs, verdicts).
  const lock = forUpdate ? 'FOR NO KEY UPDATE OF x' : '';
  const row =
    kind === 'question' || kind === 'answer'
      ? (
          await db.query<Record<string, unknown>>(
            kind === 'question'
              ? `SELECT x.id, '' AS title, x.body, NULL AS rating, x.labels, x.score, x.status, x.version, x.created_at,
                        x.account_id, x.product_id, x.merchant_id, NULL AS review_id, NULL AS incentive_kind,
                        false AS incentive_disclosed, NULL AS order_id
                 FROM product_questions x WHERE x.id = $1 ${lock}`
              : `SELECT x.id, '' AS title, x.body, NULL AS rating, x.labels, x.score, x.status, x.version, x.created_at,
                        x.account_id, q.product_id, q.merchant_id, NULL AS review_id, NULL AS incentive_kind,
                        false AS incentive_disclosed, NULL AS order_id
                 FROM question_answers x JOIN product_questions q ON q.id = x.question_id WHERE x.id = $1 ${lock}`,
            [id],
          )
        ).rows[0]
      : kind === 'review'
        ? (
            await db.query<Record<string, unknown>>(
              `SELECT x.id, x.title, x.body, x.rating, x.labels, x.score, x.status, x.version, x.created_at, x.account_id,
                    x.product_id, x.merchant_id, NULL AS review_id, x.incentive_kind, x.incentive_disclosed, x.order_id
             FROM reviews x WHERE x.id = $1 ${lock}`,
              [id],
            )
          ).rows[0]
        : (
            await db.query<Record<string, unknown>>(
              `SELECT x.id, '' AS title, x.body, NULL AS rating, x.labels, x.score, x.status, x.version, x.created_at,
                    x.account_id, rv.product_id, rv.merchant_id, x.review_id, NULL AS incentive_kind,
                    false AS incentive_disclosed, NULL AS order_id
             FROM comments x JOIN reviews rv ON rv.id = x.review_id WHERE x.id = $1 ${lock}`,
              [id],
            )
          ).rows[0];
  if (!row) return null;
  return {
    kind,
    id: row.id as string,
    title: row.title as string,
    body: row.body as string,
    rating: (row.rating as number | null) ?? null,
    labels: (row.labels as Label[]) ?? [],
    score: Number(row.score),
    status: row.status as ReviewState,
    version: Number(row.version),
    createdAt: new Date(row.created_at as string),
    accountId: row.account_id as string,
    productId: row.product_id as string,
    merchantId: row.merchant_id as string,
    reviewId: (row.review_id as string | null) ?? null,
    incentiveKind: (row.incentive_kind as string | null) ?? null,
    incentiveDisclosed: Boolean(row.incentive_disclosed),
    orderId: (row.order_id as string | null) ?? null,
  };
}

/**
 * The optimistic-concurrency write: it only succeeds when the item is still in the state and version the
 * moderator saw. Returns false when someone (another moderator, the pipeline, an edit) got there first.
 */
export async function moveItemState(
  db: Queryable,
  kind: ItemKind,
  id: string,
  expected: { status: ReviewState; version: number },
  next: ReviewState,
): Promise<boolean> {
  const table = ITEM_TABLES[kind];
  const rows = (
    await db.query(`UPDATE ${table} SET status = $4, version = version + 1 WHERE id = $1 AND status = $2 AND version = $3 RETURNING id`, [
      id,
      expected.status,
      expected.version,
      next,
    ])
  ).rows;
  return rows.length === 1;
}

export async function resolveOpenReports(db: Queryable, kind: ItemKind, id: string, outcome: 'resolved' | 'dismissed', by: string, at: Date): Promise<number> {
  const rows = (
    await db.query(
      `UPDATE reports SET status = $3, resolved_at = $4, resolved_by = $5
       WHERE target_kind = $1 AND target_id = $2 AND status = 'open' RETURNING id`,
      [kind, id, outcome, at, by],
    )
  ).rows;
  return rows.length;
}

export interface ReportRow {
  id: string;
  reason: string;
  note: string;
  status: string;
  createdAt: Date;
  reporterName: string;
}

export async function listReportsFor(db: Queryable, kind: ItemKind, id: string): Promise<ReportRow[]> {
  const rows = (
    await db.query<{ id: string; reason: string; note: string; status: string; created_at: Date; display_name: string }>(
      `SELECT r.id, r.reason, r.note, r.status, r.created_at, COALESCE(a.display_name, 'Candor (automatic check)') AS display_name FROM reports r
       LEFT JOIN accounts a ON a.id = r.account_id WHERE r.target_kind = $1 AND r.target_id = $2 ORDER BY r.created_at DESC LIMIT 100`,
      [kind, id],
    )
  ).rows;
  return rows.map((r) => ({ id: r.id, reason: r.reason, note: r.note, status: r.status, createdAt: new Date(r.created_at), reporterName: r.display_name }));
}

export async function setAccountStatus(db: Queryable, accountId: string, expected: 'active' | 'suspended', next: 'active' | 'suspended'): Promise<boolean> {
  const rows = (await db.query('UPDATE accounts SET status = $3 WHERE id = $1 AND status = $2 RETURNING id', [accountId, expected, next])).rows;
  return rows.length === 1;
}

export async function insertModeratorLabel(
  db: Queryable,
  label: { kind: ItemKind; id: string; text: string; fake: boolean | null; decision: string; reason: string | null; moderatorId: string; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO moderator_labels (target_kind, target_id, text, fake, decision, reason, moderator_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [label.kind, label.id, label.text, label.fake, label.decision, label.reason, label.moderatorId, label.at],
  );
}

// ---------------------------------------------------------------------------------------------------------
// Evidence

export interface VerdictRow extends LatestVerdict {
  id: number;
}

export async function listVerdicts(db: Queryable, kind: ItemKind, id: string): Promise<VerdictRow[]> {
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT id, decision, labels, score, reasons, policy_version, model_version, trigger, decided_at FROM verdicts
       WHERE target_kind = $1 AND target_id = $2 ORDER BY id DESC LIMIT 20`,
      [kind, id],
    )
  ).rows;
  return rows.map((r) => ({
    id: Number(r.id),
    decision: r.decision as string,
    labels: (r.labels as Label[]) ?? [],
    score: Number(r.score),
    reasons: typeof r.reasons === 'string' ? JSON.parse(r.reasons) : (r.reasons as Verdict['reasons']),
    policyVersion: r.policy_version as string,
    modelVersion: (r.model_version as string | null) ?? null,
    trigger: r.trigger as string,
    decidedAt: new Date(r.decided_at as string),
  }));
}

export interface RelatedReview {
  id: string;
  accountId: string;
  authorName: string;
  productId: string;
  productName: string;
  rating: number;
  title: string;
  body: string;
  status: ReviewState;
  labels: Label[];
  version: number;
  createdAt: Date;
}

const RELATED_SELECT = `SELECT r.id, r.account_id, a.display_name, r.product_id, p.name AS product_name, r.rating, r.title,
  r.body, r.status, r.labels, r.version, r.created_at FROM reviews r JOIN accounts a ON a.id = r.account_id
  JOIN products p ON p.id = r.product_id`;

function toRelated(r: Record<string, unknown>): RelatedReview {
  return {
    id: r.id as string,
    accountId: r.account_id as string,
    authorName: r.display_name as string,
    productId: r.product_id as string,
    productName: r.product_name as string,
    rating: Number(r.rating),
    title: r.title as string,
    body: r.body as string,
    status: r.status as ReviewState,
    labels: (r.labels as Label[]) ?? [],
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
  };
}

export async function reviewsByIds(db: Queryable, ids: string[]): Promise<RelatedReview[]> {
  if (ids.length === 0) return [];
  const rows = (await db.query<Record<string, unknown>>(`${RELATED_SELECT} WHERE r.id = ANY($1::text[]) ORDER BY r.created_at DESC LIMIT 200`, [ids])).rows;
  return rows.map(toRelated);
}

export async function reviewsByAccounts(db: Queryable, accountIds: string[], limit = 100): Promise<RelatedReview[]> {
  if (accountIds.length === 0) return [];
  const rows = (
    await db.query<Record<string, unknown>>(`${RELATED_SELECT} WHERE r.account_id = ANY($1::text[]) ORDER BY r.created_at DESC LIMIT $2`, [accountIds, limit])
  ).rows;
  return rows.map(toRelated);
}

export interface AccountSummary {
  id: string;
  displayName: string;
  email: string;
  role: string;
  status: 'active' | 'suspended';
  createdAt: Date;
  signupIp: string | null;
  staffOf: string[];
}

export async function accountSummaries(db: Queryable, ids: string[]): Promise<AccountSummary[]> {
  if (ids.length === 0) return [];
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT a.id, a.display_name, a.email, a.role, a.status, a.created_at, a.signup_ip,
         (SELECT array_agg(m.name ORDER BY m.name) FROM merchant_staff s JOIN merchants m ON m.id = s.merchant_id
          WHERE s.account_id = a.id) AS staff_of
       FROM accounts a WHERE a.id = ANY($1::text[])`,
      [ids],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id as string,
    displayName: r.display_name as string,
    email: r.email as string,
    role: r.role as string,
    status: r.status as 'active' | 'suspended',
    createdAt: new Date(r.created_at as string),
    signupIp: (r.signup_ip as string | null) ?? null,
    staffOf: (r.staff_of as string[] | null) ?? [],
  }));
}

export interface IdentifierLink {
  accountId: string;
  kind: string;
  value: string;
  firstSeen: Date;
}

/** Accounts sharing any identifier with this one, and which identifiers (capped: common values are skipped). */
export async function linkedIdentifiers(db: Queryable, accountId: string, maxHolders = 25): Promise<IdentifierLink[]> {
  const rows = (
    await db.query<{ account_id: string; kind: string; value: string; first_seen: Date }>(
      `WITH mine AS (
         SELECT i.kind, i.value FROM account_identifiers i WHERE i.account_id = $1 AND i.kind <> 'ip_block'
           AND (SELECT count(*) FROM (SELECT 1 FROM account_identifiers o WHERE o.kind = i.kind AND o.value = i.value
                LIMIT $2 + 1) c) <= $2
       )
       SELECT o.account_id, o.kind, COALESCE(o.raw, o.value) AS value, o.first_seen FROM mine m
       JOIN account_identifiers o ON o.kind = m.kind AND o.value = m.value
       WHERE o.account_id <> $1 ORDER BY o.account_id, o.kind LIMIT 500`,
      [accountId, maxHolders],
    )
  ).rows;
  return rows.map((r) => ({ accountId: r.account_id, kind: r.kind, value: r.value, firstSeen: new Date(r.first_seen) }));
}

export interface CommentSummary {
  id: string;
  body: string;
  status: ReviewState;
  createdAt: Date;
}

export async function commentsByAccount(db: Queryable, accountId: string, limit = 30): Promise<CommentSummary[]> {
  const rows = (
    await db.query<{ id: string; body: string; status: ReviewState; created_at: Date }>(
      'SELECT id, body, status, created_at FROM comments WHERE account_id = $1 ORDER BY created_at DESC LIMIT $2',
      [accountId, limit],
    )
  ).rows;
  return rows.map((r) => ({ id: r.id, body: r.body, status: r.status, createdAt: new Date(r.created_at) }));
}

export interface ProductTimelineDay {
  day: string;
  count: number;
  ratingSum: number;
}

export async function productTimeline(db: Queryable, productId: string, from: Date, to: Date): Promise<ProductTimelineDay[]> {
  const rows = (
    await db.query<{ day: string; count: number; rating_sum: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, count, rating_sum FROM product_daily
       WHERE product_id = $1 AND day >= $2::date AND day <= $3::date ORDER BY day`,
      [productId, from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
    )
  ).rows;
  return rows.map((r) => ({ day: r.day, count: Number(r.count), ratingSum: Number(r.rating_sum) }));
}

export async function productAndMerchant(db: Queryable, productId: string) {
  const row = (
    await db.query<{ product_name: string; product_slug: string; merchant_id: string; merchant_name: string; merchant_domain: string | null }>(
      `SELECT p.name AS product_name, p.slug AS product_slug, m.id AS merchant_id, m.name AS merchant_name, m.domain AS merchant_domain
       FROM products p JOIN merchants m ON m.id = p.merchant_id WHERE p.id = $1`,
      [productId],
    )
  ).rows[0];
  return row
    ? {
        productName: row.product_name,
        productSlug: row.product_slug,
        merchantId: row.merchant_id,
        merchantName: row.merchant_name,
        merchantDomain: row.merchant_domain,
      }
    : null;
}

// ---------------------------------------------------------------------------------------------------------
// Audit browsing (read side; writes go through appendAudit)

export interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  beforeState: string | null;
  afterState: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

/** Where a page of the audit log ends: the last entry's time and id. */
export interface AuditCursor {
  at: Date;
  id: number;
}

export async function listAudit(
  db: Queryable,
  filter: { targetKind?: string; targetId?: string; actorId?: string | null; pipelineOnly?: boolean; before?: AuditCursor; limit: number },
): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.targetKind) add((p) => `l.target_kind = ${p}`, filter.targetKind);
  if (filter.targetId) add((p) => `l.target_id = ${p}`, filter.targetId);
  if (filter.actorId) add((p) => `l.actor_id = ${p}`, filter.actorId);
  if (filter.pipelineOnly) where.push('l.actor_id IS NULL');
  // Entries are written in transaction order, which is not always time order (ids are taken before a long
  // transaction commits, and replays write old events late): order and page by (time, id).
  if (filter.before) {
    params.push(filter.before.at.toISOString(), filter.before.id);
    where.push(`(date_trunc('milliseconds', l.at), l.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(Math.max(1, Math.min(500, filter.limit)));
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT l.id, l.at, l.actor_id, a.display_name, l.action, l.target_kind, l.target_id, l.before_state, l.after_state,
              l.reason, l.details FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY date_trunc('milliseconds', l.at) DESC, l.id DESC LIMIT $${params.length}`,
      params,
    )
  ).rows;
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at as string),
    actorId: (r.actor_id as string | null) ?? null,
    actorName: (r.display_name as string | null) ?? null,
    action: r.action as string,
    targetKind: r.target_kind as string,
    targetId: r.target_id as string,
    beforeState: (r.before_state as string | null) ?? null,
    afterState: (r.after_state as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown>,
  }));
}

export async function listModerators(db: Queryable) {
  return (
    await db.query<{ id: string; display_name: string; role: string }>(
      `SELECT id, display_name, role FROM accounts WHERE role IN ('moderator', 'admin') ORDER BY display_name LIMIT 200`,
    )
  ).rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

/** A decision that changes no state (dismissing reports, turning down an appeal) still moves the version on. */
export async function bumpItemVersion(db: Queryable, kind: ItemKind, id: string): Promise<void> {
  await db.query(`UPDATE ${ITEM_TABLES[kind]} SET version = version + 1 WHERE id = $1`, [id]);
}

/** The reason key of the latest moderator decision per item (for telling authors why, in policy words). */
export async function latestModeratorReasons(db: Queryable, kind: ItemKind, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = (
    await db.query<{ target_id: string; reason_key: string | null }>(
      `SELECT DISTINCT ON (target_id) target_id, details->>'reasonKey' AS reason_key FROM audit_log
       WHERE target_kind = $1 AND target_id = ANY($2::text[]) AND actor_id IS NOT NULL AND action LIKE 'moderator.%'
       ORDER BY target_id, id DESC`,
      [kind, ids],
    )
  ).rows;
  return new Map(rows.map((r) => [r.target_id, r.reason_key]));
}
