import type { Queryable } from './database.js';

export interface MerchantRecord {
  id: string;
  slug: string;
  name: string;
  domain: string | null;
}

export interface ProductRecord {
  id: string;
  merchantId: string;
  merchantName: string;
  slug: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  url: string | null;
}

export async function insertMerchant(db: Queryable, merchant: MerchantRecord & { createdAt?: Date }) {
  await db.query('INSERT INTO merchants (id, slug, name, domain, created_at) VALUES ($1, $2, $3, $4, $5)', [
    merchant.id,
    merchant.slug,
    merchant.name,
    merchant.domain,
    merchant.createdAt ?? new Date(),
  ]);
}

export async function insertProduct(db: Queryable, product: Omit<ProductRecord, 'merchantName'> & { createdAt?: Date }) {
  await db.query(
    `INSERT INTO products (id, merchant_id, slug, sku, name, description, category, url, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      product.id,
      product.merchantId,
      product.slug,
      product.sku,
      product.name,
      product.description,
      product.category,
      product.url,
      product.createdAt ?? new Date(),
    ],
  );
}

interface ProductRow {
  id: string;
  merchant_id: string;
  merchant_name: string;
  slug: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  url: string | null;
}

const SELECT_PRODUCT = `SELECT p.id, p.merchant_id, m.name AS merchant_name, p.slug, p.sku, p.name, p.description,
  p.category, p.url FROM products p JOIN merchants m ON m.id = p.merchant_id`;

function toProduct(row: ProductRow): ProductRecord {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    slug: row.slug,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    url: row.url,
  };
}

export async function findProductBySlug(db: Queryable, slug: string): Promise<ProductRecord | null> {
  const row = (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.slug = $1`, [slug])).rows[0];
  return row ? toProduct(row) : null;
}

/** A product as merchants address it (the widget, the API): by their own SKU, not by Candor's slug. */
export async function findProductByMerchantSku(db: Queryable, merchantId: string, sku: string): Promise<ProductRecord | null> {
  const row = (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.merchant_id = $1 AND p.sku = $2`, [merchantId, sku])).rows[0];
  return row ? toProduct(row) : null;
}

export async function findProductById(db: Queryable, id: string): Promise<ProductRecord | null> {
  const row = (await db.query<ProductRow>(`${SELECT_PRODUCT} WHERE p.id = $1`, [id])).rows[0];
  return row ? toProduct(row) : null;
}

export interface ProductWithSummary extends ProductRecord {
  reviewCount: number;
  averageRating: number | null;
}

export async function listProductsWithSummary(db: Queryable): Promise<ProductWithSummary[]> {
  const rows = (
    await db.query<ProductRow & { review_count: number; average: number | null }>(
      `SELECT p.id, p.merchant_id, m.name AS merchant_name, p.slug, p.sku, p.name, p.description, p.category, p.url,
         count(r.id)::int AS review_count, avg(r.rating)::float8 AS average
       FROM products p JOIN merchants m ON m.id = p.merchant_id
       LEFT JOIN reviews r ON r.product_id = p.id AND r.status = 'published'
       GROUP BY p.id, m.name ORDER BY p.category, p.name`,
    )
  ).rows;
  return rows.map((row) => ({ ...toProduct(row), reviewCount: row.review_count, averageRating: row.average }));
}

export async function insertOrder(
  db: Queryable,
  order: { id: string; merchantId: string; productId: string; accountId: string | null; email: string | null; orderedAt: Date },
) {
  await db.query('INSERT INTO orders (id, merchant_id, product_id, account_id, email, ordered_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    order.id,
    order.merchantId,
    order.productId,
    order.accountId,
    order.email,
    order.orderedAt,
  ]);
}

export async function findOrder(db: Queryable, id: string) {
  const row = (
    await db.query<{ id: string; product_id: string; account_id: string | null; ordered_at: Date }>(
      'SELECT id, product_id, account_id, ordered_at FROM orders WHERE id = $1',
      [id],
    )
  ).rows[0];
  return row ? { id: row.id, productId: row.product_id, accountId: row.account_id, orderedAt: new Date(row.ordered_at) } : null;
}

/** The account's most recent order of this product, if any: what makes a review a verified purchase. */
export async function findOrderForReview(db: Queryable, accountId: string, productId: string) {
  const row = (
    await db.query<{ id: string; ordered_at: Date }>(
      `SELECT id, ordered_at FROM orders WHERE account_id = $1 AND product_id = $2 ORDER BY ordered_at DESC LIMIT 1`,
      [accountId, productId],
    )
  ).rows[0];
  return row ? { id: row.id, orderedAt: new Date(row.ordered_at) } : null;
}
