import type { Queryable } from './database.js';

export interface MerchantSummary {
  id: string;
  slug: string;
  name: string;
}

export interface MerchantProduct {
  id: string;
  slug: string;
  sku: string;
  name: string;
  category: string;
  url: string | null;
  description: string;
  reviewCount: number;
  averageRating: number | null;
}

export async function findMerchant(db: Queryable, merchantId: string): Promise<MerchantSummary | null> {
  const row = (await db.query<MerchantSummary>('SELECT id, slug, name FROM merchants WHERE id = $1', [merchantId])).rows[0];
  return row ?? null;
}

export async function listMerchantsByIds(db: Queryable, ids: string[]): Promise<MerchantSummary[]> {
  if (ids.length === 0) return [];
  return (await db.query<MerchantSummary>('SELECT id, slug, name FROM merchants WHERE id = ANY($1::text[]) ORDER BY name', [ids])).rows;
}

// ---- products ----

interface ProductRow {
  id: string;
  slug: string;
  sku: string;
  name: string;
  category: string;
  url: string | null;
  description: string;
  review_count: number;
  average: number | null;
}

const toProduct = (r: ProductRow): MerchantProduct => ({
  id: r.id,
  slug: r.slug,
  sku: r.sku,
  name: r.name,
  category: r.category,
  url: r.url,
  description: r.description,
  reviewCount: r.review_count,
  averageRating: r.average,
});

const SELECT_PRODUCT = `SELECT p.id, p.slug, p.sku, p.name, p.category, p.url, p.description,
    (SELECT count(*)::int FROM reviews r WHERE r.product_id = p.id AND r.status = 'published') AS review_count,
    (SELECT avg(r.rating)::float8 FROM reviews r WHERE r.product_id = p.id AND r.status = 'published') AS average
  FROM products p`;

export async function listMerchantProducts(db: Queryable, merchantId: string): Promise<MerchantProduct[]> {
  return (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.merchant_id = $1 ORDER BY p.name`, [merchantId])).rows.map(toProduct);
}

/** Scoped by merchant: another merchant's product id finds nothing. */
export async function findMerchantProduct(db: Queryable, merchantId: string, productId: string): Promise<MerchantProduct | null> {
  const row = (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.merchant_id = $1 AND p.id = $2`, [merchantId, productId])).rows[0];
  return row ? toProduct(row) : null;
}

export async function findMerchantProductBySku(db: Queryable, merchantId: string, sku: string): Promise<MerchantProduct | null> {
  const row = (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.merchant_id = $1 AND p.sku = $2`, [merchantId, sku])).rows[0];
  return row ? toProduct(row) : null;
}

export async function skuTaken(db: Queryable, merchantId: string, sku: string, exceptProductId: string | null): Promise<boolean> {
  const rows = (await db.query('SELECT 1 FROM products WHERE merchant_id = $1 AND sku = $2 AND id <> $3', [merchantId, sku, exceptProductId ?? ''])).rows;
  return rows.length > 0;
}

export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM products WHERE slug = $1', [slug])).rows.length > 0;
}

export async function updateMerchantProduct(
  db: Queryable,
  merchantId: string,
  productId: string,
  fields: { sku: string; name: string; category: string; url: string | null; description: string },
): Promise<boolean> {
  const rows = (
    await db.query(
      `UPDATE products SET sku = $3, name = $4, category = $5, url = $6, description = $7
       WHERE merchant_id = $1 AND id = $2 RETURNING id`,
      [merchantId, productId, fields.sku, fields.name, fields.category, fields.url, fields.description],
    )
  ).rows;
  return rows.length === 1;
}

// ---- embed origins ----

export async function listEmbedOrigins(db: Queryable, merchantId: string): Promise<{ origin: string; createdAt: Date }[]> {
  const rows = (
    await db.query<{ origin: string; created_at: Date }>('SELECT origin, created_at FROM merchant_embed_origins WHERE merchant_id = $1 ORDER BY origin', [
      merchantId,
    ])
  ).rows;
  return rows.map((r) => ({ origin: r.origin, createdAt: new Date(r.created_at) }));
}

export async function addEmbedOrigin(db: Queryable, merchantId: string, origin: string, at: Date): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO merchant_embed_origins (merchant_id, origin, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id, origin) DO NOTHING RETURNING origin`,
      [merchantId, origin, at],
    )
  ).rows;
  return rows.length === 1;
}

export async function removeEmbedOrigin(db: Queryable, merchantId: string, origin: string): Promise<boolean> {
  const rows = (await db.query('DELETE FROM merchant_embed_origins WHERE merchant_id = $1 AND origin = $2 RETURNING origin', [merchantId, origin])).rows;
  return rows.length === 1;
}

export async function isEmbedOriginAllowed(db: Queryable, merchantId: string, origin: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM merchant_embed_origins WHERE merchant_id = $1 AND origin = $2', [merchantId, origin])).rows.length > 0;
}

// ---- staff ----

export interface StaffMember {
  accountId: string;
  email: string;
  displayName: string;
  canManage: boolean;
  createdAt: Date;
}

export async function listStaff(db: Queryable, merchantId: string): Promise<StaffMember[]> {
  const rows = (
    await db.query<{ account_id: string; email: string; display_name: string; can_manage: boolean; created_at: Date }>(
      `SELECT s.account_id, a.email, a.display_name, s.can_manage, s.created_at
       FROM merchant_staff s JOIN accounts a ON a.id = s.account_id
       WHERE s.merchant_id = $1 ORDER BY s.can_manage DESC, a.email`,
      [merchantId],
    )
  ).rows;
  return rows.map((r) => ({
    accountId: r.account_id,
    email: r.email,
    displayName: r.display_name,
    canManage: r.can_manage,
    createdAt: new Date(r.created_at),
  }));
}

export async function insertDeclaredStaff(db: Queryable, merchantId: string, accountId: string, at: Date): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO merchant_staff (merchant_id, account_id, can_manage, created_at) VALUES ($1, $2, false, $3)
       ON CONFLICT (merchant_id, account_id) DO NOTHING RETURNING account_id`,
      [merchantId, accountId, at],
    )
  ).rows;
  return rows.length === 1;
}

/** Only declared staff (not members who manage the area) can be removed here. */
export async function deleteDeclaredStaff(db: Queryable, merchantId: string, accountId: string): Promise<boolean> {
  const rows = (
    await db.query('DELETE FROM merchant_staff WHERE merchant_id = $1 AND account_id = $2 AND NOT can_manage RETURNING account_id', [merchantId, accountId])
  ).rows;
  return rows.length === 1;
}

// ---- reviews and replies ----

export interface MerchantReviewRow {
  id: string;
  productName: string;
  productSlug: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verified: boolean;
  createdAt: Date;
  reply: { body: string; at: Date } | null;
}

export async function listPublishedReviewsForMerchant(
  db: Queryable,
  merchantId: string,
  opts: { limit: number; offset: number; unrepliedOnly: boolean },
): Promise<{ rows: MerchantReviewRow[]; total: number }> {
  const where = `r.merchant_id = $1 AND r.status = 'published'${opts.unrepliedOnly ? ' AND mr.review_id IS NULL' : ''}`;
  const total = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id WHERE ${where}`, [merchantId])
  ).rows[0]!.n;
  const rows = (
    await db.query<{
      id: string;
      product_name: string;
      product_slug: string;
      author_name: string;
      rating: number;
      title: string;
      body: string;
      order_id: string | null;
      created_at: Date;
      reply_body: string | null;
      reply_at: Date | null;
    }>(
      `SELECT r.id, p.name AS product_name, p.slug AS product_slug, a.display_name AS author_name, r.rating, r.title, r.body,
         r.order_id, r.created_at, mr.body AS reply_body, mr.updated_at AS reply_at
       FROM reviews r JOIN products p ON p.id = r.product_id JOIN accounts a ON a.id = r.account_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`,
      [merchantId, opts.limit, opts.offset],
    )
  ).rows;
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      productName: r.product_name,
      productSlug: r.product_slug,
      authorName: r.author_name,
      rating: r.rating,
      title: r.title,
      body: r.body,
      verified: r.order_id !== null,
      createdAt: new Date(r.created_at),
      reply: r.reply_body !== null ? { body: r.reply_body, at: new Date(r.reply_at!) } : null,
    })),
  };
}

/** Published reviews per calendar month (UTC) for the merchant's dashboard. */
export async function monthlyRatings(
  db: Queryable,
  merchantId: string,
  since: Date,
): Promise<{ month: string; count: number; average: number; verified: number }[]> {
  const rows = (
    await db.query<{ month: string; n: number; average: number; verified: number }>(
      `SELECT to_char(date_trunc('month', r.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
         count(*)::int AS n, avg(r.rating)::float8 AS average, count(r.order_id)::int AS verified
       FROM reviews r WHERE r.merchant_id = $1 AND r.status = 'published' AND r.created_at >= $2
       GROUP BY 1 ORDER BY 1`,
      [merchantId, since],
    )
  ).rows;
  return rows.map((r) => ({ month: r.month, count: r.n, average: r.average, verified: r.verified }));
}

export async function merchantTotals(db: Queryable, merchantId: string) {
  const row = (
    await db.query<{ published: number; average: number | null; verified: number; replied: number }>(
      `SELECT count(*)::int AS published, avg(r.rating)::float8 AS average, count(r.order_id)::int AS verified,
         count(mr.review_id)::int AS replied
       FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published'`,
      [merchantId],
    )
  ).rows[0]!;
  return row;
}

// ---- public API ----

/** A published review as the public surfaces give it (listed by the reviews tab's query, read as nobody). */
export interface PublicReviewRow {
  id: string;
  /** The author's account, for their public track record (reviewer-record.ts). */
  accountId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verified: boolean;
  incentiveKind: string | null;
  helpfulCount: number;
  createdAt: Date;
  updatedAt: Date;
  reply: { body: string; at: Date } | null;
}

export async function merchantIdOfReview(db: Queryable, reviewId: string): Promise<string | null> {
  const row = (await db.query<{ merchant_id: string }>('SELECT merchant_id FROM reviews WHERE id = $1', [reviewId])).rows[0];
  return row?.merchant_id ?? null;
}

export async function canManageMerchant(db: Queryable, accountId: string, merchantId: string): Promise<boolean> {
  const rows = (await db.query('SELECT 1 FROM merchant_staff WHERE account_id = $1 AND merchant_id = $2 AND can_manage', [accountId, merchantId])).rows;
  return rows.length > 0;
}

/** Every merchant's display name: people may not sign up under one of them. */
export async function listMerchantNames(db: Queryable): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT name FROM merchants ORDER BY name')).rows.map((r) => r.name);
}
