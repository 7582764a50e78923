import { expect } from 'chai';
import { createAccount } from '../../server/accounts/accounts.js';
import type { Database } from '../../server/storage/database.js';
import { insertPendingReview, setReviewState, updateReviewContent } from '../../server/storage/review-repo.js';
import { ratingSummary } from '../../server/storage/reviews-tab-repo.js';
import { addOrder, createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

/** The summary counted from the reviews themselves: what the kept counts must always equal. */
async function countedSummary(db: Database, productId: string) {
  const rows = (
    await db.query<{ rating: number; n: number; verified: number }>(
      `SELECT rating, count(*)::int AS n, count(order_id)::int AS verified FROM reviews
       WHERE product_id = $1 AND status = 'published' GROUP BY rating`,
      [productId],
    )
  ).rows;
  const histogram = [0, 0, 0, 0, 0];
  let verified = 0;
  for (const row of rows) {
    histogram[row.rating - 1] = row.n;
    verified += row.verified;
  }
  return { histogram, verifiedCount: verified };
}

describe('per-product rating counts', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  const ids: string[] = [];

  const expectInStep = async () => {
    const kept = await ratingSummary(ctx.db, catalog.product.id);
    const counted = await countedSummary(ctx.db, catalog.product.id);
    expect({ histogram: kept.histogram, verifiedCount: kept.verifiedCount }).to.deep.equal(counted);
    return kept;
  };

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    for (let i = 0; i < 6; i++) {
      const account = await createAccount(ctx.db, {
        displayName: `Counter ${i}`,
        email: `counter${i}@mail${i}.example`,
        passwordHash: null,
        ip: `82.1.${i}.1`,
        userAgent: 'Test',
        at: new Date('2025-01-01T00:00:00Z'),
      });
      const orderId = i % 2 === 0 ? await addOrder(ctx.db, account.id, catalog.product.id, catalog.merchant.id, new Date('2025-02-01T00:00:00Z')) : null;
      const id = `r_count_${i}`;
      await insertPendingReview(ctx.db, {
        id,
        productId: catalog.product.id,
        merchantId: catalog.merchant.id,
        accountId: account.id,
        orderId,
        rating: 1 + (i % 5),
        title: `Title ${i}`,
        body: `A review body long enough, number ${i}.`,
        incentive: null,
        ip: null,
        userAgent: null,
        at: new Date('2025-03-01T00:00:00Z'),
      });
      ids.push(id);
    }
  });
  after(() => ctx.close());

  it('when reviews are pending, then they are not counted; when published, then they are', async () => {
    expect((await expectInStep()).count).to.equal(0);
    for (const id of ids) await setReviewState(ctx.db, id, 'published', [], 0);
    const summary = await expectInStep();
    expect(summary.count).to.equal(6);
    expect(summary.verifiedCount).to.equal(3);
  });

  it('when a moderator holds or removes a review, or a re-check rejects one, then it leaves the counts', async () => {
    await setReviewState(ctx.db, ids[0]!, 'held', ['sockpuppet'], 0.9);
    await setReviewState(ctx.db, ids[1]!, 'removed', [], 0);
    await setReviewState(ctx.db, ids[2]!, 'rejected', [], 1);
    expect((await expectInStep()).count).to.equal(3);
    await setReviewState(ctx.db, ids[0]!, 'published', [], 0); // an appeal upheld
    expect((await expectInStep()).count).to.equal(4);
  });

  it('when a published review is edited to another rating and published again, then it moves between stars', async () => {
    await updateReviewContent(ctx.db, ids[3]!, {
      rating: 5,
      title: 'Changed my mind',
      body: 'After a month it grew on me a lot.',
      incentive: null,
      ip: null,
      userAgent: null,
      at: new Date('2025-04-01T00:00:00Z'),
    });
    expect((await expectInStep()).count).to.equal(3); // back to pending while it is checked
    await setReviewState(ctx.db, ids[3]!, 'published', [], 0);
    const summary = await expectInStep();
    expect(summary.histogram[4]).to.be.greaterThan(0);
  });

  it('when a published review is deleted, then it leaves the counts in the same statement', async () => {
    await ctx.db.query('DELETE FROM reviews WHERE id = $1', [ids[4]!]);
    expect((await expectInStep()).count).to.equal(3);
  });
});
