import type { Queryable } from './database.js';

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
