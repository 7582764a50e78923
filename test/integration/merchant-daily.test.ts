import { expect } from 'chai';
import type { Database } from '../../server/storage/database.js';
import { countInProductDaily } from '../../server/storage/review-repo.js';
import { seedCatalog } from '../helpers/test-app.js';
import { createTestDatabase } from '../helpers/test-database.js';

// Every integrity check reads the merchant's reviews per day from merchant_daily (migration 2480), kept by a trigger
// on product_daily, instead of summing product_daily over all the merchant's products: the kept rows must equal that
// sum whatever way product_daily changes.
describe('merchant daily counts', function () {
  this.timeout(120_000);
  let db: Database;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  const kept = async () =>
    (
      await db.query<{ merchant_id: string; day: string; n: number }>(
        `SELECT merchant_id, to_char(day, 'YYYY-MM-DD') AS day, count AS n FROM merchant_daily WHERE count <> 0 ORDER BY 1, 2`,
      )
    ).rows;
  const summed = async () =>
    (
      await db.query<{ merchant_id: string; day: string; n: number }>(
        `SELECT p.merchant_id, to_char(d.day, 'YYYY-MM-DD') AS day, sum(d.count)::int AS n
         FROM product_daily d JOIN products p ON p.id = d.product_id GROUP BY 1, 2 HAVING sum(d.count) <> 0 ORDER BY 1, 2`,
      )
    ).rows;

  it('when reviews are counted, rows are loaded in bulk, changed or removed, then each merchant-day equals the sum of its products', async () => {
    const a = await seedCatalog(db, '_a');
    const b = await seedCatalog(db, '_b');
    const day1 = new Date('2026-03-01T10:00:00Z');
    const day2 = new Date('2026-03-02T23:59:00Z');
    await countInProductDaily(db, a.product.id, day1, 5, true);
    await countInProductDaily(db, a.other.id, day1, 3, false);
    await countInProductDaily(db, a.product.id, day1, 4, false);
    await countInProductDaily(db, b.product.id, day1, 1, false);
    await countInProductDaily(db, b.other.id, day2, 2, true);
    expect(await kept()).to.deep.equal([
      { merchant_id: a.merchant.id, day: '2026-03-01', n: 3 },
      { merchant_id: b.merchant.id, day: '2026-03-01', n: 1 },
      { merchant_id: b.merchant.id, day: '2026-03-02', n: 1 },
    ]);
    // A bulk load (as the bench's catalogue does), a correction and a removal go through the same trigger.
    await db.query(
      `INSERT INTO product_daily (product_id, day, count, rating_sum, verified_count)
       SELECT $1, '2026-02-01'::date + g, g, g * 4, 0 FROM generate_series(1, 20) g`,
      [a.other.id],
    );
    await db.query(`UPDATE product_daily SET count = count + 7 WHERE product_id = $1 AND day = '2026-03-01'`, [a.product.id]);
    await db.query(`UPDATE product_daily SET day = '2026-03-03' WHERE product_id = $1 AND day = '2026-03-02'`, [b.other.id]);
    await db.query(`DELETE FROM product_daily WHERE product_id = $1 AND day < '2026-02-10'`, [a.other.id]);
    const rows = await kept();
    expect(rows).to.deep.equal(await summed());
    expect(rows.find((r) => r.merchant_id === a.merchant.id && r.day === '2026-03-01')!.n).to.equal(10);
    expect(rows.find((r) => r.merchant_id === b.merchant.id && r.day === '2026-03-03')!.n).to.equal(1);
    expect(rows.filter((r) => r.merchant_id === a.merchant.id)).to.have.length(1 + 20 - 8);
  });

  it('when a review is counted on a product-day that has a row, then merchant_daily is written once, not twice', async () => {
    // Migration 2500: an update that keeps the product and the day writes the difference in one upsert. Before it,
    // the trigger took the old count out and put the new one in: two updates of the same merchant-day per review.
    const a = await seedCatalog(db, '_a');
    const day = new Date('2026-03-01T10:00:00Z');
    await countInProductDaily(db, a.product.id, day, 5, true);
    const writes = await db.transaction(async (tx) => {
      await countInProductDaily(tx, a.product.id, day, 4, false);
      return (
        await tx.query<{ n: number }>(
          `SELECT n_tup_upd::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'merchant_daily' AND schemaname = current_schema()`,
        )
      ).rows[0]!.n;
    });
    expect(writes).to.equal(1);
    expect(await kept()).to.deep.equal([{ merchant_id: a.merchant.id, day: '2026-03-01', n: 2 }]);
  });
});
