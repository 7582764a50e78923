// Document frequencies of text keys per product and per category (see migration 0350). Written in the posting
// transaction, read by loadContext with two indexed lookups.
import type { Queryable } from './database.js';
import type { TextKeyStats } from '../integrity/types.js';

const productScope = (productId: string) => `p:${productId}`;
const categoryScope = (category: string) => `c:${category}`;

async function adjust(db: Queryable, scopes: string[], keys: string[], delta: 1 | -1): Promise<void> {
  await db.query(
    `INSERT INTO text_scope_docs (scope, docs) SELECT s, $2 FROM unnest($1::text[]) AS s
     ON CONFLICT (scope) DO UPDATE SET docs = text_scope_docs.docs + EXCLUDED.docs`,
    [scopes, delta],
  );
  if (keys.length === 0) return;
  await db.query(
    `INSERT INTO text_key_docs (scope, key, docs) SELECT s, k, $3 FROM unnest($1::text[]) AS s CROSS JOIN unnest($2::text[]) AS k
     ON CONFLICT (scope, key) DO UPDATE SET docs = text_key_docs.docs + EXCLUDED.docs`,
    [scopes, keys, delta],
  );
}

/** Counts a review's keys in its product and category, replacing what an earlier version of the review counted. */
export async function replaceTextKeyStats(db: Queryable, reviewId: string, productId: string, keys: string[]): Promise<void> {
  const unique = [...new Set(keys)];
  const previous = (
    await db.query<{ scope_product: string; scope_category: string; keys: string[] }>(
      'DELETE FROM review_text_keys WHERE review_id = $1 RETURNING scope_product, scope_category, keys',
      [reviewId],
    )
  ).rows[0];
  if (previous) await adjust(db, [previous.scope_product, previous.scope_category], previous.keys, -1);
  const category = (await db.query<{ category: string }>('SELECT category FROM products WHERE id = $1', [productId])).rows[0]?.category ?? 'general';
  const scopes = [productScope(productId), categoryScope(category)];
  await adjust(db, scopes, unique, 1);
  await db.query('INSERT INTO review_text_keys (review_id, scope_product, scope_category, keys) VALUES ($1, $2, $3, $4)', [
    reviewId,
    scopes[0],
    scopes[1],
    unique,
  ]);
}

/**
 * The counts of `keys` among the product's and its category's reviews, and how many reviews each scope has. When the
 * review being checked was counted already (a re-assessment), its own contribution is taken out again.
 */
export async function loadTextKeyStats(db: Queryable, reviewId: string, productId: string, keys: string[]): Promise<TextKeyStats> {
  const category = (await db.query<{ category: string }>('SELECT category FROM products WHERE id = $1', [productId])).rows[0]?.category ?? 'general';
  const scopes = [productScope(productId), categoryScope(category)];
  const docs = (await db.query<{ scope: string; docs: number }>('SELECT scope, docs FROM text_scope_docs WHERE scope = ANY($1::text[])', [scopes])).rows;
  const docsOf = (scope: string) => Number(docs.find((d) => d.scope === scope)?.docs ?? 0);
  const productKeyDocs: Record<string, number> = {};
  const categoryKeyDocs: Record<string, number> = {};
  if (keys.length > 0) {
    const rows = (
      await db.query<{ scope: string; key: string; docs: number }>(
        'SELECT scope, key, docs FROM text_key_docs WHERE scope = ANY($1::text[]) AND key = ANY($2::text[]) AND docs > 0',
        [scopes, [...new Set(keys)]],
      )
    ).rows;
    for (const r of rows) (r.scope === scopes[0] ? productKeyDocs : categoryKeyDocs)[r.key] = Number(r.docs);
  }
  const self = (
    await db.query<{ scope_product: string; scope_category: string; keys: string[] }>('SELECT scope_product, scope_category, keys FROM review_text_keys WHERE review_id = $1', [
      reviewId,
    ])
  ).rows[0];
  let productDocs = docsOf(scopes[0]!);
  let categoryDocs = docsOf(scopes[1]!);
  if (self) {
    const own = new Set(self.keys);
    if (self.scope_product === scopes[0]) {
      productDocs -= 1;
      for (const k of Object.keys(productKeyDocs)) if (own.has(k)) productKeyDocs[k]! -= 1;
    }
    if (self.scope_category === scopes[1]) {
      categoryDocs -= 1;
      for (const k of Object.keys(categoryKeyDocs)) if (own.has(k)) categoryKeyDocs[k]! -= 1;
    }
  }
  return { category, productDocs, categoryDocs, productKeyDocs, categoryKeyDocs };
}
