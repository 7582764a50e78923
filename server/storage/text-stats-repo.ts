// Document frequencies of text keys per product and per category (see migration 0350). Written in the posting
// transaction, read by loadContext with two indexed lookups.
import type { Queryable } from './database.js';
import type { TextKeyStats } from '../integrity/types.js';

async function adjust(db: Queryable, scopes: string[], keys: string[], delta: 1 | -1): Promise<void> {
  // Scope totals and key counts in one statement (two CTE writes on different tables).
  await db.query(
    `WITH totals AS (
       INSERT INTO text_scope_docs (scope, docs) SELECT s, $3 FROM unnest($1::text[]) AS s
       ON CONFLICT (scope) DO UPDATE SET docs = text_scope_docs.docs + EXCLUDED.docs RETURNING 1)
     INSERT INTO text_key_docs (scope, key, docs) SELECT s, k, $3 FROM unnest($1::text[]) AS s CROSS JOIN unnest($2::text[]) AS k
     ON CONFLICT (scope, key) DO UPDATE SET docs = text_key_docs.docs + EXCLUDED.docs`,
    [scopes, keys, delta],
  );
}

/** Counts a review's keys in its product and category, replacing what an earlier version of the review counted. */
export async function replaceTextKeyStats(db: Queryable, reviewId: string, productId: string, keys: string[], fresh = false): Promise<void> {
  const unique = [...new Set(keys)];
  // `fresh`: the review was inserted in this transaction and has no keys counted yet (one statement fewer).
  const previous = fresh
    ? undefined
    : (
        await db.query<{ scope_product: string; scope_category: string; keys: string[] }>(
          'DELETE FROM review_text_keys WHERE review_id = $1 RETURNING scope_product, scope_category, keys',
          [reviewId],
        )
      ).rows[0];
  if (previous) await adjust(db, [previous.scope_product, previous.scope_category], previous.keys, -1);
  await db.query(`WITH ${countTextKeysCtes('$1', '$2', '$3')} SELECT 1`, [reviewId, productId, unique]);
}

/**
 * A review's keys, its scopes' totals and its keys' counts as CTE writes on three tables, for one statement (nothing
 * when the product is gone): used here and in the posting's single write (review-repo insertCheckedReview). The
 * arguments are the statement's parameter placeholders for the review id, the product id and the unique keys (text[]).
 */
export function countTextKeysCtes(review: string, product: string, keys: string): string {
  return `mine AS (
       INSERT INTO review_text_keys (review_id, scope_product, scope_category, keys)
       SELECT ${review}, 'p:' || p.id, 'c:' || p.category, ${keys} FROM products p WHERE p.id = ${product}
       RETURNING scope_product, scope_category),
     scopes AS (SELECT unnest(ARRAY[scope_product, scope_category]) AS s FROM mine),
     totals AS (
       INSERT INTO text_scope_docs (scope, docs) SELECT s, 1 FROM scopes
       ON CONFLICT (scope) DO UPDATE SET docs = text_scope_docs.docs + EXCLUDED.docs),
     key_docs AS (
       INSERT INTO text_key_docs (scope, key, docs) SELECT s, k, 1 FROM scopes CROSS JOIN unnest(${keys}::text[]) AS k
       ON CONFLICT (scope, key) DO UPDATE SET docs = text_key_docs.docs + EXCLUDED.docs)`;
}

/**
 * The counts of `keys` among the product's and its category's reviews, and how many reviews each scope has. When the
 * review being checked was counted already (a re-assessment), its own contribution is taken out again.
 */
export async function loadTextKeyStats(db: Queryable, reviewId: string, productId: string, keys: string[]): Promise<TextKeyStats> {
  // The scopes' totals and the keys' counts in one round trip: the key counts come back as a JSON array beside them.
  const head = (
    await db.query<{
      category: string;
      product_docs: number | null;
      category_docs: number | null;
      self_product: string | null;
      self_category: string | null;
      self_keys: string[] | null;
      key_docs: { scope: string; key: string; docs: number }[] | null;
    }>(
      `SELECT p.category,
         (SELECT d.docs FROM text_scope_docs d WHERE d.scope = 'p:' || p.id) AS product_docs,
         (SELECT d.docs FROM text_scope_docs d WHERE d.scope = 'c:' || p.category) AS category_docs,
         k.scope_product AS self_product, k.scope_category AS self_category, k.keys AS self_keys,
         (SELECT json_agg(json_build_object('scope', t.scope, 'key', t.key, 'docs', t.docs)) FROM text_key_docs t
          WHERE t.scope = ANY(ARRAY['p:' || p.id, 'c:' || p.category]) AND t.key = ANY($3::text[]) AND t.docs > 0) AS key_docs
       FROM products p LEFT JOIN review_text_keys k ON k.review_id = $2 WHERE p.id = $1`,
      [productId, reviewId, [...new Set(keys)]],
    )
  ).rows[0];
  const category = head?.category ?? 'general';
  const scopes = [`p:${productId}`, `c:${category}`];
  const productKeyDocs: Record<string, number> = {};
  const categoryKeyDocs: Record<string, number> = {};
  for (const r of head?.key_docs ?? []) (r.scope === scopes[0] ? productKeyDocs : categoryKeyDocs)[r.key] = Number(r.docs);
  let productDocs = Number(head?.product_docs ?? 0);
  let categoryDocs = Number(head?.category_docs ?? 0);
  if (head?.self_keys) {
    const own = new Set(head.self_keys);
    if (head.self_product === scopes[0]) {
      productDocs -= 1;
      for (const k of Object.keys(productKeyDocs)) if (own.has(k)) productKeyDocs[k]! -= 1;
    }
    if (head.self_category === scopes[1]) {
      categoryDocs -= 1;
      for (const k of Object.keys(categoryKeyDocs)) if (own.has(k)) categoryKeyDocs[k]! -= 1;
    }
  }
  return { category, productDocs, categoryDocs, productKeyDocs, categoryKeyDocs };
}
