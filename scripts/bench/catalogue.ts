// A realistic catalogue filled in bulk with SQL (multi-row inserts and INSERT … SELECT): reviews spread over two
// years and many products with a skewed share (a few popular products, a long tail), texts drawn from shared
// templates so MinHash bands collide as real near-duplicates do, identifiers shared by households and by popular
// browsers. Used by `npm run bench` and `npm run bench:integrity`.
import { mulberry32 } from '../../server/integrity/seeded-random.js';
import { lshBands } from '../../server/integrity/text-fingerprint.js';
import type { Database } from '../../server/storage/database.js';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
export const START = Date.parse('2024-06-01T00:00:00Z');
export const SPAN_DAYS = 730;

export const rng = mulberry32;

const VOCAB = Array.from({ length: 1500 }, (_, i) => `w${(i * 7919).toString(36)}`);
function templateText(r: () => number): string {
  const n = 18 + Math.floor(r() * 40);
  return Array.from({ length: n }, () => VOCAB[Math.floor(r() ** 1.6 * VOCAB.length)]!).join(' ');
}

async function insertRows(db: Database, sql: (placeholders: string) => string, rows: unknown[][], width: number) {
  const batch = Math.floor(30_000 / width);
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const placeholders = chunk.map((_, j) => `(${Array.from({ length: width }, (_, k) => `$${j * width + k + 1}`).join(', ')})`).join(', ');
    await db.query(sql(placeholders), chunk.flat());
  }
}

export async function fillCatalogue(db: Database, n: number): Promise<{ templates: string[]; products: number; accounts: number }> {
  const r = rng(n);
  const products = Math.max(50, Math.round(n / 100));
  const accounts = Math.max(200, Math.round(n / 4));
  const templateCount = Math.max(500, Math.round(n / 20));
  const templates = Array.from({ length: templateCount }, () => templateText(r));
  // Bulk loading skips triggers and foreign-key checks (the rows are consistent by construction) when the
  // connection may do so; the content version is bumped once at the end instead.
  const replica = await db.query('SET session_replication_role = replica').then(
    () => true,
    () => false,
  );

  await db.query(
    `INSERT INTO merchants (id, slug, name, domain) SELECT 'm' || i, 'm' || i, 'Merchant ' || i, 'm' || i || '.example' FROM generate_series(1, 50) i`,
  );
  await db.query(
    `INSERT INTO products (id, merchant_id, slug, sku, name) SELECT 'p' || i, 'm' || (1 + i % 50), 'p' || i, 'p' || i, 'Product ' || i FROM generate_series(1, $1::int) i`,
    [products],
  );
  await db.query(
    `INSERT INTO accounts (id, email, display_name, created_at)
     SELECT 'a' || i, 'person' || i || '@mail' || (i % 97) || '.example', 'Person ' || i, $2::timestamptz - ((i % 900) || ' days')::interval
     FROM generate_series(1, $1::int) i`,
    [accounts, new Date(START)],
  );
  await db.query(`CREATE TEMP TABLE bench_templates (t int PRIMARY KEY, title text, body text)`);
  await insertRows(
    db,
    (p) => `INSERT INTO bench_templates (t, title, body) VALUES ${p}`,
    templates.map((body, t) => [t, `Title ${t % 300}`, body]),
    3,
  );
  await db.query(`CREATE TEMP TABLE bench_template_bands (t int, band text)`);
  const bandRows: unknown[][] = [];
  templates.forEach((body, t) => {
    for (const band of lshBands(`Title ${t % 300}\n${body}`)) bandRows.push([t, band]);
  });
  await insertRows(db, (p) => `INSERT INTO bench_template_bands (t, band) VALUES ${p}`, bandRows, 2);
  await db.query('CREATE INDEX ON bench_template_bands (t)');
  log(`  templates and bands prepared (${templateCount} templates)`);

  // Products get a skewed share of reviews (a few popular ones, a long tail), accounts likewise.
  await db.query(
    `INSERT INTO reviews (id, product_id, merchant_id, account_id, rating, title, body, status, created_at, updated_at, order_id)
     SELECT 'r' || i, 'p' || pr, 'm' || (1 + pr % 50), 'a' || (1 + floor(power(random(), 1.3) * $2)::int),
       1 + floor(random() * 5)::int, t.title, t.body, 'published', ts, ts, NULL
     FROM generate_series(1, $1::int) i
     CROSS JOIN LATERAL (SELECT 1 + floor(power(random(), 2) * $3)::int AS pr,
       $4::timestamptz + random() * $5::int * interval '1 day' AS ts, (i % $6) AS tn) g
     JOIN bench_templates t ON t.t = g.tn`,
    [n, accounts - 1, products - 1, new Date(START), SPAN_DAYS, templateCount],
  );
  log('  reviews inserted');
  await db.query(
    `INSERT INTO review_text_bands (band, review_id)
     SELECT DISTINCT b.band, 'r' || i FROM generate_series(1, $1::int) i JOIN bench_template_bands b ON b.t = i % $2`,
    [n, templateCount],
  );
  log('  text bands inserted');
  // Identifiers: households share an ip (≈2 accounts each), ip prefixes and browsers are shared widely.
  await db.query(
    `INSERT INTO account_identifiers (kind, value, account_id, first_seen, last_seen)
     SELECT k.kind, k.value, 'a' || i, $2::timestamptz, $2::timestamptz FROM generate_series(1, $1::int) i
     CROSS JOIN LATERAL (VALUES
       ('ip', '81.' || (i / 2 / 65536 % 256) || '.' || (i / 2 / 256 % 256) || '.' || (i / 2 % 256)),
       ('ip_prefix', '81.' || (i / 2 / 65536 % 256) || '.' || (i / 2 / 256 % 256) || '.0/24'),
       ('ua', 'ua' || (i % 400)),
       ('email_norm', 'person' || i || '@mail' || (i % 97) || '.example')) AS k(kind, value)`,
    [accounts, new Date(START)],
  );
  await db.query(
    `INSERT INTO product_daily (product_id, day, count, rating_sum, verified_count)
     SELECT product_id, created_at::date, count(*), sum(rating), count(order_id) FROM reviews GROUP BY 1, 2`,
  );
  if (replica) {
    await db.query('RESET session_replication_role');
    // The per-product counts a trigger keeps were skipped with the triggers: computed once here.
    await db.query(`DELETE FROM product_rating_counts`);
    await db.query(
      `INSERT INTO product_rating_counts (product_id, rating, published, verified)
       SELECT product_id, rating, count(*), count(order_id) FROM reviews WHERE status = 'published' GROUP BY product_id, rating`,
    );
  }
  await db.query('UPDATE content_version SET version = version + 1 WHERE id = 1');
  await db.query('ANALYZE');
  log('  identifiers, daily counts and statistics done');
  return { templates, products, accounts };
}
