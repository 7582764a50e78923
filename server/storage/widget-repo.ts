import type { ProductRecord } from './catalog-repo.js';
import type { Queryable } from './database.js';

/** A product as the widget addresses it: by the merchant's own SKU, not by Candor's slug. */
export async function findProductByMerchantSku(db: Queryable, merchantId: string, sku: string): Promise<ProductRecord | null> {
  const row = (
    await db.query<{
      id: string;
      merchant_id: string;
      merchant_name: string;
      slug: string;
      sku: string;
      name: string;
      description: string;
      category: string;
      url: string | null;
    }>(
      `SELECT p.id, p.merchant_id, m.name AS merchant_name, p.slug, p.sku, p.name, p.description, p.category, p.url
       FROM products p JOIN merchants m ON m.id = p.merchant_id WHERE p.merchant_id = $1 AND p.sku = $2`,
      [merchantId, sku],
    )
  ).rows[0];
  return row
    ? {
        id: row.id,
        merchantId: row.merchant_id,
        merchantName: row.merchant_name,
        slug: row.slug,
        sku: row.sku,
        name: row.name,
        description: row.description,
        category: row.category,
        url: row.url,
      }
    : null;
}

/** The origins a merchant allows to embed the widget; null when there is no such merchant. */
export async function findEmbedOrigins(db: Queryable, merchantId: string): Promise<string[] | null> {
  const rows = (
    await db.query<{ origin: string | null }>(
      `SELECT o.origin FROM merchants m LEFT JOIN merchant_embed_origins o ON o.merchant_id = m.id
       WHERE m.id = $1 ORDER BY o.origin`,
      [merchantId],
    )
  ).rows;
  if (rows.length === 0) return null;
  return rows.flatMap((row) => (row.origin ? [row.origin] : []));
}
